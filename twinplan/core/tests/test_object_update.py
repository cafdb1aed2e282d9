"""Checked updates of versioned objects, and publishing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from twinplan.core.errors import EditConflict
from twinplan.core.services import object_publish, object_update
from twinplan.programmes.models import Measure
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    return MeasureFactory(title="Solaranlage auf der Schule", progress_percent=20)


def test_an_edit_from_the_current_version_is_saved_and_bumps_the_version(measure):
    assert measure.version == 1

    object_update(obj=measure, expected_version=1, data={"title": "Solaranlage", "weight": 3})

    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.title, saved.weight, saved.version) == ("Solaranlage", 3, 2)
    assert measure.version == 2


def test_two_edits_in_a_row_each_bump_the_version(measure):
    object_update(obj=measure, expected_version=1, data={"title": "Erste Änderung"})
    object_update(obj=measure, expected_version=2, data={"title": "Zweite Änderung"})

    assert Measure.objects.get(pk=measure.pk).version == 3


def test_an_edit_without_an_expected_version_is_saved_and_still_bumps_it(measure):
    object_update(obj=measure, data={"title": "Solaranlage"})

    assert Measure.objects.get(pk=measure.pk).version == 2


def test_an_edit_from_a_stale_version_is_refused_and_leaves_the_row_alone(measure):
    # Bao saves first; Alice's form still holds version 1.
    object_update(obj=Measure.objects.get(pk=measure.pk), expected_version=1,
                  data={"title": "Bao's title"})
    alices_copy = Measure.objects.get(pk=measure.pk)

    with pytest.raises(EditConflict) as conflict:
        object_update(obj=alices_copy, expected_version=1, data={"title": "Alice's title"})

    assert (conflict.value.current_version, conflict.value.expected_version) == (2, 1)
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.title, saved.version) == ("Bao's title", 2)


def test_bad_data_leaves_the_row_and_its_version_unchanged(measure):
    with pytest.raises(ValidationError) as refused:
        object_update(obj=measure, expected_version=1,
                      data={"title": "Solaranlage", "progress_percent": 150})

    assert "progress_percent" in refused.value.message_dict
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.title, saved.progress_percent, saved.version) == (
        "Solaranlage auf der Schule", 20, 1,
    )


def test_after_bad_data_the_corrected_edit_can_be_retried(measure):
    with pytest.raises(ValidationError):
        object_update(obj=measure, expected_version=measure.version,
                      data={"progress_percent": 150})

    object_update(obj=measure, expected_version=measure.version, data={"progress_percent": 50})

    assert Measure.objects.get(pk=measure.pk).progress_percent == 50


def test_publishing_sets_the_date_and_unpublishing_clears_it(measure):
    object_publish(obj=measure, published=False)
    assert Measure.objects.get(pk=measure.pk).published_at is None

    before = timezone.now()
    object_publish(obj=measure)

    saved = Measure.objects.get(pk=measure.pk)
    assert saved.is_published
    assert saved.published_at is not None
    assert before <= saved.published_at <= timezone.now()

    object_publish(obj=measure, published=False)

    saved = Measure.objects.get(pk=measure.pk)
    assert not saved.is_published
    assert saved.published_at is None

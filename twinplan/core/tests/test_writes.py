"""The write mechanics every service uses: versions that refuse a stale edit, a save that
changes nothing writes nothing, bad data changes nothing, the history names its author,
and publishing keeps the version."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.errors import EditConflict
from twinplan.core.writes import object_change, object_set_published
from twinplan.programmes.models import Measure
from twinplan.programmes.tests.factories import GoalFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    return MeasureFactory(title="Solaranlage auf der Schule", weight=2)


def test_an_edit_from_the_current_version_is_saved_and_bumps_the_version(measure):
    saved = object_change(measure, by=None, expected_version=1,
                          values={"title": "Solaranlage", "weight": 3})

    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.title, stored.weight, stored.version) == ("Solaranlage", 3, 2)
    assert saved.version == 2


def test_a_save_that_changes_nothing_keeps_the_version_and_writes_no_history(measure):
    records = measure.history.count()

    saved = object_change(measure, by=None, expected_version=1,
                          values={"title": measure.title, "weight": 2})

    assert saved.version == Measure.objects.get(pk=measure.pk).version == 1
    assert measure.history.count() == records


def test_a_changed_link_alone_is_an_edit(measure):
    goal = GoalFactory(programme=measure.programme)

    saved = object_change(measure, by=None, expected_version=1, values={"goals": [goal]})

    assert saved.version == 2
    assert list(Measure.objects.get(pk=measure.pk).goals.all()) == [goal]


def test_an_edit_from_a_stale_version_is_refused_and_leaves_the_row_alone(measure):
    # Bao saves first; Alice's form still holds version 1.
    object_change(measure, by=None, expected_version=1, values={"title": "Bao's title"})

    with pytest.raises(EditConflict) as conflict:
        object_change(measure, by=None, expected_version=1, values={"title": "Alice's title"})

    assert (conflict.value.current_version, conflict.value.expected_version) == (2, 1)
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.title, stored.version) == ("Bao's title", 2)


def test_bad_data_leaves_the_row_and_its_version_unchanged(measure):
    with pytest.raises(ValidationError) as refused:
        object_change(measure, by=None, expected_version=1,
                      values={"title": "Solaranlage", "weight": 0})

    assert "weight" in refused.value.message_dict
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.title, stored.weight, stored.version) == ("Solaranlage auf der Schule", 2, 1)


def test_the_history_names_the_author(measure):
    alice = UserFactory(username="alice")

    object_change(measure, by=alice, expected_version=None, values={"title": "Neu"})

    assert measure.history.latest("history_date").history_user == alice


def test_a_field_that_is_not_written_is_a_programming_error(measure):
    with pytest.raises(TypeError):
        object_change(measure, by=None, expected_version=None, values={"actors": []})


def test_publishing_sets_the_date_keeps_the_version_and_is_recorded(measure):
    alice = UserFactory(username="alice")
    object_set_published(measure, by=alice, published=False)
    assert Measure.objects.get(pk=measure.pk).published_at is None

    before = timezone.now()
    object_set_published(measure, by=alice, published=True)

    stored = Measure.objects.get(pk=measure.pk)
    assert stored.is_published
    assert stored.published_at is not None
    assert before <= stored.published_at <= timezone.now()
    assert stored.version == 1
    latest = measure.history.latest("history_date")
    assert (latest.is_published, latest.history_user) == (True, alice)

    object_set_published(measure, by=alice, published=False)
    stored = Measure.objects.get(pk=measure.pk)
    assert not stored.is_published
    assert stored.published_at is None

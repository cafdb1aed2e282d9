"""An earlier value of a field, or a whole earlier state, is restored through the kind's
update service: validated, versioned and itself in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from twinplan.programmes.models import Measure
from twinplan.programmes.services import measure_update

pytestmark = pytest.mark.django_db


def _edits(measure, alice):
    measure = measure_update(measure, by=alice, expected_version=None, title="Solardach",
                             summary="Erste Fassung")
    first = measure.history.latest("history_date")
    measure = measure_update(measure, by=alice, expected_version=None, title="Solarschule",
                             summary="Zweite Fassung")
    return measure, first


def test_one_field_comes_back_and_the_restore_is_recorded(client, world, alice):
    measure, first = _edits(world.objects["measure"], alice)
    client.force_login(alice)
    url = reverse("workspace:measure_history_restore",
                  args=[world.partnership.slug, measure.pk, first.history_id])

    response = client.post(url, {"field": "title", "version": measure.version})

    assert response.status_code == 302
    restored = Measure.objects.get(pk=measure.pk)
    assert (restored.title, restored.summary) == ("Solardach", "Zweite Fassung")
    assert restored.version == measure.version + 1
    latest = restored.history.latest("history_date")
    assert (latest.title, latest.history_user) == ("Solardach", alice)


def test_a_whole_state_comes_back(client, world, alice):
    measure, first = _edits(world.objects["measure"], alice)
    client.force_login(alice)
    url = reverse("workspace:measure_history_restore",
                  args=[world.partnership.slug, measure.pk, first.history_id])

    response = client.post(url, {"version": measure.version}, follow=True)

    restored = Measure.objects.get(pk=measure.pk)
    assert (restored.title, restored.summary) == ("Solardach", "Erste Fassung")
    assert "The earlier version is restored." in response.content.decode()


def test_a_stale_restore_changes_nothing(client, world, alice):
    measure, first = _edits(world.objects["measure"], alice)
    client.force_login(alice)
    url = reverse("workspace:measure_history_restore",
                  args=[world.partnership.slug, measure.pk, first.history_id])

    response = client.post(url, {"field": "title", "version": measure.version - 1},
                           follow=True)

    assert Measure.objects.get(pk=measure.pk).title == "Solarschule"
    assert "nothing was restored" in response.content.decode()


def test_contributors_and_the_other_partnership_cannot_restore(client, world, alice):
    measure, first = _edits(world.objects["measure"], alice)
    url = reverse("workspace:measure_history_restore",
                  args=[world.partnership.slug, measure.pk, first.history_id])
    for who in ("contributor", "other_coordinator"):
        client.force_login(world.users[who])
        assert client.post(url, {"field": "title"}).status_code == 403
    assert Measure.objects.get(pk=measure.pk).title == "Solarschule"


def test_a_record_of_another_object_is_refused(client, world, alice):
    measure, _first = _edits(world.objects["measure"], alice)
    other = Measure.objects.exclude(pk=measure.pk).get()
    other = measure_update(other, by=alice, expected_version=None, title="Anders")
    foreign = other.history.latest("history_date")
    client.force_login(alice)
    url = reverse("workspace:measure_history_restore",
                  args=[world.partnership.slug, measure.pk, foreign.history_id])

    response = client.post(url, {"field": "title"}, follow=True)

    assert Measure.objects.get(pk=measure.pk).title == "Solarschule"
    assert "not in this object" in response.content.decode()


def test_the_history_page_offers_each_earlier_value_to_editors_only(client, world, alice):
    measure, first = _edits(world.objects["measure"], alice)
    history = reverse("workspace:measure_history", args=[world.partnership.slug, measure.pk])
    client.force_login(alice)
    page = client.get(history).content.decode()
    restore = reverse("workspace:measure_history_restore",
                      args=[world.partnership.slug, measure.pk, first.history_id])
    assert f'action="{restore}"' in page
    assert 'name="field" value="title"' in page

    client.force_login(world.users["programme_coordinator"])
    assert "_restore" not in client.get(history).content.decode()

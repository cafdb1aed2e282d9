"""Deleting puts an object and what its deletion took along into the bin; coordinators
restore it from there for 30 days, and both steps are in the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from twinplan.core.bin import KEPT_DAYS, bin_delete, bin_entries, bin_purge, bin_restore
from twinplan.core.models import BinEntry
from twinplan.programmes.models import Measure, ProgressEntry
from twinplan.programmes.services import measure_delete

pytestmark = pytest.mark.django_db


def test_a_deleted_measure_comes_back_with_its_parts_links_and_keys(world, alice):
    measure = world.objects["measure"]
    goal, progress = world.objects["goal"], world.objects["progress"]
    goals_before = set(measure.goals.values_list("pk", flat=True))
    actors_before = list(measure.actors.values_list("pk", "organisation_id"))
    measure_pk, progress_pk, created = measure.pk, progress.pk, measure.created_at
    measure_delete(measure, by=alice)
    assert not Measure.objects.filter(pk=measure_pk).exists()
    assert not ProgressEntry.objects.filter(pk=progress_pk).exists()

    entry = bin_entries([world.partnership]).get()
    restored = bin_restore(entry, by=alice)

    assert restored.pk == measure_pk
    assert restored.title == measure.title
    assert set(restored.goals.values_list("pk", flat=True)) == goals_before == {goal.pk}
    assert list(restored.actors.values_list("pk", "organisation_id")) == actors_before
    assert ProgressEntry.objects.get(pk=progress_pk).text == progress.text
    assert restored.created_at == created
    kinds = list(restored.history.order_by("history_date").values_list(
        "history_type", "history_user__username"))
    assert kinds[-2:] == [("-", "alice"), ("+", "alice")]
    assert not bin_entries([world.partnership]).exists()


def test_links_the_deletion_cleared_are_set_again(world, alice):
    field, measure = world.objects["field"], world.objects["measure"]
    measure.field_of_action = field
    measure.save()
    field_pk = field.pk
    entry = bin_delete(field, by=alice, scope=world.partnership)
    measure.refresh_from_db()
    assert measure.field_of_action is None

    bin_restore(entry, by=alice)

    measure.refresh_from_db()
    assert measure.field_of_action_id == field_pk


def test_a_link_someone_set_since_is_left_as_it_is(world, alice):
    measure, field = world.objects["measure"], world.objects["field"]
    measure.field_of_action = field
    measure.save()
    entry = bin_delete(field, by=alice, scope=world.partnership)
    other = type(field).objects.create(programme=field.programme, title="Anpassung",
                                       original_language="de")
    Measure.objects.filter(pk=measure.pk).update(field_of_action=other)

    bin_restore(entry, by=alice)

    measure.refresh_from_db()
    assert measure.field_of_action_id == other.pk


def test_nothing_is_restored_twice_or_after_thirty_days(world, alice):
    entry = bin_delete(world.objects["challenge"], by=alice, scope=world.partnership)
    challenge = bin_restore(entry, by=alice)
    with pytest.raises(ValidationError):
        bin_restore(entry, by=alice)

    old = bin_delete(challenge, by=alice, scope=world.partnership)
    BinEntry.objects.filter(pk=old.pk).update(
        deleted_at=timezone.now() - timedelta(days=KEPT_DAYS + 1))
    old.refresh_from_db()
    with pytest.raises(ValidationError):
        bin_restore(old, by=alice)
    assert bin_purge() == 1
    assert not BinEntry.objects.filter(pk=old.pk).exists()


def test_a_restore_that_refers_to_something_deleted_since_changes_nothing(world, alice):
    progress = world.objects["progress"]
    progress_pk = progress.pk
    entry = bin_delete(progress, by=alice, scope=world.partnership)
    measure_delete(world.objects["measure"], by=alice)

    with pytest.raises(ValidationError) as refused:
        bin_restore(entry, by=alice)

    assert "deleted since" in " ".join(refused.value.messages)
    assert not ProgressEntry.objects.filter(pk=progress_pk).exists()
    entry.refresh_from_db()
    assert entry.restored_at is None


def test_coordinators_restore_from_the_bin_page(client, world, alice):
    measure = world.objects["measure"]
    measure_pk = measure.pk
    client.force_login(alice)
    delete_url = reverse("workspace:measure_delete", args=[world.partnership.slug, measure.pk])
    assert client.post(delete_url).status_code == 302

    page = client.get(reverse("workspace:bin", args=[world.partnership.slug]))
    assert page.status_code == 200
    assert measure.title in page.content.decode()
    entry = BinEntry.objects.get()
    restore_url = reverse("workspace:bin_restore", args=[world.partnership.slug, entry.pk])
    assert client.post(restore_url).status_code == 302
    assert Measure.objects.filter(pk=measure_pk).exists()


@pytest.mark.parametrize("who", ["contributor", "other_coordinator", "outsider"])
def test_others_can_neither_see_nor_empty_the_bin(client, world, alice, who):
    measure = world.objects["measure"]
    measure_pk = measure.pk
    measure_delete(measure, by=alice)
    entry = BinEntry.objects.get()
    client.force_login(world.users[who])
    assert client.get(reverse("workspace:bin", args=[world.partnership.slug])).status_code == 403
    restore_url = reverse("workspace:bin_restore", args=[world.partnership.slug, entry.pk])
    assert client.post(restore_url).status_code == 403
    assert not Measure.objects.filter(pk=measure_pk).exists()


def test_the_other_partnerships_bin_entry_is_not_found_here(client, world, alice):
    elsewhere = world.users["other_coordinator"].partnership_roles.get().partnership
    entry = bin_delete(world.objects["challenge"], by=alice, scope=elsewhere)
    client.force_login(alice)
    restore_url = reverse("workspace:bin_restore", args=[world.partnership.slug, entry.pk])
    assert client.post(restore_url).status_code == 404


def test_the_bin_names_the_kind_in_the_readers_language(client, world, alice):
    """The "Kind" column reads "Maßnahme" in German, not the model's label
    "programmes.measure"."""
    measure = world.objects["measure"]
    client.force_login(alice)
    with translation.override("de"):
        client.post(reverse("workspace:measure_delete", args=[world.partnership.slug, measure.pk]))
        page = client.get(reverse("workspace:bin", args=[world.partnership.slug]))
    cells = page.content.decode()
    assert "<td>Maßnahme</td>" in cells
    assert "programmes.measure" not in cells


def test_the_bin_gives_the_time_of_deletion_in_the_readers_time_zone(client, world, alice):
    """As the history page does: 23:30 UTC is 00:30 the next day in Berlin."""
    alice.time_zone = "Europe/Berlin"
    alice.save()
    entry = bin_delete(world.objects["challenge"], by=alice, scope=world.partnership)
    BinEntry.objects.filter(pk=entry.pk).update(
        deleted_at=timezone.now().replace(hour=23, minute=30, second=0, microsecond=0))
    client.force_login(alice)
    with translation.override("de"):
        page = client.get(reverse("workspace:bin", args=[world.partnership.slug]))
    assert "00:30" in page.content.decode()


def test_a_progress_entry_back_from_the_bin_counts_again_for_the_measure(world, alice):
    from twinplan.programmes.services import progress_entry_create, progress_entry_delete

    measure = world.objects["measure"]
    entry = progress_entry_create(measure=measure, by=alice, text="Module montiert",
                                  progress_percent=60)
    measure.refresh_from_db()
    assert measure.progress_percent == 60
    progress_entry_delete(entry, by=alice)
    measure.refresh_from_db()
    assert measure.progress_percent != 60

    bin_restore(bin_entries([world.partnership]).get(), by=alice)

    measure.refresh_from_db()
    assert measure.progress_percent == 60

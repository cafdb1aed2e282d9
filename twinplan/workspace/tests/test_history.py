"""The history page read by a coordinator: who, when, which field, from → to, in the
reader's language."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from twinplan.core.services import translation_set
from twinplan.programmes.models import FieldOfAction, Goal
from twinplan.workspace.selectors import history_entries

pytestmark = pytest.mark.django_db


def history_page(client, world, kind: str, obj, language: str = "de") -> str:
    with translation.override(language):
        url = reverse(f"workspace:{kind}_history", args=[world.partnership.slug, obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def saved_by(obj, user, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()
    del obj._history_user
    return obj


def rows(page: str) -> list[tuple[str, str, str]]:
    """The change tables as (field, before, after), tags inside the cells dropped."""
    found = re.findall(
        r'<tr><th scope="row">(.*?)</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>'
        r'(?:<td class="restore">.*?</td>)?</tr>', page)
    return [tuple(re.sub(r"<[^>]+>", "", cell) for cell in row) for row in found]


def test_field_labels_and_choices_are_in_the_readers_language(client, world, alice):
    measure = world.objects["measure"]
    saved_by(measure, alice, title="Solarschule", status="on_hold")
    client.force_login(alice)
    page = history_page(client, world, "measure", measure, "de")
    shown = rows(page)
    assert ("Titel", "Solar school", "Solarschule") in shown
    assert ("Status", "in Umsetzung", "ruht") in shown
    assert "in_progress" not in page


def test_foreign_keys_show_their_names_dates_and_numbers_the_locale(client, world, alice):
    goal = world.objects["goal"]
    other = FieldOfAction.objects.create(programme=goal.programme, title="Mobilität",
                                         original_language="de")
    saved_by(goal, alice, field_of_action=other)
    measure = world.objects["measure"]
    saved_by(measure, alice, planned_start=date(2026, 12, 1),
             energy_saved_mwh_per_year=Decimal("1234.5"))
    client.force_login(alice)
    goal_rows = rows(history_page(client, world, "goal", goal, "de"))
    assert [row[1:] for row in goal_rows] == [("Klimaschutz", "Mobilität")]
    measure_rows = rows(history_page(client, world, "measure", measure, "de"))
    news = {new for _field, _old, new in measure_rows}
    assert "1. Dezember 2026" in news
    assert any(new.startswith("1234,5") for new in news)
    vi_rows = rows(history_page(client, world, "measure", measure, "vi"))
    assert "2026-12-01" not in {new for _f, _o, new in vi_rows}


def test_translations_show_as_translations_never_as_a_dictionary(client, world, alice, bao):
    goal = world.objects["goal"]
    goal._history_user = bao
    translation_set(obj=goal, field="title", language="vi", text="Tiết kiệm năng lượng",
                    status="machine")
    translation_set(obj=goal, field="title", language="vi", text="Tiết kiệm điện",
                    status="reviewed")
    client.force_login(alice)
    page = history_page(client, world, "goal", goal, "de")
    shown = rows(page)
    assert ("Titel (Vietnamesisch)", "—", "Tiết kiệm năng lượng (maschinell übersetzt)") in shown
    assert ("Titel (Vietnamesisch)", "Tiết kiệm năng lượng (maschinell übersetzt)",
            "Tiết kiệm điện (geprüft)") in shown
    assert "source_fingerprint" not in page
    assert "&#x27;text&#x27;" not in page
    assert 'lang="vi"' in page
    english = rows(history_page(client, world, "goal", goal, "en"))
    assert english[0][0] == "Title (Vietnamese)"


def test_entries_that_change_nothing_visible_are_left_out(client, world, alice):
    goal = world.objects["goal"]
    translation_set(obj=goal, field="title", language="vi", text="Tiết kiệm", status="human")
    # The original changes and changes back: the translation is made again from it; only
    # its fingerprint moves, which a reader does not see.
    saved_by(goal, alice)  # a save that changes nothing
    goal.refresh_from_db()
    entry = goal.translations["vi"]["title"]
    Goal.objects.filter(pk=goal.pk).update(translations={"vi": {"title": {
        **entry, "source_fingerprint": "0" * 16}}})
    goal.refresh_from_db()
    saved_by(goal, alice)
    assert goal.history.count() == 4
    entries = history_entries(goal)
    assert [entry.kind for entry in entries] == ["changed", "created"]
    assert all(entry.changes for entry in entries if entry.kind == "changed")


def test_the_time_element_carries_a_valid_datetime(client, world, alice):
    goal = world.objects["goal"]
    saved_by(goal, alice, title="Mehr sparen")
    record = goal.history.order_by("-history_date").first()
    record.history_date = datetime(2030, 12, 1, 21, 0, 0, 123456, tzinfo=UTC)
    record.save()
    client.force_login(alice)
    page = history_page(client, world, "goal", goal, "de")
    assert '<time datetime="2030-12-01T21:00:00+00:00">' in page
    for value in re.findall(r'<time datetime="([^"]*)"', page):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", value), value
    # Shown in the reader's time zone: alice in Europe/Berlin, bao in Ho Chi Minh City.
    assert "22:00" in page


def test_a_deleted_author_and_no_author_are_named_as_such(client, world, alice, charlie):
    goal = world.objects["goal"]
    saved_by(goal, charlie, title="Von Charlie")
    charlie.username, charlie.first_name, charlie.last_name, charlie.display_name = "", "", "", ""
    charlie.save()
    goal.title = "Ohne Person"
    goal.save()  # no request, no user: a command or the demo data
    client.force_login(alice)
    with translation.override("en"):
        entries = history_entries(goal)
    assert [entry.who for entry in entries[:2]] == ["unknown (no user recorded)",
                                                   "a deleted user"]
    page = history_page(client, world, "goal", goal, "de")
    assert "charlie" not in page


def test_a_user_field_shows_the_person_and_a_deleted_one_as_such(client, world, alice, bao):
    measure = world.objects["measure"]
    saved_by(measure, alice, owner=bao)
    bao.username, bao.display_name, bao.first_name, bao.last_name = "", "", "", ""
    bao.save()
    with translation.override("en"):
        [change] = history_entries(measure)[0].changes
    assert (change.old, change.new) == ("alice", "a deleted user")


def test_reading_a_longer_history_costs_no_more_queries(world, alice, bao):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    goal = world.objects["goal"]
    fields = [FieldOfAction.objects.create(programme=goal.programme, title=f"Feld {n}",
                                           original_language="de") for n in range(6)]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            history_entries(Goal.objects.get(pk=goal.pk))
        return len(captured)

    for field in fields[:2]:
        saved_by(goal, alice, field_of_action=field)
    few = queries()
    for field in fields[2:]:
        saved_by(goal, bao, field_of_action=field, title=f"Ziel {field.pk}")
    assert queries() == few


def test_a_restore_from_the_bin_reads_as_such_not_as_a_creation(client, world, alice):
    from twinplan.core.bin import bin_entries, bin_restore
    from twinplan.programmes.services import measure_delete

    measure = world.objects["measure"]
    measure_delete(measure, by=alice)
    restored = bin_restore(bin_entries([world.partnership]).get(), by=alice)

    assert [entry.kind for entry in history_entries(restored)][:2] == ["restored", "deleted"]
    client.force_login(alice)
    page = history_page(client, world, "measure", restored)
    assert "aus den gelöschten Einträgen wiederhergestellt von" in page

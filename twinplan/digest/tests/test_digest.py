"""The digest: one mail per person in their language with their stale measures, the
reports waiting for their review and what the partner town changed since the last digest;
at their interval, at most once a day; nothing when there is nothing to tell."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from twinplan.digest.models import DigestInterval, DigestPreference
from twinplan.digest.selectors import partner_changes, stale_for
from twinplan.digest.services import digest_interval_set, send_reminders, visit_record
from twinplan.programmes.models import Measure, MeasureStatus
from twinplan.programmes.services import measure_update, progress_entry_create
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(alice, bao, charlie):
    for person, address in ((alice, "alice@example.org"), (bao, "bao@example.org"),
                            (charlie, "charlie@example.org")):
        person.email = address
        person.save()
    return alice, bao, charlie


@pytest.fixture
def programme(partnership):
    return ActionProgrammeFactory(partnership=partnership)


def _age(measure, days):
    Measure.objects.filter(pk=measure.pk).update(
        updated_at=timezone.now() - timedelta(days=days))


def test_stale_measures_follow_the_partnerships_interval_and_owner_else_lead_town(
    partnership, programme, hoi_an, people
):
    alice, bao, _charlie = people
    owned = MeasureFactory(programme=programme, title="Owned", owner=alice,
                           status=MeasureStatus.IN_PROGRESS)
    unowned = MeasureFactory(programme=programme, title="Unowned", lead_municipality=hoi_an,
                             status=MeasureStatus.PLANNED)
    for measure in (owned, unowned):
        _age(measure, 40)
    today = timezone.localdate()
    assert stale_for(alice, today=today) == []
    assert stale_for(bao, today=today) == []

    partnership.stale_after_days = 30
    partnership.save()

    assert [m.title for m in stale_for(alice, today=today)] == ["Owned"]
    assert [m.title for m in stale_for(bao, today=today)] == ["Unowned"]


def test_each_person_gets_one_digest_in_their_language_once_a_day(
    partnership, programme, hoi_an, people
):
    _alice, _bao, charlie = people
    measure = MeasureFactory(programme=programme, title="Solar school", lead_municipality=hoi_an,
                             status=MeasureStatus.IN_PROGRESS)
    _age(measure, 120)
    progress_entry_create(by=charlie, measure=MeasureFactory(programme=programme,
                                                            title="Gym roof"),
                          text="Panels ordered")

    sent = send_reminders()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sent == len(mail.outbox)
    vietnamese = by_address["bao@example.org"].body
    assert "Solar school" in vietnamese
    assert "Đang chờ quý vị duyệt" in vietnamese  # "Waiting for your review", in Vietnamese
    assert "/vi/workspace/wernigerode-hoi-an/review/" in vietnamese
    assert "Warten auf Ihre Prüfung" in by_address["alice@example.org"].body
    # Charlie's own report is not his to review, and nothing of his is stale.
    assert "charlie@example.org" not in by_address

    assert send_reminders() == 0  # the same day again: nothing more
    assert len(mail.outbox) == sent


def test_the_partner_towns_changes_since_the_last_digest(partnership, programme, people):
    alice, bao, _charlie = people
    measure = MeasureFactory(programme=programme, title="Solar school")
    before = timezone.now()
    measure_update(measure, by=bao, expected_version=None, title="Solar schools")
    measure_update(Measure.objects.get(pk=measure.pk), by=alice, expected_version=None,
                   summary="Alice's own edit")

    changes = partner_changes(alice, partnership, before)

    assert [(c.who, c.verb, c.what) for c in changes] == [(str(bao), "changed",
                                                           "Solar schools")]
    assert partner_changes(alice, partnership, timezone.now()) == []

    send_reminders()
    [to_alice] = [m for m in mail.outbox if m.to == ["alice@example.org"]]
    assert "Solar schools" in to_alice.body
    # One sentence in German word order, not "geändert Maßnahme …"
    assert "Maßnahme „Solar schools“ geändert" in to_alice.body


def test_never_means_no_mail_and_weekly_waits_a_week(partnership, programme, people):
    alice, _bao, charlie = people
    progress_entry_create(by=charlie, measure=MeasureFactory(programme=programme),
                          text="Panels ordered")
    digest_interval_set(user=alice, interval=DigestInterval.NEVER)
    today = timezone.localdate()

    send_reminders(today=today)
    assert [m.to for m in mail.outbox] == [["bao@example.org"]]
    assert send_reminders(today=today + timedelta(days=3)) == 0
    assert send_reminders(today=today + timedelta(days=7)) == 1


def test_a_bad_interval_is_refused(alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        digest_interval_set(user=alice, interval="hourly")
    assert not DigestPreference.objects.exists()


def test_a_visit_returns_the_previous_one(partnership, alice):
    assert visit_record(user=alice, partnership=partnership) is None
    first = visit_record(user=alice, partnership=partnership)
    assert first is not None
    assert first <= timezone.now()


def test_the_daily_housekeeping_sends_the_digests(partnership, programme, people, capsys):
    _alice, _bao, charlie = people
    progress_entry_create(by=charlie, measure=MeasureFactory(programme=programme),
                          text="Panels ordered")

    call_command("daily")

    assert {m.to[0] for m in mail.outbox} == {"alice@example.org", "bao@example.org"}


def test_a_stale_measure_without_owner_or_lead_partner_goes_to_the_coordinators(
    partnership, programme, people
):
    alice, bao, charlie = people
    orphan = MeasureFactory(programme=programme, title="Orphan", lead_municipality=None,
                            status=MeasureStatus.IN_PROGRESS)
    _age(orphan, 200)
    today = timezone.localdate()

    assert [m.title for m in stale_for(alice, today=today)] == ["Orphan"]
    assert [m.title for m in stale_for(bao, today=today)] == ["Orphan"]
    assert stale_for(charlie, today=today) == []  # a contributor coordinates nothing


def test_stale_measures_are_found_in_a_network_of_many_partnerships(programme):
    """The daily digest asks for stale measures across the whole network; the query does
    not grow with the number of partnerships (it once had one condition per partnership,
    which SQLite refuses beyond about a thousand)."""
    from twinplan.partnerships.models import Partnership
    from twinplan.programmes.selectors import measures_stale

    Partnership.objects.bulk_create(
        Partnership(slug=f"many-{n}", title=f"Many {n}", kind=programme.partnership.kind,
                    original_language="de", stale_after_days=90 if n % 2 else 30)
        for n in range(1200)
    )
    measure = MeasureFactory(programme=programme, status=MeasureStatus.IN_PROGRESS)
    _age(measure, 200)

    assert list(measures_stale(today=timezone.localdate())) == [measure]

"""Contributors' reports wait for a coordinator's review: the rule is in the create and
update services (so the workspace, the API and imports keep it alike), looking at the
role of `by`. A measure's progress is its latest *approved* entry; public reads show
approved reports only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from twinplan.core.models import ReviewState
from twinplan.events.models import Event
from twinplan.events.selectors import events_published
from twinplan.events.services import idea_create, idea_review, idea_update
from twinplan.indicators.selectors import indicators_for_measure
from twinplan.indicators.services import (
    indicator_create,
    indicator_value_create,
    indicator_value_review,
)
from twinplan.programmes.models import Measure, ProgressEntry
from twinplan.programmes.selectors import measure_published_or_none, progress_pending
from twinplan.programmes.services import (
    progress_entry_create,
    progress_entry_review,
    progress_entry_update,
)
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    return MeasureFactory(programme=programme, title="Solar school", is_published=True)


def _progress(measure):
    return Measure.objects.get(pk=measure.pk).progress_percent


def test_a_contributors_progress_waits_and_counts_only_once_approved(measure, charlie, alice):
    entry = progress_entry_create(by=charlie, measure=measure, text="Panels ordered",
                                  progress_percent=30)

    assert entry.review_state == ReviewState.PENDING
    assert _progress(measure) is None
    assert progress_pending(measure.programme.partnership) == [entry]
    public = measure_published_or_none(measure.programme.partnership, measure.pk)
    assert list(public.progress.all()) == []

    progress_entry_review(entry, by=alice, approve=True)

    assert _progress(measure) == 30
    public = measure_published_or_none(measure.programme.partnership, measure.pk)
    assert [e.text for e in public.progress.all()] == ["Panels ordered"]
    assert progress_pending(measure.programme.partnership) == []


def test_a_coordinators_entry_counts_at_once(measure, alice):
    entry = progress_entry_create(by=alice, measure=measure, text="Tender", progress_percent=10)

    assert entry.review_state == ReviewState.APPROVED
    assert _progress(measure) == 10


def test_without_review_a_contributors_entry_counts_at_once(measure, charlie):
    partnership = measure.programme.partnership
    partnership.review_contributions = False
    partnership.save()

    entry = progress_entry_create(by=charlie, measure=measure, text="Done", progress_percent=100)

    assert entry.review_state == ReviewState.APPROVED
    assert _progress(measure) == 100


def test_a_decline_needs_a_reason_and_is_recorded_with_its_reviewer(measure, charlie, alice):
    entry = progress_entry_create(by=charlie, measure=measure, text="Finished!",
                                  progress_percent=100)

    with pytest.raises(ValidationError) as refused:
        progress_entry_review(entry, by=alice, approve=False, reason="  ")
    assert "review_reason" in refused.value.message_dict
    assert ProgressEntry.objects.get(pk=entry.pk).review_state == ReviewState.PENDING

    declined = progress_entry_review(entry, by=alice, approve=False,
                                     reason="The panels are not installed yet.")

    assert (declined.review_state, declined.review_reason) == (
        ReviewState.DECLINED, "The panels are not installed yet.")
    latest = declined.history.latest("history_date")
    assert (latest.history_user, latest.review_state) == (alice, ReviewState.DECLINED)
    assert _progress(measure) is None


def test_a_contributors_change_to_a_declined_entry_waits_for_review_again(
    measure, charlie, alice
):
    entry = progress_entry_create(by=charlie, measure=measure, text="Finished!")
    entry = progress_entry_review(entry, by=alice, approve=False, reason="Say what is done.")

    changed = progress_entry_update(entry, by=charlie, expected_version=entry.version,
                                    text="Panels delivered, installation in May.")

    assert (changed.review_state, changed.review_reason) == (ReviewState.PENDING, "")


def test_a_contributors_unchanged_save_keeps_the_state(measure, charlie, alice):
    entry = progress_entry_create(by=charlie, measure=measure, text="Ordered")
    entry = progress_entry_review(entry, by=alice, approve=True)

    same = progress_entry_update(entry, by=charlie, expected_version=entry.version,
                                 text="Ordered")

    assert (same.review_state, same.version) == (ReviewState.APPROVED, entry.version)


def test_only_coordinators_review(measure, charlie, olga):
    entry = progress_entry_create(by=charlie, measure=measure, text="Ordered")

    for person in (charlie, olga, None):
        with pytest.raises(PermissionDenied):
            progress_entry_review(entry, by=person, approve=True)
    assert ProgressEntry.objects.get(pk=entry.pk).review_state == ReviewState.PENDING


def test_a_contributors_measured_value_is_public_once_approved(measure, charlie, bao):
    indicator = indicator_create(by=None, measure=measure, name="kWh")
    value = indicator_value_create(by=charlie, indicator=indicator, date=date(2026, 1, 1),
                                   value=Decimal("12"), source="Meter")

    assert value.review_state == ReviewState.PENDING
    [shown] = indicators_for_measure(measure)
    assert list(shown.values.all()) == []

    indicator_value_review(value, by=bao, approve=True)

    [shown] = indicators_for_measure(measure)
    assert [v.value for v in shown.values.all()] == [Decimal("12.0000")]


def test_a_contributors_idea_is_public_once_approved(partnership, charlie, alice):
    event = Event.objects.create(partnership=partnership, kind="workshop", title="Kick-off",
                                 original_language="de", is_published=True)
    idea = idea_create(by=charlie, event=event, title="Solar on the gym")

    def public_ideas():
        return [i.title for e in events_published(partnership) for i in e.ideas.all()]

    assert idea.review_state == ReviewState.PENDING
    assert public_ideas() == []
    idea = idea_review(idea, by=alice, approve=False, reason="Already a measure.")
    assert public_ideas() == []
    idea = idea_update(idea, by=charlie, expected_version=idea.version,
                       title="Solar on the gym roof")
    assert idea.review_state == ReviewState.PENDING
    idea_review(idea, by=alice, approve=True)
    assert public_ideas() == ["Solar on the gym roof"]

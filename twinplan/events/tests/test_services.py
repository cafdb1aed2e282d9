"""The event's write services: links only within the partnership, versions, the history
author and the database checks of dates and coordinates."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from twinplan.events.models import Event, EventOutcome, Idea, IdeaFate, OutcomeKind
from twinplan.events.services import (
    event_create,
    event_delete,
    event_outcome_create,
    event_outcome_update,
    event_publish,
    event_update,
    idea_create,
    idea_update,
)
from twinplan.events.tests.factories import EventFactory
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import Phase
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(db):
    return PartnershipFactory(slug="bersenbrueck-ruma")


@pytest.fixture
def event(partnership):
    return EventFactory(partnership=partnership, title="Werkstatt", is_published=False)


def _measure(partnership, title):
    return MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership), title=title)


@pytest.mark.parametrize("link", ["host_municipality", "phase", "organisations"])
def test_an_event_linking_another_partnerships_object_is_refused(partnership, elsewhere,
                                                                 link):
    stranger = elsewhere.members.first().municipality
    foreign = {
        "host_municipality": stranger,
        "phase": Phase.objects.create(partnership=elsewhere, kind="kick_off", title="Start",
                                      original_language="de"),
        "organisations": [OrganisationFactory(name="Verein in Ruma", municipality=stranger)],
    }[link]

    with pytest.raises(ValidationError) as refused:
        event_create(partnership=partnership, by=None, kind="workshop", title="Werkstatt",
                     **{link: foreign})

    assert link in refused.value.message_dict
    assert not Event.objects.filter(partnership=partnership).exists()


def test_an_organisation_of_no_town_cannot_attend_as_the_partnerships_own(partnership):
    national = OrganisationFactory(name="Brücken bauen e.V.")

    with pytest.raises(ValidationError) as refused:
        event_create(partnership=partnership, by=None, kind="workshop", title="Werkstatt",
                     organisations=[national])

    assert "Brücken bauen e.V." in refused.value.message_dict["organisations"][0]


def test_an_event_with_its_own_links_is_saved_with_its_author(partnership, wernigerode,
                                                              hoi_an, alice):
    phase = Phase.objects.create(partnership=partnership, kind="kick_off", title="Start",
                                 original_language="de")
    school = OrganisationFactory(name="Schule", municipality=hoi_an)

    event = event_create(partnership=partnership, by=alice, kind="workshop", title="Werkstatt",
                         phase=phase, host_municipality=wernigerode, organisations=[school])

    assert (event.phase, event.host_municipality, event.version) == (phase, wernigerode, 1)
    assert list(event.organisations.all()) == [school]
    assert event.history.get().history_user == alice


def test_an_edit_to_another_partnerships_host_changes_nothing(event, elsewhere, alice):
    with pytest.raises(ValidationError) as refused:
        event_update(event, by=alice, expected_version=1, title="Anders",
                     host_municipality=elsewhere.members.first().municipality)

    assert "host_municipality" in refused.value.message_dict
    saved = Event.objects.get(pk=event.pk)
    assert (saved.title, saved.host_municipality, saved.version) == ("Werkstatt", None, 1)


def test_an_event_edit_is_recorded_a_repeat_changes_nothing_and_publishing_keeps_it(
    event, alice, bao
):
    changed = event_update(event, by=bao, expected_version=1, place_name="Hội An")
    again = event_update(changed, by=bao, expected_version=2, place_name="Hội An")
    assert again.version == 2
    assert event.history.filter(history_type="~").count() == 1
    assert event.history.latest("history_date").history_user == bao

    published = event_publish(again, by=alice)
    assert (published.is_published, published.version) == (True, 2)
    event_delete(published, by=alice)
    assert not Event.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_an_event_ending_before_it_starts_or_off_the_globe(partnership):
    for fields in ({"start_date": date(2019, 10, 7), "end_date": date(2019, 10, 6)},
                   {"latitude": -91.0, "longitude": 0.0, "location_source": "x"},
                   {"latitude": 0.0, "longitude": 181.0, "location_source": "x"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Event.objects.create(partnership=partnership, kind="workshop", title="X",
                                 original_language="de", **fields)


# --- outcomes and ideas -----------------------------------------------------------------


def test_an_outcome_concerning_another_partnerships_measure_is_refused(event, elsewhere):
    own = _measure(event.partnership, "Solar")
    foreign = _measure(elsewhere, "Fremde Maßnahme")

    with pytest.raises(ValidationError) as refused:
        event_outcome_create(event=event, by=None, kind=OutcomeKind.DECISION, text="Beschluss",
                             measures=[own, foreign])

    assert "Fremde Maßnahme" in refused.value.message_dict["measures"][0]
    assert not EventOutcome.objects.exists()


def test_an_outcome_edit_is_recorded_and_refuses_a_foreign_measure(event, elsewhere, alice):
    own = _measure(event.partnership, "Solar")
    outcome = event_outcome_create(event=event, by=alice, kind=OutcomeKind.DECISION,
                                   text="Beschluss", measures=[own])

    with pytest.raises(ValidationError):
        event_outcome_update(outcome, by=alice, expected_version=1,
                             measures=[_measure(elsewhere, "Fremd")])
    assert list(EventOutcome.objects.get(pk=outcome.pk).measures.all()) == [own]

    same = event_outcome_update(outcome, by=alice, expected_version=1, measures=[own])
    assert (same.version, outcome.history.count()) == (1, 1)
    changed = event_outcome_update(outcome, by=alice, expected_version=1, text="Protokoll")
    assert (changed.version, changed.history.latest("history_date").history_user) == (2, alice)


def test_an_idea_that_became_another_partnerships_measure_is_refused(event, elsewhere):
    with pytest.raises(ValidationError) as refused:
        idea_create(event=event, by=None, title="Solar", fate=IdeaFate.BECAME_MEASURE,
                    measure=_measure(elsewhere, "Fremde Maßnahme"))

    assert "Fremde Maßnahme" in refused.value.message_dict["measure"][0]
    assert not Idea.objects.exists()


def test_an_idea_is_proposed_by_its_author_who_stays_after_an_edit(event, charlie, alice):
    idea = idea_create(event=event, by=charlie, title="Solar")
    assert (idea.author, idea.history.get().history_user) == (charlie, charlie)

    measure = _measure(event.partnership, "Solar auf der Schule")
    edited = idea_update(idea, by=alice, expected_version=1, fate=IdeaFate.BECAME_MEASURE,
                         measure=measure)

    assert (edited.author, edited.measure, edited.version) == (charlie, measure, 2)
    assert edited.history.latest("history_date").history_user == alice


def test_a_deleted_event_goes_to_the_partnerships_bin_with_its_outcomes_and_comes_back(
    event, alice
):
    from twinplan.core.bin import bin_entries, bin_restore

    measure = _measure(event.partnership, "Solar")
    event_outcome_create(event=event, by=alice, kind=OutcomeKind.DECISION, text="Beschluss",
                         measures=[measure])
    idea_create(event=event, by=alice, title="Solar")
    pk, partnership = event.pk, event.partnership

    event_delete(event, by=alice)
    assert not Event.objects.filter(pk=pk).exists()
    [entry] = bin_entries([partnership])

    restored = bin_restore(entry, by=alice)

    assert restored.pk == pk
    outcome = EventOutcome.objects.get(event=pk)
    assert list(outcome.measures.all()) == [measure]
    assert Idea.objects.get(event=pk).author == alice

"""Events: what `event_create` and `idea_create` refuse, and which events the public sees."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from twinplan.events.models import Event, EventKind, Idea, IdeaFate, OutcomeKind
from twinplan.events.selectors import events_for_measure, events_published
from twinplan.events.services import event_create, event_outcome_create, idea_create
from twinplan.events.tests.factories import EventFactory
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(partnership):
    return event_create(partnership=partnership, by=None, kind=EventKind.WORKSHOP,
                        title="Ideenwerkstatt", start_date=date(2019, 10, 7))


@pytest.fixture
def measure(partnership):
    return MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                          title="Solaranlage auf der Schule")


def test_an_event_with_sourced_coordinates_is_saved(partnership, hoi_an):
    event = event_create(
        partnership=partnership, by=None, kind=EventKind.DELEGATION_TRIP, title="Delegationsreise",
        start_date=date(2019, 10, 5), end_date=date(2019, 10, 12), host_municipality=hoi_an,
        latitude=15.87944, longitude=108.335, location_source="GeoNames 1580541",
    )

    saved = Event.objects.get(pk=event.pk)
    assert (saved.start_date, saved.end_date, saved.host_municipality) == (
        date(2019, 10, 5), date(2019, 10, 12), hoi_an,
    )
    assert saved.original_language == partnership.original_language


def test_events_are_sequenced_in_the_order_they_are_added(partnership):
    first = event_create(partnership=partnership, by=None, kind=EventKind.KICK_OFF, title="Auftakt")
    second = event_create(partnership=partnership, by=None,
                          kind=EventKind.WORKSHOP, title="Werkstatt")

    assert (first.sequence, second.sequence) == (0, 1)


def test_an_event_ending_before_it_starts_is_refused(partnership):
    with pytest.raises(ValidationError) as refused:
        event_create(partnership=partnership, by=None, kind=EventKind.WORKSHOP, title="Werkstatt",
                     start_date=date(2019, 10, 7), end_date=date(2019, 10, 6))

    assert "end_date" in refused.value.message_dict
    assert Event.objects.count() == 0


def test_coordinates_without_a_source_are_refused(partnership):
    with pytest.raises(ValidationError) as refused:
        event_create(partnership=partnership, by=None, kind=EventKind.WORKSHOP, title="Werkstatt",
                     latitude=51.83652, longitude=10.78216)

    assert "location_source" in refused.value.message_dict
    assert Event.objects.count() == 0


def test_an_idea_that_became_a_measure_links_it(workshop, measure):
    idea = idea_create(event=workshop, by=None, title="Solar auf Schuldächern",
                    fate=IdeaFate.BECAME_MEASURE, measure=measure)

    assert Idea.objects.get(pk=idea.pk).measure == measure


def test_an_idea_that_became_a_measure_must_say_which(workshop):
    with pytest.raises(ValidationError) as refused:
        idea_create(event=workshop, by=None,
                    title="Solar auf Schuldächern", fate=IdeaFate.BECAME_MEASURE)

    assert "measure" in refused.value.message_dict
    assert Idea.objects.count() == 0


def test_an_idea_set_aside_needs_a_reason(workshop):
    with pytest.raises(ValidationError) as refused:
        idea_create(event=workshop, by=None, title="Seilbahn", fate=IdeaFate.SET_ASIDE)

    assert "fate_reason" in refused.value.message_dict
    assert Idea.objects.count() == 0


def test_an_idea_set_aside_with_its_reason_is_saved(workshop):
    idea = idea_create(event=workshop, by=None, title="Seilbahn", fate=IdeaFate.SET_ASIDE,
                    fate_reason="Zu teuer für die Projektlaufzeit")

    assert Idea.objects.get(pk=idea.pk).fate == IdeaFate.SET_ASIDE


def test_an_open_idea_may_not_link_a_measure(workshop, measure):
    with pytest.raises(ValidationError) as refused:
        idea_create(event=workshop, by=None, title="Solar auf Schuldächern", measure=measure)

    assert "measure" in refused.value.message_dict
    assert Idea.objects.count() == 0


def test_the_timeline_hides_unpublished_events(partnership, workshop):
    draft = EventFactory(partnership=partnership, title="Entwurf", is_published=False)
    workshop.is_published = True
    workshop.save()

    assert draft not in events_published(partnership)
    assert list(events_published(partnership)) == [workshop]


def test_the_timeline_shows_only_the_partnerships_own_events(partnership):
    own = EventFactory(partnership=partnership)
    EventFactory(partnership=PartnershipFactory())

    assert list(events_published(partnership)) == [own]


def test_an_unpublished_partnership_shows_no_events():
    hidden = PartnershipFactory(is_published=False)
    EventFactory(partnership=hidden, is_published=True)
    EventFactory(partnership=hidden, is_published=True)

    assert list(events_published(hidden)) == []


def test_events_for_a_measure_are_found_through_outcomes_and_ideas(partnership, measure):
    by_outcome = EventFactory(partnership=partnership, title="Ratssitzung", sequence=1)
    by_idea = EventFactory(partnership=partnership, title="Ideenwerkstatt", sequence=0)
    EventFactory(partnership=partnership, title="Ohne Bezug", sequence=2)
    event_outcome_create(event=by_outcome, by=None, kind=OutcomeKind.DECISION, text="Beschlossen",
                      measures=[measure])
    idea_create(event=by_idea, by=None,
                title="Solar auf Schuldächern", fate=IdeaFate.BECAME_MEASURE,
             measure=measure)

    assert events_for_measure(measure) == [by_idea, by_outcome]


def test_an_event_linked_several_ways_is_listed_once(partnership, measure):
    event = EventFactory(partnership=partnership)
    event_outcome_create(event=event, by=None, kind=OutcomeKind.DECISION, text="Beschlossen",
                      measures=[measure])
    event_outcome_create(event=event, by=None, kind=OutcomeKind.MINUTES, text="Protokoll",
                      measures=[measure])
    idea_create(event=event, by=None, title="Solar", fate=IdeaFate.BECAME_MEASURE, measure=measure)
    idea_create(event=event, by=None,
                title="Mehr Solar", fate=IdeaFate.BECAME_MEASURE, measure=measure)

    assert events_for_measure(measure) == [event]


def test_unpublished_events_are_not_listed_for_a_measure(partnership, measure):
    draft = EventFactory(partnership=partnership, is_published=False)
    event_outcome_create(event=draft, by=None, kind=OutcomeKind.DECISION, text="Beschlossen",
                      measures=[measure])

    assert events_for_measure(measure) == []

"""Public list pages answer with a fixed number of queries, whatever the data size."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinplan.adaptation.tests.factories import MeasureAdaptationFactory
from twinplan.climate.tests.factories import ImpactEstimateFactory, PartnershipFactorFactory
from twinplan.core.models import ReviewState
from twinplan.events.models import IdeaFate
from twinplan.events.tests.factories import EventFactory
from twinplan.indicators.models import Indicator
from twinplan.media.tests.factories import media_item, pdf_bytes
from twinplan.money.tests.factories import ResourceFactory
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    ChallengeFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)
from twinplan.reference.models import SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db

# Pinned: a change that adds a query per row fails here; one that adds a fixed query
# must update the number on purpose.
# Of the partnership page's queries (here 16; 36 before issue 18): 1 the partnership
# with its flags (what it has of agreements, awards, phases, the members' facts, photos
# and documents, challenges, glossary terms, issued documents, impact and adaptation
# inputs: the lists it has none of cost no query), 1 its members, 1 the programme, 3 for
# the impact summary and the money chart (the measures with their impact rows, their
# money lines, the exchange rates: the edition and the members are the page's), 4 the
# programme in summary (fields, goals with their progress, the chart's counts, the SDGs
# with their counts: sums in the database; the counts per field and status and each
# field's first measures from the impact summary's measures), 1 the events and 4 their
# lists that have rows (organisations, outcomes, the measures they concern, ideas),
# 1 the challenges.
PARTNERSHIP_PAGE_QUERIES = 16
# Of the measure page's: 1 the measure with its programme and partnership, 1 the members,
# its lists that have rows (here 3: progress, challenges, actors), 1 the resource lines,
# 1 for the impact estimate (climate), 2 indicators (with their values), 2 the related events
# (with their outcomes that concern the measure), 1 photos, 1 adaptation (its effects only
# with an adaptation entry), 1 glossary.
# Of the measure page's: 1 the measure with its programme and partnership (and its impact
# estimate), 1 the members, its lists that have rows (here 5: progress, challenges, actors,
# the related events with their outcomes that concern the measure), 1 glossary. The
# measure's query says which lists have rows (resource lines, indicators, events, photos,
# adaptation too, and whether the partnership has factors of its own): the others are
# empty without a query.
MEASURE_PAGE_QUERIES = 8
# With every list of the measure filled (goals, towns, SDGs, targets, progress, challenges,
# actors), money lines and an impact estimate, but no related event: the 4 further lists,
# the resource lines and the exchange rates, not the events.
MEASURE_PAGE_FULL_QUERIES = 12
# What the measure page's lists of the apps above programmes add once they have rows: the
# resource lines and the exchange rates (money), the partnership's factors (climate), the
# indicators with their values, the related events with their outcomes, the photos, the
# adaptation entry with its risks and its effects.
MEASURE_PAGE_OTHER_LISTS_QUERIES = 11
# Of the event page's: 1 the partnership, 1 the event (with its phase and host town),
# 4 its organisations, outcomes, the published measures they concern and approved ideas,
# 1 which of the ideas' measures are published, 1 glossary, 1 photos and documents.
EVENT_PAGE_QUERIES = 9
# The directory: 2 for its filters (the members' countries, the SDGs), 1 the towns of
# every partnership kept (the map and the cards), 1 the cards of the page shown.
DIRECTORY_QUERIES = 4
# The home page: its few partnerships and their towns.
HOME_QUERIES = 2


def fill(partnership, size: int) -> None:
    """A programme with `size` measures spread over fields and goals, each tagged, with a
    challenge, and `size` events with organisations and ideas."""
    programme = ActionProgrammeFactory(partnership=partnership)
    fields = [FieldOfActionFactory(programme=programme) for _ in range(3)]
    goals = [GoalFactory(programme=programme, field_of_action=fields[i % 3]) for i in range(5)]
    sdgs = list(SdgGoal.objects.all()[:3])
    for goal in goals:
        goal.sdg_goals.set(sdgs[:1])
    organisation = OrganisationFactory()
    for i in range(size):
        measure = MeasureFactory(programme=programme, field_of_action=fields[i % 3])
        measure.goals.set([goals[i % 5], goals[(i + 1) % 5]])
        measure.sdg_goals.set(sdgs)
        ChallengeFactory(measure=measure)
        event = EventFactory(partnership=partnership)
        event.organisations.add(organisation)
        event.ideas.create(title=f"Idea {i}", fate=IdeaFate.BECAME_MEASURE, measure=measure)
        outcome = event.outcomes.create(kind="decision", text=f"Decision {i}",
                                        original_language="de")
        outcome.measures.add(measure)


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [10, 100])
def test_partnership_page_queries_do_not_grow(client, partnership, size):
    fill(partnership, size)
    assert count_queries(client, f"/en/partnerships/{partnership.slug}/") == (
        PARTNERSHIP_PAGE_QUERIES
    )


@pytest.mark.parametrize("size", [10, 100])
def test_directory_and_home_queries_do_not_grow(client, size):
    for _ in range(size):
        PartnershipFactory()
    assert count_queries(client, "/en/partnerships/") == DIRECTORY_QUERIES
    assert count_queries(client, "/en/") == HOME_QUERIES
    assert count_queries(client, "/en/partnerships/?country=DE&kind=climate") == (
        DIRECTORY_QUERIES
    )


@pytest.mark.parametrize("size", [10, 100])
def test_measure_page_queries_do_not_grow(client, partnership, size):
    fill(partnership, 3)
    measure = MeasureFactory(programme=partnership.programmes.get())
    for _ in range(size):
        ChallengeFactory(measure=measure)
        measure.progress.create(text="step", original_language="de")
        measure.actors.create(kind="school", organisation=OrganisationFactory())
        event = EventFactory(partnership=partnership, participant_count=12)
        event.outcomes.create(kind="result", text="done", original_language="de").measures.add(
            measure)
    assert count_queries(client, f"/en/partnerships/{partnership.slug}/measures/{measure.pk}/") == (
        MEASURE_PAGE_QUERIES
    )


@pytest.mark.parametrize("size", [1, 10])
def test_full_measure_page_queries_do_not_grow(client, partnership, size):
    fill(partnership, 3)
    programme = partnership.programmes.get()
    measure = MeasureFactory(programme=programme)
    ImpactEstimateFactory(measure=measure)
    towns = [member.municipality for member in partnership.members.all()]
    measure.implementing_municipalities.set(towns)
    measure.goals.set(programme.goals.all())
    measure.sdg_goals.set(SdgGoal.objects.all()[:size])
    measure.sdg_targets.set(SdgTarget.objects.all()[:size])
    for i in range(size):
        ChallengeFactory(measure=measure)
        measure.progress.create(text=f"step {i}", original_language="en")
        measure.actors.create(kind="school", organisation=OrganisationFactory())
        ResourceFactory(measure=measure, planned_amount=100 + i, description=f"line {i}")
    path = f"/en/partnerships/{partnership.slug}/measures/{measure.pk}/"
    assert count_queries(client, path) == MEASURE_PAGE_FULL_QUERIES
    page = client.get(path).content.decode()
    assert f"step {size - 1}" in page
    assert f"line {size - 1}" in page


def test_measure_page_shows_no_list_it_has_no_rows_for(client, partnership):
    """The lists the measure has no rows in are left out without a query each."""
    fill(partnership, 3)
    measure = MeasureFactory(programme=partnership.programmes.get())
    path = f"/en/partnerships/{partnership.slug}/measures/{measure.pk}/"
    # Not the 3 lists, nor the related events and their outcomes (there are none).
    assert count_queries(client, path) == MEASURE_PAGE_QUERIES - 5
    page = client.get(path).content.decode()
    assert 'id="process-heading"' not in page
    assert 'id="challenges-heading"' not in page
    measure.progress.create(text="first step", original_language="en")
    page = client.get(path).content.decode()
    assert 'id="process-heading"' in page
    assert "first step" in page


@pytest.mark.parametrize("size", [10, 100])
def test_event_page_queries_do_not_grow(client, partnership, size):
    fill(partnership, 3)
    programme = partnership.programmes.get()
    event = EventFactory(partnership=partnership, participant_count=12,
                         host_municipality=partnership.members.first().municipality)
    for i in range(size):
        measure = MeasureFactory(programme=programme)
        event.organisations.add(OrganisationFactory())
        event.outcomes.create(kind="result", text=f"done {i}",
                              original_language="de").measures.add(measure)
        event.ideas.create(title=f"Idea {i}", fate=IdeaFate.BECAME_MEASURE, measure=measure)
    for i in range(size // 10):  # 1 or 10 documents: files are slow to make
        media_item(partnership, attached_to=event, data=pdf_bytes(), caption=f"Protokoll {i}")
    assert count_queries(client, f"/en/partnerships/{partnership.slug}/events/{event.pk}/") == (
        EVENT_PAGE_QUERIES
    )


def test_measure_page_reads_the_other_apps_lists_once_they_have_rows(client, partnership):
    """Each list the measure's query says has rows is read and shown; a measure without
    them shows none of their sections."""
    fill(partnership, 3)
    measure = MeasureFactory(programme=partnership.programmes.get())
    path = f"/en/partnerships/{partnership.slug}/measures/{measure.pk}/"
    bare = count_queries(client, path)
    page = client.get(path).content.decode()
    sections = ('id="resources-heading"', 'id="estimate-heading"', 'id="indicators-heading"',
                'id="events-heading"', 'id="measure-adaptation-heading"', "Solar roof")
    for section in sections:
        assert section not in page
    ResourceFactory(measure=measure, planned_amount=100, description="line one")
    town = partnership.members.first().municipality
    ImpactEstimateFactory(measure=measure, municipality=town)
    PartnershipFactorFactory(partnership=partnership)
    indicator = Indicator.objects.create(measure=measure, name="Solar power", unit="kWh")
    indicator.values.create(date=date(2025, 1, 1), value=Decimal("12.5"), source="meter",
                            review_state=ReviewState.APPROVED)
    event = EventFactory(partnership=partnership, title="Site visit")
    event.outcomes.create(kind="result", text="Panels mounted",
                          original_language="en").measures.add(measure)
    MeasureAdaptationFactory(measure=measure)
    media_item(partnership, attached_to=measure, caption="Solar roof")
    assert count_queries(client, path) == bare + MEASURE_PAGE_OTHER_LISTS_QUERIES
    page = client.get(path).content.decode()
    for section in sections:
        assert section in page
    assert "line one" in page
    assert "Panels mounted" in page

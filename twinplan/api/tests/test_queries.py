"""Every list endpoint reads a page in a fixed number of queries, whatever the data's
size; a page of 200 measures included."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinplan.events.models import Event
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.organisations.models import OrganisationType
from twinplan.partnerships.models import Phase
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import Goal, MeasureActor
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.reference.models import SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/measures?limit=200", "/api/v1/partnerships?limit=200",
         "/api/v1/events?limit=200", "/api/v1/indicators?limit=200",
         "/api/v1/municipalities?limit=200", "/api/v1/sdgs?limit=200",
         "/api/v1/measures?limit=200&sdg=7&actor_type=school"]


def _grow(partnerships: int, measures: int) -> None:
    sdg, target = SdgGoal.objects.get(code=7), SdgTarget.objects.first()
    for number in range(partnerships):
        partnership = PartnershipFactory(slug=f"grown-{number}-{measures}")
        Phase.objects.create(partnership=partnership, kind="kick_off", title="Start",
                             original_language="de")
        programme = ActionProgrammeFactory(partnership=partnership)
        goal = Goal.objects.create(programme=programme, title="Goal", original_language="de")
        towns = [m.municipality for m in partnership.members.all()]
        for index in range(measures):
            measure = MeasureFactory(programme=programme, code=f"M{index}")
            measure.goals.add(goal)
            measure.sdg_goals.add(sdg)
            measure.sdg_targets.add(target)
            measure.implementing_municipalities.set(towns)
            MeasureActor.objects.create(measure=measure, kind=OrganisationType.SCHOOL)
            indicator = Indicator.objects.create(measure=measure, name="kWh",
                                                 original_language="de")
            IndicatorValue.objects.create(indicator=indicator, date=date(2026, 1, 1), value=1,
                                          source="Zähler")
        Event.objects.create(partnership=partnership, kind="workshop", title="W",
                             original_language="de", is_published=True)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("who", [None, "coordinator"])
def test_list_queries_do_not_grow_with_the_data(api_world, as_user, who):
    client = as_user(api_world.users[who] if who else None)
    client.get("/api/v1/sdgs?limit=1")  # a token's first use records when it was used
    _grow(partnerships=1, measures=2)
    small = {url: _count(client, url) for url in LISTS}
    _grow(partnerships=3, measures=12)
    large = {url: _count(client, url) for url in LISTS}
    assert small == large


def test_a_page_of_200_measures_without_per_row_queries(api_world, as_user,
                                                         django_assert_num_queries):
    _grow(partnerships=2, measures=110)
    client = as_user(None)
    # count, the page, then one query each for goals, implementing towns, SDGs, SDG
    # targets and actors.
    with django_assert_num_queries(7):
        response = client.get("/api/v1/measures?limit=200")
    body = response.json()
    assert len(body["results"]) == 200
    assert body["count"] >= 220

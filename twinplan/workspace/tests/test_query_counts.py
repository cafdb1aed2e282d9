"""Workspace list pages answer with a fixed number of queries, whatever the data size."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from twinplan.core.models import ReviewState
from twinplan.events.tests.factories import EventFactory
from twinplan.organisations.models import OrganisationType
from twinplan.partnerships.models import PartnershipRole, RoleKind
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import Measure, MeasureActor, MeasureStatus
from twinplan.programmes.tests.factories import MeasureFactory, ProgressEntryFactory

pytestmark = pytest.mark.django_db

# Session, user, partnership, roles, funding programme (5); the editions with their
# adoptions (2) and their measures counted (1); of the edition shown its fields, goals, a
# page of measures, the goals they serve and which are stale (5); the towns with facts,
# inventories and climate risks (4); events with outcomes, travel legs, ideas (4); glossary,
# media (2); the visit (4, with its savepoint); phases, the review queue (3); factor
# overrides, agreements, awards with their amounts and recipients (4). On a return visit
# the partner's changes since the last one too (OVERVIEW_RETURN_QUERIES).
OVERVIEW_QUERIES = 36
# Session, user, my contributor roles, my tasks, the partnerships' stale intervals, whether
# I coordinate a funding programme (the network links, asked once), the partnerships and
# their members, my stale measures, and 3 for "my reports under review" (one per kind of
# report, over all my partnerships).
DASHBOARD_QUERIES = 12
# Session, user, partnership, roles; every text of every kind (one UNION); the objects of
# the rows shown, one query per kind on the page: on the first page of this world's list
# ten (towns, facts, organisations, agreements, awards, phases, the programme, baselines,
# fields, goals and measures; the partnership is the one already read).
TRANSLATIONS_QUERIES = 15


def grow(world, size: int) -> None:
    """`size` more measures: charlie's school is an actor of each (his tasks), he is
    responsible for them, and nobody touched them for half a year (his stale measures)."""
    programme = world.objects["programme"]
    goal = world.objects["goal"]
    school = world.objects["actor"].organisation
    for _ in range(size):
        measure = MeasureFactory(programme=programme, owner=world.users["contributor"],
                                 status=MeasureStatus.IN_PROGRESS)
        measure.goals.add(goal)
        MeasureActor.objects.create(measure=measure, kind=OrganisationType.SCHOOL,
                                    organisation=school)
        event = EventFactory(partnership=world.partnership)
        event.ideas.create(title="idea", original_language="de")
    Measure.objects.update(updated_at=timezone.now() - timedelta(days=180))


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The partner's changes since the last visit: the partner's people (1), the newest records
# of every watched kind in one UNION (1); a query per kind with changes (none here).
OVERVIEW_RETURN_QUERIES = OVERVIEW_QUERIES + 2


@pytest.mark.parametrize("size", [10, 100])
def test_overview_queries_do_not_grow(client, world, alice, size):
    grow(world, size)
    client.force_login(alice)
    url = reverse("workspace:overview", args=[world.partnership.slug])
    assert count(client, url) == OVERVIEW_QUERIES
    assert count(client, url) == OVERVIEW_RETURN_QUERIES  # the next visit, every day's
    assert count(client, url + "?page=2") == OVERVIEW_RETURN_QUERIES


def rows(client, heading_id: str) -> int:
    """How many measures the dashboard lists under one heading."""
    page = client.get(reverse("workspace:dashboard")).content.decode()
    section = page.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return section.count("<li>")


@pytest.mark.parametrize("size", [10, 100])
def test_dashboard_queries_do_not_grow(client, world, charlie, size):
    grow(world, size)
    client.force_login(charlie)
    assert rows(client, "tasks-heading") == size + 1  # and the world's measure
    assert rows(client, "stale-heading") == size  # the world's has a fresh progress entry
    assert count(client, reverse("workspace:dashboard")) == DASHBOARD_QUERIES


@pytest.mark.parametrize("partnerships", [1, 3])
def test_dashboard_reports_cost_no_queries_per_partnership(client, world, charlie,
                                                           partnerships):
    """"My reports under review" reads each kind of report once over all of charlie's
    partnerships, and lists them by partnership (by title)."""
    school = world.objects["actor"].organisation
    for number in range(partnerships):
        partnership = PartnershipFactory(title=f"Partnership {chr(ord('Z') - number)}")
        PartnershipRole.objects.create(user=charlie, partnership=partnership,
                                       role=RoleKind.CONTRIBUTOR, organisation=school)
        ProgressEntryFactory(measure=MeasureFactory(programme__partnership=partnership),
                             author=charlie, text=f"Report {number}",
                             review_state=ReviewState.PENDING)
    client.force_login(charlie)
    page = client.get(reverse("workspace:dashboard")).content.decode()
    reports = page.split('id="reports-heading"', 1)[1].split("</section>", 1)[0]
    assert reports.count("<li>") == partnerships
    places = [reports.index(f"Report {number}") for number in range(partnerships)]
    assert places == sorted(places, reverse=True)  # Partnership X, then Y, then Z
    assert count(client, reverse("workspace:dashboard")) == DASHBOARD_QUERIES


@pytest.mark.parametrize("size", [60, 300])
def test_translation_workspace_queries_do_not_grow(client, world, alice, size):
    """Whatever the number of texts (a page full of measures either way), the same queries:
    the counts and the filter work on one read of every text, not on a query per kind or
    per row."""
    programme = world.objects["programme"]
    for _ in range(size):
        MeasureFactory(programme=programme, original_language="de")
    client.force_login(alice)
    url = reverse("workspace:translations", args=[world.partnership.slug])
    url += "?language=vi&state=all"
    assert count(client, url) == TRANSLATIONS_QUERIES

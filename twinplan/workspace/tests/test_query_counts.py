"""Workspace list pages answer with a fixed number of queries, whatever the data size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from twinplan.events.tests.factories import EventFactory
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

# 1 of them for the glossary; 3 for travel legs, inventories and factor overrides.
OVERVIEW_QUERIES = 26
DASHBOARD_QUERIES = 7


def grow(world, size: int) -> None:
    programme = world.objects["programme"]
    goal = world.objects["goal"]
    for _ in range(size):
        measure = MeasureFactory(programme=programme, owner=world.users["coordinator"])
        measure.goals.add(goal)
        event = EventFactory(partnership=world.partnership)
        event.ideas.create(title="idea", original_language="de")


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [10, 100])
def test_overview_queries_do_not_grow(client, world, alice, size):
    grow(world, size)
    client.force_login(alice)
    url = reverse("workspace:overview", args=[world.partnership.slug])
    assert count(client, url) == OVERVIEW_QUERIES


@pytest.mark.parametrize("size", [10, 100])
def test_dashboard_queries_do_not_grow(client, world, charlie, size):
    grow(world, size)
    client.force_login(charlie)
    assert count(client, reverse("workspace:dashboard")) == DASHBOARD_QUERIES

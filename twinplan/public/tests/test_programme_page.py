"""The public programme page (every field, goal and measure, a page of measures at a time)
and the partnership page's summary of the programme that links to it."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import MeasureStatus
from twinplan.programmes.selectors import (
    PREVIEW_MEASURES,
    PROGRAMME_PAGE_SIZE,
    goal_progress_percent,
    measures_published,
    programme_chart_counts,
    programme_outline,
    programme_sdg_counts,
    programme_tree,
)
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)
from twinplan.public.charts import measures_by_status_counted, rendered
from twinplan.reference.models import SdgGoal
from twinplan.reports.builder import measures_by_status_chart

pytestmark = pytest.mark.django_db


def programme_url(partnership, query: str = "") -> str:
    return f"/en/partnerships/{partnership.slug}/programme/{query}"


def measure_links(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/en/partnerships/[^/]+/measures/(\d+)/"', html)]


@pytest.fixture
def programme(partnership):
    return ActionProgrammeFactory(partnership=partnership)


def test_the_programme_page_renders_every_field_with_its_goals(client, partnership, programme):
    energy = FieldOfActionFactory(programme=programme, title="Energie", position=1)
    FieldOfActionFactory(programme=programme, title="Mobilität ohne Maßnahmen", position=2)
    GoalFactory(programme=programme, field_of_action=energy, title="Saubere Energie")
    MeasureFactory(programme=programme, field_of_action=energy, code="E1", title="Solar school")
    MeasureFactory(programme=programme, title="Measure without a field")
    response = client.get(programme_url(partnership))
    assert response.status_code == 200
    text = response.text
    for shown in ("Energie", "Saubere Energie", "Solar school", "E1",
                  "Measure without a field", "Without field of action"):
        assert shown in text
    # A field with neither goals nor published measures is left out, as before.
    assert "Mobilität ohne Maßnahmen" not in text
    # The title is in its own language, marked for the reader's browser and screen reader.
    assert '<span lang="de">Solar school</span>' in text


def test_a_field_with_goals_but_no_published_measure_is_on_the_first_page(
    client, partnership, programme
):
    empty = FieldOfActionFactory(programme=programme, title="Anpassung")
    GoalFactory(programme=programme, field_of_action=empty, title="Hitzeschutz")
    text = client.get(programme_url(partnership)).text
    assert "Anpassung" in text
    assert "Hitzeschutz" in text
    assert "No published measures in this field yet." in text


def test_the_paginated_programme_reaches_its_last_measure(client, partnership, programme):
    fields = [FieldOfActionFactory(programme=programme, position=i) for i in range(2)]
    count = PROGRAMME_PAGE_SIZE + 5
    created = [MeasureFactory(programme=programme, field_of_action=fields[i % 2],
                              code=f"M{i:03d}") for i in range(count)]
    first = client.get(programme_url(partnership)).text
    assert len(measure_links(first)) == PROGRAMME_PAGE_SIZE
    assert 'rel="next"' in first
    assert 'href="?page=2"' in first
    second = client.get(programme_url(partnership, "?page=2")).text
    assert 'rel="prev"' in second
    assert 'rel="next"' not in second
    seen = measure_links(first) + measure_links(second)
    # Every measure once, the last of the programme's order on the last page.
    assert sorted(seen) == sorted(m.pk for m in created)
    last = max((m for m in created if m.field_of_action == fields[1]), key=lambda m: m.code)
    assert measure_links(second)[-1] == last.pk
    # A bad page number gives the nearest page, as on every list.
    assert measure_links(client.get(programme_url(partnership, "?page=3")).text) == \
        measure_links(second)
    for bad in ("?page=x", "?page=0", "?page=-1"):
        assert measure_links(client.get(programme_url(partnership, bad)).text) == \
            measure_links(first), bad


def test_the_contents_link_each_field_to_the_page_where_it_starts(client, partnership, programme):
    fields = [FieldOfActionFactory(programme=programme, position=i) for i in range(2)]
    for i in range(PROGRAMME_PAGE_SIZE + 2):
        MeasureFactory(programme=programme, field_of_action=fields[0 if i < PROGRAMME_PAGE_SIZE + 1
                                                                  else 1])
    text = client.get(programme_url(partnership)).text
    assert f'href="#field-{fields[0].pk}"' in text
    assert f'href="?page=2#field-{fields[1].pk}"' in text
    assert f'id="field-{fields[1].pk}"' in client.get(programme_url(partnership, "?page=2")).text


def test_unpublished_measures_are_not_on_the_programme_page(client, partnership, programme):
    MeasureFactory(programme=programme, title="Public measure")
    MeasureFactory(programme=programme, title="Secret draft measure", is_published=False)
    text = client.get(programme_url(partnership)).text
    assert "Public measure" in text
    assert "Secret draft measure" not in text
    assert "In implementation: <strong>1</strong>" in text


def test_the_programme_page_of_an_unpublished_partnership_is_not_found(client):
    draft = PartnershipFactory(is_published=False)
    MeasureFactory(programme=ActionProgrammeFactory(partnership=draft))
    assert client.get(programme_url(draft)).status_code == 404


def test_the_measures_of_an_unpublished_programme_are_not_shown(client, partnership):
    MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership,
                                                    is_published=False),
                   title="Published but orphaned")
    response = client.get(programme_url(partnership))
    assert response.status_code == 200
    assert "Published but orphaned" not in response.text


def _fill(programme, size: int) -> None:
    fields = [FieldOfActionFactory(programme=programme) for _ in range(3)]
    goals = [GoalFactory(programme=programme, field_of_action=fields[i % 3]) for i in range(4)]
    for i in range(size):
        measure = MeasureFactory(programme=programme, field_of_action=fields[i % 3],
                                 progress_percent=i % 100)
        measure.goals.set([goals[i % 4], goals[(i + 1) % 4]])


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


# The partnership, the programme, its fields, its goals with their progress, the counts per
# field and status, the page's measures (with their lead partner), the goals they serve.
PROGRAMME_PAGE_QUERIES = 7


def test_the_programme_page_queries_do_not_grow(client, partnership, programme):
    _fill(programme, 5)
    assert _queries(client, programme_url(partnership)) == PROGRAMME_PAGE_QUERIES
    _fill(programme, 50)
    assert _queries(client, programme_url(partnership)) == PROGRAMME_PAGE_QUERIES
    assert _queries(client, programme_url(partnership, "?page=2")) == PROGRAMME_PAGE_QUERIES


def test_the_partnership_page_sums_the_programme_up_and_links_every_measure(
    client, partnership, programme
):
    field = FieldOfActionFactory(programme=programme, title="Energie")
    measures = [MeasureFactory(programme=programme, field_of_action=field, code=f"E{i}",
                               status=MeasureStatus.COMPLETED if i < 2 else
                               MeasureStatus.PLANNED) for i in range(PREVIEW_MEASURES + 2)]
    text = client.get(f"/en/partnerships/{partnership.slug}/").text
    # The first measures of the field, by code; the rest one click away.
    shown = measure_links(text)
    assert shown == [m.pk for m in measures[:PREVIEW_MEASURES]]
    assert (f'<a href="/en/partnerships/{partnership.slug}/programme/#field-{field.pk}">'
            f"All {len(measures)} measures of this field</a>") in text
    assert f'href="/en/partnerships/{partnership.slug}/programme/"' in text
    assert "Completed: <strong>2</strong>" in text
    assert "Planned: <strong>3</strong>" in text


def test_the_partnership_page_summary_is_in_every_language(client, partnership, programme):
    field = FieldOfActionFactory(programme=programme)
    for _i in range(PREVIEW_MEASURES + 1):
        MeasureFactory(programme=programme, field_of_action=field)
    for language in ("de", "sr", "sr-latn", "vi"):
        text = client.get(f"/{language}/partnerships/{partnership.slug}/").text
        assert f"/{language}/partnerships/{partnership.slug}/programme/#field-{field.pk}" in text
        programme_page = client.get(f"/{language}/partnerships/{partnership.slug}/programme/")
        assert programme_page.status_code == 200
        html_lang = {"sr-latn": "sr-Latn"}.get(language, language)
        assert f'<html lang="{html_lang}">' in programme_page.text


def test_the_outline_sums_as_the_tree_counts(partnership, programme):
    """Goal progress and the chart's counts from the database's sums equal what the tree
    computes from the measures (a measure counts in the field of each goal it serves)."""
    fields = [FieldOfActionFactory(programme=programme, title=f"Feld {i}") for i in range(2)]
    goals = [GoalFactory(programme=programme, field_of_action=fields[i % 2]) for i in range(3)]
    orphan_goal = GoalFactory(programme=programme)
    sdgs = list(SdgGoal.objects.order_by("-code")[:3])
    statuses = [MeasureStatus.PLANNED, MeasureStatus.COMPLETED, MeasureStatus.DISCONTINUED]
    for i in range(9):
        measure = MeasureFactory(programme=programme, field_of_action=fields[i % 2],
                                 status=statuses[i % 3], weight=1 + i % 2,
                                 progress_percent=None if i == 4 else 10 * i)
        measure.goals.set([goals[i % 3], goals[(i + 1) % 3]] if i % 4 else [])
        measure.sdg_goals.set(sdgs[: i % 4])
    MeasureFactory(programme=programme).goals.set([orphan_goal])
    draft = MeasureFactory(programme=programme, is_published=False, progress_percent=100)
    draft.goals.set(goals)
    draft.sdg_goals.set(sdgs)
    tree = programme_tree(programme, list(measures_published(programme)))
    outline = programme_outline(programme)
    expected = {node.goal.pk: goal_progress_percent(node.measures)
                for field in tree.fields for node in field.goals}
    assert {g.pk: g.progress_percent for row in outline.fields for g in row.goals} == expected
    assert any(value is not None for value in expected.values())
    built = measures_by_status_chart(tree, "en")
    assert built is not None
    counted = measures_by_status_counted(programme_chart_counts(outline), "en")
    assert counted is not None
    assert counted.table == rendered(built, "status").table
    assert counted.svg == rendered(built, "status").svg
    named = Counter(goal.code for m in tree.measures for goal in m.sdg_goals.all())
    assert [(goal.code, n) for goal, n in programme_sdg_counts(programme)] == sorted(
        named.items())

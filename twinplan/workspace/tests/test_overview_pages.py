"""The workspace overview lists one edition's measures a page at a time: every measure is
a page link away, every field is listed with its count and the page where it starts, and
what the programme part offers (adding, editing fields and goals, the measures' pages,
bulk edits, the other editions) stays on the page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    MeasureFactory,
)
from twinplan.workspace.selectors import OVERVIEW_PAGE_SIZE

pytestmark = pytest.mark.django_db


def overview(world, query: str = "") -> str:
    return reverse("workspace:overview", args=[world.partnership.slug]) + query


def measure_links(world, html: str) -> list[int]:
    path = re.escape(f"/en/workspace/{world.partnership.slug}/measures/")
    return [int(pk) for pk in re.findall(rf'<li><a href="{path}(\d+)/">', html)]


def next_link(html: str) -> str | None:
    found = re.search(r'<a href="(\?[^"]*)" rel="next">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_every_measure_is_on_one_of_the_pages_in_the_programmes_order(client, world, alice):
    programme = world.objects["programme"]
    fields = [world.objects["field"], FieldOfActionFactory(programme=programme, position=5)]
    made = [
        MeasureFactory(programme=programme, field_of_action=fields[i % 2], code=f"M{i:03d}")
        for i in range(OVERVIEW_PAGE_SIZE + 5)
    ]
    client.force_login(alice)
    seen: list[int] = []
    query: str | None = ""
    pages = 0
    while query is not None:
        html = client.get(overview(world, query)).content.decode()
        pages += 1
        seen += measure_links(world, html)
        query = next_link(html)
    assert pages == 2
    everything = [*made, world.objects["measure"], world.spare["measure"]]
    assert sorted(seen) == sorted(m.pk for m in everything)
    assert len(seen) == len(everything)  # each once
    # The fields in their order, each by code; the measures without a field last.
    first_field = sorted((m for m in made if m.field_of_action == fields[0]), key=lambda m: m.code)
    assert seen[: len(first_field)] == [m.pk for m in first_field]
    assert set(seen[-2:]) == {world.objects["measure"].pk, world.spare["measure"].pk}
    assert 'aria-current="page">2</a>' in html
    assert 'rel="prev"' in html


def test_the_contents_count_each_field_and_lead_to_the_page_where_it_starts(client, world, alice):
    programme = world.objects["programme"]
    later = FieldOfActionFactory(programme=programme, position=5, title="Mobilität")
    for i in range(OVERVIEW_PAGE_SIZE + 1):
        MeasureFactory(
            programme=programme, field_of_action=world.objects["field"], code=f"A{i:03d}"
        )
    MeasureFactory(programme=programme, field_of_action=later, code="B1")
    client.force_login(alice)
    html = client.get(overview(world)).content.decode()
    contents = html.split('class="toc"', 1)[1].split("</nav>", 1)[0]
    assert f'href="?page=1#field-{world.objects["field"].pk}"' in contents
    assert f"{OVERVIEW_PAGE_SIZE + 1} measures" in contents
    assert re.search(rf'href="\?page=2#field-{later.pk}">.*Mobilität.*</a> \(1 measure\)', contents)
    assert 'href="?page=2#field-none"' in contents  # the world's two without a field
    second = client.get(overview(world, "?page=2")).content.decode()
    assert f'id="field-{later.pk}"' in second
    assert f'id="field-{later.pk}"' not in html


def test_what_the_programme_part_offers_stays_on_every_page(client, world, alice):
    programme = world.objects["programme"]
    for i in range(OVERVIEW_PAGE_SIZE + 1):
        MeasureFactory(programme=programme, code=f"A{i:03d}")
    client.force_login(alice)
    slug = world.partnership.slug
    for query in ("", "?page=2"):
        html = client.get(overview(world, query)).content.decode()
        assert reverse("workspace:measures_bulk", args=[slug, programme.pk]) in html
        assert "Add a measure" in html
        assert "Record a council" in html
    first = client.get(overview(world)).content.decode()
    # The field and its goal, with their edit links, though the field has no measure here.
    field, goal = world.objects["field"], world.objects["goal"]
    assert reverse("workspace:field_edit", args=[slug, field.pk]) in first
    assert reverse("workspace:goal_edit", args=[slug, goal.pk]) in first
    # The world's measure names the goal it serves.
    assert re.search(r"Goals: <span[^>]*>Energie sparen</span>", first)


def test_an_earlier_edition_is_counted_and_its_measures_one_link_away(client, world, alice):
    earlier = ActionProgrammeFactory(
        partnership=world.partnership, edition=0, title="Erste Ausgabe"
    )
    old = MeasureFactory(programme=earlier, title="Old measure")
    client.force_login(alice)
    html = client.get(overview(world)).content.decode()
    assert old.pk not in measure_links(world, html)
    assert f'href="?edition={earlier.pk}#programme-{earlier.pk}"' in html
    shown = client.get(overview(world, f"?edition={earlier.pk}")).content.decode()
    assert measure_links(world, shown) == [old.pk]
    assert client.get(overview(world, "?edition=999999")).status_code == 404


def test_a_page_out_of_range_or_not_a_number_shows_the_nearest(client, world, alice):
    client.force_login(alice)
    two = sorted([world.objects["measure"].pk, world.spare["measure"].pk])
    for query in ("?page=99", "?page=x"):
        response = client.get(overview(world, query))
        assert response.status_code == 200
        assert sorted(measure_links(world, response.content.decode())) == two

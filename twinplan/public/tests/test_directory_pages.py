"""The directory lists the partnerships page by page (its map shows them all), the home
page a few of them; both answer in the same number of queries for 3 or 60 partnerships."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.models import PartnershipKind
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import MeasureFactory
from twinplan.public.maps import DIRECTORY_PAGE_SIZE, HOME_CARDS

pytestmark = pytest.mark.django_db


def located(n: int) -> list:
    """Two towns with coordinates (each drawn as a dot on the map)."""
    return [
        MunicipalityFactory(name=f"Nord {n}", slug=f"nord-{n}", latitude=52.0 + n / 100,
                            longitude=10.0, location_source="test"),
        MunicipalityFactory(name=f"Süd {n}", slug=f"sued-{n}", country="VN", latitude=15.0,
                            longitude=108.0 + n / 100, location_source="test"),
    ]


def network(size: int, start: int = 0, **kwargs) -> list[str]:
    """`size` published partnerships with located towns; their slugs in title order."""
    made = [PartnershipFactory(title=f"Partnership {i:03d}", slug=f"p-{i:03d}",
                               members=located(i), **kwargs)
            for i in range(start, start + size)]
    return [partnership.slug for partnership in made]


def cards(html: str, level: int = 2) -> list[str]:
    return re.findall(rf'<h{level}><a href="/en/partnerships/([^/]+)/">', html)


def next_link(html: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_directory_pages_reach_the_last_partnership(client):
    slugs = network(DIRECTORY_PAGE_SIZE + 3)
    seen: list[str] = []
    path: str | None = "/en/partnerships/"
    pages = 0
    while path:
        html = client.get(path if path.startswith("/") else "/en/partnerships/" + path
                          ).content.decode()
        pages += 1
        seen += cards(html)
        # The map shows every partnership on every page: two towns each.
        assert html.count("<circle") == 2 * len(slugs)
        assert f"{len(slugs)} published partnerships." in html
        path = next_link(html)
    assert pages == 2
    assert seen == slugs
    assert 'rel="prev"' in html  # the last page leads back
    assert "Page 2 of 2" in html


def test_the_pages_keep_the_filters(client):
    network(DIRECTORY_PAGE_SIZE + 1, kind=PartnershipKind.SUSTAINABILITY)
    PartnershipFactory(title="Climate only", kind=PartnershipKind.CLIMATE)
    html = client.get("/en/partnerships/?kind=sustainability").content.decode()
    link = next_link(html)
    assert link == "?kind=sustainability&page=2"
    second = client.get("/en/partnerships/" + link).content.decode()
    assert len(cards(second)) == 1
    assert "Climate only" not in second


def test_a_page_out_of_range_shows_the_last(client):
    slugs = network(3)
    html = client.get("/en/partnerships/?page=99").content.decode()
    assert cards(html) == slugs
    assert 'class="pager"' not in html  # one page: no page links


def test_the_home_page_shows_a_few_and_links_the_directory(client):
    slugs = network(HOME_CARDS + 2)
    html = client.get("/en/").content.decode()
    assert cards(html, level=3) == slugs[:HOME_CARDS]
    assert 'href="/en/partnerships/"' in html
    assert "Nord 0" in html  # the card's towns


def test_the_cards_mark_demo_partnerships(client):
    invented = PartnershipFactory(title="Invented", slug="invented", members=located(1))
    MeasureFactory(programme__partnership=invented, programme__is_published=True,
                   is_published=True, is_demo_content=True)
    real = PartnershipFactory(title="Real", slug="real", members=located(2))
    MeasureFactory(programme__partnership=real, programme__is_published=True,
                   programme__edition=1, is_published=True)
    # A demo measure of a draft programme is not shown, so it does not mark the card.
    MeasureFactory(programme__partnership=real, programme__is_published=False,
                   programme__edition=2, is_published=True, is_demo_content=True)
    for path in ("/en/", "/en/partnerships/"):
        html = client.get(path).content.decode()
        invented = html.split('href="/en/partnerships/invented/">', 1)[1].split("</article>")[0]
        real = html.split('href="/en/partnerships/real/">', 1)[1].split("</article>")[0]
        assert "badge-demo" in invented, path
        assert "badge-demo" not in real, path


def count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


PATHS = ["/en/partnerships/", "/en/partnerships/?page=2",
         "/en/partnerships/?kind=climate&country=DE", "/en/"]


def test_the_queries_stay_the_same_with_ten_times_the_partnerships(client):
    network(3)
    few = [count(client, path) for path in PATHS]
    network(DIRECTORY_PAGE_SIZE + 7, start=3)  # 60 in all: two pages
    assert [count(client, path) for path in PATHS] == few

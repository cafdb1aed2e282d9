"""The one pager of every paginated list (`{% pager %}`, templates/partials/pager.html)."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

from twinplan.core.paging import page_nearest


def render(number: int, pages: int, **options: str) -> str:
    page = Paginator(range(pages * 10), 10).page(number)
    arguments = " ".join(f'{name}="{value}"' for name, value in options.items())
    template = Template("{% load twinplan %}{% pager page_obj " + arguments + " %}")
    with translation.override("en"):
        return template.render(Context({"page_obj": page}))


def hrefs(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]


def test_one_page_shows_no_pager():
    assert render(1, 1).strip() == ""


def test_previous_next_and_every_page_by_number_keeping_the_filters_and_the_anchor():
    html = render(2, 3, query="kind=climate&sort=title", anchor="list")
    assert '<nav class="pager" aria-label="Pages">' in html
    assert "Page 2 of 3" in html
    assert hrefs(html) == [f"?kind=climate&sort=title&page={n}#list" for n in (1, 1, 2, 3, 3)]
    assert 'rel="prev"' in html
    assert 'rel="next"' in html
    # The page shown is named as such; the others say where they lead.
    assert re.search(r'<a href="[^"]*page=2#list" aria-current="page">2</a>', html)
    assert 'aria-label="Page 3 of 3">3</a>' in html


def test_a_long_range_is_elided_around_the_page_shown_and_keeps_both_ends():
    html = render(20, 40, label="Pages of the list")
    assert 'aria-label="Pages of the list"' in html
    numbers = [int(n) for n in re.findall(r'href="\?page=(\d+)"', html)]
    assert numbers == [19, 1, 18, 19, 20, 21, 22, 40, 21]  # previous, the pages, next
    assert html.count("<span>…</span>") == 2


def test_the_first_and_last_page_have_no_link_beyond_them():
    assert 'rel="prev"' not in render(1, 3)
    assert 'rel="next"' not in render(3, 3)


def test_a_page_asked_for_by_a_bad_number_is_the_nearest():
    paginator = Paginator(range(30), 10)
    for asked, shown in (("0", 1), ("-1", 1), ("abc", 1), (None, 1), ("2", 2), ("99", 3)):
        assert page_nearest(paginator, asked).number == shown, asked

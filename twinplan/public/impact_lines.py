"""The impact page's long lists, a page at a time: the measures' impact lines and the money
by measure (`?page=`). The totals above them always count every measure; the lists show
`IMPACT_LINES_PER_PAGE` rows, the others one "next page" away, so the page's size does not
grow with the programme."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _

from twinplan.climate.selectors import ImpactReport, MeasureLine
from twinplan.core.paging import page_nearest
from twinplan.money.selectors import MoneyRow

IMPACT_LINES_PER_PAGE = 10


@dataclass(frozen=True)
class ListPart:
    """The rows of one list on the page shown, with where they sit in the whole list."""

    rows: Sequence[Any]
    first: int  # 1-based; 0 when the page holds none of the list
    last: int
    total: int

    @property
    def is_partial(self) -> bool:
        return len(self.rows) < self.total


@dataclass(frozen=True)
class ImpactLinesPage:
    page_obj: Page[int]
    measures: ListPart  # of MeasureLine
    money_by_measure: ListPart  # of MoneyRow
    # The money breakdowns as the page shows them: by measure, its rows of this page.
    money_breakdowns: list[tuple[str, Sequence[MoneyRow]]]


def _part(rows: Sequence[Any], page: Page[int]) -> ListPart:
    start = (page.number - 1) * page.paginator.per_page
    shown = rows[start:start + page.paginator.per_page]
    return ListPart(shown, start + 1 if shown else 0, start + len(shown) if shown else 0,
                    len(rows))


def impact_lines_page(report: ImpactReport, number: str | None) -> ImpactLinesPage:
    """The page `number` (as given in the query string; a bad one gives the nearest page)
    of the measures' lines and the money by measure; as many pages as the longer needs."""
    lines: Sequence[MeasureLine] = report.measures
    by_measure: Sequence[MoneyRow] = report.money.by_measure if report.money else []
    longest = max(len(lines), len(by_measure))
    page = page_nearest(Paginator(range(longest), IMPACT_LINES_PER_PAGE), number)
    money = _part(by_measure, page)
    breakdowns: list[tuple[str, Sequence[MoneyRow]]] = []
    if report.money:
        for caption, rows in report.money.breakdowns:
            if rows is report.money.by_measure and money.is_partial:
                if not money.rows:
                    continue  # a page past the money rows (there are more impact lines)
                breakdowns.append((
                    _("%(caption)s: rows %(first)s–%(last)s of %(total)s") % {
                        "caption": caption, "first": money.first, "last": money.last,
                        "total": money.total,
                    },
                    money.rows,
                ))
            else:
                breakdowns.append((caption, rows))
    return ImpactLinesPage(page, _part(lines, page), money, breakdowns)

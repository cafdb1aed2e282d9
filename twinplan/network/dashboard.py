"""What the public and the workspace dashboard pages share: the page's context from the
GET parameters, and the same rows as CSV. The views (public.views, workspace.network)
only choose the scope and the template."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from twinplan import charts
from twinplan.core.paging import page_nearest
from twinplan.core.translation import translated
from twinplan.network.forms import DashboardFilterForm
from twinplan.network.selectors import (
    PAGE_SIZE,
    STATUSES,
    Row,
    Scope,
    dashboard_rows,
    rows_money,
    rows_sorted,
    title_in,
)
from twinplan.partnerships.models import PartnershipKind, PhaseKind
from twinplan.programmes.models import MeasureStatus
from twinplan.reference.names import country_name


@dataclass(frozen=True)
class Column:
    key: str  # the sort key, or "" for a column that does not sort
    label: str
    url: str = ""  # the link that sorts by it (the other way round when it is the sort)
    aria_sort: str = ""  # "ascending" / "descending" on the column the table is sorted by


COLUMNS: list[tuple[str, Any]] = [
    ("title", gettext_lazy("Partnership")),
    ("", gettext_lazy("Towns")),
    ("kind", gettext_lazy("Type")),
    ("phase", gettext_lazy("Phase")),
    ("measures", gettext_lazy("Measures by status")),
    ("planned", gettext_lazy("Money planned")),
    ("spent", gettext_lazy("Money spent")),
    ("sdgs", gettext_lazy("SDGs")),
    ("", gettext_lazy("Impact")),
    ("updated", gettext_lazy("Last update")),
]


def _query(params: QueryDict, **changes: str) -> str:
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query[name] = value
    return "?" + query.urlencode()


def _columns(params: QueryDict, sort: str, descending: bool) -> list[Column]:
    columns = []
    for key, label in COLUMNS:
        if not key:
            columns.append(Column("", str(label)))
            continue
        active = key == sort
        # A first click sorts numbers and dates from the largest, text from A.
        first = "desc" if key in {"measures", "planned", "spent", "sdgs", "updated"} else "asc"
        direction = ("asc" if descending else "desc") if active else first
        columns.append(Column(
            key, str(label), _query(params, sort=key, dir=direction),
            ("descending" if descending else "ascending") if active else "",
        ))
    return columns


# The sort keys that need every row's money; the others leave it to the rows shown.
MONEY_SORTS = frozenset({"planned", "spent"})


def _read(request: HttpRequest, scope: Scope, *, every_money: bool = True
          ) -> tuple[DashboardFilterForm, list[Row], str, bool]:
    """The form, the rows sorted, the sort key and direction. Without `every_money` the
    rows carry money only when the sort needs it (`MONEY_SORTS`)."""
    language = get_language() or "en"
    form = DashboardFilterForm(request.GET or None, scope=scope, language=language)
    sort, descending = form.order()
    rows = dashboard_rows(scope=scope, filters=form.filters(), today=timezone.localdate(),
                          money=every_money or sort in MONEY_SORTS)
    return form, rows_sorted(rows, key=sort, descending=descending, language=language), \
        sort, descending


@dataclass(frozen=True)
class StatusChart:
    svg: SafeString
    table: charts.ChartTable


def _number(value: float) -> str:
    return number_format(value, 0, use_l10n=True, force_grouping=True)


def status_chart(rows: list[Row]) -> StatusChart | None:
    """The measures of every row (all pages) by status, as bars with their table; None
    when there are no measures."""
    labels = dict(MeasureStatus.choices)
    totals = {status: sum(row.status_counts.get(status, 0) for row in rows)
              for status in STATUSES}
    if not any(totals.values()):
        return None
    chart = charts.BarChart(
        title=_("Measures by status in these partnerships"),
        bars=tuple(charts.Bar(str(labels[status]), count) for status, count in totals.items()),
        description=_("One bar per status: how many measures of the partnerships listed "
                      "have it."),
    )
    return StatusChart(mark_safe(charts.render_svg(chart, _number)),  # noqa: S308 - escaped
                       charts.chart_table(chart, _number))


_SLUG = "0slug0"  # a slug no partnership has, replaced in the address built once


def rows_shown(rows: list[Row], scope: Scope) -> list[Row]:
    """`rows` with what the table shows filled in (`Row.url`, `impact_url`, `shown`):
    each address reversed once per page and the slug put in, each label (type, phase,
    status, SDG, "n in all") looked up once per page."""
    link = reverse("public:partnership" if scope is None else "workspace:overview",
                   args=[_SLUG])
    impact_link = reverse("public:partnership_impact", args=[_SLUG])
    statuses = dict(MeasureStatus.choices)
    kinds: dict[str, str] = {}
    phases: dict[str, str] = {}
    sdgs: dict[int, str] = {}
    in_all: dict[int, str] = {}
    for row in rows:
        slug = row.partnership.slug
        row.url, row.impact_url = link.replace(_SLUG, slug), impact_link.replace(_SLUG, slug)
        kind = row.partnership.kind
        if kind not in kinds:
            kinds[kind] = capfirst(str(PartnershipKind(kind).label))
        if row.phase_kind and row.phase_kind not in phases:
            phases[row.phase_kind] = capfirst(str(PhaseKind(row.phase_kind).label))
        for code in row.sdgs:
            if code not in sdgs:
                sdgs[code] = _("SDG %(code)s") % {"code": code}
        total = row.measures_total
        if total not in in_all:
            in_all[total] = ngettext("%(counter)s in all", "%(counter)s in all",
                                     total) % {"counter": total}
        row.shown = {
            "kind": kinds[kind],
            "phase": phases.get(row.phase_kind, ""),
            "statuses": [(str(statuses[status]), count) for status, count in row.statuses
                         if count],
            "sdgs": [sdgs[code] for code in row.sdgs],
            "in_all": in_all[total],
        }
    return rows


def dashboard_context(request: HttpRequest, scope: Scope) -> dict[str, Any]:
    form, rows, sort, descending = _read(request, scope, every_money=False)
    page: Page[Row] = page_nearest(Paginator(rows, PAGE_SIZE), request.GET.get("page"))
    shown = list(page.object_list)
    if sort not in MONEY_SORTS:  # the money of the rows shown only
        rows_money(shown, scope=scope, today=timezone.localdate())
    rows_shown(shown, scope)
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "form": form,
        "page": page,
        "rows": page.object_list,
        "row_count": len(rows),
        "columns": _columns(request.GET, sort, descending),
        "statuses": STATUSES,
        "page_query": params.urlencode(),
        "csv_query": params.urlencode(),
        "is_filtered": any(form.filters().__dict__.values()),
        "status_chart": status_chart(rows),
    }


# --- CSV ---------------------------------------------------------------------------------


def _text(value: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) kept as text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _amount(value: Any) -> str:
    return "" if value is None else str(value)


def _csv_rows(rows: list[Row], language: str, url_of: Any) -> list[list[str]]:
    status_labels = dict(MeasureStatus.choices)
    header = [
        _("Partnership"), _("Address"), _("Towns"), _("Countries"), _("Type"),
        _("Funding programme"), _("Phase"),
        *(str(status_labels[status]) for status in STATUSES), _("Measures"),
        _("Money planned (EUR)"), _("Money spent (EUR)"), _("Money by currency"),
        _("SDGs"), _("Contains demo content"), _("Last update"),
    ]
    lines = [header]
    for row in rows:
        lines.append([
            _text(title_in(row, language)),
            url_of(row),
            _text("; ".join(town.name_in(language) for town in row.towns)),
            "; ".join(row.countries),
            str(PartnershipKind(row.partnership.kind).label),
            (_text(translated(row.funding_programme, "name", language).text)
             if row.funding_programme else ""),
            str(PhaseKind(row.phase_kind).label) if row.phase_kind else "",
            *(str(count) for _status, count in row.statuses),
            str(row.measures_total),
            _amount(row.planned_eur), _amount(row.spent_eur),
            "; ".join(f"{currency} {planned} / {spent}"
                      for currency, (planned, spent) in row.money_by_currency.items()),
            " ".join(str(code) for code in row.sdgs),
            "1" if row.has_demo else "0",
            row.updated.isoformat() if row.updated else "",
        ])
    return lines


def dashboard_csv(request: HttpRequest, scope: Scope, *, url_of: Any,
                  filename: str) -> HttpResponse:
    """The rows of the page's filters and order, every page, as CSV: UTF-8 with a byte
    order mark (so that Excel reads the accents), numbers unformatted (a dot before the
    decimals, no thousands separators), dates in ISO 8601."""
    _form, rows, _sort, _descending = _read(request, scope)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(_csv_rows(rows, get_language() or "en", url_of))
    response = HttpResponse(buffer.getvalue().encode("utf-8"),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def country_names(row: Row, language: str) -> list[str]:
    return [country_name(code, language) for code in row.countries]

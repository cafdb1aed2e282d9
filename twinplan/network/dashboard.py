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
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from twinplan import charts
from twinplan.network.forms import DashboardFilterForm
from twinplan.network.selectors import (
    PAGE_SIZE,
    STATUSES,
    Row,
    Scope,
    dashboard_rows,
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


def _read(request: HttpRequest, scope: Scope) -> tuple[DashboardFilterForm, list[Row], str, bool]:
    language = get_language() or "en"
    form = DashboardFilterForm(request.GET or None, scope=scope, language=language)
    sort, descending = form.order()
    rows = dashboard_rows(scope=scope, filters=form.filters(), today=timezone.localdate())
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


def dashboard_context(request: HttpRequest, scope: Scope) -> dict[str, Any]:
    form, rows, sort, descending = _read(request, scope)
    page: Page[Row] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
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
            _text(row.funding_programme.name) if row.funding_programme else "",
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

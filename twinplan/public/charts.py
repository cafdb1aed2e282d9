"""Charts of the public pages, drawn by `twinplan.charts`: the data each page already read,
turned into SVG with its table alternative, numbers and labels in the page's language.

Each function returns a `RenderedChart` (or None when there is nothing to draw); the page
includes `public/_chart.html` for each. No queries of their own: they read the counts, the
impact report and the indicators the views load anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from twinplan import charts
from twinplan.climate.selectors import ImpactReport
from twinplan.core.translation import translated
from twinplan.indicators.models import Indicator
from twinplan.money.models import FundingSource
from twinplan.money.templatetags.money import significant
from twinplan.programmes.models import FieldOfAction, MeasureStatus
from twinplan.reference.models import SdgGoal
from twinplan.reports.builder import impact_balance_chart


def _localised(value: float, decimals: int) -> str:
    # Django's number_format cuts the digits off; round half up first (3,703.5 → 3,704).
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)


def number(value: float | Decimal) -> str:
    """A count or an amount as the active language writes it: whole numbers and amounts
    from 1,000 up without decimals, else one decimal from ten upwards and two below."""
    value = float(value)
    whole = value == int(value) or abs(value) >= 1000
    return _localised(value, 0 if whole else (1 if abs(value) >= 10 else 2))


def measured(value: float | Decimal) -> str:
    """A measured value: its decimals kept (up to two), as the values table writes it."""
    value = float(value)
    if value == int(value):
        return _localised(value, 0)
    return _localised(value, 1 if round(value, 1) == round(value, 2) else 2)


@dataclass(frozen=True)
class RenderedChart:
    svg: SafeString
    table: charts.ChartTable
    key: str  # names the chart on the page ("status", "money", "indicator-3" …)
    is_demo_content: bool = False  # drawn from data the demo made up: the page says so


def three_significant(value: float) -> str:
    """As the impact page writes its tonnes: three significant figures (`10.55` → "10.6")."""
    return significant(value, 3)


def _once_per_value(numbers: charts.NumberFormat) -> charts.NumberFormat:
    """`numbers`, each value written once: a chart writes most values two or three times
    (the point's label, the table, an axis), and localised formatting is most of its
    cost (an indicator's 100 values were 300 calls of `number_format`)."""
    written: dict[str, str] = {}

    def write(value: float) -> str:
        key = repr(value)  # not the value: 0.0 and -0.0 are equal and written apart
        text = written.get(key)
        if text is None:
            text = written[key] = numbers(value)
        return text

    return write


def rendered(data: charts.model.Chart, key: str, *, demo: bool = False,
             numbers: charts.NumberFormat = number) -> RenderedChart:
    numbers = _once_per_value(numbers)
    # The package escapes every text it writes into the SVG.
    return RenderedChart(mark_safe(charts.render_svg(data, numbers)),  # noqa: S308
                         charts.chart_table(data, numbers), key, demo)


def _any_demo(objects: Iterable[object]) -> bool:
    return any(getattr(obj, "is_demo_content", False) for obj in objects)


def _source_label(key: str, fallback: str) -> str:
    return str(dict(FundingSource.choices).get(key, fallback))


def money_by_source(report: ImpactReport | None) -> RenderedChart | None:
    """Planned against spent money per source of funds, in EUR."""
    if report is None:
        return None
    money = report.money
    if money is None or not money.by_source_of_funds or "EUR" not in money.currencies:
        return None
    rows = []
    for row in money.by_source_of_funds:
        amounts = row.amounts.get("EUR")
        if amounts is None:
            continue
        rows.append(charts.StackedRow(_source_label(row.key, row.label), (
            float(amounts.spent),
            float(max(amounts.planned - amounts.spent, Decimal(0))),
        )))
    if not rows:
        return None
    return rendered(charts.StackedBarChart(
        title=_("Money planned and spent by source of funds (EUR)"),
        description=_("Planned and spent amounts per source of funds, converted to EUR."),
        series=(_("spent"), _("planned, not yet spent")),
        rows=tuple(rows),
        unit="EUR",
        total_label=_("Total"),
    ), "money", demo=_any_demo(line.measure for line in report.measures)
       or _any_demo(report.measures_without_impact))


def impact_balance(report: ImpactReport) -> RenderedChart | None:
    """The annual reduction planned and achieved beside the travel emitted (t CO2e): the
    documents' chart (`reports.builder.impact_balance_chart`), with the demo mark."""
    built = impact_balance_chart(report)
    if built is None:
        return None
    return rendered(built, "impact", demo=_any_demo(line.impact_row for line in report.measures)
       or _any_demo(line.leg for line in report.trips), numbers=three_significant)


def indicator_charts(indicators: Iterable[Indicator], language: str
                     ) -> dict[int, RenderedChart]:
    """Each indicator's measured values (approved, prefetched) over time against its target,
    starting from its baseline, by the indicator's id; those without a value are left out."""
    found = {}
    for indicator in indicators:
        values = list(indicator.values.all())
        points = tuple(
            charts.Point(v.date.year + (v.date.timetuple().tm_yday - 1) / 366,
                         str(v.date.year), float(v.value))
            for v in values
        )
        if not points:
            continue
        if indicator.baseline_year and indicator.baseline_value is not None:
            points = (charts.Point(float(indicator.baseline_year), str(indicator.baseline_year),
                                   float(indicator.baseline_value), note=_("Baseline")), *points)
        found[indicator.pk] = rendered(charts.LineChart(
            title=translated(indicator, "name", language).text,
            description=_("Measured values of the indicator against its target."),
            points=points,
            unit=indicator.unit,
            target=float(indicator.target_value) if indicator.target_value is not None else None,
            target_label=_("Target %(year)s") % {"year": indicator.target_year or ""},
            baseline_label=_("Baseline"),
            x_title=_("Year"),
            value_title=_("Value"),
        ), f"indicator-{indicator.pk}", demo=_any_demo([indicator]), numbers=measured)
    return found


def measures_by_status_counted(rows: Sequence[tuple[FieldOfAction | None, dict[str, int]]],
                               language: str, *, demo: bool = False) -> RenderedChart | None:
    """Measures per field of action, split by status, from the database's counts
    (`programmes.selectors.programme_chart_counts`): the same chart as the documents'
    (`reports.builder.measures_by_status_chart`), without loading the measures."""
    if not rows:
        return None
    statuses = [value for value, _label in MeasureStatus.choices
                if any(counts.get(value) for _field, counts in rows)]
    labels = dict(MeasureStatus.choices)
    return rendered(charts.StackedBarChart(
        title=_("Measures by field of action and status"),
        description=_("How many measures each field of action has, split by their status."),
        series=tuple(str(labels[s]) for s in statuses),
        rows=tuple(
            charts.StackedRow(
                str(translated(field_of_action, "title", language).text if field_of_action
                    else _("Without field of action")),
                tuple(float(counts.get(s, 0)) for s in statuses))
            for field_of_action, counts in rows
        ),
        total_label=_("Total"),
    ), "status", demo=demo)


def sdg_coverage_counted(counts: Sequence[tuple[SdgGoal, int]], *, demo: bool = False
                         ) -> RenderedChart | None:
    """How many published measures name each SDG, from the database's counts
    (`programmes.selectors.programme_sdg_counts`, by code)."""
    if not counts:
        return None
    return rendered(charts.BarChart(
        title=_("Measures per SDG"),
        description=_("How many of the published measures contribute to each of the "
                      "Sustainable Development Goals."),
        bars=tuple(
            charts.Bar(_("SDG %(number)s: %(name)s") % {"number": goal.code, "name": goal.name},
                       float(n))
            for goal, n in counts
        ),
    ), "sdg", demo=demo)


def partnership_charts(status_rows: Sequence[tuple[FieldOfAction | None, dict[str, int]]],
                       sdg_counts: Sequence[tuple[SdgGoal, int]], report: ImpactReport | None,
                       language: str, *, demo: bool = False) -> dict[str, RenderedChart | None]:
    """The partnership page's charts: measures by field and status, SDG coverage, money;
    drawn from the counts the view read (`programme_chart_counts`, `programme_sdg_counts`),
    no measure loaded for them."""
    return {
        "status_chart": measures_by_status_counted(status_rows, language, demo=demo),
        "sdg_chart": sdg_coverage_counted(sdg_counts, demo=demo),
        "money_chart": money_by_source(report),
    }

"""The documents as lists of sections, and how a list becomes one HTML document.

Each document kind is a list of `Section`s (`SECTIONS[kind]`). A section names its anchor,
its heading, its template (in `templates/reports/sections/`) and, optionally, a test of
whether the data has anything for it and a function adding context (charts, totals). To
add a section — photos of events, the risk table, the adoption record — write its
template and add one `Section(...)` line at the right place of the list; nothing else
changes. Every section is rendered once per language of the document: one language gives
one column, two give two side by side (each in its own direction).
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinplan import charts
from twinplan.climate.models import ImpactEstimate
from twinplan.climate.selectors import ImpactReport
from twinplan.core.languages import content_language_name
from twinplan.core.translation import translated
from twinplan.media.models import MediaItem
from twinplan.media.selectors import display_size, rendition_bytes
from twinplan.money.models import FundingSource
from twinplan.programmes.models import MeasureStatus
from twinplan.programmes.selectors import ProgrammeTree
from twinplan.reports.models import DocumentKind
from twinplan.reports.selectors import ReportData

ContextBuilder = Callable[[ReportData], dict[str, Any]]


def _always(data: ReportData) -> bool:
    return True


def _no_context(data: ReportData) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Section:
    key: str  # the anchor in the document and the name of the bookmark
    title: str | Promise  # a lazy translation: rendered in each column's language
    template: str
    shows: Callable[[ReportData], bool] = _always
    context: ContextBuilder = _no_context


# --- numbers and charts, in the language of the column being rendered ----------------


def number(value: float | Decimal, decimals: int | None = None) -> str:
    """A number as the active language writes it (1.234,5 in German)."""
    if decimals is None:
        decimals = 0 if float(value) == int(value) else (1 if abs(float(value)) >= 10 else 2)
    # Django's number_format cuts the digits off (22.896 → 22,8); round half up first so a
    # chart says what the tables beside it say (22,9).
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class RenderedChart:
    svg: SafeString
    table: charts.ChartTable
    note: str = ""  # said once in the table's caption (the one source of every value)


def chart(data: charts.model.Chart) -> RenderedChart:
    return RenderedChart(mark_safe(charts.render_svg(data, number)),  # noqa: S308 - escaped
                         charts.chart_table(data, number))


def measures_by_status_chart(tree: ProgrammeTree | None,
                             language: str) -> charts.StackedBarChart | None:
    """Measures per field of action, split by status (a measure in two fields counts in
    both), fields named in `language`: the one chart data the documents and the public
    partnership page draw (`public/charts.py`)."""
    if tree is None or not tree.measures:
        return None
    statuses = [value for value, _label in MeasureStatus.choices
                if any(m.status == value for m in tree.measures)]
    labels = dict(MeasureStatus.choices)
    rows = []
    for node in tree.fields:
        counts = Counter(m.status for m in node.measures)
        if not counts:
            continue
        title = (translated(node.field_of_action, "title", language).text
                 if node.field_of_action else _("Without field of action"))
        rows.append(charts.StackedRow(str(title), tuple(float(counts[s]) for s in statuses)))
    return charts.StackedBarChart(
        title=_("Measures by field of action and status"),
        description=_("How many measures each field of action has, split by their status."),
        series=tuple(str(labels[s]) for s in statuses),
        rows=tuple(rows),
        total_label=_("Total"),
    )


def _measures_by_status(data: ReportData) -> RenderedChart | None:
    """Measures per field of action, split by status, in the document's language."""
    built = measures_by_status_chart(data.tree, translation.get_language() or "en")
    return chart(built) if built is not None else None


def _source_label(key: str, fallback: str) -> str:
    """A source of funds in the language being rendered (the money report names it in the
    language it was read in)."""
    return str(dict(FundingSource.choices).get(key, fallback))


def _money_by_source(data: ReportData) -> RenderedChart | None:
    money = data.impact.money
    if money is None or not money.by_source_of_funds or "EUR" not in money.currencies:
        return None
    return chart(charts.StackedBarChart(
        title=_("Money planned and spent by source of funds (EUR)"),
        description=_("Planned and spent amounts per source of funds, converted to EUR."),
        series=(_("spent"), _("planned, not yet spent")),
        rows=tuple(
            charts.StackedRow(_source_label(row.key, row.label), (
                float(row.amounts["EUR"].spent),
                float(max(row.amounts["EUR"].planned - row.amounts["EUR"].spent, Decimal(0))),
            ))
            for row in money.by_source_of_funds
        ),
        unit="EUR",
        total_label=_("Total"),
    ))


def _money_shares(data: ReportData) -> RenderedChart | None:
    money = data.impact.money
    if money is None or not money.by_source_of_funds or "EUR" not in money.currencies:
        return None
    return chart(charts.ProportionChart(
        title=_("Share of the planned money by source of funds"),
        description=_("Which part of the planned money each source of funds provides."),
        parts=tuple(charts.Part(_source_label(row.key, row.label),
                                float(row.amounts["EUR"].planned))
                    for row in money.by_source_of_funds),
        unit="EUR",
        share_label=_("Share"),
    ))


def impact_balance_chart(report: ImpactReport) -> charts.BarChart | None:
    """The annual reduction planned and achieved beside the travel emitted (t CO2e): the one
    chart data the documents and the public impact page draw (`public/charts.py`)."""
    bars = report.chart
    if not any(bar.value for bar in bars):
        return None
    return charts.BarChart(
        title=_("Impact balance"),
        description=_("Annual CO₂ reduction planned and achieved beside the travel emitted."),
        bars=tuple(charts.Bar(bar.label, bar.value, note=bar.unit) for bar in bars),
    )


def _impact_chart(data: ReportData) -> RenderedChart | None:
    built = impact_balance_chart(data.impact)
    return chart(built) if built is not None else None


def _as_recorded(value: Decimal) -> str:
    """A measured value with as many decimals as it was recorded with (6,942.79)."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return number(value, max(0, -exponent) if isinstance(exponent, int) else 0)


def _indicator_table(indicator: Any, values: list[Any]) -> tuple[charts.ChartTable, str]:
    """Every value of the indicator once, by its date, between its baseline and its target;
    the source in its own column only when the values name more than one (else the
    caption says it once)."""
    sources = {v.source for v in values}
    by_source = len(sources) > 1
    unit = f" ({indicator.unit})" if indicator.unit else ""
    headers: tuple[str, ...] = (_("Date"), _("Value") + unit) + ((_("Source"),) if by_source
                                                                  else ())
    rows: list[tuple[str, ...]] = []
    if indicator.baseline_year and indicator.baseline_value is not None:
        rows.append((f"{_('Baseline')} {indicator.baseline_year}",
                     _as_recorded(indicator.baseline_value))
                    + ((indicator.baseline_source,) if by_source else ()))
    rows += [(date_format(v.date, "SHORT_DATE_FORMAT"), _as_recorded(v.value))
             + ((v.source,) if by_source else ()) for v in values]
    if indicator.target_value is not None:
        rows.append((_("Target %(year)s") % {"year": indicator.target_year or ""},
                     _as_recorded(indicator.target_value))
                    + ((indicator.target_source,) if by_source else ()))
    note = _("Source: %(source)s") % {"source": next(iter(sources))} if len(sources) == 1 else ""
    return charts.ChartTable(indicator.name, headers, tuple(rows)), note


def _indicator_charts(data: ReportData) -> dict[int, RenderedChart]:
    found = {}
    for detail in data.measures:
        for indicator in detail.indicators:
            values = sorted(indicator.values.all(), key=lambda v: v.date)
            points = tuple(
                charts.Point(v.date.year + (v.date.timetuple().tm_yday - 1) / 366,
                             str(v.date.year), float(v.value))
                for v in values
            )
            if indicator.baseline_year and indicator.baseline_value is not None:
                points = (charts.Point(float(indicator.baseline_year), str(indicator.baseline_year),
                                       float(indicator.baseline_value)), *points)
            if not points:
                continue
            table, note = _indicator_table(indicator, values)
            line = charts.LineChart(
                title=indicator.name,
                description=_("Measured values of the indicator against its target."),
                points=points,
                unit=indicator.unit,
                target=float(indicator.target_value) if indicator.target_value is not None
                else None,
                target_label=_("Target %(year)s") % {"year": indicator.target_year or ""},
                x_title=_("Year"),
                value_title=_("Value"),
            )
            found[indicator.pk] = RenderedChart(
                mark_safe(charts.render_svg(line, number)),  # noqa: S308 - escaped
                table, note)
    return found


def _results_measures(data: ReportData) -> dict[str, Any]:
    # The demo mark once on the section's heading when every measure carries it (a generated
    # or demonstration programme), not on each of 200 headings.
    return {"indicator_charts": _indicator_charts(data),
            "measures_all_demo": all(d.measure.is_demo_content for d in data.pilot_measures)}


def _programme_structure(data: ReportData) -> dict[str, Any]:
    return {"status_chart": _measures_by_status(data), "indicator_charts": _indicator_charts(data)}


def _impact(data: ReportData) -> dict[str, Any]:
    # The source of the measures' impact parameters is said once under their table when
    # every line has the same one (as the generated and many real programmes do), rather
    # than in a column repeating it on each of 200 rows.
    sources = {_parameters_source(line.impact_row) for line in data.impact.measures}
    # Likewise the demo mark, once on the table's heading when every line carries it.
    return {"impact_chart": _impact_chart(data),
            "impact_source": next(iter(sources)) if len(sources) == 1 else None,
            "impact_all_demo": all(line.impact_row.is_demo_content
                                   for line in data.impact.measures)}


def _parameters_source(row: ImpactEstimate) -> str:
    if row.parameters_year:
        return f"{row.parameters_source}, {row.parameters_year}"
    return str(row.parameters_source)


def _money(data: ReportData) -> dict[str, Any]:
    return {"money_chart": _money_by_source(data), "share_chart": _money_shares(data),
            "source_labels": {key: str(label) for key, label in FundingSource.choices}}


def _funder_numbers(data: ReportData) -> dict[str, Any]:
    labels = dict(FundingSource.choices)
    by_source: dict[str, list[Any]] = {}
    for line in data.funded_lines:
        by_source.setdefault(str(labels.get(line.resource.source_of_funds, "")), []).append(line)
    by_key = {(r.date, r.base, r.quote): r for r in data.rates}
    used = {
        (rate.date, rate.base, rate.quote): by_key[(rate.date, rate.base, rate.quote)]
        for line in data.funded_lines
        for rate in line.rates
        if (rate.date, rate.base, rate.quote) in by_key
    }
    return {**_money(data), "lines_by_source": by_source,
            "rates_used": sorted(used.values(), key=lambda r: (r.base, r.quote, r.date))}


def _has_impact(data: ReportData) -> bool:
    return bool(data.impact.measures or data.impact.trips)


def _has_money(data: ReportData) -> bool:
    return bool(data.impact.money and data.impact.money.line_count)


def _has_events(data: ReportData) -> bool:
    return bool(data.events)


def _has_photos(data: ReportData) -> bool:
    return bool(data.event_photos)


def _has_adaptation(data: ReportData) -> bool:
    return data.adaptation is not None and not data.adaptation.is_empty


@dataclass(frozen=True)
class PrintPicture:
    """A picture inside the document: its print file as a data address (the PDF and an
    issued HTML edition carry it; nothing is fetched), at most 160 mm wide."""

    item: MediaItem
    src: str
    width: int
    height: int


def print_picture(item: MediaItem, max_width: int = 1200) -> PrintPicture | None:
    try:
        content = rendition_bytes(item)
    except OSError:
        return None  # the file is gone from storage: the document goes without it
    encoded = base64.b64encode(content).decode("ascii")
    width, height = display_size(item, max_width)
    return PrintPicture(item, f"data:{item.content_type};base64,{encoded}", width, height)


def _photos(data: ReportData) -> dict[str, Any]:
    found = []
    for entry in data.event_photos:
        pictures = [p for p in (print_picture(item) for item in entry.photos) if p]
        if pictures:
            found.append((entry.event, pictures))
    return {"photo_events": found}


def _has_sdgs(data: ReportData) -> bool:
    return bool(data.sdgs or data.partnership.agenda_2030_value)


RESULTS_SECTIONS: list[Section] = [
    Section("key-facts", gettext_lazy("Key facts"), "reports/sections/key_facts.html"),
    Section("origin", gettext_lazy("How the partnership came about"),
            "reports/sections/origin.html"),
    Section("process", gettext_lazy("The process"), "reports/sections/process.html",
            shows=lambda d: bool(d.phases or d.events)),
    Section("public-events", gettext_lazy("Public events"),
            "reports/sections/public_events.html", shows=_has_events),
    Section("event-photos", gettext_lazy("Pictures of the events"),
            "reports/sections/event_photos.html", shows=_has_photos, context=_photos),
    Section("measures", gettext_lazy("Pilot measures"), "reports/sections/measures.html",
            shows=lambda d: bool(d.measures), context=_results_measures),
    Section("agenda-2030", gettext_lazy("Agenda 2030"), "reports/sections/agenda_2030.html",
            shows=_has_sdgs),
    Section("adaptation", gettext_lazy("Climate risks and adaptation"),
            "reports/sections/adaptation.html", shows=_has_adaptation),
    Section("impact", gettext_lazy("Impact balance"), "reports/sections/impact.html",
            shows=_has_impact, context=_impact),
    Section("money", gettext_lazy("Money"), "reports/sections/money.html", shows=_has_money,
            context=_money),
]

PROGRAMME_SECTIONS: list[Section] = [
    # The adoption record (which councils, when): one Section line here.
    Section("adoption", gettext_lazy("Edition and adoption"), "reports/sections/adoption.html"),
    Section("baseline", gettext_lazy("Baseline per municipality"),
            "reports/sections/baseline.html"),
    Section("structure", gettext_lazy("Fields of action, goals and measures"),
            "reports/sections/structure.html", shows=lambda d: d.tree is not None,
            context=_programme_structure),
    Section("adaptation", gettext_lazy("Climate risks and adaptation"),
            "reports/sections/adaptation.html", shows=_has_adaptation),
    Section("timeline", gettext_lazy("Timeline"), "reports/sections/timeline.html",
            shows=lambda d: bool(d.measures)),
    Section("sdg-summary", gettext_lazy("SDG summary"), "reports/sections/sdg_summary.html",
            shows=lambda d: bool(d.sdgs)),
]

FUNDER_SECTIONS: list[Section] = [
    Section("narrative", gettext_lazy("Narrative report"), "reports/sections/narrative.html"),
    Section("figures", gettext_lazy("Planned against spent"), "reports/sections/figures.html",
            context=_funder_numbers),
]

SECTIONS: dict[str, list[Section]] = {
    DocumentKind.RESULTS: RESULTS_SECTIONS,
    DocumentKind.PROGRAMME: PROGRAMME_SECTIONS,
    DocumentKind.FUNDER: FUNDER_SECTIONS,
}

TITLES: dict[str, Promise] = {
    DocumentKind.RESULTS: gettext_lazy("Results report"),
    DocumentKind.PROGRAMME: gettext_lazy("Action programme"),
    DocumentKind.FUNDER: gettext_lazy("Funder's report"),
}


# --- the document -----------------------------------------------------------------------


STYLE_SHEET = Path(__file__).parent / "static" / "reports" / "document.css"


def is_rtl(language: str) -> bool:
    base = language.split("-")[0]
    return language in settings.LANGUAGES_BIDI or base in settings.LANGUAGES_BIDI


@dataclass(frozen=True)
class Column:
    language: str
    direction: str
    html: SafeString


@dataclass(frozen=True)
class RenderedSection:
    key: str
    titles: list[tuple[str, str]]  # (language, heading in it)
    columns: list[Column]

    @property
    def rows(self) -> list[list[Column]] | None:
        """Side by side: the columns cut into their top-level blocks and paired, so that a
        heading, a paragraph or a table stands beside its translation and pages break
        between pairs; None when the columns do not have the same blocks."""
        if len(self.columns) < 2:
            return None
        blocks = [top_level_blocks(column.html) for column in self.columns]
        if len({len(found) for found in blocks}) != 1:
            return None
        return [
            [Column(column.language, column.direction, mark_safe(block))  # noqa: S308
             for column, block in zip(self.columns, row, strict=True)]
            for row in zip(*blocks, strict=True)
        ]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "source", "track", "wbr"}


class _Blocks(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.depth = 0
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.line_offsets = [0]
        for line in html.split("\n")[:-1]:
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.starts.append(self._offset())
        if tag not in _VOID:
            self.depth += 1
        elif self.depth == 0:
            self.ends.append(self._offset() + len(self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.starts.append(self._offset())
            self.ends.append(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            self.ends.append(self.html.index(">", self._offset()) + 1)


def top_level_blocks(html: str) -> list[str]:
    """The top-level elements of an HTML fragment, each as its own string (text between
    them is whitespace in the section templates and dropped)."""
    parser = _Blocks(html)
    parser.feed(html)
    parser.close()
    if len(parser.starts) != len(parser.ends):
        return [html]
    return [html[start:end] for start, end in zip(parser.starts, parser.ends, strict=True)]


@dataclass(frozen=True)
class Edition:
    """What the cover says about the issued edition (none for a preview)."""

    number: int | None
    issued_on: Any
    scope: str


@dataclass
class DocumentParts:
    kind: str
    languages: list[str]
    title: str
    sections: list[RenderedSection] = field(default_factory=list)


def _in_language(language: str) -> translation.override:
    return translation.override(language)


def document_html(
    data: ReportData,
    *,
    kind: str,
    languages: Sequence[str],
    edition: Edition | None = None,
    progress: Callable[[int], None] | None = None,
    standalone: bool = True,
) -> str:
    """The whole document as one HTML page. `standalone` puts the style sheet into the
    page (files: the PDF, an issued HTML edition); pages served by the site link it, as
    the Content-Security-Policy allows no inline style."""
    sections = [s for s in SECTIONS[kind] if s.shows(data)]
    rendered: list[RenderedSection] = []
    for index, section in enumerate(sections):
        extra = None
        columns = []
        titles = []
        for language in languages:
            with _in_language(language):
                if extra is None or len(languages) > 1:
                    extra = section.context(data)  # numbers and chart text per language
                context = {
                    "data": data,
                    "partnership": data.partnership,
                    "content_language": language,
                    "language": language,
                    "section_key": section.key,
                    "section_title": str(section.title),
                    "drafts": data.include_drafts,
                    **extra,
                }
                html = render_to_string(section.template, context)
                titles.append((language, str(section.title)))
            columns.append(Column(language, "rtl" if is_rtl(language) else "ltr",
                                  mark_safe(html)))  # noqa: S308 - a rendered template
        rendered.append(RenderedSection(section.key, titles, columns))
        if progress is not None:
            progress(int(10 + 40 * (index + 1) / max(1, len(sections))))
    first = languages[0]
    with _in_language(first):
        # The document's title (the PDF's metadata too) in its first language, as its cover.
        title = f"{TITLES[kind]}: {translated(data.partnership, 'title', first).text}"
        return render_to_string(
            "reports/document.html",
            {
                "data": data,
                "partnership": data.partnership,
                "kind": kind,
                "kind_titles": [(lang, _title_in(kind, lang)) for lang in languages],
                "title": title,
                "languages": languages,
                "language_names": [content_language_name(code) for code in languages],
                "first_language": first,
                "direction": "rtl" if is_rtl(first) else "ltr",
                "side_by_side": len(languages) > 1,
                "sections": rendered,
                "edition": edition,
                "cover_picture": print_picture(data.cover) if data.cover else None,
                "content_language": first,
                # Only files (the PDF, an issued HTML edition) carry the style sheet inside;
                # pages of the site link it and never hold an inline style.
                "inline_css": mark_safe(  # noqa: S308 - our own style sheet
                    f"<style>{STYLE_SHEET.read_text(encoding='utf-8')}</style>"
                ) if standalone else "",
            },
        )


def _title_in(kind: str, language: str) -> str:
    with _in_language(language):
        return str(TITLES[kind])

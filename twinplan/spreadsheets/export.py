"""The measure plan as a workbook (measures, resources, indicator values) or as CSV, and the
empty import template with its explanation sheet.

Headers are written in one interface language; the file remembers it (the workbook's
language property), so that an export is also a file the import reads back. Text that a
spreadsheet program would take for a formula (= + - @ at its start) gets a leading
apostrophe, in the workbook and in CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from twinplan.climate.parameters import ImpactTypeChoice
from twinplan.core.translation import translated
from twinplan.indicators.models import IndicatorValue
from twinplan.money.models import Resource
from twinplan.programmes.models import ActionProgramme, Measure, MeasureStatus
from twinplan.spreadsheets.cells import escaped
from twinplan.spreadsheets.columns import (
    EXPLANATION_SHEET,
    FORMAT_VERSION,
    INDICATOR_VALUES_SHEET,
    LIST_SEPARATOR,
    MEASURES_SHEET,
    RESOURCES_SHEET,
    Column,
    indicator_value_columns,
    measure_columns,
    resource_columns,
)

TABLES = ("measures", "resources", "indicator-values")
_JOIN = f"{LIST_SEPARATOR} "


def _number(value: Any, language: str) -> str:
    """A parameter value as text the import reads back in `language`."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    with translation.override(language):
        return number_format(value, use_l10n=True, force_grouping=False)


def _parameters(parameters: dict[str, Any], language: str) -> str:
    return _JOIN.join(f"{key}={_number(value, language)}" for key, value in parameters.items())


def _label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def _measures(programme: ActionProgramme, measures: Iterable[Measure] | None) -> list[Measure]:
    queryset = (
        Measure.objects.filter(programme=programme) if measures is None else measures
    )
    return list(
        Measure.objects.filter(pk__in=[m.pk for m in queryset])
        .select_related("field_of_action", "lead_municipality", "impact")
        .prefetch_related("goals", "implementing_municipalities", "sdg_goals", "sdg_targets",
                          "actors__organisation")
        .order_by("code", "id")
    )


def measure_rows(measures: Sequence[Measure], language: str) -> list[list[Any]]:
    """One row per measure, in the order of `measure_columns()`."""
    columns = measure_columns()
    rows = []
    with translation.override(language):
        for measure in measures:
            impact = getattr(measure, "impact", None)
            values: dict[str, Any] = {
                "code": measure.code,
                "field_of_action": (measure.field_of_action.code or measure.field_of_action.title)
                if measure.field_of_action else "",
                "goals": _JOIN.join(g.code or g.title for g in measure.goals.all()),
                "lead_municipality": measure.lead_municipality.name
                if measure.lead_municipality else "",
                "implementing_municipalities": _JOIN.join(
                    t.name for t in measure.implementing_municipalities.all()
                ),
                "actors": _JOIN.join(
                    a.organisation.name if a.organisation else a.get_kind_display()
                    for a in measure.actors.all()
                ),
                "status": _label(MeasureStatus, measure.status),
                "progress_percent": measure.progress_percent,
                "progress_note": "",
                "weight": measure.weight,
                "planned_start": measure.planned_start,
                "planned_end": measure.planned_end,
                "actual_start": measure.actual_start,
                "actual_end": measure.actual_end,
                "sdg_goals": _JOIN.join(str(g.code) for g in measure.sdg_goals.all()),
                "sdg_targets": _JOIN.join(t.code for t in measure.sdg_targets.all()),
                "dac_sector": measure.dac_sector,
                "impact_type": _label(ImpactTypeChoice, impact.impact_type) if impact else "",
                "impact_parameters": _parameters(impact.parameters, language) if impact else "",
                "impact_source": impact.parameters_source if impact else "",
                "impact_year": impact.parameters_year if impact else None,
                "is_demo_content": "demo" if measure.is_demo_content else "",
            }
            for column in columns:
                if column.language:
                    name = column.key.split(":", 1)[0]
                    text = translated(measure, name, column.language)
                    values[column.key] = "" if text.is_fallback or text.is_derived else text.text
            rows.append([values[column.key] for column in columns])
    return rows


def resource_rows(measures: Sequence[Measure], language: str) -> list[list[Any]]:
    lines = (
        Resource.objects.filter(measure__in=measures)
        .select_related("measure", "provided_by", "provided_by_organisation")
        .order_by("measure__code", "id")
    )
    rows = []
    with translation.override(language):
        for line in lines:
            provider = line.provided_by_organisation or line.provided_by
            rows.append([
                line.measure.code, line.get_kind_display(), line.planned_amount,
                line.spent_amount, line.currency, line.get_source_of_funds_display(),
                str(provider) if provider else "", line.value_amount, line.value_currency,
                line.date, line.description,
            ])
    return rows


def indicator_value_rows(
    programme: ActionProgramme, measures: Sequence[Measure], language: str
) -> list[list[Any]]:
    values = (
        IndicatorValue.objects.filter(
            Q(indicator__measure__in=measures) | Q(indicator__goal__programme=programme)
        )
        .select_related("indicator__measure", "indicator__goal")
        .order_by("indicator__measure__code", "indicator__name", "date", "id")
    )
    rows = []
    for item in values:
        indicator = item.indicator
        owner = indicator.measure.code if indicator.measure else (
            indicator.goal.code or indicator.goal.title if indicator.goal else ""
        )
        rows.append([
            owner, translated(indicator, "name", language).text, indicator.unit, item.date,
            item.value, item.source, item.note,
        ])
    return rows


def tables(
    programme: ActionProgramme, language: str, measures: Iterable[Measure] | None = None
) -> dict[str, tuple[list[Column], list[list[Any]]]]:
    """The three tables of the plan: columns and rows. `measures` limits them (the public
    download passes the published measures only)."""
    chosen = _measures(programme, measures)
    return {
        "measures": (measure_columns(), measure_rows(chosen, language)),
        "resources": (resource_columns(), resource_rows(chosen, language)),
        "indicator-values": (indicator_value_columns(),
                             indicator_value_rows(programme, chosen, language)),
    }


_TITLES = {"measures": MEASURES_SHEET, "resources": RESOURCES_SHEET,
           "indicator-values": INDICATOR_VALUES_SHEET}


def _header_cells(sheet: Any, columns: list[Column], language: str) -> list[Any]:
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header(language))
        cell.font = Font(bold=True)
        header.append(cell)
    return header


def _workbook(language: str) -> Workbook:
    book = Workbook(write_only=True)
    book.properties.language = language
    book.properties.keywords = f"twinplan-measure-plan {FORMAT_VERSION}"
    book.properties.creator = "twinplan"
    return book


def _add_table(book: Workbook, title: str, columns: list[Column], rows: list[list[Any]],
               language: str) -> None:
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "B2"
    for index in range(len(columns)):
        sheet.column_dimensions[_letter(index)].width = 22
    sheet.append(_header_cells(sheet, columns, language))
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=str(escaped(value)))
        cell.data_type = "s"
        return cell
    return value


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plan_workbook(
    programme: ActionProgramme, language: str, measures: Iterable[Measure] | None = None
) -> bytes:
    """The plan as .xlsx: a sheet each of measures, resources and indicator values, and the
    explanation of the measures' columns."""
    book = _workbook(language)
    with translation.override(language):
        for name, (columns, rows) in tables(programme, language, measures).items():
            _add_table(book, str(_TITLES[name]), columns, rows, language)
        _add_explanation(book, language)
    return _save(book)


def plan_csv(
    programme: ActionProgramme, language: str, table: str,
    measures: Iterable[Measure] | None = None,
) -> str:
    """One of the plan's tables as CSV (UTF-8, comma-separated, ISO dates, decimal point)."""
    columns, rows = tables(programme, language, measures)[table]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header(language) for column in columns])
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return escaped(value) if isinstance(value, str) else value


def template_workbook(language: str) -> bytes:
    """The empty import template in `language`: the measures sheet with its headers, and
    the sheet that explains each column and its allowed values."""
    book = _workbook(language)
    with translation.override(language):
        _add_table(book, str(MEASURES_SHEET), [c for c in measure_columns() if c.imported], [],
                   language)
        _add_explanation(book, language)
    return _save(book)


def _forms(language: str) -> tuple[str, str]:
    if language == "en":
        return "1,234.5", "2026-12-31"
    if language == "vi":
        return "1.234,5", "31/12/2026"
    return "1.234,5", "31.12.2026"


def _add_explanation(book: Workbook, language: str) -> None:
    sheet = book.create_sheet(str(EXPLANATION_SHEET))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 70
    sheet.column_dimensions["D"].width = 60
    number, day = _forms(language)
    wrap = Alignment(wrap_text=True, vertical="top")
    notes = [
        _("How to fill in the sheet “%(sheet)s”: one measure per row, from row 2; the "
          "first row keeps its headers (in any interface language).") % {
            "sheet": MEASURES_SHEET},
        _("This template is in %(language)s: numbers typed as text are read as %(number)s, "
          "dates as %(date)s (or 2026-12-31). Cells your spreadsheet program keeps as dates "
          "or numbers are taken as they are. A date that can be read two ways is refused.")
        % {"language": dict(settings.LANGUAGES).get(language, language), "number": number,
           "date": day},
        _("Lists are separated by semicolons. Text may be in any script."),
        _("Importing a row whose reference the edition has already updates that measure; a "
          "row that matches the measure changes nothing. Columns left out of the sheet are "
          "left as they are; an empty cell of a column that is there empties the field."),
        _("Any problem in any row means nothing is imported: the preview lists each problem "
          "with its row and column."),
    ]
    for note in notes:
        cell = WriteOnlyCell(sheet, value=note)
        sheet.append([cell])
    sheet.append([])
    sheet.append(_header_cells(sheet, [
        Column("h", _("column")), Column("r", _("required")),
        Column("e", _("what it holds")), Column("a", _("allowed values")),
    ], language))
    for column in measure_columns():
        explanation = WriteOnlyCell(sheet, value=str(column.explanation))
        explanation.alignment = wrap
        allowed = WriteOnlyCell(sheet, value=column.allowed() if column.allowed else "")
        allowed.alignment = wrap
        sheet.append([column.header(language), _("yes") if column.required else "",
                      explanation, allowed])

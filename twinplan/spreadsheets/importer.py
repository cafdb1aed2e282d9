"""Importing a measure plan from a workbook into one programme edition.

The file is read once (read-only), every lookup (the edition's measures, fields and goals,
the member towns and their organisations, SDGs) is made once, and every row is parsed and
then written through the services: a row of a measure the edition has through those the
workspace uses (`programmes.services`, `climate.services`,
`core.services.translations_set`); the rows of new measures in one batch through the
services' bulk functions (`programmes.services.measures_check_bulk` and
`measures_create_bulk`, `climate.services.impact_estimates_check_bulk` and
`impact_estimates_create_bulk`), which apply the same rules to each row and write every
measure's history, in a number of queries that does not grow with the rows.
Each problem names its sheet, row, column and reason. Any problem means nothing is
written: the rows are applied inside one transaction, which is rolled back when a row is
refused (or on a dry run, which is how the preview is made)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.climate.models import ImpactEstimate
from twinplan.climate.parameters import ImpactTypeChoice, all_parameter_specs
from twinplan.climate.services import (
    impact_estimates_check_bulk,
    impact_estimates_create_bulk,
    measure_impact_set,
)
from twinplan.core.languages import content_language_codes
from twinplan.core.services import TranslationEdit, translations_set
from twinplan.core.translation import TranslationStatus
from twinplan.core.writes import Author
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation, OrganisationType
from twinplan.programmes.models import ActionProgramme, Measure, MeasureStatus, ProgressKind
from twinplan.programmes.services import (
    MeasureDraft,
    measure_actor_create,
    measure_create,
    measure_update,
    measures_check_bulk,
    measures_create_bulk,
    progress_entry_create,
)
from twinplan.reference.models import SdgGoal, SdgTarget
from twinplan.spreadsheets import cells
from twinplan.spreadsheets.columns import (
    CHOICE,
    DATE,
    DECIMAL,
    INTEGER,
    LIST,
    MEASURES_SHEET,
    Column,
    header_index,
    interface_language_codes,
    measure_columns,
    normalised,
    sheet_names,
)
from twinplan.spreadsheets.workbook import SpreadsheetError, cell_name, read_workbook

logger = logging.getLogger(__name__)

CREATE, CHANGE, UNCHANGED = "create", "change", "unchanged"
Progress = Callable[[int, int], None]


@dataclass
class Problem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Sheet “%(sheet)s”, row %(row)s, column %(column)s: %(message)s") % {
            "sheet": self.sheet, "row": self.row, "column": self.column,
            "message": self.message,
        }


@dataclass
class RowResult:
    row: int
    code: str
    title: str
    action: str
    language: str = ""  # the language of the title (the measure's original language)


@dataclass
class ImportReport:
    """What an import did, or on a dry run would do."""

    sheet: str
    language: str
    rows: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)  # not known to the import
    left_alone_columns: list[str] = field(default_factory=list)  # known, never imported
    dry_run: bool = True

    @property
    def applied(self) -> bool:
        return not self.dry_run and not self.problems

    def of(self, action: str) -> list[RowResult]:
        return [row for row in self.rows if row.action == action]

    @property
    def created(self) -> list[RowResult]:
        return self.of(CREATE)

    @property
    def changed(self) -> list[RowResult]:
        return self.of(CHANGE)

    @property
    def unchanged(self) -> list[RowResult]:
        return self.of(UNCHANGED)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportReport:
        return cls(
            sheet=data["sheet"], language=data["language"],
            rows=[RowResult(**row) for row in data["rows"]],
            problems=[Problem(**problem) for problem in data["problems"]],
            ignored_columns=list(data["ignored_columns"]),
            left_alone_columns=list(data.get("left_alone_columns", [])),
            dry_run=data["dry_run"],
        )


@dataclass
class _Row:
    number: int
    code: str
    fields: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # language → field → text
    actors: list[tuple[str, Organisation | None]] = field(default_factory=list)
    progress: int | None = None
    progress_note: str = ""
    impact: dict[str, Any] | None = None


def _choice_index(choices: list[tuple[str, Any]]) -> dict[str, str]:
    """Each choice by its code and by its name in every interface language."""
    index = {normalised(value): value for value, _label in choices}
    for language in interface_language_codes():
        with translation.override(language):
            index.update({normalised(str(label)): value for value, label in choices})
    return index


def _detect_language(headers: list[Any], declared: str, sheet: str = "") -> str:
    languages = interface_language_codes()
    if declared in languages:
        return declared
    index = header_index(measure_columns())
    found = {normalised(h) for h in headers if h is not None}
    scores = {lang: len(found & set(index[lang])) for lang in languages}
    if not any(scores.values()):
        # No header is known (another layout): the sheet's name tells the language the
        # message about the missing columns is best written in.
        names = sheet_names(MEASURES_SHEET)
        return next((lang for lang in languages
                     if names[lang].casefold() == sheet.strip().casefold()), "en")
    # English first among equals: its headers are also the fallback of the others.
    return max(["en", *languages], key=lambda lang: scores[lang])


class _Lookups:
    """Everything a row may name, read once for the whole file."""

    def __init__(self, programme: ActionProgramme) -> None:
        self.measures: dict[str, Measure] = {
            m.code: m for m in Measure.objects.filter(programme=programme)
            .exclude(code="").select_related("impact")
            .prefetch_related("actors")
        }
        self.fields: dict[str, Any] = {}
        for item in programme.fields.all():
            self.fields.setdefault(normalised(item.title), item)
            if item.code:
                self.fields[normalised(item.code)] = item
        self.goals: dict[str, Any] = {}
        for goal in programme.goals.all():
            self.goals.setdefault(normalised(goal.title), goal)
            if goal.code:
                self.goals[normalised(goal.code)] = goal
        towns = list(Municipality.objects.filter(
            memberships__partnership=programme.partnership_id
        ))
        # A town is found by its name, or by either half of a name in two scripts
        # ("Рума / Ruma").
        self.towns: dict[str, Municipality] = {}
        for town in towns:
            for name in (town.name, *town.name.split(" / ")):
                self.towns.setdefault(normalised(name), town)
        self.organisations = {
            normalised(o.name): o for o in Organisation.objects.filter(municipality__in=towns)
        }
        self.sdg_goals = {str(goal.code): goal for goal in SdgGoal.objects.all()}
        self.sdg_targets = {normalised(t.code): t for t in SdgTarget.objects.all()}
        self.statuses = _choice_index(MeasureStatus.choices)
        self.impact_types = _choice_index(ImpactTypeChoice.choices)
        self.actor_types = _choice_index(OrganisationType.choices)
        self.parameters = all_parameter_specs()


class MeasureImport:
    """One import of a workbook into `programme` by `by`."""

    def __init__(self, *, programme: ActionProgramme, content: bytes, by: Author) -> None:
        self.programme = programme
        self.by = by
        self.columns = measure_columns()
        names = sheet_names(MEASURES_SHEET)
        wanted = {name.casefold() for name in names.values()}
        book = read_workbook(content, wanted)
        if not book.sheets:
            raise SpreadsheetError(_(
                "The workbook has no sheet of measures (named “%(names)s”); its sheets are: "
                "%(found)s."
            ) % {"names": " / ".join(dict.fromkeys(names.values())),
                 "found": ", ".join(book.sheet_names) or "–"})
        self.sheet = next(iter(book.sheets.values()))
        self.language = _detect_language(self.sheet.headers, book.language,
                                         self.sheet.name)
        self._map_headers()
        if not self.sheet.rows:
            raise SpreadsheetError(_("The sheet “%(sheet)s” has headers but no measures.")
                                   % {"sheet": self.sheet.name})

    # --- the header row ---------------------------------------------------------------

    def _map_headers(self) -> None:
        index = header_index(self.columns)
        order = [self.language, "", *interface_language_codes()]
        self.positions: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        self.ignored: list[str] = []
        self.left_alone: list[str] = []
        for position, header in enumerate(self.sheet.headers):
            text = cells.text_of(header)
            if not text:
                continue
            column = next((index[lang][normalised(text)] for lang in order
                           if normalised(text) in index[lang]), None)
            if column is None:
                self.ignored.append(text)
                continue
            if not column.imported:  # an export's column the import leaves alone
                self.left_alone.append(text)
                continue
            if column.key in self.positions:
                raise SpreadsheetError(_(
                    "The sheet “%(sheet)s” has the column “%(column)s” twice (%(first)s and "
                    "%(second)s)."
                ) % {"sheet": self.sheet.name, "column": text,
                     "first": cell_name(1, self.positions[column.key]),
                     "second": cell_name(1, position)})
            self.positions[column.key] = position
            # The column's letter and its header, quoted as the reader's language quotes.
            self.headers[column.key] = _("%(column)s “%(header)s”") % {
                "column": cell_name(1, position)[:-1], "header": text,
            }
        missing = [c.header(self.language) for c in self.columns
                   if c.required and c.key not in self.positions]
        if not any(key.startswith("title:") for key in self.positions):
            missing.append(_("title (one per language, such as “%(example)s”)")
                           % {"example": self.columns[1].header(self.language)})
        if missing:
            raise SpreadsheetError(_(
                "The sheet “%(sheet)s” lacks the columns: %(columns)s. Start from the import "
                "template, whose first row holds the headers."
            ) % {"sheet": self.sheet.name, "columns": "; ".join(missing)})

    def _column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def _label(self, key: str) -> str:
        return self.headers.get(key) or self._column(key).header(self.language)

    # --- parsing ----------------------------------------------------------------------

    def _problem(self, row: int, key: str, message: str) -> Problem:
        return Problem(self.sheet.name, row, self._label(key), message)

    def _parse(self, lookups: _Lookups) -> tuple[list[_Row], list[Problem]]:
        rows: list[_Row] = []
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        for number, values in self.sheet.rows:
            row = _Row(number=number, code="")
            for key, position in self.positions.items():
                value = values[position] if position < len(values) else None
                if (number, position) in self.sheet.formula_cells:
                    problems.append(self._problem(number, key, _(
                        "The formula in this cell has no saved value. Open the file in your "
                        "spreadsheet program, save it and upload it again, or type the value."
                    )))
                    continue
                try:
                    self._read(row, self._column(key), value, lookups)
                except cells.CellError as error:
                    problems.append(self._problem(number, key, str(error)))
            if not row.code:
                problems.append(self._problem(number, "code", _(
                    "Each measure needs its reference (code)."
                )))
            elif row.code in seen:
                problems.append(self._problem(number, "code", _(
                    "The code “%(code)s” is in row %(row)s already."
                ) % {"code": row.code, "row": seen[row.code]}))
            else:
                seen[row.code] = number
            rows.append(row)
        return rows, problems

    def _read(self, row: _Row, column: Column, value: Any, lookups: _Lookups) -> None:
        language = self.language
        key = column.key
        if column.kind == DATE:
            row.fields[key] = cells.date_of(value, language)
            return
        if column.kind == INTEGER:
            number = cells.integer_of(value, language)
            if key == "progress_percent":
                if number is not None and not 0 <= number <= 100:
                    raise cells.CellError(_("Progress is a figure from 0 to 100."))
                row.progress = number
            elif key == "impact_year":
                self._impact(row)["parameters_year"] = number
            elif key == "weight" and number is not None:
                row.fields["weight"] = number
            return
        if column.kind == DECIMAL:  # pragma: no cover - the measures sheet has none
            row.fields[key] = cells.decimal_of(value, language)
            return
        if column.kind == LIST:
            self._read_list(row, key, cells.list_of(value), lookups)
            return
        text = cells.text_of(value)
        if column.kind == CHOICE:
            self._read_choice(row, key, text, lookups)
            return
        if key == "code":
            row.code = text
            if len(text) > 20:
                raise cells.CellError(_("A code has at most 20 characters."))
        elif column.language:
            name = key.split(":", 1)[0]
            row.texts.setdefault(column.language, {})[name] = text
        elif key == "field_of_action":
            found = lookups.fields.get(normalised(text)) if text else None
            if text and found is None:
                raise cells.CellError(_("The edition has no field of action “%(name)s”.")
                                      % {"name": text})
            row.fields["field_of_action"] = found
        elif key == "lead_municipality":
            town = lookups.towns.get(normalised(text)) if text else None
            if text and town is None:
                raise cells.CellError(_not_member(text, lookups))
            row.fields["lead_municipality"] = town
        elif key == "progress_note":
            row.progress_note = text
        elif key == "dac_sector":
            row.fields["dac_sector"] = text
        elif key == "impact_parameters":
            self._impact(row)["parameters"] = self._parameters(text, lookups)
        elif key == "impact_source":
            self._impact(row)["parameters_source"] = text

    @staticmethod
    def _impact(row: _Row) -> dict[str, Any]:
        if row.impact is None:
            row.impact = {}
        return row.impact

    def _read_choice(self, row: _Row, key: str, text: str, lookups: _Lookups) -> None:
        index = lookups.statuses if key == "status" else lookups.impact_types
        choices = MeasureStatus.choices if key == "status" else ImpactTypeChoice.choices
        if not text:
            if key == "impact_type":
                self._impact(row)["impact_type"] = ""
            return
        value = index.get(normalised(text))
        if value is None:
            allowed = ", ".join(f"{label} ({code})" for code, label in choices)
            raise cells.CellError(_("“%(value)s” is not one of the allowed values (%(allowed)s).")
                                  % {"value": text, "allowed": allowed})
        if key == "status":
            row.fields["status"] = value
        else:
            self._impact(row)["impact_type"] = value

    def _read_list(self, row: _Row, key: str, items: list[str], lookups: _Lookups) -> None:
        found: list[Any] = []
        for item in items:
            name = normalised(item)
            if key == "goals":
                goal = lookups.goals.get(name)
                if goal is None:
                    raise cells.CellError(_("The edition has no goal “%(name)s”.")
                                          % {"name": item})
                found.append(goal)
            elif key == "implementing_municipalities":
                town = lookups.towns.get(name)
                if town is None:
                    raise cells.CellError(_not_member(item, lookups))
                found.append(town)
            elif key == "sdg_goals":
                sdg = lookups.sdg_goals.get(item.removeprefix("SDG").strip())
                if sdg is None:
                    raise cells.CellError(_("“%(value)s” is not an SDG (1 to 17).")
                                          % {"value": item})
                found.append(sdg)
            elif key == "sdg_targets":
                target = lookups.sdg_targets.get(name)
                if target is None:
                    raise cells.CellError(_("“%(value)s” is not an SDG target (such as 7.2).")
                                          % {"value": item})
                found.append(target)
            elif key == "actors":
                organisation = lookups.organisations.get(name)
                kind = organisation.kind if organisation else lookups.actor_types.get(name)
                if kind is None:
                    raise cells.CellError(_(
                        "“%(value)s” is neither an organisation of the member municipalities "
                        "nor a type of actor (%(types)s)."
                    ) % {"value": item,
                         "types": ", ".join(str(label) for _v, label in
                                            OrganisationType.choices)})
                row.actors.append((kind, organisation))
        if key != "actors":
            row.fields[key] = found

    def _parameters(self, text: str, lookups: _Lookups) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for item in cells.list_of(text):
            name, separator, raw = (part.strip() for part in item.partition("="))
            spec = lookups.parameters.get(name)
            if not separator or spec is None:
                raise cells.CellError(_(
                    "“%(item)s” is not name=value with a parameter name of the impact types."
                ) % {"item": item})
            if spec.kind is str:
                values[name] = raw
            elif spec.kind is int:
                values[name] = cells.integer_of(raw, self.language)
            else:
                number = cells.decimal_of(raw, self.language)
                values[name] = float(number) if number is not None else None
        return values

    # --- writing ----------------------------------------------------------------------

    def run(self, *, dry_run: bool, progress: Progress | None = None) -> ImportReport:
        """Validate every row and, unless `dry_run`, write them all or (on any problem)
        none."""
        report = ImportReport(sheet=self.sheet.name, language=self.language,
                              ignored_columns=self.ignored,
                              left_alone_columns=self.left_alone, dry_run=dry_run)
        lookups = _Lookups(self.programme)
        rows, problems = self._parse(lookups)
        report.problems = problems
        unreadable = {problem.row for problem in problems}
        today = timezone.localdate()
        # Rows that could be read are checked by the services even when others could not,
        # so that one upload lists every problem; any problem rolls everything back.
        if dry_run:
            # Each row on its own, rolled back at once: the rows of one file do not depend
            # on each other (a code twice is refused above), and the progress written
            # between rows can be read by the upload page meanwhile.
            self._apply_rows(rows, unreadable, lookups, today, report, progress, True)
        else:
            with transaction.atomic():
                self._apply_rows(rows, unreadable, lookups, today, report, progress, False)
                if report.problems:
                    transaction.set_rollback(True)
        report.problems.sort(key=lambda p: (p.row, self._position(p.column)))
        if report.problems:
            report.rows = []
        return report

    def _apply_rows(
        self, rows: list[_Row], unreadable: set[int], lookups: _Lookups, today: date,
        report: ImportReport, progress: Progress | None, roll_back: bool,
    ) -> None:
        """Rows of measures the edition has are applied one by one, through the services
        a workspace edit uses; the new measures in one batch (`_apply`)."""
        readable = [row for row in rows if row.number not in unreadable]
        new = [row for row in readable if row.code not in lookups.measures]
        done = len(rows) - len(readable)
        for row in readable:
            if row.code not in lookups.measures:
                continue
            try:
                with transaction.atomic():
                    action, title, language = self._apply_row(row, lookups, today)
                    if roll_back:
                        transaction.set_rollback(True)
                report.rows.append(RowResult(row.number, row.code, title, action, language))
            except ValidationError as error:
                report.problems.extend(self._service_problems(row, error, lookups))
            except DatabaseError:
                logger.exception("Spreadsheet import: the database refused row %s", row.number)
                report.problems.append(self._refused(row))
            done += 1
            if progress is not None:
                progress(done, len(rows))
        if new:
            try:
                with transaction.atomic():
                    report.rows.extend(self._apply(new, lookups, today, report))
                    if roll_back or report.problems:
                        transaction.set_rollback(True)
            except DatabaseError:
                # The batch is checked by the rules the database holds, so this is not
                # expected; the first of its rows is named.
                logger.exception("Spreadsheet import: the database refused the new rows "
                                 "from row %s", new[0].number)
                report.problems.append(self._refused(new[0]))
            if progress is not None:
                progress(len(rows), len(rows))
        report.rows.sort(key=lambda result: result.row)

    def _refused(self, row: _Row) -> Problem:
        return self._problem(row.number, "code", _(
            "The database refused this row; please tell the network's administrator."
        ))

    def _apply(self, rows: list[_Row], lookups: _Lookups, today: date,
               report: ImportReport) -> list[RowResult]:
        """Create the measures of `rows` (none of them in the edition yet) in one batch
        through `programmes.services.measures_check_bulk`/`measures_create_bulk` and
        `climate.services.impact_estimates_check_bulk`/`impact_estimates_create_bulk`,
        which apply the rules of `_apply_row`'s services to each. Every row's problems
        are added to `report`; when there is any, nothing is written."""
        drafts: list[MeasureDraft] = []
        originals: list[str] = []
        for row in rows:
            original = self._original_language(row, None)
            originals.append(original)
            fields: dict[str, Any] = dict(row.fields, code=row.code)
            for name, text in row.texts.get(original, {}).items():
                fields[name] = text
            # A new measure's empty cells are its defaults anyway.
            fields = {k: v for k, v in fields.items() if v not in (None, "", [])}
            translations = {
                language: edits for language, texts in row.texts.items()
                if language != original and (edits := [
                    TranslationEdit(field=name, text=text, status=TranslationStatus.HUMAN)
                    for name, text in texts.items() if text
                ])
            }
            actors: list[dict[str, Any]] = []
            have: set[tuple[str, int | None]] = set()
            for kind, organisation in row.actors:
                key = (kind, organisation.pk if organisation else None)
                if key not in have:
                    have.add(key)
                    actors.append({"kind": kind, "organisation": organisation})
            entry = None
            if row.progress is not None:
                entry = {
                    "kind": ProgressKind.STEP, "date": today,
                    "progress_percent": row.progress,
                    "text": row.progress_note or _("Progress updated by a spreadsheet import."),
                }
            drafts.append(MeasureDraft(fields=fields, translations=translations,
                                       actors=actors, progress=entry))
        batch = measures_check_bulk(programme=self.programme, by=self.by, drafts=drafts)
        errors: dict[int, list[ValidationError]] = {
            index: [refused] for index, refused in batch.errors.items()
        }
        impacts: list[tuple[Measure, list[Any], dict[str, Any]]] = []
        impact_rows: list[int] = []
        for index, (row, measure) in enumerate(zip(rows, batch.measures, strict=True)):
            if not (row.impact and row.impact.get("impact_type")):
                continue
            try:
                fields = self._impact_fields(row.impact)
            except ValidationError as error:
                errors.setdefault(index, []).append(error)
                continue
            implementing = list(batch.links[index].get("implementing_municipalities", ()))
            impacts.append((measure, implementing, fields))
            impact_rows.append(index)
        impact_batch = impact_estimates_check_bulk(
            partnership=self.programme.partnership, by=self.by, items=impacts
        )
        for position, refused in impact_batch.errors.items():
            errors.setdefault(impact_rows[position], []).append(refused)
        for index in sorted(errors):
            for refused in errors[index]:
                report.problems.extend(self._service_problems(rows[index], refused, lookups))
        if errors or report.problems:
            return []
        measures = measures_create_bulk(batch)
        impact_estimates_create_bulk(impact_batch)
        return [RowResult(row.number, row.code, measure.title, CREATE, measure.original_language)
                for row, measure in zip(rows, measures, strict=True)]

    def _position(self, label: str) -> int:
        """The position of a column by its label in a problem (for the sort)."""
        for key, text in self.headers.items():
            if text == label:
                return self.positions[key]
        return 0

    def _original_language(self, row: _Row, existing: Measure | None) -> str:
        if existing is not None:
            return existing.original_language
        order = [self.programme.original_language,
                 *[code for code in content_language_codes()
                   if code != self.programme.original_language]]
        given = next((lang for lang in order if row.texts.get(lang, {}).get("title")), None)
        return given or self.programme.original_language

    def _apply_row(self, row: _Row, lookups: _Lookups, today: date) -> tuple[str, str, str]:
        existing = lookups.measures.get(row.code)
        original = self._original_language(row, existing)
        fields = dict(row.fields, code=row.code)
        for name, text in row.texts.get(original, {}).items():
            fields[name] = text
        if existing is None:
            # A new measure's empty cells are its defaults anyway: not passing them saves
            # the queries of empty links.
            fields = {k: v for k, v in fields.items() if v not in (None, "", [])}
            measure = measure_create(programme=self.programme, by=self.by,
                                     original_language=original, **fields)
            changed = True
        else:
            measure = measure_update(existing, by=self.by, expected_version=None, **fields)
            changed = measure.version != existing.version
        measure._history_user = self.by  # type: ignore[attr-defined]
        for language, texts in row.texts.items():
            if language == original:
                continue
            stored = (measure.translations or {}).get(language, {})
            edits = [
                TranslationEdit(field=name, text=text, status=TranslationStatus.HUMAN)
                for name, text in texts.items()
                if text != (stored.get(name) or {}).get("text", "")
            ]
            if edits:
                try:
                    changed |= translations_set(obj=measure, language=language,
                                                edits=edits) > 0
                except ValidationError as error:
                    raise ValidationError({f"title:{language}": error.messages}) from error
        have = {(a.kind, a.organisation_id) for a in (existing.actors.all() if existing else ())}
        for kind, organisation in row.actors:
            if (kind, organisation.pk if organisation else None) not in have:
                measure_actor_create(measure=measure, by=self.by, kind=kind,
                                     organisation=organisation)
                have.add((kind, organisation.pk if organisation else None))
                changed = True
        if row.progress is not None and row.progress != measure.progress_percent:
            progress_entry_create(
                measure=measure, by=self.by, kind=ProgressKind.STEP, date=today,
                progress_percent=row.progress,
                text=row.progress_note or _("Progress updated by a spreadsheet import."),
            )
            changed = True
        if row.impact and row.impact.get("impact_type"):
            changed |= self._apply_impact(measure, row.impact, existing)
        action = CREATE if existing is None else (CHANGE if changed else UNCHANGED)
        return action, measure.title, measure.original_language

    @staticmethod
    def _impact_fields(values: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {"impact_type": values["impact_type"]}
        for name in ("parameters", "parameters_source", "parameters_year"):
            if name in values:
                fields[name] = values[name] if values[name] is not None else (
                    "" if name == "parameters_source" else None
                )
        if fields.get("parameters_year") is None and "parameters_year" in fields:
            raise ValidationError({"parameters_year": _("Give the year of the parameters.")})
        return fields

    def _apply_impact(self, measure: Measure, values: dict[str, Any],
                      existing: Measure | None) -> bool:
        current: ImpactEstimate | None = None
        if existing is not None:
            current = getattr(existing, "impact", None)
        saved = measure_impact_set(measure=measure, by=self.by, **self._impact_fields(values))
        return current is None or saved.version != current.version

    def _service_problems(
        self, row: _Row, error: ValidationError, lookups: _Lookups
    ) -> list[Problem]:
        existing = lookups.measures.get(row.code)
        original = self._original_language(row, existing)
        columns = {
            "title": f"title:{original}", "summary": f"summary:{original}",
            NON_FIELD_ERRORS: "code", "parameters_source": "impact_source",
            "parameters_year": "impact_year", "municipality": "lead_municipality",
            "impact_type": "impact_type",
        }
        known = {c.key for c in self.columns}
        problems = []
        if not hasattr(error, "error_dict"):
            return [self._problem(row.number, "code", " ".join(error.messages))]
        for name, errors in error.error_dict.items():
            key = columns.get(name, name)
            if name.startswith("translations:"):  # a batch's translation into a language
                key = "title:" + name.removeprefix("translations:")
            messages = " ".join(m for e in errors for m in e.messages)
            if key not in known:  # a parameter of the impact estimate
                key, messages = "impact_parameters", f"{name}: {messages}"
            problems.append(self._problem(row.number, key, messages))
        return problems


def _not_member(name: str, lookups: _Lookups) -> str:
    members = ", ".join(dict.fromkeys(town.name for town in lookups.towns.values()))
    return _("“%(name)s” is not a member municipality of this partnership (members: "
             "%(members)s).") % {"name": name, "members": members}


def import_measures(
    *, programme: ActionProgramme, content: bytes, by: User | None, dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the workbook's measures into `programme` (see the module's description);
    SpreadsheetError when the file as a whole cannot be read."""
    return MeasureImport(programme=programme, content=content, by=by).run(
        dry_run=dry_run, progress=progress
    )

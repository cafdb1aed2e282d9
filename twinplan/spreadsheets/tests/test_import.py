"""The measure import: happy path, each rule, atomicity, re-import, the template round trip."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from twinplan.climate.models import ImpactEstimate
from twinplan.organisations.models import OrganisationType
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.programmes.models import Measure, MeasureStatus, ProgrammeStatus
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)
from twinplan.spreadsheets.export import plan_workbook, template_workbook
from twinplan.spreadsheets.importer import import_measures
from twinplan.spreadsheets.workbook import SpreadsheetError

pytestmark = pytest.mark.django_db

HEADERS_DE = ["Referenz", "Titel (de)", "Titel (vi)", "Status", "geplanter Beginn",
              "federführender Partner", "SDG-Unterziele", "Fortschritt (%)"]


def workbook(rows: list[list[Any]], headers: list[str] | None = None, *,
             sheet: str = "Maßnahmen", language: str = "de") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headers if headers is not None else HEADERS_DE)
    for row in rows:
        ws.append(row)
    book.properties.language = language
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def draft(partnership):
    return ActionProgrammeFactory(partnership=partnership, status=ProgrammeStatus.DRAFT)


def test_a_plan_typed_into_rows_becomes_measures(draft, alice, wernigerode):
    content = workbook([
        ["K1", "Solardach Rathaus", "Mái nhà năng lượng mặt trời", "geplant", "01.03.2027",
         "Wernigerode", "7.2; 13.1", None],
        ["K2", "Radwege", None, "in_progress", date(2026, 5, 1), None, None, 40],
    ])
    report = import_measures(programme=draft, content=content, by=alice)
    assert report.problems == []
    assert [r.action for r in report.rows] == ["create", "create"]
    k1 = Measure.objects.get(programme=draft, code="K1")
    assert k1.title == "Solardach Rathaus"
    assert k1.original_language == "de"
    assert k1.translations["vi"]["title"]["text"] == "Mái nhà năng lượng mặt trời"
    assert k1.status == MeasureStatus.PLANNED
    assert k1.planned_start == date(2027, 3, 1)
    assert k1.lead_municipality == wernigerode
    assert set(k1.sdg_targets.values_list("code", flat=True)) == {"7.2", "13.1"}
    k2 = Measure.objects.get(programme=draft, code="K2")
    assert k2.progress_percent == 40
    assert k2.history.first().history_user == alice


def test_a_dry_run_previews_and_writes_nothing(draft, alice):
    MeasureFactory(programme=draft, code="K1", title="Solardach Rathaus",
                   status=MeasureStatus.PLANNED)
    content = workbook([["K1", "Solardach Rathaus", None, "geplant", None, None, None, None],
                        ["K2", "Neu", None, None, None, None, None, None],
                        ["K3", "Solardach", None, "idea", None, None, None, None]])
    report = import_measures(programme=draft, content=content, by=alice, dry_run=True)
    assert [(r.code, r.action) for r in report.rows] == [
        ("K1", "unchanged"), ("K2", "create"), ("K3", "create")]
    assert Measure.objects.filter(programme=draft).count() == 1


def test_reimporting_an_unchanged_row_changes_nothing(draft, alice):
    content = workbook([["K1", "Solardach", "Mái nhà", "geplant", "01.03.2027", "Wernigerode",
                         "7.2", 30]])
    import_measures(programme=draft, content=content, by=alice)
    measure = Measure.objects.get(programme=draft, code="K1")
    version, history = measure.version, measure.history.count()
    report = import_measures(programme=draft, content=content, by=alice)
    assert [r.action for r in report.rows] == ["unchanged"]
    measure.refresh_from_db()
    assert (measure.version, measure.history.count()) == (version, history)
    assert measure.progress.count() == 1


def test_reimport_updates_by_reference_instead_of_duplicating(draft, alice):
    import_measures(programme=draft, content=workbook([["K1", "Alt", None, None, None, None,
                                                          None, None]]), by=alice)
    report = import_measures(programme=draft, content=workbook(
        [["K1", "Neu", "Mới", "abgeschlossen", None, None, None, None]]), by=alice)
    assert [r.action for r in report.rows] == ["change"]
    measure = Measure.objects.get(programme=draft)
    assert (measure.title, measure.status, measure.version) == ("Neu", "completed", 2)
    assert measure.translations["vi"]["title"]["text"] == "Mới"


def test_an_error_in_the_last_row_writes_nothing(draft, alice):
    MeasureFactory(programme=draft, code="K0", title="Bestand")
    rows = [[f"K{n}", f"Maßnahme {n}", None, None, None, None, None, None] for n in range(1, 6)]
    rows.append(["K0", "Bestand geändert", None, None, "31.12.2026", None, None, None])
    rows.append(["K9", "", None, None, None, None, None, None])  # no title: refused
    report = import_measures(programme=draft, content=workbook(rows), by=alice)
    assert [(p.row, p.column) for p in report.problems] == [(8, "B “Titel (de)”")]
    assert not report.applied
    assert list(Measure.objects.filter(programme=draft).values_list("code", "title")) == [
        ("K0", "Bestand")]


@pytest.mark.parametrize(("cell", "column", "reason"), [
    (["", "Ohne Code", None, None, None, None, None, None], "A", "reference"),
    (["K1", "X", None, "vielleicht", None, None, None, None], "D", "allowed values"),
    (["K1", "X", None, None, "04/03/2027", None, None, None], "E", "two different dates"),
    (["K1", "X", None, None, "1.3.27", None, None, None], "E", "two-digit year"),
    (["K1", "X", None, None, "31.02.2027", None, None, None], "E", "calendar"),
    (["K1", "X", None, None, None, "Paris", None, None], "F", "not a member"),
    (["K1", "X", None, None, None, None, "7.99", None], "G", "SDG target"),
    (["K1", "X", None, None, None, None, None, 140], "H", "0 to 100"),
    (["K1", "X", None, None, None, None, None, "viel"], "H", "number"),
    (["K1" * 11, "X", None, None, None, None, None, None], "A", "20 characters"),
])
def test_each_bad_cell_is_named_with_its_reason(draft, alice, cell, column, reason):
    report = import_measures(programme=draft, content=workbook([cell]), by=alice)
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert (problem.sheet, problem.row) == ("Maßnahmen", 2)
    assert problem.column.startswith(column + " ")
    assert reason in problem.message
    assert not Measure.objects.filter(programme=draft).exists()


def test_a_code_twice_in_the_file_is_refused_at_the_second(draft, alice):
    rows = [["K1", "A", None, None, None, None, None, None],
            ["K1", "B", None, None, None, None, None, None]]
    report = import_measures(programme=draft, content=workbook(rows), by=alice)
    assert [(p.row, "row 2" in p.message) for p in report.problems] == [(3, True)]


def test_the_code_is_unique_within_an_edition(draft, alice):
    from django.core.exceptions import ValidationError

    from twinplan.programmes.services import measure_create

    measure_create(programme=draft, by=alice, code="K1", title="A")
    with pytest.raises(ValidationError) as error:
        measure_create(programme=draft, by=alice, code="K1", title="B")
    assert "code" in error.value.error_dict
    other = ActionProgrammeFactory(partnership=draft.partnership)
    assert measure_create(programme=other, by=alice, code="K1", title="C").pk


def test_service_rules_are_reported_at_their_column(draft, alice):
    headers = ["code", "title (de)", "planned start", "planned end"]
    rows = [["K1", "X", "2027-05-01", "2027-01-01"]]
    report = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                             by=alice)
    assert [(p.column, p.message) for p in report.problems] == [
        ("D “planned end”", "The planned end lies before the planned start.")]


def test_headers_in_every_interface_language_are_recognised(draft, alice):
    for language, headers in {
        "en": ["reference", "title (de)", "status"],
        "sr": ["ознака", "наслов (de)", "статус"],
        "sr-latn": ["oznaka", "naslov (de)", "status"],
        "vi": ["mã tham chiếu", "tiêu đề (de)", "trạng thái"],
    }.items():
        code = f"X-{language}"
        content = _sheet_in(language, headers, [[code, "Titel", "planned"]])
        report = import_measures(programme=draft, content=content, by=alice)
        assert report.problems == [], language
    assert Measure.objects.filter(programme=draft).count() == 4


def _sheet_in(language: str, headers: list[str], rows: list[list[Any]]) -> bytes:
    from django.utils import translation

    from twinplan.spreadsheets.columns import MEASURES_SHEET

    with translation.override(language):
        name = str(MEASURES_SHEET)
    return workbook(rows, headers, sheet=name, language="")


def test_decimals_and_dates_follow_the_templates_language(draft, alice):
    headers = ["code", "title (de)", "planned start", "impact type", "impact parameters",
               "source of the parameters", "year of the parameters", "lead partner"]
    rows = [["PV1", "PV", "3/14/2027", "photovoltaic", "capacity_kwp=1,234.5", "Offer", 2026,
             "Wernigerode"]]
    report = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                             by=alice)
    assert report.problems == []
    measure = Measure.objects.get(code="PV1")
    assert measure.planned_start == date(2027, 3, 14)
    assert measure.impact.parameters["capacity_kwp"] == 1234.5
    rows[0][0], rows[0][4] = "PV2", "capacity_kwp=1.234,5"
    report = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                             by=alice)
    assert "is not a number" in report.problems[0].message


def test_text_in_any_script(draft, alice):
    headers = ["code", "title (de)", "title (sr)", "title (vi)"]
    rows = [["С-1", "Stadtbäume", "Градско дрвеће", "Cây xanh đô thị"]]
    report = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                             by=alice)
    assert report.problems == []
    measure = Measure.objects.get(code="С-1")
    assert measure.translations["sr"]["title"]["text"] == "Градско дрвеће"


def test_fields_goals_and_actors_are_found_by_name(draft, alice, hoi_an):
    field = FieldOfActionFactory(programme=draft, code="F1", title="Energie")
    goal = GoalFactory(programme=draft, code="Z1", title="Weniger CO2")
    school = OrganisationFactory(name="Trường Nguyễn Duy Hiệu", municipality=hoi_an,
                                 kind=OrganisationType.SCHOOL)
    headers = ["code", "title (de)", "field of action", "goals", "actors", "implemented in"]
    rows = [["K1", "X", "energie", "Z1", "Trường Nguyễn Duy Hiệu; association", "Hội An"]]
    report = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                             by=alice)
    assert report.problems == []
    measure = Measure.objects.get(code="K1")
    assert measure.field_of_action == field
    assert list(measure.goals.all()) == [goal]
    assert {(a.kind, a.organisation) for a in measure.actors.all()} == {
        (OrganisationType.SCHOOL, school), (OrganisationType.ASSOCIATION, None)}
    again = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                            by=alice)
    assert [r.action for r in again.rows] == ["unchanged"]


def test_impact_parameters_are_checked_by_the_climate_services(draft, alice):
    headers = ["code", "title (de)", "impact type", "impact parameters",
               "source of the parameters", "year of the parameters", "lead partner"]
    rows = [["PV1", "PV", "photovoltaic", "capacity_kwp=-3", "Angebot", 2026, "Wernigerode"]]
    report = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                             by=alice)
    assert report.problems[0].column == "D “impact parameters”"
    assert "capacity_kwp" in report.problems[0].message
    assert not ImpactEstimate.objects.exists()


def test_a_formula_uses_its_cached_value_and_one_without_is_refused(draft, alice, tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "Measures"
    ws.append(["code", "title (de)", "weight"])
    ws.append(["K1", "X", "=2+3"])
    out = io.BytesIO()
    book.save(out)
    report = import_measures(programme=draft, content=out.getvalue(), by=alice)
    assert [p.column for p in report.problems] == ["C “weight”"]
    assert "no saved value" in report.problems[0].message
    # The same file with the value a spreadsheet program caches for the formula.
    content = _with_cached_value(out.getvalue(), "C2", "5")
    report = import_measures(programme=draft, content=content, by=alice)
    assert report.problems == []
    assert Measure.objects.get(code="K1").weight == 5


def _with_cached_value(content: bytes, ref: str, value: str) -> bytes:
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = re.sub(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?',
                              rf"\1<v>{value}</v>", text)
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def test_the_template_in_each_language_round_trips(draft, alice):
    for language in ("de", "en", "sr", "sr-latn", "vi"):
        template = load_workbook(io.BytesIO(template_workbook(language)))
        assert len(template.sheetnames) == 2
        ws = template.worksheets[0]
        ws.append([f"T-{language}", "Titel"])
        out = io.BytesIO()
        template.save(out)
        report = import_measures(programme=draft, content=out.getvalue(), by=alice)
        assert report.problems == [], language
        assert report.language == language
    assert Measure.objects.filter(programme=draft).count() == 5


def test_an_export_imports_back_unchanged(draft, alice, wernigerode):
    headers = ["code", "title (de)", "title (vi)", "summary (de)", "status", "planned start",
               "lead partner", "SDGs", "SDG targets", "actors", "impact type",
               "impact parameters", "source of the parameters", "year of the parameters",
               "progress (%)"]
    rows = [["K1", "Solar", "Mặt trời", "'=kurz", "planned", "2027-01-31", "Wernigerode",
             "7; 13", "7.2", "school", "photovoltaic", "capacity_kwp=30.5; lifetime_years=25",
             "Angebot", 2026, 20]]
    assert import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                           by=alice).problems == []
    assert Measure.objects.get(code="K1").summary == "=kurz"
    for language in ("de", "vi", "sr"):
        exported = plan_workbook(draft, language)
        report = import_measures(programme=draft, content=exported, by=alice)
        assert report.problems == [], language
        assert [r.action for r in report.rows] == ["unchanged"], language


def test_the_import_looks_things_up_once_not_per_row(draft, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    MeasureFactory(programme=draft, code="K0", title="Bestand")
    rows = [[f"K{n}", f"M {n}", None, "geplant", None, "Wernigerode", "7.2", None]
            for n in range(1, 21)]
    with CaptureQueriesContext(connection) as queries:
        report = import_measures(programme=draft, content=workbook(rows), by=alice,
                                 dry_run=True)
    assert len(report.rows) == 20
    # The lookups; the services' own writes (links set through a join) are not counted.
    sql = [q["sql"] for q in queries.captured_queries if "JOIN" not in q["sql"]]
    for table in ("reference_sdgtarget", "reference_sdggoal", "organisations_organisation"):
        assert sum(f'FROM "{table}"' in q for q in sql) == 1, table


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"code,title\nK1,X\n", "not an Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
])
def test_files_that_are_no_workbook_are_refused_with_the_reason(draft, alice, content, reason):
    with pytest.raises(SpreadsheetError, match=reason):
        import_measures(programme=draft, content=content, by=alice)


def test_a_zip_that_is_no_workbook_is_refused(draft, alice):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(SpreadsheetError, match="no Excel workbook"):
        import_measures(programme=draft, content=out.getvalue(), by=alice)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(draft, alice, settings):
    import zipfile

    settings.SPREADSHEET_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (6 * 1024 * 1024))
    assert len(out.getvalue()) < 100_000
    with pytest.raises(SpreadsheetError, match="would unpack to 6 MB"):
        import_measures(programme=draft, content=out.getvalue(), by=alice)


def test_a_file_too_large_is_refused(draft, alice, settings):
    settings.SPREADSHEET_MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(SpreadsheetError, match="at most 1 MB"):
        import_measures(programme=draft, content=b"PK" + b"\0" * (2 * 1024 * 1024), by=alice)


def test_a_damaged_workbook_is_refused(draft, alice):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "not xml at all")
    with pytest.raises(SpreadsheetError, match="damaged and cannot be read") as error:
        import_measures(programme=draft, content=out.getvalue(), by=alice)
    assert "Error" not in str(error.value)


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_a_damaged_part_of_a_workbook_is_named_for_the_coordinator(draft, alice, member):
    """No parser's exception name (XMLSyntaxError, ParseError) reaches the page."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(workbook([["K1", "Solar"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, b"<broken" if info.filename == member else
                             source.read(info))
    with pytest.raises(SpreadsheetError) as error:
        import_measures(programme=draft, content=out.getvalue(), by=alice)
    message = str(error.value)
    assert message.startswith("The file is damaged and cannot be read as an Excel workbook.")
    assert "(" not in message
    assert "Error" not in message


def test_a_wrong_sheet_is_refused_with_the_sheets_it_has(draft, alice):
    with pytest.raises(SpreadsheetError, match="its sheets are: Tabelle1"):
        import_measures(programme=draft, content=workbook([["K1", "X"]], sheet="Tabelle1"),
                        by=alice)


def test_another_layout_names_the_missing_columns(draft, alice):
    with pytest.raises(SpreadsheetError, match="lacks the columns: Referenz; title"):
        import_measures(programme=draft, content=workbook([["x", "y"]], ["Name", "Betrag"]),
                        by=alice)


def test_a_sheet_with_headers_only_is_refused(draft, alice):
    with pytest.raises(SpreadsheetError, match="no measures"):
        import_measures(programme=draft, content=workbook([]), by=alice)


def test_one_upload_lists_the_problems_of_reading_and_of_the_rules(draft, alice):
    rows = [["K1", "", None, None, None, None, None, None],          # no title: a rule
            ["K2", "X", None, "vielleicht", None, None, None, None],  # unreadable status
            ["K3", "Gut", None, None, None, None, None, None]]
    report = import_measures(programme=draft, content=workbook(rows), by=alice)
    assert [(p.row, p.column[0]) for p in report.problems] == [(2, "B"), (3, "D")]
    assert "geplant (planned)" not in report.problems[1].message  # in the reader's language
    assert "planned (planned)" in report.problems[1].message
    assert report.rows == []
    assert not Measure.objects.exists()


def test_a_town_is_found_by_either_half_of_a_name_in_two_scripts(draft, alice, hoi_an):
    hoi_an.name = "Хој Ан / Hội An"
    hoi_an.save()
    rows = [["K1", "X", None, None, None, "Hội An", None, None],
            ["K2", "Y", None, None, None, "хој ан", None, None]]
    report = import_measures(programme=draft, content=workbook(rows), by=alice)
    assert report.problems == []
    assert set(Measure.objects.values_list("lead_municipality", flat=True)) == {hoi_an.pk}


def test_another_layout_without_a_language_is_answered_in_the_sheets_language(draft, alice):
    # A plan typed from scratch carries no language property; when none of its headers is
    # known, the sheet's name tells which language the missing columns are named in.
    content = workbook([["1", "x"]], ["Nr", "Name"], sheet="Maßnahmen", language="")
    with pytest.raises(SpreadsheetError, match=r"lacks the columns: Referenz; .*Titel \(de\)"):
        import_measures(programme=draft, content=content, by=alice)


def test_a_wrong_sheet_lists_the_names_a_measures_sheet_may_have(draft, alice):
    with pytest.raises(SpreadsheetError) as error:
        import_measures(programme=draft, content=workbook([["K1", "X"]], sheet="Tabelle1"),
                        by=alice)
    assert "“Maßnahmen / Measures / Mere / Мере / Biện pháp”" in str(error.value)


def test_a_figure_typed_as_a_percentage_is_the_percentage_shown(draft, alice):
    # "40 %" typed into a spreadsheet program is kept as 0.4 shown as a percentage; the
    # progress column means the figure shown, not 0.4 (or 1 for "100 %").
    book = Workbook()
    ws = book.active
    ws.title = "Maßnahmen"
    ws.append(HEADERS_DE)
    ws.append(["K1", "Solar", None, None, None, None, None, 0.4])
    ws.append(["K2", "Wind", None, None, None, None, None, 1])
    ws["H2"].number_format = ws["H3"].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    report = import_measures(programme=draft, content=out.getvalue(), by=alice)
    assert report.problems == []
    assert dict(Measure.objects.values_list("code", "progress_percent")) == {"K1": 40,
                                                                            "K2": 100}


def test_a_row_the_database_refuses_names_no_exception(draft, alice, monkeypatch):
    from django.db import IntegrityError

    from twinplan.spreadsheets.importer import MeasureImport

    def refuse(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: programmes_measure.code")

    monkeypatch.setattr(MeasureImport, "_apply", refuse)
    report = import_measures(programme=draft, content=workbook([["K1", "Solar"]],
                             headers=["Referenz", "Titel (de)"]), by=alice, dry_run=True)
    [problem] = report.problems
    assert problem.message == ("The database refused this row; please tell the network's "
                               "administrator.")


# Queries of an import of new measures with every kind of column but INSERT statements
# (which SQLite splits every 999 parameters): the lookups, the batch's checks, the writes.
BULK_IMPORT_QUERIES = 28

FULL_HEADERS = ["code", "title (de)", "title (vi)", "summary (de)", "status", "planned start",
                "lead partner", "implemented in", "goals", "SDGs", "SDG targets", "actors",
                "impact type", "impact parameters", "source of the parameters",
                "year of the parameters", "progress (%)"]


def _full_rows(prefix: str, count: int) -> bytes:
    rows = [[f"{prefix}{n}", f"Solar {n}", f"Mặt trời {n}", "kurz", "planned", "2027-01-31",
             "Wernigerode", "Hội An", "Z1", "7; 13", "7.2", "Schule Nord; association",
             "photovoltaic", "capacity_kwp=30.5", "Angebot", 2026, 20]
            for n in range(1, count + 1)]
    return workbook(rows, FULL_HEADERS, language="en")


def test_new_measures_are_written_in_one_batch_with_a_history_record_each(
    draft, alice, wernigerode, hoi_an
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from twinplan.accounts.models import User

    OrganisationFactory(name="Schule Nord", municipality=wernigerode,
                        kind=OrganisationType.SCHOOL)
    counted: dict[int, tuple[int, int]] = {}
    for count in (5, 60):
        edition = ActionProgrammeFactory(partnership=draft.partnership,
                                         status=ProgrammeStatus.DRAFT)
        GoalFactory(programme=edition, code="Z1", title="Weniger CO2")
        by = User.objects.get(pk=alice.pk)  # nothing of the earlier run remembered
        with CaptureQueriesContext(connection) as queries:
            report = import_measures(programme=edition, content=_full_rows("K", count),
                                     by=by)
        assert report.problems == []
        assert len(report.created) == count
        sql = [q["sql"] for q in queries.captured_queries]
        inserts = sum(q.startswith("INSERT") for q in sql)
        counted[count] = (len(sql) - inserts, inserts)
    assert counted[5][0] == counted[60][0] == BULK_IMPORT_QUERIES
    assert counted[60][1] <= 2 * counted[5][1]  # the same statements, some split in two
    measures = Measure.objects.filter(programme=edition)
    assert measures.count() == 60
    for measure in measures.prefetch_related("goals", "implementing_municipalities",
                                             "sdg_goals", "sdg_targets", "actors"):
        [record] = measure.history.all()
        assert (record.history_type, record.history_user) == ("+", alice)
        assert record.translations["vi"]["title"]["text"] == measure.translations["vi"][
            "title"]["text"]
        assert measure.lead_municipality == wernigerode
        assert list(measure.implementing_municipalities.all()) == [hoi_an]
        assert [g.code for g in measure.goals.all()] == ["Z1"]
        assert sorted(s.code for s in measure.sdg_goals.all()) == [7, 13]
        assert [t.code for t in measure.sdg_targets.all()] == ["7.2"]
        assert [(a.kind, a.position) for a in measure.actors.all()] == [
            (OrganisationType.SCHOOL, 0), (OrganisationType.ASSOCIATION, 1)]
        assert measure.progress_percent == 20
        [entry] = measure.progress.all()
        assert (entry.progress_percent, entry.author, entry.history.get().history_user) == (
            20, alice, alice)
        assert measure.impact.parameters["capacity_kwp"] == 30.5
        assert measure.impact.municipality == wernigerode
        assert measure.impact.history.get().history_user == alice
        assert {a.history.get().history_user for a in measure.actors.all()} == {alice}


def test_every_new_rows_problems_are_reported_and_nothing_is_written(draft, alice):
    headers = ["code", "title (de)", "title (vi)", "planned start", "planned end",
               "impact type", "impact parameters", "source of the parameters",
               "year of the parameters", "lead partner"]
    rows = [["K1", "Gut", None, None, None, None, None, None, None, None],
            ["K2", "PV", None, None, None, "photovoltaic", "capacity_kwp=-3", "Angebot",
             2026, "Wernigerode"],
            ["K3", "Spät", None, "2027-05-01", "2027-01-01", None, None, None, None, None],
            ["K4", "Lang", "x" * 301, None, None, None, None, None, None, None],
            ["K5", "Ohne Ort", None, None, None, "photovoltaic", "capacity_kwp=3",
             "Angebot", 2026, None]]
    report = import_measures(programme=draft, content=workbook(rows, headers, language="en"),
                             by=alice)
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "G “impact parameters”"), (4, "E “planned end”"), (5, "C “title (vi)”"),
        (6, "J “lead partner”")]
    assert "capacity_kwp" in report.problems[0].message
    assert "partner municipality" in report.problems[3].message
    assert report.rows == []
    assert not Measure.objects.filter(programme=draft).exists()
    assert not ImpactEstimate.objects.exists()


def test_new_rows_in_an_archived_partnership_are_refused(draft, alice):
    from datetime import date as day

    draft.partnership.archived_on = day(2026, 1, 1)
    draft.partnership.save()
    content = workbook([["K1", "A"], ["K2", "B"]], headers=["Referenz", "Titel (de)"])
    report = import_measures(programme=draft, content=content, by=alice)
    assert [(p.row, "archived" in p.message) for p in report.problems] == [(2, True),
                                                                          (3, True)]
    assert not Measure.objects.filter(programme=draft).exists()

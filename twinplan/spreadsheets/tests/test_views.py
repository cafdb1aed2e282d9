"""The spreadsheet pages: who may do what, upload → preview → confirm, bad files, the
background path with its progress, CSV and escaping, the commands."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from twinplan.partnerships.models import PartnershipRole, RoleKind
from twinplan.programmes.models import Measure, ProgrammeStatus
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.spreadsheets import services
from twinplan.spreadsheets.models import ImportState, SheetImport

pytestmark = pytest.mark.django_db


def _book(rows: list[list[object]], headers: list[str] | None = None) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Measures"
    ws.append(headers or ["code", "title (de)", "status"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def draft(partnership):
    return ActionProgrammeFactory(partnership=partnership, status=ProgrammeStatus.DRAFT,
                                  title="Entwurf")


def _url(name: str, partnership, *args) -> str:
    return reverse(f"workspace:{name}", args=[partnership.slug, *args])


@pytest.fixture
def upload(draft, alice):
    return services.sheet_import_create(
        partnership=draft.partnership, programme=draft, by=alice, file_name="plan.xlsx",
        content=_book([["K1", "Solar", "planned"]]),
    )


@pytest.fixture
def users(partnership, alice, bao, charlie, olga, wernigerode):
    from twinplan.accounts.tests.factories import UserFactory
    from twinplan.partnerships.models import FundingProgrammeCoordinator
    from twinplan.partnerships.tests.factories import FundingProgrammeFactory

    funding = FundingProgrammeFactory()
    partnership.funding_programme = funding
    partnership.save()
    reader = UserFactory(username="paula")
    FundingProgrammeCoordinator.objects.create(user=reader, funding_programme=funding)
    inactive = UserFactory(username="ina", is_active=False)
    PartnershipRole.objects.create(user=inactive, partnership=partnership,
                                   role=RoleKind.COORDINATOR, municipality=wernigerode)
    return {
        "coordinator": alice, "partner_coordinator": bao, "contributor": charlie,
        "programme_reader": reader, "network_admin": UserFactory(
            username="root", is_superuser=True, is_staff=True),
        "no_role": olga, "inactive_coordinator": inactive, "anonymous": None,
    }


# role: (the page, the plan download, a template, sees the upload form, may upload)
MATRIX = {
    "coordinator": (200, 200, 200, True, True),
    "partner_coordinator": (200, 200, 200, True, True),
    "network_admin": (200, 200, 200, True, True),
    "programme_reader": (200, 200, 200, False, False),
    "contributor": (200, 403, 200, False, False),
    "no_role": (403, 403, 403, False, False),
    "inactive_coordinator": (302, 302, 302, False, False),
    "anonymous": (302, 302, 302, False, False),
}


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_permission_matrix(client, users, draft, role):
    page, download, template, upload_form, may_upload = MATRIX[role]
    if users[role] is not None:
        client.force_login(users[role])
    partnership = draft.partnership
    response = client.get(_url("sheets", partnership))
    assert response.status_code == page
    assert (b'enctype="multipart/form-data"' in response.content) is upload_form
    assert client.get(_url("sheet_plan", partnership)).status_code == download
    assert client.get(_url("sheet_template", partnership, "vi")).status_code == template
    response = client.post(_url("sheets", partnership), {
        "programme": draft.pk, "file": SimpleUploadedFile("p.xlsx", _book([["K1", "X", ""]]))})
    assert response.status_code == (302 if may_upload else (page if page != 200 else 403))
    assert SheetImport.objects.exists() is may_upload
    assert not Measure.objects.filter(programme=draft).exists()  # checked, not imported
    other = services.sheet_import_create(
        partnership=partnership, programme=draft, by=users["coordinator"],
        file_name="p.xlsx", content=_book([["K2", "Y", ""]]))
    view = client.get(_url("sheet_import", partnership, other.pk)).status_code
    confirm = client.post(_url("sheet_import_confirm", partnership, other.pk)).status_code
    if may_upload:
        assert (view, confirm) == (200, 302)
    else:
        assert view == confirm == (page if page != 200 else 403)
    assert Measure.objects.filter(code="K2").exists() is may_upload


@pytest.mark.parametrize("user", ["charlie", "olga", "bao"])
def test_only_the_partnerships_coordinators_see_and_confirm_an_import(
    client, request, upload, user
):
    client.force_login(request.getfixturevalue(user))
    partnership = upload.partnership
    expected = 200 if user == "bao" else 403
    assert client.get(_url("sheet_import", partnership, upload.pk)).status_code == expected
    response = client.post(_url("sheet_import_confirm", partnership, upload.pk))
    assert response.status_code == (302 if user == "bao" else 403)
    assert Measure.objects.exists() is (user == "bao")


def test_another_partnerships_import_is_not_found(client, upload, olga):
    other = ActionProgrammeFactory().partnership
    PartnershipRole.objects.create(user=olga, partnership=other, role=RoleKind.COORDINATOR)
    client.force_login(olga)
    assert client.get(_url("sheet_import", other, upload.pk)).status_code == 404


def test_upload_preview_and_confirm(client, draft, alice):
    MeasureFactory(programme=draft, code="K0", title="Bestand", status="planned")
    client.force_login(alice)
    content = _book([["K0", "Bestand", "planned"], ["K1", "Solardach", "planned"]])
    response = client.post(_url("sheets", draft.partnership), {
        "programme": draft.pk, "file": SimpleUploadedFile("plan.xlsx", content)})
    upload = SheetImport.objects.get()
    assert response.url == _url("sheet_import", draft.partnership, upload.pk)
    page = client.get(response.url).content.decode()
    assert "Preview: 1 will be created, 0 changed, 1 left alone." in page
    assert '<td lang="de">Solardach</td>' in page  # a German title on an English page
    assert not Measure.objects.filter(code="K1").exists()
    client.post(_url("sheet_import_confirm", draft.partnership, upload.pk))
    page = client.get(response.url).content.decode()
    assert "Imported: 1 created, 0 changed, 1 left alone." in page
    assert Measure.objects.get(code="K1").history.first().history_user == alice
    upload.refresh_from_db()
    assert (upload.state, bytes(upload.content)) == (ImportState.DONE, b"")
    # Confirming twice imports nothing twice.
    client.post(_url("sheet_import_confirm", draft.partnership, upload.pk))
    assert Measure.objects.filter(code="K1").count() == 1


def test_problems_are_listed_and_nothing_can_be_confirmed(client, draft, alice):
    client.force_login(alice)
    content = _book([["K1", "Solardach", "maybe"], ["", "Ohne", ""]])
    response = client.post(_url("sheets", draft.partnership), {
        "programme": draft.pk, "file": SimpleUploadedFile("plan.xlsx", content)},
        follow=True)
    page = response.content.decode()
    assert "Nothing was imported: the file has 2 problems." in page
    assert "C “status”" in page
    assert "A “code”" in page
    assert "Import now" not in page
    upload = SheetImport.objects.get()
    client.post(_url("sheet_import_confirm", draft.partnership, upload.pk))
    assert not Measure.objects.exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The submitted file is empty."),
    (b"code;title\nK1;X\n", "not an Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
])
def test_a_bad_file_is_refused_at_the_field(client, draft, alice, content, message):
    client.force_login(alice)
    response = client.post(_url("sheets", draft.partnership), {
        "programme": draft.pk, "file": SimpleUploadedFile("plan.xlsx", content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="id_file_error"' in response.content.decode() or "errors" in \
        response.content.decode()
    assert not SheetImport.objects.exists()


def test_a_file_over_the_limit_is_refused_unread(client, draft, alice, settings):
    settings.SPREADSHEET_MAX_UPLOAD_BYTES = 1024
    client.force_login(alice)
    response = client.post(_url("sheets", draft.partnership), {
        "programme": draft.pk, "file": SimpleUploadedFile("big.xlsx", b"PK" + b"\0" * 5000)})
    assert "at most 0 MB" in response.content.decode() or "at most" in \
        response.content.decode()
    assert not SheetImport.objects.exists()


def test_a_sheet_problem_of_the_whole_file_is_shown_on_the_import_page(client, draft, alice):
    client.force_login(alice)
    content = _book([["x"]], headers=["Name"])
    response = client.post(_url("sheets", draft.partnership), {
        "programme": draft.pk, "file": SimpleUploadedFile("plan.xlsx", content)}, follow=True)
    page = response.content.decode()
    assert "The file was not imported." in page
    assert "lacks the columns: reference" in page


def test_a_large_file_goes_to_the_worker_and_shows_its_progress(
    client, draft, alice, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "BACKGROUND_FROM_ROWS", 1)
    queued: list[tuple] = []
    from types import SimpleNamespace

    from twinplan.spreadsheets import tasks

    real = tasks.run_sheet_import
    monkeypatch.setattr(tasks, "run_sheet_import",
                        SimpleNamespace(enqueue=lambda *args: queued.append(args)))
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("sheets", draft.partnership), {
            "programme": draft.pk,
            "file": SimpleUploadedFile("plan.xlsx", _book([["K1", "Solar", "planned"]]))})
    upload = SheetImport.objects.get()
    assert queued == [(upload.pk, "en")]
    SheetImport.objects.filter(pk=upload.pk).update(rows_total=200, rows_done=50)
    page = client.get(response.url).content.decode()
    assert "50 of 200 rows" in page
    assert 'data-hx-trigger="every 2s"' in page
    assert "Show the latest state" in page  # without JavaScript
    partial = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="import-state"')
    assert real.call(upload.pk, "en") == "checked"
    page = client.get(response.url).content.decode()
    assert "Preview: 1 will be created" in page
    assert "every 2s" not in page


def test_a_queue_that_is_away_is_reported(draft, alice, monkeypatch,
                                           django_capture_on_commit_callbacks):
    from types import SimpleNamespace

    from twinplan.spreadsheets import tasks

    monkeypatch.setattr(services, "BACKGROUND_FROM_ROWS", 1)

    def fail(*args):
        raise ConnectionError("away")

    monkeypatch.setattr(tasks, "run_sheet_import", SimpleNamespace(enqueue=fail))
    with django_capture_on_commit_callbacks(execute=True):
        upload = services.sheet_import_create(
            partnership=draft.partnership, programme=draft, by=alice, file_name="p.xlsx",
            content=_book([["K1", "X", ""]]))
    upload.refresh_from_db()
    assert upload.state == ImportState.REFUSED
    assert "task queue" in upload.error


def test_the_download_has_three_sheets_and_escapes_formulas(client, draft, alice):
    MeasureFactory(programme=draft, code="K1", title="=HYPERLINK(\"x\")", summary="@SUM(A1)")
    client.force_login(alice)
    response = client.get(_url("sheet_plan", draft.partnership) + f"?edition={draft.edition}")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Measures", "Resources", "Indicator values", "Explanation"]
    ws = book["Measures"]
    titles = [c.value for c in ws[1]]
    row = dict(zip(titles, [c.value for c in ws[2]], strict=True))
    assert row["reference"] == "K1"
    assert row["title (de)"] == "'=HYPERLINK(\"x\")"
    assert row["demo content"] is None
    assert ws.cell(2, 2).data_type == "s"
    response = client.get(_url("sheet_plan", draft.partnership) + "?format=csv&table=measures")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "K1"
    assert rows[1][1] == "'=HYPERLINK(\"x\")"
    assert "'@SUM(A1)" in rows[1]


def test_demo_measures_are_marked_as_demo_in_the_export(draft):
    from twinplan.spreadsheets.export import plan_workbook

    MeasureFactory(programme=draft, code="D1", title="Erfunden", is_demo_content=True)
    ws = load_workbook(io.BytesIO(plan_workbook(draft, "en")))["Measures"]
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("demo content") + 1).value == "demo"


def test_downloads_follow_the_page_language_and_refuse_unknown_input(client, draft, alice):
    client.force_login(alice)
    url = reverse("workspace:sheet_plan", args=[draft.partnership.slug])
    response = client.get(url.replace("/en/", "/vi/"))
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Biện pháp"
    assert client.get(url + "?format=csv&table=nothing").status_code == 404
    assert client.get(url + "?edition=abc").status_code == 404
    assert client.get(url + "?edition=99").status_code == 404
    template = reverse("workspace:sheet_template", args=[draft.partnership.slug, "xx"])
    assert client.get(template).status_code == 404


def test_the_commands_export_and_import(draft, alice, tmp_path, capsys):
    MeasureFactory(programme=draft, code="K1", title="Solar")
    xlsx = tmp_path / "plan.xlsx"
    call_command("export_measures", draft.partnership.slug, "--output", str(xlsx),
                 "--language", "de")
    assert load_workbook(xlsx).sheetnames[0] == "Maßnahmen"
    call_command("export_measures", draft.partnership.slug, "--output",
                 str(tmp_path / "r.csv"), "--table", "resources")
    assert (tmp_path / "r.csv").read_text().startswith("measure reference,")
    call_command("import_measures", draft.partnership.slug, str(xlsx), "--dry-run")
    assert "0 would be created, 0 changed, 1 left alone" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_book([["K2", "", ""]]))
    with pytest.raises(CommandError, match="row 2, column B “title \\(de\\)”"):
        call_command("import_measures", draft.partnership.slug, str(bad))
    (tmp_path / "x.xlsx").write_text("hello")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_measures", draft.partnership.slug, str(tmp_path / "x.xlsx"))


def test_the_import_command_needs_a_draft_or_an_edition(partnership, tmp_path):
    programme = ActionProgrammeFactory(partnership=partnership,
                                       status=ProgrammeStatus.IMPLEMENTATION)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(_book([["K1", "Solar", ""]]))
    with pytest.raises(CommandError, match="no draft programme edition"):
        call_command("import_measures", partnership.slug, str(path))
    call_command("import_measures", partnership.slug, str(path), "--edition",
                 str(programme.edition))
    assert Measure.objects.get(code="K1").programme == programme


def test_without_a_draft_the_form_preselects_the_edition_in_force_and_says_so(
        client, partnership, alice):
    old = ActionProgrammeFactory(partnership=partnership, status=ProgrammeStatus.SUPERSEDED)
    current = ActionProgrammeFactory(partnership=partnership,
                                     status=ProgrammeStatus.IMPLEMENTATION)
    assert current.edition > old.edition
    client.force_login(alice)
    page = client.get(_url("sheets", partnership)).content.decode()
    assert f'<option value="{current.pk}" selected>' in page
    assert (f"There is no draft edition; the measures are imported into edition "
            f"{current.edition} (in implementation)") in page


def test_an_exports_demo_column_is_not_called_unknown(client, draft, alice):
    from twinplan.spreadsheets.export import plan_workbook

    MeasureFactory(programme=draft, code="D1", title="Erfunden", is_demo_content=True)
    book = load_workbook(io.BytesIO(plan_workbook(draft, "en")))
    ws = book["Measures"]
    ws.cell(1, ws.max_column + 1, "my notes")
    out = io.BytesIO()
    book.save(out)
    client.force_login(alice)
    response = client.post(_url("sheets", draft.partnership), {
        "programme": draft.pk, "file": SimpleUploadedFile("plan.xlsx", out.getvalue())},
        follow=True)
    page = response.content.decode()
    assert "Columns left out (not known to the import): my notes</p>" in page
    assert "Columns the import leaves alone on purpose: demo content</p>" in page

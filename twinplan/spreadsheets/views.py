"""The workspace's spreadsheet pages: download the plan (xlsx or CSV) and the import
template, upload a plan, see its preview, confirm it. Each view asks the roles
(partnerships.permissions) first; writes go through spreadsheets.services."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinplan.accounts.models import User
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.permissions import PartnershipAccess, partnership_access
from twinplan.programmes.models import ActionProgramme
from twinplan.spreadsheets.export import TABLES, plan_csv, plan_workbook, template_workbook
from twinplan.spreadsheets.forms import UploadForm
from twinplan.spreadsheets.importer import ImportReport
from twinplan.spreadsheets.models import SheetImport
from twinplan.spreadsheets.selectors import latest_edition
from twinplan.spreadsheets.services import sheet_import_confirm, sheet_import_create

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _partnership(request: HttpRequest, slug: str) -> tuple[Partnership, PartnershipAccess]:
    partnership = get_object_or_404(Partnership, slug=slug)
    access = partnership_access(request.user, partnership)
    if not access.any:
        raise PermissionDenied(_("You have no role in this partnership."))
    return partnership, access


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _edition(request: HttpRequest, partnership: Partnership) -> ActionProgramme:
    number = request.GET.get("edition", "")
    if number:
        if not number.isdigit():
            raise Http404("No such edition.")
        return get_object_or_404(partnership.programmes, edition=int(number))
    edition = latest_edition(partnership)
    if edition is None:
        raise Http404("The partnership has no programme yet.")
    return edition


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@login_required
def sheets(request: HttpRequest, slug: str) -> HttpResponse:
    """Downloads, and for coordinators the upload form."""
    partnership, access = _partnership(request, slug)
    form = None
    if access.edit:
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES, partnership=partnership)
            if form.is_valid():
                upload = sheet_import_create(
                    partnership=partnership, programme=form.cleaned_data["programme"],
                    by=_user(request), file_name=form.file_name,
                    content=form.cleaned_data["file"],
                )
                return redirect("workspace:sheet_import", partnership.slug, upload.pk)
        else:
            form = UploadForm(partnership=partnership)
    elif request.method == "POST":
        raise PermissionDenied(_("Only the partnership's coordinators import measures."))
    return render(request, "spreadsheets/sheets.html", {
        "partnership": partnership, "access": access, "form": form,
        "editions": partnership.programmes.order_by("-edition"),
        "languages": settings.LANGUAGES, "tables": TABLES,
    })


@login_required
def plan_download(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    if not access.export:
        raise PermissionDenied(_("You may not export this partnership's data."))
    programme = _edition(request, partnership)
    language = _language()
    name = f"{slugify(partnership.slug)}-{programme.edition}"
    table = request.GET.get("table", "")
    if request.GET.get("format") == "csv":
        if table not in TABLES:
            raise Http404("Unknown table.")
        response = HttpResponse(plan_csv(programme, language, table),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{table}.csv"'
        return response
    response = HttpResponse(plan_workbook(programme, language), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def template_download(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    _partnership(request, slug)
    if language not in dict(settings.LANGUAGES):
        raise Http404("Unknown language.")
    response = HttpResponse(template_workbook(language), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="twinplan-measures-template-{language}.xlsx"'
    )
    return response


def _upload(request: HttpRequest, slug: str, pk: int) -> tuple[Partnership, SheetImport]:
    partnership, access = _partnership(request, slug)
    if not access.edit:
        raise PermissionDenied(_("Only the partnership's coordinators import measures."))
    upload = get_object_or_404(
        SheetImport.objects.select_related("programme").defer("content"),
        pk=pk, partnership=partnership,
    )
    return partnership, upload


@login_required
def sheet_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The state of an upload: its progress while it is checked or imported, then the
    preview (created, changed, left alone, problems) or the result."""
    partnership, upload = _upload(request, slug, pk)
    report = ImportReport.from_json(upload.report) if upload.report else None
    template = ("spreadsheets/_import_state.html" if request.headers.get("HX-Request")
                else "spreadsheets/import.html")
    return render(request, template, {
        "partnership": partnership, "upload": upload, "report": report,
    })


@login_required
@require_POST
def sheet_import_confirm_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership, upload = _upload(request, slug, pk)
    sheet_import_confirm(upload, by=_user(request))
    return redirect("workspace:sheet_import", partnership.slug, upload.pk)

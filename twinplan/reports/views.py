"""Document pages: the public list of issued editions with their downloads and the current
report as HTML; the workspace list of every edition, where coordinators issue and withdraw.
Views are thin: reads in selectors, writes in services, rules in permissions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinplan.accounts.models import User
from twinplan.core.languages import content_language_codes
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.permissions import PartnershipAccess, partnership_access
from twinplan.partnerships.selectors import partnership_published_or_none
from twinplan.reports import services
from twinplan.reports.forms import IssueForm
from twinplan.reports.models import DocumentFormat, DocumentKind, Edition, EditionScope
from twinplan.reports.render import document
from twinplan.reports.selectors import editions_of, editions_public


def _published(slug: str) -> Partnership:
    partnership = partnership_published_or_none(slug)
    if partnership is None:
        raise Http404("No published partnership with this address.")
    return partnership


def _default_languages(partnership: Partnership) -> list[str]:
    page = get_language() or "en"
    codes = content_language_codes()
    return [page] if page in codes else (partnership.working_languages or codes)[:1]


def _document_response(
    request: HttpRequest, partnership: Partnership, kind: str, scope: str, template: str,
    context: dict[str, object],
) -> HttpResponse:
    if kind not in DocumentKind.values:
        raise Http404("No such document.")
    raw = request.GET.get("lang") or ",".join(_default_languages(partnership))
    try:
        languages = services.parse_languages(raw)
    except ValidationError as error:
        return render(request, template, {**context, "partnership": partnership,
                                          "language_error": " ".join(error.messages)},
                      status=400)
    html = document(partnership, kind=kind, languages=languages, scope=scope,
                    today=timezone.localdate(), file_format=DocumentFormat.HTML,
                    standalone=False)
    return HttpResponse(html, content_type="text/html; charset=utf-8")


def _file(edition: Edition) -> FileResponse:
    if not edition.is_ready:
        raise Http404("The file of this edition is not ready.")
    content_type = "application/pdf" if edition.format == DocumentFormat.PDF else "text/html"
    return FileResponse(edition.file.open("rb"), as_attachment=True,
                        filename=edition.filename, content_type=content_type)


# --- public ------------------------------------------------------------------------------


def documents_public(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _published(slug)
    return render(request, "reports/public_documents.html", {
        "partnership": partnership,
        "editions": editions_public(partnership),
        "kinds": DocumentKind.choices,
        "languages": _language_links(partnership),
    })


def _language_links(partnership: Partnership) -> list[tuple[str, str]]:
    """(lang parameter, label): the page's language, each working language, and the
    working languages side by side."""
    from twinplan.core.languages import content_language_name

    codes = list(dict.fromkeys([*_default_languages(partnership),
                                *partnership.working_languages]))
    codes = [c for c in codes if c in content_language_codes()]
    links = [(code, content_language_name(code)) for code in codes]
    working = [c for c in partnership.working_languages if c in content_language_codes()]
    firsts = list(dict.fromkeys(c.split("-")[0] for c in working))
    if len(firsts) >= 2:
        pair = [next(c for c in working if c.split("-")[0] == first) for first in firsts[:2]]
        links.append((",".join(pair), " | ".join(content_language_name(c) for c in pair)))
    return links


def document_current_public(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The document as it stands now, published content only, as an HTML page."""
    partnership = _published(slug)
    return _document_response(request, partnership, kind, EditionScope.PUBLIC,
                              "reports/public_documents.html", {
                                  "editions": editions_public(partnership),
                                  "kinds": DocumentKind.choices,
                                  "languages": _language_links(partnership),
                              })


def edition_download_public(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    partnership = _published(slug)
    edition = get_object_or_404(Edition, pk=pk, partnership=partnership,
                                scope=EditionScope.PUBLIC, withdrawn_at__isnull=True)
    return _file(edition)


# --- workspace ---------------------------------------------------------------------------


def _member(request: HttpRequest, slug: str) -> tuple[Partnership, PartnershipAccess]:
    partnership = get_object_or_404(Partnership, slug=slug)
    access = partnership_access(request.user, partnership)
    if not access.view_drafts:
        raise PermissionDenied(_("You have no role in this partnership that shows its "
                                 "documents."))
    return partnership, access


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _workspace_page(request: HttpRequest, partnership: Partnership, access: PartnershipAccess,
                    form: IssueForm | None = None, status: int = 200,
                    error: str = "") -> HttpResponse:
    editions = editions_of(partnership)
    return render(request, "reports/workspace_documents.html", {
        "page_error": error,
        "partnership": partnership,
        "access": access,
        "editions": editions,
        "pending": any(e.is_pending for e in editions),
        "form": form or IssueForm(languages=_default_languages(partnership)),
        "kinds": DocumentKind.choices,
        "languages": _language_links(partnership),
    }, status=status)


@login_required
def documents_workspace(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _member(request, slug)
    return _workspace_page(request, partnership, access)


@login_required
@require_POST
def edition_issue_view(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _member(request, slug)
    if not access.edit:
        raise PermissionDenied(_("Only the partnership's coordinators issue documents."))
    form = IssueForm(request.POST)
    if not form.is_valid():
        return _workspace_page(request, partnership, access, form, status=400)
    try:
        services.edition_issue(
            partnership=partnership, by=_user(request), kind=form.cleaned_data["kind"],
            languages=form.languages(), scope=form.cleaned_data["scope"],
            file_format=form.cleaned_data["file_format"],
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            target = {"languages": "second_language", "format": "file_format"}.get(name, name)
            form.add_error(target if target in form.fields else None, messages)
        return _workspace_page(request, partnership, access, form, status=400)
    except DatabaseError:
        form.add_error(None, _("The database could not store this just now, so nothing "
                               "was issued. Please try again in a moment."))
        return _workspace_page(request, partnership, access, form, status=503)
    return redirect("reports:workspace_documents", slug=partnership.slug)


@login_required
@require_POST
def edition_withdraw_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership, access = _member(request, slug)
    if not access.edit:
        raise PermissionDenied(_("Only the partnership's coordinators withdraw documents."))
    edition = get_object_or_404(Edition, pk=pk, partnership=partnership)
    try:
        services.edition_withdraw(edition, by=_user(request))
    except ValidationError as error:
        return _workspace_page(request, partnership, access, status=400,
                               error=" ".join(error.messages))
    return redirect("reports:workspace_documents", slug=partnership.slug)


@login_required
def edition_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One edition's row (polled by htmx while it is being built)."""
    partnership, access = _member(request, slug)
    edition = get_object_or_404(Edition.objects.select_related("issued_by"), pk=pk,
                                partnership=partnership)
    return render(request, "reports/partials/edition_row.html", {
        "partnership": partnership, "access": access, "edition": edition, "workspace": True,
    })


@login_required
def edition_download_workspace(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    partnership, _access = _member(request, slug)
    return _file(get_object_or_404(Edition, pk=pk, partnership=partnership))


@login_required
def document_preview(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The document as it stands now with drafts, as an HTML page (not issued)."""
    partnership, access = _member(request, slug)
    scope = EditionScope.PUBLIC if request.GET.get("scope") == "public" else EditionScope.DRAFT
    editions = editions_of(partnership)
    return _document_response(request, partnership, kind, scope,
                              "reports/workspace_documents.html", {
                                  "access": access, "editions": editions,
                                  "form": IssueForm(languages=_default_languages(partnership)),
                                  "kinds": DocumentKind.choices,
                                  "languages": _language_links(partnership),
                              })

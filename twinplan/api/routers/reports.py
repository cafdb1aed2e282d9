"""Issued reports of a partnership, as links to fetch them (`reports.selectors.editions_public`:
the public editions that are built, withdrawn ones listed as withdrawn without a link)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import override
from ninja import Router

from twinplan.api.auth import READ
from twinplan.api.common import PagingQuery, envelope
from twinplan.api.language import requested_language
from twinplan.api.routers.partnerships import public_url, visible_partnership
from twinplan.api.routers.programmes import READ_ERRORS
from twinplan.api.schemas.reports import ReportPage
from twinplan.partnerships.models import Partnership
from twinplan.reports.builder import TITLES
from twinplan.reports.selectors import editions_public

router = Router(tags=["reports"], auth=READ)


def issued_reports(request: HttpRequest, partnership: Partnership,
                   language: str) -> list[dict[str, Any]]:
    """The public issued editions of a published partnership, newest first per document,
    as ReportLink data; none while the partnership is not published (its members see
    their editions in the workspace)."""
    if not partnership.is_published:
        return []
    rows = []
    for edition in editions_public(partnership):
        with override(language):
            title = str(TITLES[edition.kind])
        rows.append({
            "title": title,
            "kind": edition.kind,
            "edition": edition.number,
            "languages": list(edition.languages),
            "issued_on": edition.issued_on,
            "format": edition.format,
            "withdrawn": edition.is_withdrawn,
            "withdrawn_on": (timezone.localdate(edition.withdrawn_at)
                             if edition.withdrawn_at else None),
            "url": None if edition.is_withdrawn or not edition.file else public_url(
                request, "reports:public_download", language, slug=partnership.slug,
                pk=edition.pk),
        })
    return rows


@router.get("/partnerships/{slug}/reports", response={200: ReportPage, **READ_ERRORS},
            summary="Issued reports, as links")
def report_list(request: HttpRequest, slug: str, paging: PagingQuery,
                lang: str | None = None) -> Any:
    """The public editions of the partnership's documents (results report, action
    programme, funder's report) that were issued and built, withdrawn ones included and
    marked; titles in the language asked for (`lang` or Accept-Language)."""
    language = requested_language(request, lang)
    partnership = visible_partnership(request, slug)
    reports = issued_reports(request, partnership, language)
    return envelope(len(reports), paging,
                    reports[paging.offset: paging.offset + paging.limit])

"""Partnerships (published ones, and the drafts of those the caller may read), with the
filters an SDG or open-data portal needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import override
from ninja import Query, Router, Schema
from pydantic import Field

from twinplan.api.auth import READ, caller_of
from twinplan.api.common import PagingQuery, envelope, not_found, page
from twinplan.api.language import requested_language, text
from twinplan.api.permissions import draft_partnerships_q
from twinplan.api.schemas.common import Error
from twinplan.api.schemas.partnerships import PartnershipDetail, PartnershipPage
from twinplan.partnerships.models import (
    Partnership,
    PartnershipKind,
    PartnershipMember,
    Phase,
    PhaseKind,
)
from twinplan.partnerships.permissions import AnyUser
from twinplan.programmes.models import Goal, Measure

router = Router(tags=["partnerships"], auth=READ)

ERRORS = {400: Error, 401: Error, 404: Error, 422: Error, 429: Error}


class PartnershipFilters(Schema):
    country: str | None = Field(None, max_length=2,
                                description="A member municipality's country (ISO 3166 code).")
    kind: PartnershipKind | None = None
    sdg: int | None = Field(None, ge=1, le=17,
                            description="An SDG that one of its measures or goals serves.")
    phase: PhaseKind | None = Field(None, description="A phase the partnership has.")
    funding_programme: str | None = Field(None, max_length=80,
                                          description="The funding programme's slug.")


def visible_partnerships(user: AnyUser) -> Any:
    return (
        Partnership.objects.visible_to(user)
        .select_related("funding_programme")
        .prefetch_related(
            Prefetch("members", queryset=PartnershipMember.objects.select_related(
                "municipality").order_by("position", "id")),
            Prefetch("phases", queryset=Phase.objects.order_by("position", "start_date", "id")),
        )
        .order_by("slug", "id")
    )


def visible_partnership(request: HttpRequest, slug: str) -> Partnership:
    partnership = Partnership.objects.visible_to(caller_of(request).user).filter(
        slug=slug[:80]).first()
    if partnership is None:
        raise not_found()
    return partnership


def public_url(request: HttpRequest, name: str, language: str, **kwargs: Any) -> str:
    interface = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with override(interface):
        return request.build_absolute_uri(reverse(name, kwargs=kwargs))


# A pk no object has, reversed in its place and cut out of the path again.
_PK_PLACEHOLDER = 2**31 - 1


def public_urls(request: HttpRequest, name: str,
                language: str) -> Callable[[str, int], str]:
    """`public_url` of the view `name` (taking a partnership's `slug` and an object's `pk`)
    for many objects: reversed once per partnership instead of once per object."""
    parts: dict[str, tuple[str, str]] = {}

    def url(slug: str, pk: int) -> str:
        if slug not in parts:
            path = public_url(request, name, language, slug=slug, pk=_PK_PLACEHOLDER)
            head, _placeholder, tail = path.rpartition(str(_PK_PLACEHOLDER))
            parts[slug] = (head, tail)
        head, tail = parts[slug]
        return f"{head}{pk}{tail}"

    return url


def partnership_data(request: HttpRequest, p: Partnership, language: str,
                     detail: bool = False) -> dict[str, Any]:
    programme = p.funding_programme
    data: dict[str, Any] = {
        "slug": p.slug,
        "title": text(p, "title", language),
        "summary": text(p, "summary", language),
        "kind": p.kind,
        "start_date": p.start_date,
        "funding_programme": None if programme is None else {
            "slug": programme.slug, "name": text(programme, "name", language)},
        "members": [{"municipality": m.municipality.slug, "name": m.municipality.name_in(language),
                     "country": m.municipality.country} for m in p.members.all()],
        "working_languages": list(p.working_languages or []),
        "phases": [{"kind": ph.kind, "title": text(ph, "title", language),
                    "start_date": ph.start_date, "end_date": ph.end_date}
                   for ph in p.phases.all()],
        "is_published": p.is_published,
        "url": public_url(request, "public:partnership", language, slug=p.slug),
    }
    if detail:
        for name in ("description", "aims", "agenda_2030_value"):
            data[name] = text(p, name, language)
    return data


@router.get("/partnerships", response={200: PartnershipPage, **ERRORS},
            summary="Partnerships")
def partnership_list(request: HttpRequest, paging: PagingQuery,
                     filters: Query[PartnershipFilters], lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    rows = visible_partnerships(caller_of(request).user)
    if filters.country:
        rows = rows.filter(Exists(PartnershipMember.objects.filter(
            partnership=OuterRef("pk"), municipality__country=filters.country.upper())))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.phase:
        rows = rows.filter(Exists(Phase.objects.filter(partnership=OuterRef("pk"),
                                                       kind=filters.phase)))
    if filters.funding_programme:
        rows = rows.filter(funding_programme__slug=filters.funding_programme)
    if filters.sdg:
        user = caller_of(request).user
        rows = rows.filter(
            Exists(Measure.objects.visible_to(user).filter(
                programme__partnership=OuterRef("pk"), sdg_goals__code=filters.sdg))
            | Exists(Goal.objects.filter(
                Q(programme__is_published=True)
                | draft_partnerships_q(user, "programme__partnership"),
                programme__partnership=OuterRef("pk"), sdg_goals__code=filters.sdg))
        )
    total, found = page(rows, paging)
    return envelope(total, paging, [partnership_data(request, p, language) for p in found])


@router.get("/partnerships/{slug}", response={200: PartnershipDetail, **ERRORS},
            summary="One partnership")
def partnership_detail(request: HttpRequest, slug: str, lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    partnership = visible_partnerships(caller_of(request).user).filter(
        Q(slug=slug[:80])).first()
    if partnership is None:
        raise not_found()
    return partnership_data(request, partnership, language, detail=True)

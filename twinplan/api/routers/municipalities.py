"""Municipalities that are members of a partnership the caller may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from ninja import Router

from twinplan.api.auth import READ, caller_of
from twinplan.api.common import PagingQuery, decimal_text, envelope, not_found, page
from twinplan.api.language import requested_language, text
from twinplan.api.schemas.common import Error
from twinplan.api.schemas.municipalities import MunicipalityOut, MunicipalityPage
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership, PartnershipMember

router = Router(tags=["municipalities"], auth=READ)

ERRORS = {400: Error, 401: Error, 404: Error, 422: Error, 429: Error}


def _visible(request: HttpRequest) -> Any:
    visible = Partnership.objects.visible_to(caller_of(request).user)
    members = PartnershipMember.objects.filter(partnership__in=visible).select_related(
        "partnership"
    ).order_by("partnership__slug")
    return (
        Municipality.objects.filter(Q(memberships__partnership__in=visible))
        .distinct()
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="visible_members"))
        .order_by("slug", "id")
    )


def municipality_data(town: Municipality, language: str) -> dict[str, Any]:
    return {
        "slug": town.slug,
        "name": town.name_in(language),
        "kind": town.kind,
        "country": town.country,
        "region_code": town.region_code,
        "region_name": town.region_name,
        "population": {"value": None if town.population is None else str(town.population),
                       "year": town.population_year, "source": town.population_source},
        "area_km2": {"value": decimal_text(town.area_km2), "year": town.area_year,
                     "source": town.area_source},
        "location": {"latitude": town.latitude, "longitude": town.longitude,
                     "source": town.location_source},
        "currency": town.currency,
        "working_languages": list(town.working_languages or []),
        "description": text(town, "description", language),
        "partnerships": [m.partnership.slug for m in getattr(town, "visible_members", [])],
    }


@router.get("/municipalities", response={200: MunicipalityPage, **ERRORS},
            summary="Member municipalities")
def municipality_list(request: HttpRequest, paging: PagingQuery, lang: str | None = None,
                      country: str | None = None) -> Any:
    language = requested_language(request, lang)
    towns = _visible(request)
    if country:
        towns = towns.filter(country=country.upper()[:2])
    total, rows = page(towns, paging)
    return envelope(total, paging, [municipality_data(t, language) for t in rows])


@router.get("/municipalities/{slug}", response={200: MunicipalityOut, **ERRORS},
            summary="One municipality")
def municipality_detail(request: HttpRequest, slug: str, lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    town = _visible(request).filter(slug=slug[:80]).first()
    if town is None:
        raise not_found()
    return municipality_data(town, language)

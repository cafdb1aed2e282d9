"""Writes for municipalities and their facts: a town's own data, shared by every
partnership it belongs to (who may write it is the permission layer's rule). Every create
and edit validates the whole object and records its author in the history."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from twinplan.core.writes import Author, object_change, object_insert, object_remove
from twinplan.municipalities.models import Municipality, MunicipalityFact


class MunicipalityFields(TypedDict, total=False):
    """A municipality's name, kind and key figures, each figure with its year and source
    (the model refuses one without); its short name in URLs is given once, at creation."""

    name: str
    names: dict[str, str]
    kind: str
    country: str
    region_code: str
    region_name: str
    region_source: str
    population: int | None
    population_year: int | None
    population_source: str
    area_km2: Decimal | None
    area_year: int | None
    area_source: str
    latitude: float | None
    longitude: float | None
    location_source: str
    currency: str
    working_languages: list[str]
    description: str
    original_language: str


def municipality_create(
    *, by: Author, slug: str, **fields: Unpack[MunicipalityFields]
) -> Municipality:
    """A municipality; its description is written in its first working language unless
    `original_language` says otherwise."""
    fields.setdefault("original_language", (fields.get("working_languages") or ["en"])[0])
    existing = municipality_already_known(
        name=fields.get("name", ""), country=fields.get("country", ""),
        location_source=fields.get("location_source", ""),
    )
    if existing is not None:
        raise ValidationError({"name": _(
            "“%(name)s” is already in twinplan; choose it as a municipality already in "
            "twinplan instead of entering it again."
        ) % {"name": existing.name}}, code="duplicate")
    return object_insert(Municipality(slug=slug, **fields), by=by)


def municipality_already_known(
    *, name: str, country: str, location_source: str = ""
) -> Municipality | None:
    """The municipality a new one would duplicate: the same GeoNames place (its id in the
    location's source) or the same name, in any case, in the same country."""
    marker = _geonames_marker(location_source)
    if marker:
        same_place = Municipality.objects.filter(location_source__contains=marker).first()
        if same_place is not None:
            return same_place
    if not name.strip() or not country:
        return None
    return Municipality.objects.filter(name__iexact=name.strip(), country=country).first()


def _geonames_marker(source: str) -> str:
    """"geonameid 1234)" from a source written by the gazetteer, else ""."""
    start = source.find("geonameid ")
    if start < 0:
        return ""
    end = source.find(")", start)
    return source[start:end + 1] if end > start else ""


def municipality_update(
    municipality: Municipality, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[MunicipalityFields],
) -> Municipality:
    """Change the fields given; refused (EditConflict) when `expected_version` is stale."""
    return object_change(municipality, by=by, expected_version=expected_version, values=fields)


class FactFields(TypedDict, total=False):
    text: str
    source: str
    year: int | None
    position: int
    original_language: str


def municipality_fact_create(
    *, municipality: Municipality, by: Author, **fields: Unpack[FactFields]
) -> MunicipalityFact:
    """A fact after the municipality's others, written in its first working language
    unless `original_language` says otherwise."""
    fields.setdefault("position", municipality.facts.count())
    if not fields.get("original_language"):
        fields["original_language"] = municipality.first_language or "en"
    return object_insert(MunicipalityFact(municipality=municipality, **fields), by=by)


def municipality_fact_update(
    fact: MunicipalityFact, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[FactFields],
) -> MunicipalityFact:
    return object_change(fact, by=by, expected_version=expected_version, values=fields)


def municipality_fact_delete(fact: MunicipalityFact, /, *, by: Author) -> None:
    """Into the bin of its municipality (a town's own data)."""
    object_remove(fact, by=by, scope=fact.municipality)

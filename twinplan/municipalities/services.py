"""Writes for municipalities and their facts: a town's own data, shared by every
partnership it belongs to (who may write it is the permission layer's rule). Every create
and edit validates the whole object and records its author in the history."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict, Unpack

from twinplan.core.writes import Author, object_change, object_insert, object_remove
from twinplan.municipalities.models import Municipality, MunicipalityFact


class MunicipalityFields(TypedDict, total=False):
    """A municipality's name, kind and key figures, each figure with its year and source
    (the model refuses one without); its short name in URLs is given once, at creation."""

    name: str
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
    return object_insert(Municipality(slug=slug, **fields), by=by)


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

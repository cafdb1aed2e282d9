"""Names of countries, regions, currencies and languages in the reader's language: the
one place forms and pages ask (Babel's CLDR data for countries, currencies and languages,
ISO 3166-2 from pycountry for regions). Codes are what is stored; names only shown."""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache

import pycountry

from twinplan.core.languages import (
    babel_language_codes,
    babel_locale,
    language_code_normalised,
)
from twinplan.reference import codes


def sort_key(name: str) -> str:
    """A name's place in an alphabetical list in any of the content languages: accents
    ignored first, case ignored, and Đ (Vietnamese, Serbian Latin) after D, where those
    alphabets put it (it has no decomposition, so it sorted after Z: "Việt Nam, Đức")."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    return folded.replace("đ", "d~")


def _sorted(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(pairs, key=lambda pair: sort_key(pair[1]))


# --- countries ---------------------------------------------------------------------------


@cache
def _country_names(language: str | None) -> dict[str, str]:
    """CLDR's names of countries in `language`, read once per language and process (a
    page naming 100 towns' countries parsed the locale 100 times)."""
    return dict(babel_locale(language).territories)


def country_name(code: str, language: str | None) -> str:
    names = _country_names(language)
    return names.get(code) or next(
        (c.names.get("en", code) for c in codes.countries() if c.code == code), code
    )


@cache
def country_choices(language: str | None) -> list[tuple[str, str]]:
    """(ISO 3166-1 alpha-2 code, name) for every country of the reference list, sorted by
    the name in `language`."""
    return _sorted([
        (country.code, country_name(country.code, language))
        for country in codes.countries() if not country.withdrawn
    ])


# --- regions (ISO 3166-2) ----------------------------------------------------------------


@cache
def _region_translation(language: str | None) -> gettext.NullTranslations:
    locale = babel_locale(language)
    wanted = [str(locale), locale.language]
    if locale.script == "Latn":  # iso-codes names Serbian in Latin letters "sr@latin"
        wanted.insert(0, f"{locale.language}@latin")
    return gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=wanted, fallback=True
    )


def region_name(code: str, language: str | None) -> str:
    region = pycountry.subdivisions.get(code=code)
    if region is None:
        return code
    return _region_translation(language).gettext(region.name)


@cache
def region_choices(country: str, language: str | None) -> list[tuple[str, str]]:
    """(ISO 3166-2 code, name) of the country's regions; empty for an unknown country."""
    regions = pycountry.subdivisions.get(country_code=country) or []
    translate = _region_translation(language).gettext
    return _sorted([(region.code, translate(region.name)) for region in regions])


def is_region_code(code: str) -> bool:
    return pycountry.subdivisions.get(code=code) is not None


# --- currencies --------------------------------------------------------------------------


def currency_name(code: str, language: str | None) -> str:
    return babel_locale(language).currencies.get(code) or code


@cache
def currency_choices(language: str | None) -> list[tuple[str, str]]:
    """(ISO 4217 code, "name (CODE)") for every current currency, sorted by name."""
    return _sorted([
        (currency.code, f"{currency_name(currency.code, language)} ({currency.code})")
        for currency in codes.currencies() if not currency.withdrawn
    ])


# --- languages ---------------------------------------------------------------------------


def language_name(code: str, language: str | None) -> str:
    """A language's name in `language` ("Spanisch" for es in German); "sr-latn" names
    its script too."""
    base, _sep, script = language_code_normalised(code).partition("-")
    reader = babel_locale(language)
    name = reader.languages.get(base) or code
    if len(script) == 4:
        script_name = reader.scripts.get(script.title())
        if script_name:
            return f"{name} ({script_name})"
    return name


@cache
def language_choices(language: str | None) -> list[tuple[str, str]]:
    """(code, name in `language`) of every language Babel knows, sorted by name."""
    return _sorted([(code, language_name(code, language)) for code in babel_language_codes()])


def script_of(text: str) -> str:
    """The ISO 15924 script of a name, from its first letter: "Cyrl" for Рума, "Latn"
    for Ruma, "Arab", "Grek", "Hani" …; "Latn" when there is no letter."""
    prefixes = {
        "LATIN": "Latn", "CYRILLIC": "Cyrl", "ARABIC": "Arab", "GREEK": "Grek",
        "HEBREW": "Hebr", "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan",
        "HANGUL": "Kore", "THAI": "Thai", "DEVANAGARI": "Deva", "GEORGIAN": "Geor",
        "ARMENIAN": "Armn", "ETHIOPIC": "Ethi", "BENGALI": "Beng", "KHMER": "Khmr",
        "LAO": "Laoo", "MYANMAR": "Mymr", "TAMIL": "Taml", "SINHALA": "Sinh",
    }
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            for prefix, script in prefixes.items():
                if name.startswith(prefix):
                    return script
            return "Zyyy"
    return "Latn"

"""Content languages: which exist, how they are named, written and checked.

The interface languages are built in (settings.CONTENT_LANGUAGES); every further content
language is a row of `core.ContentLanguage`, added by a network admin in the workspace and
usable at once. The rows are read once and kept in the shared cache until one changes
(`forget_content_languages`, called by the services that write them)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache as memoise

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.localedata import locale_identifiers
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import OperationalError, ProgrammingError, transaction
from django.utils.translation import gettext as _

CACHE_KEY = "twinplan:content-languages:v1"
CACHE_SECONDS = 60 * 60

# The script and direction of the built-in languages (the interface languages).
_BUILT_IN_SCRIPTS = {"sr": "Cyrl"}


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str  # in the language itself
    script: str  # ISO 15924
    direction: str  # "ltr" or "rtl"
    built_in: bool


def _added() -> list[LanguageInfo]:
    rows: list[LanguageInfo] | None = cache.get(CACHE_KEY)
    if rows is None:
        from twinplan.core.models import ContentLanguage

        try:
            rows = [
                LanguageInfo(row.code, row.name, row.script, row.direction, built_in=False)
                for row in ContentLanguage.objects.order_by("code")
            ]
        except (OperationalError, ProgrammingError):
            return []  # before the first migration: only the built-in languages
        cache.set(CACHE_KEY, rows, CACHE_SECONDS)
    return rows


def forget_content_languages() -> None:
    """Drop the cached rows now and again after the transaction commits, so that no process
    keeps an old list."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _built_in() -> list[LanguageInfo]:
    return [
        LanguageInfo(code, name, _BUILT_IN_SCRIPTS.get(code, "Latn"), "ltr", built_in=True)
        for code, name in settings.CONTENT_LANGUAGES
    ]


def content_languages() -> list[LanguageInfo]:
    """Every content language: the built-in ones first, then those added, by code."""
    built_in = _built_in()
    known = {info.code for info in built_in}
    return built_in + [info for info in _added() if info.code not in known]


def content_language_info(code: str) -> LanguageInfo | None:
    """The language's name, script and direction; None for a code that is none (a built-in
    language is answered without reading the added ones)."""
    for info in _built_in():
        if info.code == code:
            return info
    return next((info for info in _added() if info.code == code), None)


def content_language_choices() -> list[tuple[str, str]]:
    """(code, name in the language itself) of every content language, for forms."""
    return [(info.code, info.name) for info in content_languages()]


def content_language_codes() -> list[str]:
    return [info.code for info in content_languages()]


def content_language_name(code: str) -> str:
    info = content_language_info(code)
    return info.name if info is not None else code


def content_language_direction(code: str) -> str:
    """"rtl" for a right-to-left language (Arabic, Hebrew, Persian …), else "ltr"."""
    info = content_language_info(code)
    return info.direction if info is not None else "ltr"


def content_language_script(code: str) -> str:
    """The ISO 15924 script a language is written in here ("Cyrl" for sr, "Latn" for
    sr-latn); "Latn" for an unknown code."""
    info = content_language_info(code)
    return info.script if info is not None else "Latn"


ECHO_LENGTH = 20


def echoed(value: str) -> str:
    """A value the user gave, shortened for a message that quotes it back (a 5,000-character
    query parameter is not repeated whole)."""
    return value if len(value) <= ECHO_LENGTH else f"{value[:ECHO_LENGTH]}…"


def validate_content_language(code: str) -> None:
    if code not in content_language_codes():
        raise ValidationError(
            _("“%(code)s” is not a content language of this installation (known: %(known)s)."),
            params={"code": echoed(code), "known": ", ".join(content_language_codes())},
            code="unknown_language",
        )


def validate_content_languages(codes: object) -> None:
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise ValidationError(_("Languages must be a list of language codes."), code="invalid")
    for code in codes:
        validate_content_language(code)
    if len(set(codes)) != len(codes):
        raise ValidationError(_("A language is listed twice."), code="duplicate")


# --- what Babel knows about a language ---------------------------------------------------


def babel_locale(language: str | None) -> Locale:
    """Django's language code ("sr-latn", "vi") as a Babel locale; English for an unknown
    one."""
    code = (language or "en").replace("-", "_")
    language_part, _sep, script = code.partition("_")
    if len(script) == 4:
        code = f"{language_part}_{script.title()}"
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@dataclass(frozen=True)
class LanguageDefaults:
    """What Babel says about a language: its name in itself, its script, its direction."""

    code: str
    autonym: str
    script: str
    direction: str


def language_code_normalised(code: str) -> str:
    return code.strip().lower().replace("_", "-")


@memoise
def babel_language_codes() -> frozenset[str]:
    """Every language Babel has data for (its locales without a region)."""
    return frozenset(i.lower().replace("_", "-") for i in locale_identifiers() if "_" not in i)


def language_defaults(code: str) -> LanguageDefaults | None:
    """Name, script and direction Babel gives a language code ("es", "ar", "sr-latn");
    None when Babel does not know it."""
    wanted = language_code_normalised(code)
    base, _sep, script = wanted.partition("-")
    if base not in babel_language_codes():
        return None
    try:
        locale = babel_locale(wanted) if len(script) == 4 else Locale.parse(base)
    except (UnknownLocaleError, ValueError):
        return None
    likely = get_global("likely_subtags").get(base, "")
    parts = likely.split("_")
    likely_script = next((p for p in parts if len(p) == 4), "Latn")
    autonym = locale.get_display_name(locale) or base
    return LanguageDefaults(
        code=wanted,
        autonym=autonym[:1].upper() + autonym[1:],
        script=script.title() if len(script) == 4 else likely_script,
        direction="rtl" if locale.character_order == "right-to-left" else "ltr",
    )



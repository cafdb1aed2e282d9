"""The content language a request asks for (`?lang=` or Accept-Language) and each text in
it, with the language it is really in and how it came to be."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from twinplan.api.errors import ApiError
from twinplan.core.languages import content_language_codes
from twinplan.core.models import TranslatableModel
from twinplan.core.translation import TranslationState, translated, translation_state


def requested_language(request: HttpRequest, lang: str | None) -> str:
    """`lang` when given (a content language, else 400; `?lang=` with nothing in it counts
    as not given); otherwise the first content language the Accept-Language header names,
    by its longest match (sr-Latn-RS → sr-latn, de-AT → de); otherwise the installation's
    default language."""
    codes = content_language_codes()
    if lang is not None and lang.strip():
        wanted = lang.strip().lower()
        if wanted not in codes:
            raise ApiError(
                400,
                _("“%(code)s” is not a content language of this installation.")
                % {"code": lang[:20]},
                errors=[{"path": "query.lang",
                         "message": _("Known: %(known)s.") % {"known": ", ".join(codes)}}],
            )
        return wanted
    header = request.headers.get("Accept-Language", "")[:500]
    for code, _quality in parse_accept_lang_header(header):
        # The longest content language the tag starts with: sr-Latn-RS → sr-latn, de-AT → de.
        parts = code.lower().split("-")
        for end in range(len(parts), 0, -1):
            candidate = "-".join(parts[:end])
            if candidate in codes:
                return candidate
    return settings.LANGUAGE_CODE


def _original(original: str | None, language: str) -> dict[str, Any]:
    """`text` when the original's language is asked for (most texts of a list): what
    `translated` and `translation_state` answer then, without building their objects."""
    return {"text": original or "", "language": language, "original_language": language,
            "translation": TranslationState.ORIGINAL.value, "status": None}


def text(obj: TranslatableModel, field: str, language: str) -> dict[str, Any]:
    """One translatable field in `language`: the text, the language it is in, the
    object's original language, and its translation state (original, current, outdated,
    missing — then the original is given) with the translation's status."""
    if language == obj.original_language:
        return _original(getattr(obj, field), language)
    shown = translated(obj, field, language)
    state = translation_state(obj, field, language)
    return {
        "text": shown.text,
        "language": shown.language,
        "original_language": obj.original_language,
        "translation": str(state),
        "status": shown.status,
    }


class _ValuesRow:
    """A row of `.values()` read as the object it comes from (attributes), for the
    translation functions."""

    __slots__ = ("_row",)

    def __init__(self, row: dict[str, Any]) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        try:
            return self._row[name]
        except KeyError:
            raise AttributeError(name) from None


def values_text(row: dict[str, Any], field: str, language: str) -> dict[str, Any]:
    """`text` of a `.values()` row holding `field`, `original_language` and
    `translations`."""
    if language == row["original_language"]:
        return _original(row[field], language)
    return text(cast(TranslatableModel, _ValuesRow(row)), field, language)

"""Translatable content: the original text lives in the model's own columns, translations in
one JSON field per object, keyed by language, then field:

    {"vi": {"title": {"text": "…", "status": "human", "source_fingerprint": "3f2a…"}}}

The fingerprint is that of the original text the translation was made from; when the
original changes, the fingerprints no longer match and the translation shows as outdated.
docs/translatable-content.md explains why this design was chosen over django-parler.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from twinplan.core.transliteration import cyrillic_to_latin, latin_to_cyrillic

if TYPE_CHECKING:
    from twinplan.core.models import TranslatableModel


class TranslationStatus(models.TextChoices):
    MACHINE = "machine", _("machine-translated")
    HUMAN = "human", _("translated by a person")
    REVIEWED = "reviewed", _("reviewed")


class TranslationState(models.TextChoices):
    ORIGINAL = "original", _("original")
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("current")


def fingerprint(text: str) -> str:
    """A short, stable digest of an original text; whitespace and Unicode form do not count."""
    normalised = " ".join(unicodedata.normalize("NFC", text or "").split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class TranslatedText:
    """What a reader sees of one field in one language, and where it came from."""

    text: str
    language: str
    requested_language: str
    status: str | None  # None for the original
    is_original: bool
    is_fallback: bool
    is_outdated: bool
    # Serbian read in the other script, transliterated from what exists.
    is_derived: bool = False
    # The language of the page around the text, when the reader chose another content
    # language than the interface's.
    page_language: str | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def differs_from_page(self) -> bool:
        """Whether the text needs its own `lang` attribute."""
        return self.language != (self.page_language or self.requested_language)

    @property
    def is_machine(self) -> bool:
        return self.status == TranslationStatus.MACHINE


def field_label(obj: models.Model, name: str) -> str:
    """The verbose name of a model field, as forms and lists show it."""
    return str(getattr(obj._meta.get_field(name), "verbose_name", name))


def _entry(obj: TranslatableModel, language: str, field: str) -> dict[str, Any] | None:
    entry = (obj.translations or {}).get(language, {}).get(field)
    return entry if isinstance(entry, dict) and entry.get("text") else None


# Serbian script pairs: (wanted, source, converter, whether the result keeps its status).
# Cyrillic → Latin is exact and keeps the source's status; Latin → Cyrillic is ambiguous
# and stays "machine" until a person reviews it.
_SERBIAN = {
    "sr-latn": ("sr", cyrillic_to_latin, True),
    "sr": ("sr-latn", latin_to_cyrillic, False),
}


def _serbian_source(
    obj: TranslatableModel, field: str, language: str
) -> tuple[str, str | None, bool] | None:
    """The text in the other Serbian script that `language` is read from (not yet
    converted), the status the result takes and whether it is outdated; None when there is
    none."""
    if language not in _SERBIAN:
        return None
    source, _convert, keeps_status = _SERBIAN[language]
    original = getattr(obj, field) or ""
    if obj.original_language == source:
        text, status, outdated = original, None, False
    else:
        entry = _entry(obj, source, field)
        if entry is None:
            return None
        text, status = entry["text"], entry.get("status")
        outdated = entry.get("source_fingerprint") != fingerprint(original)
    return text, status if keeps_status else TranslationStatus.MACHINE, outdated


def _derived_serbian(obj: TranslatableModel, field: str, language: str) -> TranslatedText | None:
    found = _serbian_source(obj, field, language)
    if found is None:
        return None
    text, status, outdated = found
    return TranslatedText(
        text=_SERBIAN[language][1](text),
        language=language,
        requested_language=language,
        status=status,
        is_original=False,
        is_fallback=False,
        is_outdated=outdated,
        is_derived=True,
    )


def translated(obj: TranslatableModel, field: str, language: str) -> TranslatedText:
    """The field in `language`; Serbian transliterated from the other script when only that
    exists; else the original (flagged as fallback)."""
    original = getattr(obj, field) or ""
    if language == obj.original_language or not original:
        return TranslatedText(
            text=original,
            language=obj.original_language,
            requested_language=language,
            status=None,
            is_original=True,
            is_fallback=language != obj.original_language,
            is_outdated=False,
        )
    entry = _entry(obj, language, field)
    if entry is None:
        derived = _derived_serbian(obj, field, language)
        if derived is not None:
            return derived
        return TranslatedText(
            text=original,
            language=obj.original_language,
            requested_language=language,
            status=None,
            is_original=True,
            is_fallback=True,
            is_outdated=False,
        )
    return TranslatedText(
        text=entry["text"],
        language=language,
        requested_language=language,
        status=entry.get("status"),
        is_original=False,
        is_fallback=False,
        is_outdated=entry.get("source_fingerprint") != fingerprint(original),
    )


def translation_status(obj: TranslatableModel, field: str, language: str) -> str:
    """How far the translation of a text that is not empty into another language than its
    own has come, as `translated` finds it, without making the text (no Serbian is
    transliterated): "missing" where the original would be shown, "outdated" where the
    original changed since, else its status ("machine", "human" (the default), "reviewed")."""
    original = getattr(obj, field) or ""
    if language == obj.original_language or not original:
        return TranslationState.MISSING.value
    entry = _entry(obj, language, field)
    if entry is not None:
        status = entry.get("status")
        outdated = entry.get("source_fingerprint") != fingerprint(original)
    else:
        found = _serbian_source(obj, field, language)
        if found is None:
            return TranslationState.MISSING.value
        _text, status, outdated = found
    if outdated:
        return TranslationState.OUTDATED.value
    return status or TranslationStatus.HUMAN.value


def translation_state(obj: TranslatableModel, field: str, language: str) -> TranslationState:
    if language == obj.original_language:
        return TranslationState.ORIGINAL
    entry = _entry(obj, language, field)
    if entry is None:
        found = _serbian_source(obj, field, language)  # not transliterated to know its state
        if found is None:
            return TranslationState.MISSING
        return TranslationState.OUTDATED if found[2] else TranslationState.CURRENT
    if entry.get("source_fingerprint") != fingerprint(getattr(obj, field) or ""):
        return TranslationState.OUTDATED
    return TranslationState.CURRENT

"""Writes for the glossary. Each validates the whole term and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from twinplan.core.languages import validate_content_language
from twinplan.core.services import validated_save
from twinplan.core.translation import TranslationStatus, fingerprint
from twinplan.core.transliteration import cyrillic_to_latin
from twinplan.core.writes import Author, object_change, object_insert, object_remove
from twinplan.glossary.models import GlossaryTerm
from twinplan.partnerships.models import Partnership


class GlossaryTermFields(TypedDict, total=False):
    """A term as written in its original language; the other languages are translations
    (`glossary_term_translate`). An empty or missing key is derived from the term."""

    key: str
    term: str
    forms: str
    definition: str
    source: str
    original_language: str
    is_demo_content: bool


def glossary_term_create(
    *, partnership: Partnership | None, by: Author, **fields: Unpack[GlossaryTermFields]
) -> GlossaryTerm:
    """A term of one partnership, or a global one (`partnership=None`); written in the
    partnership's original language unless `original_language` says otherwise."""
    if not fields.get("key"):
        fields["key"] = glossary_key_for(fields.get("term", ""))
    if partnership is not None and not fields.get("original_language"):
        fields["original_language"] = partnership.original_language
    return object_insert(GlossaryTerm(partnership=partnership, **fields), by=by)


def glossary_term_update(
    glossary_term: GlossaryTerm, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[GlossaryTermFields],
) -> GlossaryTerm:
    """Change the fields given; a key given empty is derived from the term."""
    if "key" in fields and not fields["key"]:
        fields["key"] = glossary_key_for(fields.get("term", glossary_term.term))
    return object_change(glossary_term, by=by, expected_version=expected_version, values=fields)


def glossary_term_delete(glossary_term: GlossaryTerm, /, *, by: Author) -> None:
    """Into the bin of its partnership; a global term (edited in the admin) is its own
    scope."""
    object_remove(glossary_term, by=by, scope=glossary_term.partnership or glossary_term)


def glossary_key_for(term: str) -> str:
    """A key for a term: "Ressource" → "ressource", "Tài nguyên" → "tai-nguyen",
    "Одрживост" → "odrzivost"."""
    return slugify(cyrillic_to_latin(term).replace("đ", "d").replace("Đ", "D"))[:80]


def translations_with(
    *,
    obj: GlossaryTerm,
    language: str,
    texts: Mapping[str, str],
    status: str,
    originals: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """`obj.translations` with the `language` version of the given fields replaced, in the
    shape core.translation reads. A text left as it was keeps its status and the original
    it was made from; a changed one gets `status` and the fingerprint of the original as it
    is now (`originals`, else on `obj`); an empty one is removed."""
    if status not in TranslationStatus.values:
        raise ValidationError(_("Unknown translation status “%(status)s”."),
                              params={"status": status})
    translations = {lang: dict(fields) for lang, fields in (obj.translations or {}).items()}
    fields = translations.get(language, {})
    for field, text in texts.items():
        if field not in obj.translatable_fields:
            raise ValidationError(_("“%(field)s” is not a translatable field of %(model)s."),
                                  params={"field": field, "model": obj._meta.verbose_name})
        existing = fields.get(field)
        if not text.strip():
            fields.pop(field, None)
        elif not (isinstance(existing, dict) and existing.get("text") == text):
            fields[field] = {
                "text": text,
                "status": status,
                "source_fingerprint": fingerprint(
                    (originals or {}).get(field, getattr(obj, field)) or ""
                ),
            }
    translations[language] = fields
    return {lang: entries for lang, entries in translations.items() if entries}


def glossary_term_translate(
    *,
    glossary_term: GlossaryTerm,
    language: str,
    term: str,
    definition: str,
    forms: str = "",
    source: str = "",
    status: str = TranslationStatus.HUMAN,
) -> GlossaryTerm:
    """Store the term in `language`: all four fields at once, validated together (a term
    needs its definition in every language it has). In the original language this edits
    the original."""
    validate_content_language(language)
    texts = {"term": term, "forms": forms, "definition": definition, "source": source}
    if language == glossary_term.original_language:
        for field, text in texts.items():
            setattr(glossary_term, field, text)
    else:
        glossary_term.translations = translations_with(
            obj=glossary_term, language=language, texts=texts, status=status
        )
    return validated_save(glossary_term)

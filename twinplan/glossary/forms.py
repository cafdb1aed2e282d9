"""The admin's form for glossary terms: the original, and a term, forms and definition
field per other language. (The workspace edits the original with its own form and the
translations in the translation workspace, like any other translatable content.)"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from twinplan.core.languages import content_language_codes, content_language_name
from twinplan.core.translation import TranslationStatus
from twinplan.glossary.models import GlossaryTerm
from twinplan.glossary.services import translations_with

TRANSLATED_FIELDS = ("term", "forms", "definition")
ADMIN_FIELDS = ["partnership", "key", "original_language", "term", "forms", "definition",
                "source", "is_demo_content"]


def translation_field_name(field: str, language: str) -> str:
    return f"{field}_{language}"


def translation_field(field: str, language: str) -> forms.CharField:
    model_field = GlossaryTerm._meta.get_field(field)
    assert isinstance(model_field, models.Field)
    label = model_field.verbose_name
    widget: forms.Widget = (
        forms.TextInput() if field == "term"
        else forms.Textarea(attrs={"rows": 2 if field == "forms" else 4})
    )
    return forms.CharField(
        label=format_lazy("{} ({})", capfirst(label), content_language_name(language)),
        required=False,
        widget=widget,
        help_text=_("One per line; the term itself always counts.") if field == "forms" else "",
    )


class TranslationFieldsMixin:
    """For a ModelForm of GlossaryTerm with `<field>_<language>` fields: fills them from
    the term's translations and, once the form is clean, puts the merged translations on
    the instance. A text a person changes becomes
    a translation "by a person" of the original as submitted; one left alone keeps its
    status (and shows as outdated when the original changed)."""

    instance: GlossaryTerm
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def fill_translation_fields(self) -> None:
        translations = self.instance.translations or {}
        for name in self.fields:
            field, _sep, language = name.partition("_")
            if field in TRANSLATED_FIELDS and language:
                entry = translations.get(language, {}).get(field)
                if isinstance(entry, dict):
                    self.fields[name].initial = entry.get("text", "")

    def merge_translations(self) -> None:
        original_language = (
            self.cleaned_data.get("original_language") or self.instance.original_language
        )
        originals = {
            field: self.cleaned_data.get(field, getattr(self.instance, field)) or ""
            for field in TRANSLATED_FIELDS
        }
        term = self.instance
        for language in content_language_codes():
            names = [translation_field_name(field, language) for field in TRANSLATED_FIELDS]
            if language == original_language or not all(name in self.fields for name in names):
                continue
            texts = {field: self.cleaned_data.get(name) or ""
                     for field, name in zip(TRANSLATED_FIELDS, names, strict=True)}
            term.translations = translations_with(
                obj=term, language=language, texts=texts, status=TranslationStatus.HUMAN,
                originals=originals,
            )


class GlossaryTermAdminForm(TranslationFieldsMixin, forms.ModelForm):
    """Every content language has its fields (declared, so the admin's fieldsets can name
    them); those of the original language are ignored."""

    class Meta:
        model = GlossaryTerm
        fields = ADMIN_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fill_translation_fields()

    def clean(self) -> dict[str, Any]:
        super().clean()
        self.merge_translations()
        return self.cleaned_data


# The admin's form (for emergencies) has the fields of the built-in languages; a content
# language added later is edited in the workspace.
for _language in [code for code, _name in settings.CONTENT_LANGUAGES]:
    for _field in TRANSLATED_FIELDS:
        _name = translation_field_name(_field, _language)
        GlossaryTermAdminForm.base_fields[_name] = translation_field(_field, _language)
        GlossaryTermAdminForm.declared_fields[_name] = GlossaryTermAdminForm.base_fields[_name]

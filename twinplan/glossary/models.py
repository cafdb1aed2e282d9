"""Glossary terms: global ones for every partnership, and a partnership's own. A term is
translatable content like any other (docs/glossary.md says why): its term, forms,
definition and source are written in one language and translated into the others."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.languages import content_language_codes, content_language_name
from twinplan.core.models import (
    DemoFlagModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.core.translation import translated
from twinplan.core.transliteration import cyrillic_to_latin, latin_to_cyrillic
from twinplan.glossary.matching import is_whole_word_form, normalised_form
from twinplan.partnerships.models import Partnership

# Serbian read in one script is derived from the other (as core.translation does).
_OTHER_SCRIPT = {"sr-latn": ("sr", cyrillic_to_latin), "sr": ("sr-latn", latin_to_cyrillic)}


def form_lines(text: str) -> list[str]:
    """The forms of a "one per line" text, each with single spaces, empty lines dropped."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


class GlossaryTerm(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel):
    # The definition first: the translation workspace saves field by field in this order,
    # and a term may be named in a language only once it is defined there.
    translatable_fields = ("definition", "term", "forms", "source")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="glossary_terms",
        verbose_name=_("partnership"),
        help_text=_("Empty for a term of the whole installation (every partnership)."),
    )
    key = models.SlugField(
        _("key"),
        max_length=80,
        help_text=_("A short name that is the same in every language, such as "
                    "“nachhaltigkeit”. A partnership's term with the key of a global term "
                    "replaces it on the partnership's pages."),
    )
    term = models.CharField(_("term"), max_length=120)
    forms = models.TextField(
        _("forms"),
        blank=True,
        help_text=_("Further forms that count as this term in a text, one per line, such as "
                    "“Ressourcen” for “Ressource”. The term itself always counts. Only whole "
                    "words match: “Nachhaltigkeit” is not found in “Nachhaltigkeitspreis”."),
    )
    definition = models.TextField(_("definition"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["key", "id"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"],
                condition=Q(partnership__isnull=False),
                name="glossary_key_once_per_partnership",
                violation_error_message=_("This partnership already has a term with this key."),
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(partnership__isnull=True),
                name="glossary_global_key_once",
                violation_error_message=_("There is already a global term with this key."),
            ),
        ]

    def __str__(self) -> str:
        return self.term

    def forms_in(self, language: str) -> list[str]:
        """The forms that mark this term in a text written in `language`: the term and its
        listed forms in that language (Serbian in one script derived from the other, as the
        term is); none when the term has no entry in that language."""
        term = translated(self, "term", language)
        if term.is_fallback or not term.text.strip():
            return []
        if term.is_derived:
            source, convert = _OTHER_SCRIPT[language]
            forms = convert(self._stored("forms", source))
        else:
            forms = self._stored("forms", language)
        return [" ".join(term.text.split()), *form_lines(forms)]

    def _stored(self, field: str, language: str) -> str:
        """The field as written in `language`, without any fallback ("" when missing)."""
        if language == self.original_language:
            return str(getattr(self, field) or "")
        entry = (self.translations or {}).get(language, {}).get(field)
        return str(entry.get("text", "")) if isinstance(entry, dict) else ""

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.term and not is_whole_word_form(" ".join(self.term.split())):
            errors["term"] = [gettext("A term must start and end with a letter or digit.")]
        bad = [form for form in form_lines(self.forms) if not is_whole_word_form(form)]
        if bad:
            errors["forms"] = [self._bad_forms_message(bad)]
        # Translations are not form fields: their messages go to the whole form.
        others = self._translation_errors()
        if not errors and not others:
            others = self._clash_errors()
        if others:
            errors[NON_FIELD_ERRORS] = others
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _bad_forms_message(bad: list[str]) -> str:
        return gettext(
            "Forms must be whole words, starting and ending with a letter or digit: %(forms)s."
        ) % {"forms": ", ".join(f"“{form}”" for form in bad)}

    def _translation_errors(self) -> list[str]:
        """A term named in a language (its term or forms) has a definition there too;
        forms are whole words."""
        messages = []
        for language, fields in (self.translations or {}).items():
            if not isinstance(fields, dict):
                continue
            name = content_language_name(language)
            texts = {
                field: str(entry.get("text", "")) for field, entry in fields.items()
                if isinstance(entry, dict) and str(entry.get("text", "")).strip()
            }
            if ({"term", "forms"} & texts.keys()) and "definition" not in texts:
                messages.append(gettext(
                    "%(language)s: a term named in a language needs its definition in that "
                    "language."
                ) % {"language": name})
            if "forms" in texts and "term" not in texts:
                messages.append(gettext(
                    "%(language)s: forms need the term itself in that language."
                ) % {"language": name})
            term = " ".join(texts.get("term", "").split())
            candidates = [term, *form_lines(texts.get("forms", ""))]
            bad = [form for form in candidates if form and not is_whole_word_form(form)]
            if bad:
                messages.append(f"{name}: {self._bad_forms_message(bad)}")
        return messages

    def _clash_errors(self) -> list[str]:
        """No two terms of the same scope (global, or one partnership) share a form in one
        language: the text could not tell which one is meant."""
        scope = (
            Q(partnership__isnull=True) if self.partnership_id is None
            else Q(partnership=self.partnership_id)
        )
        others = list(GlossaryTerm.objects.filter(scope).exclude(pk=self.pk))
        messages = []
        for language in content_language_codes():
            mine = {normalised_form(form): form for form in self.forms_in(language)}
            if not mine:
                continue
            for other in others:
                shared = sorted(
                    mine[key] for key in mine.keys() & {
                        normalised_form(form) for form in other.forms_in(language)
                    }
                )
                if shared:
                    messages.append(gettext(
                        "%(language)s: “%(form)s” is already a form of the term “%(other)s”."
                    ) % {"language": content_language_name(language), "form": shared[0],
                         "other": other.term})
        return messages

"""The issue form turns input into the arguments of `services.edition_issue`, nothing more."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from twinplan.core.languages import content_language_codes, content_language_name
from twinplan.reports.models import DocumentFormat, DocumentKind, EditionScope


def _language_choices(blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(code, content_language_name(code)) for code in content_language_codes()]
    return [("", blank), *choices] if blank is not None else choices


class IssueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    language = forms.ChoiceField(label=_("Language"))
    second_language = forms.ChoiceField(
        label=_("Second language, side by side"), required=False,
        help_text=_("Optional: the document in two columns, one per language."),
    )
    scope = forms.ChoiceField(label=_("Content"), choices=EditionScope.choices,
                              initial=EditionScope.PUBLIC)
    file_format = forms.ChoiceField(label=_("Format"), choices=DocumentFormat.choices,
                                    initial=DocumentFormat.PDF)

    def __init__(self, *args: Any, languages: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language_field = self.fields["language"]
        second_field = self.fields["second_language"]
        assert isinstance(language_field, forms.ChoiceField)
        assert isinstance(second_field, forms.ChoiceField)
        language_field.choices = _language_choices()
        second_field.choices = _language_choices(blank=str(_("— none —")))
        if languages:
            self.initial.setdefault("language", languages[0])

    def languages(self) -> list[str]:
        codes = [self.cleaned_data["language"]]
        if self.cleaned_data.get("second_language"):
            codes.append(self.cleaned_data["second_language"])
        return codes


class CurrentDocumentForm(forms.Form):
    """The public "read the current document" choice (GET)."""

    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    lang = forms.CharField(label=_("Language(s)"), max_length=40)

"""The dashboard's filters and sort order, read from GET parameters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from twinplan.core.translation import translated
from twinplan.network.selectors import DEFAULT_SORT, SORT_KEYS, Filters, Scope, filter_choices
from twinplan.partnerships.models import PartnershipKind, PhaseKind
from twinplan.reference.models import SdgGoal
from twinplan.reference.names import country_name, sort_key

ANY = ("", _("any"))


class PlainSelect(forms.Select):
    """A `<select>` written in Python: the markup of Django's template (the attributes
    the bound field adds, `aria-invalid` and `aria-describedby` on an error, `selected`
    on the value), without rendering a template per option (60 countries, 17 SDGs: the
    widget templates cost a filter form more than its page's rows)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        chosen = self.format_value(value)
        selected = chosen[0] if chosen else None
        options = []
        for option, label in self.choices:
            text = str(option)
            mark = " selected" if text == selected else ""
            if mark:
                selected = None  # only the first option of the value, as Django marks it
            options.append(format_html('<option value="{}"{}>{}</option>', text,
                                       mark_safe(mark), label))  # noqa: S308 - a constant
        return format_html('<select name="{}"{}>\n{}\n</select>', name,
                           flatatt(self.build_attrs(self.attrs, attrs)),
                           mark_safe("\n".join(options)))  # noqa: S308 - escaped above


def _sdg_label(goal: SdgGoal, language: str) -> str:
    """"7 – Affordable and clean energy" when the name is in the page's language, else
    the number alone (an option cannot mark another language)."""
    if goal.name_language == language:
        return f"{goal.code} – {goal.name}"
    return str(goal.code)


class DashboardFilterForm(forms.Form):
    """Every field is optional; a value that is not among the choices is refused at its
    field and filters nothing."""

    funding_programme = forms.ChoiceField(label=_("Funding programme"), required=False,
                                          widget=PlainSelect)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=PlainSelect)
    kind = forms.ChoiceField(label=_("Type"), required=False, widget=PlainSelect)
    phase = forms.ChoiceField(label=_("Phase"), required=False, widget=PlainSelect)
    sdg = forms.TypedChoiceField(label=_("SDG"), required=False, coerce=int,
                                 empty_value=None, widget=PlainSelect)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=forms.HiddenInput)
    dir = forms.ChoiceField(label=_("Order"), required=False, widget=forms.HiddenInput,
                            choices=[("", ""), ("asc", "asc"), ("desc", "desc")])

    def __init__(self, data: Any, *, scope: Scope, language: str) -> None:
        super().__init__(data)
        choices = filter_choices(scope)
        self.fields["funding_programme"].choices = [ANY] + [  # type: ignore[attr-defined]
            (p.slug, translated(p, "name", language).text) for p in choices["programmes"]
        ]
        countries = sorted(
            ((code, country_name(code, language)) for code in choices["countries"]),
            key=lambda pair: sort_key(pair[1]),
        )
        self.fields["country"].choices = [ANY, *countries]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [ANY, *PartnershipKind.choices]  # type: ignore[attr-defined]
        self.fields["phase"].choices = [ANY, *PhaseKind.choices]  # type: ignore[attr-defined]
        self.fields["sdg"].choices = [ANY] + [  # type: ignore[attr-defined]
            (goal.code, _sdg_label(goal, language)) for goal in SdgGoal.objects.all()
        ]
        self.fields["sort"].choices = [  # type: ignore[attr-defined]
            ("", ""), *((key, key) for key in SORT_KEYS)
        ]

    def filters(self) -> Filters:
        """The valid filters (an invalid field filters nothing)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            funding_programme=data.get("funding_programme") or "",
            country=data.get("country") or "",
            kind=data.get("kind") or "",
            phase=data.get("phase") or "",
            sdg=data.get("sdg"),
        )

    def order(self) -> tuple[str, bool]:
        """(sort key, descending)."""
        if not self.is_bound:
            return DEFAULT_SORT, False
        self.is_valid()
        return (self.cleaned_data.get("sort") or DEFAULT_SORT,
                self.cleaned_data.get("dir") == "desc")

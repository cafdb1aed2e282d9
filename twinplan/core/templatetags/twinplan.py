"""Template helpers for translated content and numbers with their source."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.core.formats import format_money
from twinplan.core.models import TranslatableModel
from twinplan.core.translation import TranslatedText, translated

register = template.Library()


def reading_language(context: template.Context, default: str | None = None) -> str:
    """The content language chosen on the page (context processor), else `default`, else
    the interface's."""
    chosen = context.get("content_language")
    if isinstance(chosen, str) and chosen:
        return chosen
    return default or get_language() or "en"


@register.simple_tag(takes_context=True)
def tr_text(context: template.Context, obj: TranslatableModel, field: str) -> TranslatedText:
    """`{% tr_text measure "description" as text %}`: the field in the reader's language."""
    text = translated(obj, field, reading_language(context))
    return replace(text, page_language=get_language() or "en")


@register.simple_tag(takes_context=True)
def tr(context: template.Context, obj: TranslatableModel, field: str) -> SafeString:
    """`{% tr measure "title" %}`: the text, escaped; inside a span with `lang` when it is not
    in the interface language; followed by a visible note when machine-translated."""
    text = translated(obj, field, reading_language(context))
    page_language = get_language() or "en"
    note = (
        format_html(' <small class="machine-note">({})</small>', _("machine translation"))
        if text.is_machine
        else ""
    )
    if text.language != page_language:
        return format_html('<span lang="{}">{}</span>{}', html_lang(text.language), text.text,
                           note)
    return format_html("{}{}", text.text, note)


@register.filter
def html_lang(code: str) -> str:
    """Django's "sr-latn" as the BCP 47 tag "sr-Latn" for lang attributes."""
    language, _sep, script = (code or "").partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else code


class SourceNotes:
    """Numbered source notes for one page: the same source gets the same number."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def number(self, text: str) -> int:
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text) + 1


@register.simple_tag
def cite(notes: SourceNotes, source: str) -> SafeString:
    """`{% cite sources m.population_source %}`: a link to the numbered source note at the
    foot of the page (rendered with `source_notes.html`); nothing when there is no source."""
    if not source:
        return SafeString("")
    number = notes.number(source)
    return format_html(
        '<sup class="cite"><a href="#source-{n}" title="{text}">'
        '<span class="visually-hidden">{label} </span>[{n}]</a></sup>',
        n=number,
        text=source,
        label=_("Source"),
    )


@register.filter
def money(amount: Decimal | int | float | None, currency: str | None) -> str:
    """`{{ line.amount|money:line.currency }}`: the amount with its ISO 4217 currency as the
    page's language writes it (30.000,00 € in German, €30,000.00 in English, VND without
    decimals); the bare number when no currency is given; nothing for no amount."""
    if amount is None or amount == "":
        return ""
    if not currency:
        return number_format(amount, use_l10n=True, force_grouping=True)
    return format_money(amount, currency, get_language() or "en")

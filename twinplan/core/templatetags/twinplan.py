"""Template helpers for translated content and numbers with their source."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.core.models import TranslatableModel
from twinplan.core.translation import TranslatedText, translated

register = template.Library()


@register.simple_tag
def tr_text(obj: TranslatableModel, field: str) -> TranslatedText:
    """`{% tr_text measure "description" as text %}`: the field in the page's language."""
    return translated(obj, field, get_language() or "en")


@register.simple_tag
def tr(obj: TranslatableModel, field: str) -> SafeString:
    """`{% tr measure "title" %}`: the text, escaped, inside a span with `lang` when it is not
    in the page's language (a fallback to the original)."""
    text = translated(obj, field, get_language() or "en")
    if text.differs_from_page:
        return format_html('<span lang="{}">{}</span>', text.language, text.text)
    return format_html("{}", text.text)


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

"""Template helpers for translated content and numbers with their source."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

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

"""Countries, regions, currencies and languages named in the page's language, and the note
on content that has no translation into it (`twinplan.reference.names`)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.core.models import TranslatableModel
from twinplan.core.templatetags.twinplan import html_lang, reading_language
from twinplan.core.translation import translated
from twinplan.reference import codes, names
from twinplan.reference.models import SdgGoal, SdgTarget

register = template.Library()


def _page() -> str:
    return get_language() or "en"


@register.filter
def country_name(code: str) -> str:
    return names.country_name(code, _page()) if code else ""


@register.filter
def region_name(code: str) -> str:
    return names.region_name(code, _page()) if code else ""


@register.filter
def currency_name(code: str) -> str:
    return names.currency_name(code, _page()) if code else ""


@register.filter
def language_name(code: str) -> str:
    return names.language_name(code, _page()) if code else ""


@register.filter
def language_names(codes: list[str] | None) -> str:
    return ", ".join(names.language_name(code, _page()) for code in codes or [])


@register.simple_tag(takes_context=True)
def untranslated_note(context: template.Context, obj: TranslatableModel) -> SafeString:
    """`{% untranslated_note partnership %}`: when the object's text has no translation
    into the language it is read in, a note in the page's language that says so and names
    the original's language; nothing otherwise."""
    if not obj.translatable_fields:
        return SafeString("")
    reading = reading_language(context)
    text = translated(obj, obj.translatable_fields[0], reading)
    if not text.is_fallback:
        return SafeString("")
    return format_html(
        '<p class="untranslated-note" role="note">{}</p>',
        format_html(
            _("This content has not been translated into {reading} yet; it is shown in its "
              "original language, {original}."),
            reading=names.language_name(reading, _page()),
            original=names.language_name(text.language, _page()),
        ),
    )


@register.simple_tag
def sdg_name(item: SdgGoal | SdgTarget) -> SafeString:
    """`{% sdg_name goal %}` / `{% sdg_name target %}`: the goal's name or the target's
    title in the page's language, from a published translation where there is one
    (reference/data/sdg_names.json); with `lang` when it falls back to another language;
    marked "unverified translation" when no published translation into that language
    exists (Serbian, Vietnamese)."""
    if isinstance(item, SdgGoal):
        text, language = item.name, item.name_language
    else:
        text, language = item.title, item.title_language
    mark = (
        format_html(' <small class="unverified-translation">({})</small>',
                    _("unverified translation"))
        if not codes.sdg_name_verified(language) else ""
    )
    if language != _page():
        return format_html('<span lang="{}">{}</span>{}', html_lang(language), text, mark)
    return format_html("<span>{}</span>{}", text, mark)

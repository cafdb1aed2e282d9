"""Template helpers for translated content and numbers with their source."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from functools import cache
from typing import Any

from django import template
from django.core.paginator import Page
from django.core.signals import setting_changed
from django.db.models import Model
from django.template.base import FilterExpression
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.core.formats import (
    format_date_long,
    format_money,
    format_number,
    format_percent_value,
)
from twinplan.core.languages import content_language_direction
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
        direction = content_language_direction(text.language)
        if direction == "rtl":
            return format_html('<span lang="{}" dir="rtl">{}</span>{}',
                               html_lang(text.language), text.text, note)
        return format_html('<span lang="{}">{}</span>{}', html_lang(text.language), text.text,
                           note)
    return format_html("{}{}", text.text, note)


# The translatable field that names an object of each kind (its first), where it has one.
_NAMING_FIELDS = ("title", "name", "term", "text")


@register.simple_tag(takes_context=True)
def tr_label(context: template.Context, obj: Model) -> SafeString:
    """`{% tr_label obj %}`: the object's name as the reader reads it (the accessible name of
    its Edit, Delete and History links): its naming field translated like `{% tr %}`, with
    `lang` where it is in another language, at most 80 characters; else `str(obj)`."""
    fields = getattr(obj, "translatable_fields", ())
    if not isinstance(obj, TranslatableModel) or not fields or fields[0] not in _NAMING_FIELDS:
        return format_html("{}", obj)
    text = translated(obj, fields[0], reading_language(context))
    label = text.text if len(text.text) <= 80 else text.text[:79] + "…"
    code = getattr(obj, "code", "")  # a measure's or field's code comes first, as in lists
    prefix = f"{code} " if isinstance(code, str) and code else ""
    if text.language != (get_language() or "en"):
        return format_html('{}<span lang="{}">{}</span>', prefix, html_lang(text.language),
                           label)
    return format_html("{}{}", prefix, label)


@register.filter
def text_direction(code: str) -> str:
    """`dir="{{ code|text_direction }}"`: rtl for a right-to-left content language."""
    return content_language_direction(code or "")


@register.filter
def html_lang(code: str) -> str:
    """Django's "sr-latn" as the BCP 47 tag "sr-Latn" for lang attributes."""
    language, _sep, script = (code or "").partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else code


@register.filter
def public_date(value: datetime.date | datetime.datetime | None) -> str:
    """`{{ event.start_date|public_date }}`: a date as running text in the page's language
    writes it ("3. Januar 2018", "3. јануара 2018." with the month in the genitive, "ngày 3
    tháng 1 năm 2018"); see `core.formats.format_date_long`. Nothing for no date, so
    `|default:"…"` works. A moment (an aware datetime) is dated in the current time zone,
    as `|date` does."""
    if not isinstance(value, datetime.date):
        return ""
    if isinstance(value, datetime.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return format_date_long(value, get_language() or "en")


class SourceNotes:
    """Numbered source notes for one page: the same source gets the same number."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.languages: dict[str, str] = {}

    def number(self, text: str, language: str = "") -> int:
        if text not in self.items:
            self.items.append(text)
        if language:
            self.languages.setdefault(text, language)
        return self.items.index(text) + 1

    @property
    def entries(self) -> list[tuple[str, str]]:
        """(text, lang attribute) per note; the attribute is empty for a note in the page's
        language or in a language not known."""
        page = get_language() or "en"
        return [(text, html_lang(language) if language and language != page else "")
                for text in self.items for language in [self.languages.get(text, "")]]


@register.simple_tag
def cite(notes: SourceNotes, source: str, language: str = "") -> SafeString:
    """`{% cite sources m.population_source %}`: a link to the numbered source note at the
    foot of the page (rendered with `source_notes.html`); nothing when there is no source.
    `language` names the language of the source text when it is known (a default factor's
    source is English: `{% cite sources factor.source "en" %}`), for the note's `lang`."""
    if not source:
        return SafeString("")
    number = notes.number(source, language)
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


@register.filter
def rate_number(value: Decimal | None) -> str:
    """An exchange rate as the page's language writes numbers, without trailing zeros
    (0,0246 in German, 0.0246 in English)."""
    if value is None:
        return ""
    normalised = value.normalize() if isinstance(value, Decimal) else Decimal(str(value))
    places = max(0, -normalised.as_tuple().exponent)  # type: ignore[operator]
    return number_format(normalised, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def number(value: Decimal | int | float | None, places: int = 2) -> str:
    """`{{ value|number }}`: a quantity as the page's language writes it, grouped, at most
    `places` decimals (12.345,67 in German, 12.345,67 in Vietnamese, 12,345.67 in English);
    nothing for no value."""
    if value is None or value == "":
        return ""
    return format_number(value, get_language() or "en", places=int(places))


@register.filter
def percent(value: Decimal | int | float | None) -> str:
    """`{{ measure.progress_percent|percent }}`: 0–100 as the page's language writes a
    percentage ("45 %" in German, "45%" in English and Vietnamese)."""
    if value is None or value == "":
        return ""
    return format_percent_value(value, get_language() or "en")


@register.filter
def link_to(text: object, href: str) -> SafeString:
    """`text`, escaped, as a link to `href` when there is one: for a link inside a
    translated sentence ({% blocktranslate with what=name|link_to:href %})."""
    if not href:
        return format_html("{}", text)
    return format_html('<a href="{}">{}</a>', href, text)


# --- parts of the layout rendered once per process ---------------------------------------

# Bumped when a setting changes (tests override LANGUAGES, ROOT_URLCONF …): every part
# rendered before is rendered anew.
_once_epoch = 0


def _once_forget(**_kwargs: object) -> None:
    global _once_epoch
    _once_epoch += 1


setting_changed.connect(_once_forget, dispatch_uid="twinplan-once-forget")


def _hashable(value: object) -> object:
    """A list given to `once` (the content languages: pairs) as a tuple, to be a key."""
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    return value


class OnceNode(template.Node):
    """`{% once %}…{% endonce %}`: the part is rendered on its first use and the text is
    reused for every later request in the same interface language (and URL prefix, URL
    configuration, escaping and the values given after `once`). Only for parts that depend
    on nothing else: translations, `{% url %}` without the page's objects, `{% static %}`
    (the layout's head, navigation and footer). Never for the user, the CSRF token, the
    request's path or query, messages or data."""

    def __init__(self, nodelist: template.NodeList, vary: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.vary = vary
        self.rendered: dict[tuple[object, ...], SafeString] = {}
        self.epoch = _once_epoch

    def render(self, context: template.Context) -> SafeString:
        if self.epoch != _once_epoch:
            self.rendered, self.epoch = {}, _once_epoch
        key = (get_language(), get_script_prefix(), get_urlconf(), context.autoescape,
               *(_hashable(value.resolve(context)) for value in self.vary))
        text = self.rendered.get(key)
        if text is None:
            text = SafeString(self.nodelist.render(context))
            self.rendered[key] = text
        return text


@register.tag
def once(parser: template.base.Parser, token: template.base.Token) -> OnceNode:
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist, vary)


@cache
def _choice_labels(model: type[Model], field_name: str) -> dict[object, object]:
    """The labels of a field's choices (lazy: translated when shown), read once."""
    field = model._meta.get_field(field_name)
    return dict(getattr(field, "flatchoices", None) or [])


@register.filter
def choice_label(obj: Model, field_name: str) -> str:
    """`{{ entry|choice_label:"kind" }}`: what `entry.get_kind_display` gives, from the
    field's choices read once per process instead of on every row."""
    value = getattr(obj, field_name)
    return str(_choice_labels(type(obj), field_name).get(value, value))


# --- the pager of every paginated list ---------------------------------------------------


@register.inclusion_tag("partials/pager.html")
def pager(page_obj: Page[Any], query: str = "", anchor: str = "", label: str = ""
          ) -> dict[str, Any]:
    """The links to the pages of a list (`page_obj`, a Django Page), nothing when it has one
    page: previous, next and the pages by number, a long range elided around the page shown
    (`get_elided_page_range`). `query`: the list's other parameters, urlencoded, kept in
    every link; `anchor`: the id the links lead to; `label`: the navigation's name."""
    paginator = page_obj.paginator
    if paginator.num_pages < 2:
        return {"links": []}
    before = f"?{query}&page=" if query else "?page="
    after = f"#{anchor}" if anchor else ""

    def href(number: int) -> str:
        return f"{before}{number}{after}"

    links = [
        {"number": number, "href": href(number) if isinstance(number, int) else None,
         "current": number == page_obj.number}
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2,
                                                       on_ends=1)
    ]
    return {
        "label": label or _("Pages"),
        "number": page_obj.number,
        "pages": paginator.num_pages,
        "links": links,
        "previous": href(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next": href(page_obj.next_page_number()) if page_obj.has_next() else "",
    }

"""Numbers of the impact balance for pages: significant figures, localised, with grouping."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from twinplan import impact
from twinplan.climate import labels
from twinplan.core.models import TranslatableModel
from twinplan.core.templatetags.twinplan import tr
from twinplan.money.templatetags.money import significant

register = template.Library()


@register.filter
def sig3(value: float | int | None) -> str:
    """`22.8982` → "22.9", `0.004567` → "0.00457", `123456.7` → "123,457" (localised)."""
    return significant(value, 3)


@register.filter
def sig6(value: float | int | None) -> str:
    """A factor value as stored, up to six significant digits: `0.19309` → "0.19309"."""
    return significant(value, 6)


@register.filter
def parameter_value(value: object) -> str:
    """A stored parameter: numbers with up to six significant digits, text as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return significant(value, 6)


@register.filter
def percent(share: float | None) -> str:
    """A share (0–1) as a percentage with two significant digits: 0.0000454 → "0.0045"."""
    if share is None:
        return ""
    return significant(share * 100, 2)


@register.filter
def factor_label(key: str) -> str:
    """`{{ f.key|factor_label }}`: the factor's name for visitors, never its key."""
    return labels.factor_label(key)


@register.filter
def source_language(factor: impact.Factor | None) -> str:
    """`lang="{{ f|source_language }}"`: the language of a factor's source and licence
    texts. The package's default factors cite their sources in English; a partnership's
    override is in whatever language it was typed in (unknown: "")."""
    if factor is None or factor.is_override:
        return ""
    return "en"


@register.filter
def calc_line(explanation: str) -> str:
    """`{{ line.result.explanation|calc_line }}`: the calculation in the page's language."""
    return labels.calculation_line(explanation or "")


@register.simple_tag
def input_shown(key: str, value: object) -> str:
    """`{% input_shown key value %}`: a stored input as visitors read it (names for fuels,
    modes and countries, numbers in the page's format)."""
    shown = labels.input_value(key, value)
    return parameter_value(shown)


@register.simple_tag(takes_context=True)
def user_name(context: template.Context, obj: object) -> SafeString:
    """`{% user_name obj %}`: what used a factor (a measure, an event, a town), its title in
    the reader's language where it has a translatable one."""
    if isinstance(obj, TranslatableModel) and "title" in obj.translatable_fields:
        code = getattr(obj, "code", "")
        return format_html("{}{}", f"{code} " if code else "", tr(context, obj, "title"))
    return format_html("{}", obj)


@register.simple_tag(takes_context=True)
def user_names(context: template.Context, objects: Iterable[object]) -> SafeString:
    """`{% user_names line.used_by_objects %}`: `user_name` of each, joined by "; ", in one
    call; each name is built once per page (a factor of the impact page names up to every
    measure of the programme, and a measure uses several factors)."""
    built = cast("dict[int, SafeString]", context.render_context.setdefault(
        "climate_user_names", cast("Any", {})))
    names = []
    for obj in objects:
        name = built.get(id(obj))
        if name is None:
            name = built[id(obj)] = user_name(context, obj)
        names.append((name,))
    return format_html_join("; ", "{}", names)

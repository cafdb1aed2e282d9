"""Numbers of the impact balance for pages: significant figures, localised, with grouping."""

from __future__ import annotations

from django import template

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

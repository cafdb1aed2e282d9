"""Numbers of the balance for pages: significant figures, localised, with grouping."""

from __future__ import annotations

import math
from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


def _significant(value: float | int | Decimal | None, digits: int) -> str:
    """`value` with `digits` significant digits (whole numbers never lose digits), without
    trailing zeros, localised with grouping."""
    if value is None:
        return ""
    number = float(value)
    if not math.isfinite(number):
        return str(number)
    if abs(number) >= 10**digits:
        rounded = Decimal(round(number))
    else:
        rounded = Decimal(f"{number:.{digits}g}")
    if rounded == rounded.to_integral():
        rounded = rounded.quantize(Decimal(1))
    else:
        rounded = rounded.normalize()
    return formats.number_format(rounded, force_grouping=True)


@register.filter
def sig3(value: float | int | None) -> str:
    """`22.8982` → "22.9", `0.004567` → "0.00457", `123456.7` → "123,457" (localised)."""
    return _significant(value, 3)


@register.filter
def sig6(value: float | int | None) -> str:
    """A factor value as stored, up to six significant digits: `0.19309` → "0.19309"."""
    return _significant(value, 6)


@register.filter
def rate(value: Decimal | None) -> str:
    """An exchange rate as stored, without trailing zeros: 118.4000000000 → "118.4"."""
    return _significant(value, 12)


@register.filter
def parameter_value(value: object) -> str:
    """A stored parameter: numbers with up to six significant digits, text as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return _significant(value, 6)


@register.filter
def percent(share: float | None) -> str:
    """A share (0–1) as a percentage with two significant digits: 0.0000454 → "0.0045"."""
    if share is None:
        return ""
    return _significant(share * 100, 2)


@register.filter
def get_item(mapping: object, key: str) -> object:
    """`{{ amounts|get_item:"EUR" }}`: a value of a mapping, None when absent."""
    getter = getattr(mapping, "get", None)
    return getter(key) if getter is not None else None

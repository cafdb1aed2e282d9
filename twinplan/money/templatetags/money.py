"""Numbers of the money totals for pages, and the significant-figure rounding the impact
pages share (`twinplan.climate.templatetags.climate`)."""

from __future__ import annotations

import math
from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


def significant(value: float | int | Decimal | None, digits: int) -> str:
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
def rate(value: Decimal | None) -> str:
    """An exchange rate as stored, without trailing zeros: 118.4000000000 → "118.4"."""
    return significant(value, 12)


@register.filter
def get_item(mapping: object, key: str) -> object:
    """`{{ amounts|get_item:"EUR" }}`: a value of a mapping, None when absent."""
    getter = getattr(mapping, "get", None)
    return getter(key) if getter is not None else None

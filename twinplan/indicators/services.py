"""Writes for indicators. Each validates fully and saves nothing on bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from twinplan.core.services import validated_save
from twinplan.indicators.models import Indicator, IndicatorValue


def indicator_create(*, name: str, **fields: Any) -> Indicator:
    owner = fields.get("measure") or fields.get("goal")
    if owner is not None:
        fields.setdefault("original_language", owner.original_language)
    return validated_save(Indicator(name=name, **fields))


def indicator_value_add(
    *, indicator: Indicator, date: date, value: Decimal, **fields: Any
) -> IndicatorValue:
    return validated_save(IndicatorValue(indicator=indicator, date=date, value=value, **fields))

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from twinplan.api.schemas.common import (
    Figure,
    FullReplacement,
    InputSchema,
    Output,
    PageMeta,
    Text,
)


class IndicatorValueOut(Output):
    id: int
    version: int
    indicator: int
    date: dt.date
    value: str
    note: str
    source: str
    review_state: str = Field(description="approved, pending (waiting for a coordinator's "
                              "review) or declined; only approved values count and are public")


class IndicatorOut(Output):
    id: int
    version: int
    partnership: str
    measure: int | None
    goal: int | None
    name: Text
    description: Text
    unit: str
    measure_type: str
    ascending: bool
    baseline: Figure
    target: Figure
    values: list[IndicatorValueOut]


class IndicatorPage(PageMeta):
    results: list[IndicatorOut]


class IndicatorValueIn(InputSchema):
    date: dt.date
    value: Decimal = Field(..., max_digits=16, decimal_places=4)
    note: str = Field("", max_length=300)
    source: str = Field(..., min_length=1, max_length=300)


class IndicatorValuePatchIn(InputSchema):
    date: dt.date | None = None
    value: Decimal | None = Field(None, max_digits=16, decimal_places=4)
    note: str | None = Field(None, max_length=300)
    source: str | None = Field(None, min_length=1, max_length=300)


class IndicatorValuePutIn(FullReplacement, IndicatorValueIn):
    """Every field, as the value is to be: a field left out is a 422, not its default."""

"""Writes for indicators and their measured values: one typed, keyword-only service per
noun and verb. Each validates fully, records its author in the history and saves nothing
on bad input. A baseline, a target and a measured value each carry their source."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction

from twinplan.accounts.models import User
from twinplan.core.writes import (
    Author,
    object_change,
    object_copy_values,
    object_insert,
    object_remove,
)
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.services import (
    contribution_state,
    contribution_values,
    review_decision,
)
from twinplan.programmes.models import Goal, Measure


def _only(fields: Mapping[str, Any], allowed: type) -> None:
    """Refuse a field the noun's TypedDict does not list: a programming error."""
    unknown = set(fields) - set(allowed.__annotations__)
    if unknown:
        raise TypeError(f"{allowed.__name__} has no {', '.join(sorted(unknown))}.")


def _partnership_of(indicator: Indicator) -> Partnership:
    """The partnership whose bin takes the indicator's deletion."""
    owner = indicator.measure if indicator.measure is not None else indicator.goal
    assert owner is not None
    return owner.programme.partnership


class IndicatorFields(TypedDict, total=False):
    """What an indicator's author writes; what it measures (a goal or a measure) is given
    when it is created and stays."""

    name: str
    description: str
    unit: str
    measure_type: str
    ascending: bool
    baseline_value: Decimal | None
    baseline_year: int | None
    baseline_source: str
    target_value: Decimal | None
    target_year: int | None
    target_source: str
    original_language: str
    is_demo_content: bool


def indicator_create(
    *, by: Author, measure: Measure | None = None, goal: Goal | None = None,
    **fields: Unpack[IndicatorFields],
) -> Indicator:
    """An indicator of a measure or of a goal (one of them), written in the language of
    what it measures unless `original_language` says otherwise."""
    _only(fields, IndicatorFields)
    owner = measure if measure is not None else goal
    if owner is not None:
        fields.setdefault("original_language", owner.original_language)
    return object_insert(Indicator(measure=measure, goal=goal, **fields), by=by)


def indicator_update(
    indicator: Indicator, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[IndicatorFields],
) -> Indicator:
    _only(fields, IndicatorFields)
    return object_change(indicator, by=by, expected_version=expected_version, values=fields)


def indicator_delete(indicator: Indicator, /, *, by: Author) -> None:
    """Delete the indicator with its measured values."""
    object_remove(indicator, by=by, scope=_partnership_of(indicator))


class IndicatorValueFields(TypedDict, total=False):
    """What a measured value's author writes; its indicator is given when it is created
    and stays (a value is never moved to another indicator or measure)."""

    date: date
    value: Decimal
    note: str
    source: str


def indicator_value_create(
    *, indicator: Indicator, by: Author, **fields: Unpack[IndicatorValueFields]
) -> IndicatorValue:
    """A value measured for `indicator`, written by `by` (its author); a contributor's value
    waits for a coordinator's review when the partnership reviews contributions."""
    _only(fields, IndicatorValueFields)
    author = by if isinstance(by, User) else None
    state = contribution_state(by=by, partnership=_partnership_of(indicator))
    return object_insert(
        IndicatorValue(indicator=indicator, author=author, review_state=state, **fields), by=by
    )


def indicator_value_update(
    value: IndicatorValue, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[IndicatorValueFields],
) -> IndicatorValue:
    """Change the fields given; a contributor's change waits for review again."""
    _only(fields, IndicatorValueFields)
    values = contribution_values(
        value, by=by, partnership=_partnership_of(value.indicator), fields=fields
    )
    return object_change(value, by=by, expected_version=expected_version, values=values)


def indicator_value_review(
    value: IndicatorValue, /, *, by: Author, approve: bool, reason: str = "",
    expected_version: int | None = None,
) -> IndicatorValue:
    """A coordinator approves the value (it is public) or declines it with the reason its
    author reads; recorded in the history."""
    values = review_decision(
        by=by, partnership=_partnership_of(value.indicator), approve=approve, reason=reason
    )
    return object_change(value, by=by, expected_version=expected_version, values=values)


def indicator_value_delete(value: IndicatorValue, /, *, by: Author) -> None:
    object_remove(value, by=by, scope=_partnership_of(value.indicator))


@transaction.atomic
def indicators_copy_for_edition(
    *, measures: dict[int, Measure], goals: dict[int, Goal], by: Author, **_signal: Any
) -> None:
    """The indicators of a programme's previous edition, for its new one, without their
    measured values (connected to programmes.services.edition_started)."""
    for indicator in Indicator.objects.filter(measure_id__in=list(measures)):
        object_insert(Indicator(
            **object_copy_values(indicator, exclude=("measure", "goal")),
            measure=measures[indicator.measure_id or 0],
        ), by=by)
    for indicator in Indicator.objects.filter(goal_id__in=list(goals)):
        object_insert(Indicator(
            **object_copy_values(indicator, exclude=("measure", "goal")),
            goal=goals[indicator.goal_id or 0],
        ), by=by)

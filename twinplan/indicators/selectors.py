"""Reads about indicators shared by pages, API and reports."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from twinplan.accounts.models import User
from twinplan.core.models import ReviewState
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure


def measure_has_indicators() -> Exists:
    """Whether the outer measure has indicators (for `measure_page_or_none(has_rows=…)`)."""
    return Exists(Indicator.objects.filter(measure=OuterRef("pk")))


def indicators_for_measure(measure: Measure) -> QuerySet[Indicator]:
    """The measure's indicators with their approved values (the public page's)."""
    return Indicator.objects.filter(measure=measure).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.filter(
            review_state=ReviewState.APPROVED).order_by("date", "id"))
    )


def values_pending(partnership: Partnership) -> list[IndicatorValue]:
    """Measured values of the partnership waiting for a coordinator's review."""
    return list(
        IndicatorValue.objects.filter(
            indicator__measure__programme__partnership=partnership,
            review_state=ReviewState.PENDING,
        )
        .select_related("indicator__measure", "author")
        .order_by("created_at", "id")
    )


def values_by_author(user: User, partnerships: QuerySet[Partnership]
                     ) -> list[IndicatorValue]:
    """A contributor's own values in `partnerships` that are not approved (waiting or
    declined), newest first; one query, with each value's measure and partnership."""
    return list(
        IndicatorValue.objects.filter(
            indicator__measure__programme__partnership__in=partnerships, author=user,
        ).exclude(review_state=ReviewState.APPROVED)
        .select_related("indicator__measure__programme__partnership")
        .order_by("-created_at", "-id")
    )

"""Reads about indicators shared by pages, API and reports."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.programmes.models import Measure


def indicators_for_measure(measure: Measure) -> QuerySet[Indicator]:
    return Indicator.objects.filter(measure=measure).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("date", "id"))
    )

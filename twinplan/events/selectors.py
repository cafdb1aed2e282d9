"""Reads about events that the public pages, the API and reports share."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from twinplan.events.models import Event, EventQuerySet, Idea
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure


def events_published(partnership: Partnership) -> EventQuerySet:
    """The partnership's timeline: published events in order, dated or not."""
    return (
        Event.objects.published()
        .filter(partnership=partnership)
        .select_related("phase", "host_municipality")
        .prefetch_related(
            "organisations",
            Prefetch("ideas", queryset=Idea.objects.select_related("measure")),
        )
        .order_by("sequence", "start_date", "id")
    )


def events_for_measure(measure: Measure) -> list[Event]:
    """Published events whose outcomes or ideas concern the measure."""
    return list(
        Event.objects.published()
        .filter(Q(outcomes__measures=measure) | Q(ideas__measure=measure))
        .distinct()
        .order_by("sequence", "start_date", "id")
    )

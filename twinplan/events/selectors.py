"""Reads about events that the public pages, the API and reports share."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from twinplan.accounts.models import User
from twinplan.core.models import ReviewState
from twinplan.core.prefetch import prefetch_flagged
from twinplan.events.models import Event, EventOutcome, EventQuerySet, Idea
from twinplan.organisations.models import Organisation
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
            Prefetch("outcomes", queryset=EventOutcome.objects.prefetch_related("measures")),
            Prefetch("ideas", queryset=Idea.objects.filter(
                review_state=ReviewState.APPROVED).select_related("measure")),
        )
        .order_by("sequence", "start_date", "id")
    )


def events_timeline(partnership: Partnership) -> list[Event]:
    """The published events of `events_published` with the same lists, each list read
    only for the events that have something in it (flags read with the events): the
    partnership page's timeline, whose events often have no outcome, idea or organisation.
    Without their phase and host town, which the timeline does not show."""
    events = list(
        events_published(partnership).prefetch_related(None).select_related(None).annotate(
            has_organisations=Exists(
                Event.organisations.through.objects.filter(event=OuterRef("pk"))),
            has_outcomes=Exists(EventOutcome.objects.filter(event=OuterRef("pk"))),
            has_ideas=Exists(Idea.objects.filter(event=OuterRef("pk"),
                                                 review_state=ReviewState.APPROVED)),
        )
    )
    prefetch_flagged(events, "has_organisations", "organisations", Organisation.objects.all())
    prefetch_flagged(events, "has_outcomes", "outcomes",
                     EventOutcome.objects.prefetch_related("measures"))
    prefetch_flagged(events, "has_ideas", "ideas", Idea.objects.filter(
        review_state=ReviewState.APPROVED).select_related("measure"))
    return events


def events_published_everywhere() -> EventQuerySet:
    """Every published event of every published partnership (the sitemap)."""
    return (
        Event.objects.published().select_related("partnership")
        .order_by("partnership__slug", "sequence", "start_date", "id")
    )


def event_published_or_none(partnership: Partnership, pk: int) -> Event | None:
    """One published event of the partnership with everything its public page shows, in a
    fixed number of queries: the outcomes with the published measures they concern, the
    approved ideas with the measure each became (`idea.measure_published`: that measure if
    it is published, else None)."""
    event = (
        Event.objects.published()
        .filter(partnership=partnership, pk=pk)
        .select_related("phase", "host_municipality")
        .prefetch_related(
            "organisations",
            Prefetch("outcomes", queryset=EventOutcome.objects.prefetch_related(
                Prefetch("measures", queryset=Measure.objects.published().filter(
                    programme__partnership=partnership).order_by("code", "id")))),
            Prefetch("ideas", queryset=Idea.objects.filter(
                review_state=ReviewState.APPROVED).select_related("measure")),
        )
        .first()
    )
    if event is None:
        return None
    ideas = list(event.ideas.all())
    measure_ids = [idea.measure_id for idea in ideas if idea.measure_id]
    published = set(
        Measure.objects.published()
        .filter(programme__partnership=partnership, pk__in=measure_ids)
        .values_list("pk", flat=True)
    ) if measure_ids else set()
    for idea in ideas:
        setattr(idea, "measure_published",  # noqa: B010
                idea.measure if idea.measure_id in published else None)
    return event


def measure_has_events() -> Q:
    """Whether an outcome or an approved idea of an event (published or not) concerns the
    outer measure (for `measure_page_or_none(has_rows=…)`): without, `events_for_measure`
    has nothing to find."""
    return Exists(EventOutcome.measures.through.objects.filter(measure=OuterRef("pk"))) | Exists(
        Idea.objects.filter(measure=OuterRef("pk"), review_state=ReviewState.APPROVED))


def events_for_measure(measure: Measure) -> list[Event]:
    """Published events whose outcomes or ideas concern the measure, each with the outcomes
    that concern it (`measure_outcomes`)."""
    return list(
        Event.objects.published()
        .filter(
            Q(outcomes__measures=measure)
            | Q(ideas__measure=measure, ideas__review_state=ReviewState.APPROVED)
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=EventOutcome.objects.filter(measures=measure),
                to_attr="measure_outcomes",
            )
        )
        .order_by("sequence", "start_date", "id")
    )


def ideas_pending(partnership: Partnership) -> list[Idea]:
    """Ideas of the partnership's events waiting for a coordinator's review."""
    return list(
        Idea.objects.filter(event__partnership=partnership, review_state=ReviewState.PENDING)
        .select_related("event", "author")
        .order_by("created_at", "id")
    )


def ideas_by_author(user: User, partnerships: QuerySet[Partnership]) -> list[Idea]:
    """A contributor's own ideas in `partnerships` that are not approved (waiting or
    declined), newest first; one query, with each idea's event and partnership."""
    return list(
        Idea.objects.filter(event__partnership__in=partnerships, author=user)
        .exclude(review_state=ReviewState.APPROVED)
        .select_related("event__partnership")
        .order_by("-created_at", "-id")
    )

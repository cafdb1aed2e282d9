"""Writes for events, their outcomes and the ideas collected at them. Each validates fully,
records its author in the history and saves nothing on bad input; an event links only to
its own partnership's members, phases, organisations and measures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.writes import (
    Author,
    object_change,
    object_insert,
    object_remove,
    object_set_published,
)
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Partnership, Phase
from twinplan.partnerships.services import (
    contribution_state,
    contribution_values,
    member_ids,
    review_decision,
)
from twinplan.programmes.models import Measure

# --- events -----------------------------------------------------------------------------


class EventFields(TypedDict, total=False):
    kind: str
    title: str
    phase: Phase | None
    start_date: date | None
    end_date: date | None
    sequence: int
    place_name: str
    country: str
    host_municipality: Municipality | None
    latitude: float | None
    longitude: float | None
    location_source: str
    participant_count: int | None
    participants_text: str
    organisations: Sequence[Organisation]
    description: str
    source: str
    original_language: str
    is_demo_content: bool


def _event_integrity(partnership_id: int, fields: Mapping[str, Any]) -> None:
    """The host is a member, the phase the partnership's own, and the attending
    organisations are located in member municipalities."""
    errors: dict[str, str] = {}
    members = member_ids(partnership_id)
    host = fields.get("host_municipality")
    if host is not None and host.pk not in members:
        errors["host_municipality"] = _("“%(town)s” is not a member of this partnership.") % {
            "town": host
        }
    phase = fields.get("phase")
    if phase is not None and phase.partnership_id != partnership_id:
        errors["phase"] = _("The phase belongs to another partnership.")
    outside = [organisation for organisation in fields.get("organisations", ())
               if organisation.municipality_id not in members]
    if outside:
        errors["organisations"] = _(
            "“%(organisation)s” is not located in a member municipality of this partnership."
        ) % {"organisation": outside[0]}
    if errors:
        raise ValidationError(errors)


def event_create(*, partnership: Partnership, by: Author, **fields: Unpack[EventFields]) -> Event:
    """A new event (a draft), after the partnership's others unless `sequence` says
    otherwise, written in the partnership's original language unless `original_language`
    says otherwise."""
    _event_integrity(partnership.pk, fields)
    fields.setdefault("original_language", partnership.original_language)
    fields.setdefault("sequence", partnership.events.count())
    values: dict[str, Any] = dict(fields)
    links = {"organisations": values.pop("organisations")} if "organisations" in values else {}
    return object_insert(Event(partnership=partnership, **values), by=by, links=links)


def event_update(
    event: Event, /, *, by: Author, expected_version: int | None, **fields: Unpack[EventFields]
) -> Event:
    """Change the fields given; refused (EditConflict) when `expected_version` is stale.
    A save that changes nothing keeps the version."""
    _event_integrity(event.partnership_id, fields)
    return object_change(event, by=by, expected_version=expected_version, values=fields)


def event_delete(event: Event, /, *, by: Author) -> None:
    """The event with its outcomes, ideas and travel legs."""
    object_remove(event, by=by, scope=event.partnership)


def event_publish(event: Event, /, *, by: Author, published: bool = True) -> Event:
    return object_set_published(event, by=by, published=published)


# --- outcomes and ideas -----------------------------------------------------------------


def _foreign_measure(event: Event, measures: Iterable[Measure]) -> Measure | None:
    """The first of `measures` that is not a measure of the event's partnership."""
    wanted = list(measures)
    if not wanted:
        return None
    own = set(
        Measure.objects.filter(
            pk__in=[measure.pk for measure in wanted],
            programme__partnership=event.partnership_id,
        ).values_list("pk", flat=True)
    )
    return next((measure for measure in wanted if measure.pk not in own), None)


def _measure_message(measure: Measure) -> str:
    return _("Measure “%(measure)s” belongs to another partnership.") % {"measure": measure}


class OutcomeFields(TypedDict, total=False):
    kind: str
    text: str
    measures: Sequence[Measure]
    original_language: str


def _outcome_integrity(event: Event, fields: Mapping[str, Any]) -> None:
    foreign = _foreign_measure(event, fields.get("measures", ()))
    if foreign is not None:
        raise ValidationError({"measures": _measure_message(foreign)})


def event_outcome_create(
    *, event: Event, by: Author, **fields: Unpack[OutcomeFields]
) -> EventOutcome:
    """A decision, the minutes or a result of `event`, with the measures it concerns (of the
    event's partnership)."""
    _outcome_integrity(event, fields)
    fields.setdefault("original_language", event.original_language)
    values: dict[str, Any] = dict(fields)
    links = {"measures": values.pop("measures")} if "measures" in values else {}
    return object_insert(EventOutcome(event=event, **values), by=by, links=links)


def event_outcome_update(
    outcome: EventOutcome, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[OutcomeFields],
) -> EventOutcome:
    _outcome_integrity(outcome.event, fields)
    return object_change(outcome, by=by, expected_version=expected_version, values=fields)


def event_outcome_delete(outcome: EventOutcome, /, *, by: Author) -> None:
    object_remove(outcome, by=by, scope=outcome.event.partnership)


class IdeaFields(TypedDict, total=False):
    title: str
    description: str
    fate: str
    measure: Measure | None
    fate_reason: str
    original_language: str
    is_demo_content: bool


def _idea_integrity(event: Event, fields: Mapping[str, Any]) -> None:
    measure = fields.get("measure")
    if measure is not None and _foreign_measure(event, [measure]) is not None:
        raise ValidationError({"measure": _measure_message(measure)})


def idea_create(*, event: Event, by: Author, **fields: Unpack[IdeaFields]) -> Idea:
    """An idea collected at `event`, proposed by `by` (its author); a contributor's idea
    waits for a coordinator's review when the partnership reviews contributions."""
    _idea_integrity(event, fields)
    fields.setdefault("original_language", event.original_language)
    author = by if isinstance(by, User) else None
    state = contribution_state(by=by, partnership=event.partnership)
    return object_insert(Idea(event=event, author=author, review_state=state, **fields), by=by)


def idea_update(
    idea: Idea, /, *, by: Author, expected_version: int | None, **fields: Unpack[IdeaFields]
) -> Idea:
    """Change the fields given; the author stays who proposed it. A contributor's change
    waits for review again."""
    _idea_integrity(idea.event, fields)
    values = contribution_values(idea, by=by, partnership=idea.event.partnership, fields=fields)
    return object_change(idea, by=by, expected_version=expected_version, values=values)


def idea_review(
    idea: Idea, /, *, by: Author, approve: bool, reason: str = "",
    expected_version: int | None = None,
) -> Idea:
    """A coordinator approves the idea (it is public) or declines it with the reason its
    author reads; recorded in the history."""
    values = review_decision(by=by, partnership=idea.event.partnership, approve=approve,
                             reason=reason)
    return object_change(idea, by=by, expected_version=expected_version, values=values)


def idea_delete(idea: Idea, /, *, by: Author) -> None:
    object_remove(idea, by=by, scope=idea.event.partnership)

"""Writes for events. Each validates fully and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from twinplan.core.services import validated_save
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure


@transaction.atomic
def event_create(
    *,
    partnership: Partnership,
    kind: str,
    title: str,
    organisations: Sequence[Organisation] = (),
    **fields: Any,
) -> Event:
    fields.setdefault("original_language", partnership.original_language)
    if "sequence" not in fields:
        fields["sequence"] = partnership.events.count()
    event = validated_save(Event(partnership=partnership, kind=kind, title=title, **fields))
    event.organisations.set(organisations)
    return event


@transaction.atomic
def event_outcome_add(
    *, event: Event, kind: str, text: str, measures: Sequence[Measure] = (), **fields: Any
) -> EventOutcome:
    fields.setdefault("original_language", event.original_language)
    outcome = validated_save(EventOutcome(event=event, kind=kind, text=text, **fields))
    outcome.measures.set(measures)
    return outcome


def idea_add(*, event: Event, title: str, **fields: Any) -> Idea:
    fields.setdefault("original_language", event.original_language)
    return validated_save(Idea(event=event, title=title, **fields))

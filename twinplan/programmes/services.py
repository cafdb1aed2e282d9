"""Writes for the action programme. Each validates fully and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinplan.core.services import validated_save
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    ProgrammeBaseline,
    ProgressEntry,
)
from twinplan.reference.models import SdgGoal, SdgTarget


def programme_create(*, partnership: Partnership, title: str, **fields: Any) -> ActionProgramme:
    fields.setdefault("original_language", partnership.original_language)
    if "edition" not in fields:
        latest = partnership.programmes.order_by("-edition").first()
        fields["edition"] = latest.edition + 1 if latest else 1
    return validated_save(ActionProgramme(partnership=partnership, title=title, **fields))


def baseline_add(
    *, programme: ActionProgramme, municipality: Municipality, text: str, **fields: Any
) -> ProgrammeBaseline:
    fields.setdefault("original_language", municipality.first_language or "en")
    return validated_save(
        ProgrammeBaseline(programme=programme, municipality=municipality, text=text, **fields)
    )


def field_of_action_create(
    *, programme: ActionProgramme, title: str, **fields: Any
) -> FieldOfAction:
    fields.setdefault("original_language", programme.original_language)
    fields.setdefault("position", programme.fields.count())
    return validated_save(FieldOfAction(programme=programme, title=title, **fields))


@transaction.atomic
def goal_create(
    *,
    programme: ActionProgramme,
    title: str,
    sdg_goals: Sequence[SdgGoal] = (),
    sdg_targets: Sequence[SdgTarget] = (),
    **fields: Any,
) -> Goal:
    fields.setdefault("original_language", programme.original_language)
    fields.setdefault("position", programme.goals.count())
    goal = validated_save(Goal(programme=programme, title=title, **fields))
    goal.sdg_goals.set(sdg_goals)
    goal.sdg_targets.set(sdg_targets)
    return goal


@transaction.atomic
def measure_create(
    *,
    programme: ActionProgramme,
    title: str,
    goals: Sequence[Goal] = (),
    implementing_municipalities: Sequence[Municipality] = (),
    sdg_goals: Sequence[SdgGoal] = (),
    sdg_targets: Sequence[SdgTarget] = (),
    **fields: Any,
) -> Measure:
    """A measure in a programme, tagged with its goals and SDGs. Every goal must belong to
    the same programme."""
    foreign = [goal for goal in goals if goal.programme_id != programme.pk]
    if foreign:
        raise ValidationError(
            {"goals": _("Goal “%(goal)s” belongs to another programme.") % {"goal": foreign[0]}}
        )
    fields.setdefault("original_language", programme.original_language)
    measure = validated_save(Measure(programme=programme, title=title, **fields))
    measure.goals.set(goals)
    measure.implementing_municipalities.set(implementing_municipalities)
    measure.sdg_goals.set(sdg_goals)
    measure.sdg_targets.set(sdg_targets)
    return measure


def measure_actor_add(
    *, measure: Measure, kind: str, organisation: Organisation | None = None, role: str = ""
) -> MeasureActor:
    return validated_save(
        MeasureActor(
            measure=measure,
            kind=kind,
            organisation=organisation,
            role=role,
            position=measure.actors.count(),
        )
    )


@transaction.atomic
def progress_entry_add(*, measure: Measure, text: str, **fields: Any) -> ProgressEntry:
    """A line in the measure's process log; with a progress figure it also updates the
    measure, as an edit with a new version (so an editor who opened the measure before
    cannot overwrite it unawares) and a history record."""
    fields.setdefault("original_language", measure.original_language)
    fields.setdefault("position", measure.progress.count())
    entry = validated_save(ProgressEntry(measure=measure, text=text, **fields))
    if entry.progress_percent is not None:
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        locked.progress_percent = entry.progress_percent
        locked.version += 1
        locked.save()
        measure.progress_percent, measure.version = locked.progress_percent, locked.version
        measure.updated_at = locked.updated_at
    return entry


def challenge_add(
    *, measure: Measure, category: str, description: str, response: str = "", **fields: Any
) -> Challenge:
    fields.setdefault("original_language", measure.original_language)
    return validated_save(
        Challenge(
            measure=measure,
            category=category,
            description=description,
            response=response,
            **fields,
        )
    )

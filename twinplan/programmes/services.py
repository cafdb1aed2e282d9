"""Writes for the action programme. Each validates fully and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.services import validated_save
from twinplan.core.writes import (
    Author,
    object_change,
    object_insert,
    object_remove,
    object_set_published,
)
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


class MeasureFields(TypedDict, total=False):
    """What a measure's author writes; the programme, version and publication are set by
    their own services. Which are required is the model's rule (a missing title is a
    ValidationError at the field)."""

    code: str
    title: str
    summary: str
    description: str
    context: str
    field_of_action: FieldOfAction | None
    goals: Sequence[Goal]
    is_pilot: bool
    status: str
    progress_percent: int | None
    weight: int
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    lead_municipality: Municipality | None
    implementing_municipalities: Sequence[Municipality]
    owner: User | None
    dac_sector: str
    sdg_goals: Sequence[SdgGoal]
    sdg_targets: Sequence[SdgTarget]
    covenant_sector: str
    energy_saved_mwh_per_year: Decimal | None
    renewable_energy_mwh_per_year: Decimal | None
    co2_reduced_t_per_year: Decimal | None
    reported_figures_source: str
    original_language: str
    is_demo_content: bool


_MEASURE_LINKS = ("goals", "implementing_municipalities", "sdg_goals", "sdg_targets")


def _measure_integrity(programme: ActionProgramme, fields: Mapping[str, Any]) -> None:
    """A measure links only to goals and fields of its own programme and to municipalities
    and people of its own partnership."""
    errors: dict[str, str] = {}
    foreign_goal = next(
        (goal for goal in fields.get("goals", ()) if goal.programme_id != programme.pk), None
    )
    if foreign_goal is not None:
        errors["goals"] = _("Goal “%(goal)s” belongs to another programme.") % {
            "goal": foreign_goal
        }
    field = fields.get("field_of_action")
    if field is not None and field.programme_id != programme.pk:
        errors["field_of_action"] = _("The field of action belongs to another programme.")
    members = set(
        Municipality.objects.filter(memberships__partnership=programme.partnership_id)
        .values_list("pk", flat=True)
    )
    lead = fields.get("lead_municipality")
    if lead is not None and lead.pk not in members:
        errors["lead_municipality"] = _("“%(town)s” is not a member of this partnership.") % {
            "town": lead
        }
    outside = [town for town in fields.get("implementing_municipalities", ())
               if town.pk not in members]
    if outside:
        errors["implementing_municipalities"] = _(
            "“%(town)s” is not a member of this partnership."
        ) % {"town": outside[0]}
    owner = fields.get("owner")
    if owner is not None and not owner.partnership_roles.filter(
        partnership=programme.partnership_id
    ).exists():
        errors["owner"] = _("%(person)s has no role in this partnership.") % {"person": owner}
    if errors:
        raise ValidationError(errors)


def measure_create(
    *, programme: ActionProgramme, by: Author, **fields: Unpack[MeasureFields]
) -> Measure:
    """A new measure (a draft) in `programme`. It is written in the programme's original
    language unless `original_language` says otherwise."""
    _measure_integrity(programme, fields)
    fields.setdefault("original_language", programme.original_language)
    values: dict[str, Any] = dict(fields)
    links = {name: values.pop(name) for name in _MEASURE_LINKS if name in values}
    return object_insert(Measure(programme=programme, **values), by=by, links=links)


def measure_update(
    measure: Measure, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[MeasureFields],
) -> Measure:
    """Change the fields given; refused (EditConflict) when `expected_version` is stale.
    A save that changes nothing keeps the version."""
    _measure_integrity(measure.programme, fields)
    return object_change(measure, by=by, expected_version=expected_version, values=fields)


def measure_delete(measure: Measure, /, *, by: Author) -> None:
    object_remove(measure, by=by, scope=measure.programme.partnership)


def measure_publish(measure: Measure, /, *, by: Author, published: bool = True) -> Measure:
    return object_set_published(measure, by=by, published=published)


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


class ProgressFields(TypedDict, total=False):
    kind: str
    date: date | None
    progress_percent: int | None
    organisation: Organisation | None
    original_language: str


def progress_entry_create(
    *, measure: Measure, by: Author, text: str, **fields: Unpack[ProgressFields]
) -> ProgressEntry:
    """A line in the measure's process log written by `by` (its author)."""
    author = by if isinstance(by, User) else None
    return progress_entry_add(measure=measure, text=text, author=author, **fields)


def progress_entry_update(
    entry: ProgressEntry, /, *, by: Author, expected_version: int | None,
    text: str | None = None, **fields: Unpack[ProgressFields],
) -> ProgressEntry:
    values: dict[str, Any] = dict(fields)
    if text is not None:
        values["text"] = text
    return object_change(entry, by=by, expected_version=expected_version, values=values)


def progress_entry_delete(entry: ProgressEntry, /, *, by: Author) -> None:
    object_remove(entry, by=by, scope=entry.measure.programme.partnership)

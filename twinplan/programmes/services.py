"""Writes for the action programme: one typed, keyword-only service per noun and verb
(create, update, delete, publish). Each validates fully, owns its noun's same-partnership
rules and defaults, records its author in the history, and saves nothing on bad input.

A measure's progress is the figure of its latest approved progress entry that gives one;
only the progress services below write `Measure.progress_percent`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
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
from twinplan.partnerships.services import member_ids
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


def _only(fields: Mapping[str, Any], allowed: type) -> None:
    """Refuse a field the noun's TypedDict does not list (such as a measure's progress,
    which only the progress services write): a programming error, not bad input."""
    unknown = set(fields) - set(allowed.__annotations__)
    if unknown:
        raise TypeError(f"{allowed.__name__} has no {', '.join(sorted(unknown))}.")


def _links(values: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """Take the many-to-many arguments out of `values`, for object_insert."""
    return {name: values.pop(name) for name in names if name in values}


def _not_member(town: Municipality) -> str:
    return _("“%(town)s” is not a member of this partnership.") % {"town": town}


def _organisation_error(organisation: Organisation | None, partnership_id: int) -> str | None:
    """Why `organisation` may not be linked in the partnership: only organisations of its
    member municipalities may."""
    if organisation is None:
        return None
    if organisation.municipality_id not in member_ids(partnership_id):
        return _("“%(organisation)s” is not an organisation of this partnership's "
                 "municipalities.") % {"organisation": organisation}
    return None


# --- programme ---------------------------------------------------------------------------


class ProgrammeFields(TypedDict, total=False):
    """What a programme's author writes; the partnership, version and publication are set
    by their own services."""

    title: str
    edition: int
    status: str
    adopted_on: date | None
    adopted_by: str
    period_start: date | None
    period_end: date | None
    summary: str
    original_language: str
    is_demo_content: bool


def programme_create(
    *, partnership: Partnership, by: Author, **fields: Unpack[ProgrammeFields]
) -> ActionProgramme:
    """A new edition of the partnership's programme (a draft): numbered after the latest
    one unless `edition` is given, written in the partnership's original language unless
    `original_language` says otherwise."""
    _only(fields, ProgrammeFields)
    fields.setdefault("original_language", partnership.original_language)
    if fields.get("edition") is None:
        latest = partnership.programmes.order_by("-edition").first()
        fields["edition"] = latest.edition + 1 if latest else 1
    return object_insert(ActionProgramme(partnership=partnership, **fields), by=by)


def programme_update(
    programme: ActionProgramme, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ProgrammeFields],
) -> ActionProgramme:
    _only(fields, ProgrammeFields)
    if "edition" in fields and fields["edition"] is None:
        del fields["edition"]
    return object_change(programme, by=by, expected_version=expected_version, values=fields)


def programme_delete(programme: ActionProgramme, /, *, by: Author) -> None:
    """Delete the edition with its fields, goals, measures and what hangs off them."""
    object_remove(programme, by=by, scope=programme.partnership)


def programme_publish(
    programme: ActionProgramme, /, *, by: Author, published: bool = True
) -> ActionProgramme:
    return object_set_published(programme, by=by, published=published)


# --- baseline ----------------------------------------------------------------------------


class BaselineFields(TypedDict, total=False):
    municipality: Municipality
    text: str
    year: int | None
    source: str
    original_language: str


def _baseline_integrity(programme: ActionProgramme, fields: Mapping[str, Any]) -> None:
    town = fields.get("municipality")
    if town is not None and town.pk not in member_ids(programme.partnership_id):
        raise ValidationError({"municipality": _not_member(town)})


def baseline_create(
    *, programme: ActionProgramme, by: Author, **fields: Unpack[BaselineFields]
) -> ProgrammeBaseline:
    """Where a member municipality stood when the programme started, with its year and
    source; written in the municipality's first language unless said otherwise."""
    _only(fields, BaselineFields)
    _baseline_integrity(programme, fields)
    town = fields.get("municipality")
    fields.setdefault(
        "original_language",
        (town.first_language if town is not None else "") or programme.original_language,
    )
    return object_insert(ProgrammeBaseline(programme=programme, **fields), by=by)


def baseline_update(
    baseline: ProgrammeBaseline, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[BaselineFields],
) -> ProgrammeBaseline:
    _only(fields, BaselineFields)
    _baseline_integrity(baseline.programme, fields)
    return object_change(baseline, by=by, expected_version=expected_version, values=fields)


def baseline_delete(baseline: ProgrammeBaseline, /, *, by: Author) -> None:
    object_remove(baseline, by=by, scope=baseline.programme.partnership)


# --- field of action ---------------------------------------------------------------------


class FieldOfActionFields(TypedDict, total=False):
    code: str
    title: str
    description: str
    position: int | None
    original_language: str
    is_demo_content: bool


def field_of_action_create(
    *, programme: ActionProgramme, by: Author, **fields: Unpack[FieldOfActionFields]
) -> FieldOfAction:
    """A field of action, placed last unless `position` says otherwise."""
    _only(fields, FieldOfActionFields)
    fields.setdefault("original_language", programme.original_language)
    if fields.get("position") is None:
        fields["position"] = programme.fields.count()
    return object_insert(FieldOfAction(programme=programme, **fields), by=by)


def field_of_action_update(
    field: FieldOfAction, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[FieldOfActionFields],
) -> FieldOfAction:
    _only(fields, FieldOfActionFields)
    if "position" in fields and fields["position"] is None:
        del fields["position"]
    return object_change(field, by=by, expected_version=expected_version, values=fields)


def field_of_action_delete(field: FieldOfAction, /, *, by: Author) -> None:
    """Delete the field; its goals and measures stay, without a field of action."""
    object_remove(field, by=by, scope=field.programme.partnership)


# --- goal --------------------------------------------------------------------------------


class GoalFields(TypedDict, total=False):
    field_of_action: FieldOfAction | None
    code: str
    title: str
    description: str
    position: int | None
    sdg_goals: Sequence[SdgGoal]
    sdg_targets: Sequence[SdgTarget]
    original_language: str
    is_demo_content: bool


_GOAL_LINKS = ("sdg_goals", "sdg_targets")


def _goal_integrity(programme: ActionProgramme, fields: Mapping[str, Any]) -> None:
    field = fields.get("field_of_action")
    if field is not None and field.programme_id != programme.pk:
        raise ValidationError(
            {"field_of_action": _("The field of action belongs to another programme.")}
        )


def goal_create(
    *, programme: ActionProgramme, by: Author, **fields: Unpack[GoalFields]
) -> Goal:
    """A goal of the programme, in one of its fields of action; placed last unless
    `position` says otherwise."""
    _only(fields, GoalFields)
    _goal_integrity(programme, fields)
    fields.setdefault("original_language", programme.original_language)
    if fields.get("position") is None:
        fields["position"] = programme.goals.count()
    values: dict[str, Any] = dict(fields)
    links = _links(values, _GOAL_LINKS)
    return object_insert(Goal(programme=programme, **values), by=by, links=links)


def goal_update(
    goal: Goal, /, *, by: Author, expected_version: int | None, **fields: Unpack[GoalFields]
) -> Goal:
    _only(fields, GoalFields)
    _goal_integrity(goal.programme, fields)
    if "position" in fields and fields["position"] is None:
        del fields["position"]
    return object_change(goal, by=by, expected_version=expected_version, values=fields)


def goal_delete(goal: Goal, /, *, by: Author) -> None:
    """Delete the goal; its measures stay, without it."""
    object_remove(goal, by=by, scope=goal.programme.partnership)


# --- measure -----------------------------------------------------------------------------


class MeasureFields(TypedDict, total=False):
    """What a measure's author writes; the programme, version and publication are set by
    their own services, its progress by the progress entries. Which are required is the
    model's rule (a missing title is a ValidationError at the field)."""

    code: str
    title: str
    summary: str
    description: str
    context: str
    field_of_action: FieldOfAction | None
    goals: Sequence[Goal]
    is_pilot: bool
    status: str
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
    members = member_ids(programme.partnership_id)
    lead = fields.get("lead_municipality")
    if lead is not None and lead.pk not in members:
        errors["lead_municipality"] = _not_member(lead)
    outside = [town for town in fields.get("implementing_municipalities", ())
               if town.pk not in members]
    if outside:
        errors["implementing_municipalities"] = _not_member(outside[0])
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
    _only(fields, MeasureFields)
    _measure_integrity(programme, fields)
    fields.setdefault("original_language", programme.original_language)
    values: dict[str, Any] = dict(fields)
    links = _links(values, _MEASURE_LINKS)
    return object_insert(Measure(programme=programme, **values), by=by, links=links)


def measure_update(
    measure: Measure, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[MeasureFields],
) -> Measure:
    """Change the fields given; refused (EditConflict) when `expected_version` is stale.
    A save that changes nothing keeps the version."""
    _only(fields, MeasureFields)
    _measure_integrity(measure.programme, fields)
    return object_change(measure, by=by, expected_version=expected_version, values=fields)


def measure_delete(measure: Measure, /, *, by: Author) -> None:
    """Delete the measure with its actors, progress, challenges, resources and indicators."""
    object_remove(measure, by=by, scope=measure.programme.partnership)


def measure_publish(measure: Measure, /, *, by: Author, published: bool = True) -> Measure:
    return object_set_published(measure, by=by, published=published)


# --- actor -------------------------------------------------------------------------------


class ActorFields(TypedDict, total=False):
    kind: str
    organisation: Organisation | None
    role: str
    position: int | None


def _actor_fields(measure: Measure, fields: dict[str, Any]) -> None:
    """Only organisations of the partnership's member municipalities take part by name; an
    actor named by its organisation is of the organisation's type unless told otherwise."""
    organisation = fields.get("organisation")
    error = _organisation_error(organisation, measure.programme.partnership_id)
    if error:
        raise ValidationError({"organisation": error})
    if organisation is not None and not fields.get("kind"):
        fields["kind"] = organisation.kind


def measure_actor_create(
    *, measure: Measure, by: Author, **fields: Unpack[ActorFields]
) -> MeasureActor:
    """Who takes part in the measure, placed last unless `position` says otherwise."""
    _only(fields, ActorFields)
    values: dict[str, Any] = dict(fields)
    _actor_fields(measure, values)
    if values.get("position") is None:
        values["position"] = measure.actors.count()
    return object_insert(MeasureActor(measure=measure, **values), by=by)


def measure_actor_update(
    actor: MeasureActor, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ActorFields],
) -> MeasureActor:
    _only(fields, ActorFields)
    values: dict[str, Any] = dict(fields)
    _actor_fields(actor.measure, values)
    if "position" in values and values["position"] is None:
        del values["position"]
    return object_change(actor, by=by, expected_version=expected_version, values=values)


def measure_actor_delete(actor: MeasureActor, /, *, by: Author) -> None:
    object_remove(actor, by=by, scope=actor.measure.programme.partnership)


# --- progress ----------------------------------------------------------------------------


class ProgressFields(TypedDict, total=False):
    kind: str
    date: date | None
    text: str
    progress_percent: int | None
    organisation: Organisation | None
    original_language: str


def _progress_integrity(measure: Measure, fields: Mapping[str, Any]) -> None:
    error = _organisation_error(fields.get("organisation"), measure.programme.partnership_id)
    if error:
        raise ValidationError({"organisation": error})


def measure_progress_of(measure: Measure) -> int | None:
    """The measure's progress: the figure of its latest approved entry that gives one (by
    the entry's date, or the day it was written when it has none; then its place in the
    log). None when no approved entry gives a figure."""
    latest = (
        ProgressEntry.objects.filter(
            measure=measure, approved=True, progress_percent__isnull=False
        )
        .annotate(day=Coalesce("date", TruncDate("created_at")))
        .order_by(F("day").desc(), "-position", "-pk")
        .values_list("progress_percent", flat=True)
        .first()
    )
    return latest


def _measure_progress_refresh(measure: Measure) -> None:
    """Store the measure's progress as its entries give it. It is no edit of the measure:
    its version stays, so nobody's open edit of the measure is refused because of it."""
    progress = measure_progress_of(measure)
    Measure.objects.filter(pk=measure.pk).update(progress_percent=progress)
    measure.progress_percent = progress


@transaction.atomic
def progress_entry_create(
    *, measure: Measure, by: Author, **fields: Unpack[ProgressFields]
) -> ProgressEntry:
    """A line in the measure's process log written by `by` (its author), last in the log;
    with a figure it becomes the measure's progress when it is the latest one."""
    _only(fields, ProgressFields)
    _progress_integrity(measure, fields)
    fields.setdefault("original_language", measure.original_language)
    author = by if isinstance(by, User) else None
    entry = object_insert(
        ProgressEntry(measure=measure, author=author, position=measure.progress.count(),
                      **fields),
        by=by,
    )
    _measure_progress_refresh(measure)
    return entry


@transaction.atomic
def progress_entry_update(
    entry: ProgressEntry, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ProgressFields],
) -> ProgressEntry:
    _only(fields, ProgressFields)
    _progress_integrity(entry.measure, fields)
    saved = object_change(entry, by=by, expected_version=expected_version, values=fields)
    _measure_progress_refresh(saved.measure)
    return saved


@transaction.atomic
def progress_entry_approve(
    entry: ProgressEntry, /, *, by: Author, approved: bool = True
) -> ProgressEntry:
    """Count the entry for the measure's progress, or no longer; recorded in the history."""
    saved = object_change(entry, by=by, expected_version=None, values={"approved": approved})
    _measure_progress_refresh(saved.measure)
    return saved


def progress_after_bin_restore(*, objects: list[Any], **_signal: Any) -> None:
    """Progress entries back from the bin count again for their measures' progress
    (connected to core.bin.bin_restored in ProgrammesConfig.ready)."""
    measures = {obj.measure_id for obj in objects if isinstance(obj, ProgressEntry)}
    for measure in Measure.objects.filter(pk__in=measures):
        _measure_progress_refresh(measure)


@transaction.atomic
def progress_entry_delete(entry: ProgressEntry, /, *, by: Author) -> None:
    measure = entry.measure
    object_remove(entry, by=by, scope=measure.programme.partnership)
    _measure_progress_refresh(measure)


# --- challenge ---------------------------------------------------------------------------


class ChallengeFields(TypedDict, total=False):
    category: str
    description: str
    response: str
    original_language: str


def challenge_create(
    *, measure: Measure, by: Author, **fields: Unpack[ChallengeFields]
) -> Challenge:
    """What made the measure hard and what was done about it."""
    _only(fields, ChallengeFields)
    fields.setdefault("original_language", measure.original_language)
    return object_insert(Challenge(measure=measure, **fields), by=by)


def challenge_update(
    challenge: Challenge, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ChallengeFields],
) -> Challenge:
    _only(fields, ChallengeFields)
    return object_change(challenge, by=by, expected_version=expected_version, values=fields)


def challenge_delete(challenge: Challenge, /, *, by: Author) -> None:
    object_remove(challenge, by=by, scope=challenge.measure.programme.partnership)

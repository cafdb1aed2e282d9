"""Writes for the action programme: one typed, keyword-only service per noun and verb
(create, update, delete, publish). Each validates fully, owns its noun's same-partnership
rules and defaults, records its author in the history, and saves nothing on bad input.

A measure's progress is the figure of its latest approved progress entry that gives one;
only the progress services below write `Measure.progress_percent`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate
from django.dispatch import Signal
from django.utils import translation
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.bulk import BatchRefused, links_insert_bulk, object_errors, objects_insert_bulk
from twinplan.core.guards import write_allowed
from twinplan.core.models import ReviewState
from twinplan.core.services import TranslationEdit, translations_for_new
from twinplan.core.writes import (
    Author,
    object_change,
    object_copy_values,
    object_insert,
    object_remove,
    object_set_published,
)
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Agreement, AgreementKind, Partnership
from twinplan.partnerships.services import (
    agreement_create,
    contribution_state,
    contribution_values,
    member_ids,
    review_decision,
)
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    MeasureComment,
    MeasureStatus,
    ProgrammeAdoption,
    ProgrammeBaseline,
    ProgrammeStatus,
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


def _organisation_error(
    organisation: Organisation | None, partnership_id: int, members: set[int] | None = None
) -> str | None:
    """Why `organisation` may not be linked in the partnership: only organisations of its
    member municipalities (`members`, read when not given) may."""
    if organisation is None:
        return None
    if organisation.municipality_id not in (
        members if members is not None else member_ids(partnership_id)
    ):
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
    period_start: date | None
    period_end: date | None
    summary: str
    original_language: str
    is_demo_content: bool


def _programme_status(programme: ActionProgramme | None, fields: Mapping[str, Any]) -> None:
    """"Adopted" is not chosen: an edition is adopted when every member's council has
    adopted it (programme_adoption_record sets it)."""
    status = fields.get("status")
    if status != ProgrammeStatus.ADOPTED:
        return
    if programme is not None and programme.status == ProgrammeStatus.ADOPTED:
        return
    raise ValidationError({"status": _(
        "An edition is adopted when every member's council has adopted it: record each "
        "council's adoption instead."
    )})


def programme_create(
    *, partnership: Partnership, by: Author, **fields: Unpack[ProgrammeFields]
) -> ActionProgramme:
    """A new edition of the partnership's programme (a draft): numbered after the latest
    one unless `edition` is given, written in the partnership's original language unless
    `original_language` says otherwise."""
    _only(fields, ProgrammeFields)
    _programme_status(None, fields)
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
    _programme_status(programme, fields)
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


def _measure_integrity(
    programme: ActionProgramme, fields: Mapping[str, Any], measure: Measure | None = None
) -> None:
    """A measure links only to goals and fields of its own programme and to municipalities
    and people of its own partnership; its code (reference) is its own in the edition."""
    code = (fields.get("code") or "").strip()
    others = Measure.objects.filter(programme=programme, code=code)
    if measure is not None:
        others = others.exclude(pk=measure.pk)
    owner = fields.get("owner")
    errors = _measure_integrity_errors(
        programme, fields, code_taken=bool(code) and others.exists(),
        members=member_ids(programme.partnership_id),
        owner_has_role=owner is None or owner.partnership_roles.filter(
            partnership=programme.partnership_id
        ).exists(),
    )
    if errors:
        raise ValidationError(errors)


def _measure_integrity_errors(
    programme: ActionProgramme, fields: Mapping[str, Any], *, code_taken: bool,
    members: set[int], owner_has_role: bool,
) -> dict[str, str]:
    """The rules of `_measure_integrity` with what they ask the database given (for one
    measure or, read once, for a batch)."""
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
    code = (fields.get("code") or "").strip()
    if code and code_taken:
        errors["code"] = _("Another measure of this edition has the code “%(code)s”.") % {
            "code": code
        }
    lead = fields.get("lead_municipality")
    if lead is not None and lead.pk not in members:
        errors["lead_municipality"] = _not_member(lead)
    outside = [town for town in fields.get("implementing_municipalities", ())
               if town.pk not in members]
    if outside:
        errors["implementing_municipalities"] = _not_member(outside[0])
    owner = fields.get("owner")
    if owner is not None and not owner_has_role:
        errors["owner"] = _("%(person)s has no role in this partnership.") % {"person": owner}
    return errors


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


# Sent by measure_update before it saves new lead or implementing municipalities, so that
# the apps above can refuse a change that leaves their data with a town that no longer
# takes part (adaptation: the risks the measure addresses) by raising a ValidationError at
# the field: `measure`, and `lead` and `implementing` as they will be.
measure_towns_changing = Signal()


def measure_update(
    measure: Measure, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[MeasureFields],
) -> Measure:
    """Change the fields given; refused (EditConflict) when `expected_version` is stale.
    A save that changes nothing keeps the version."""
    _only(fields, MeasureFields)
    _measure_integrity(measure.programme, fields, measure)
    if "lead_municipality" in fields or "implementing_municipalities" in fields:
        stored = Measure.objects.select_related("lead_municipality").get(pk=measure.pk)
        implementing = (list(fields["implementing_municipalities"])
                        if "implementing_municipalities" in fields
                        else list(stored.implementing_municipalities.all()))
        lead = fields.get("lead_municipality", stored.lead_municipality)
        measure_towns_changing.send(sender=Measure, measure=stored, lead=lead,
                                    implementing=implementing)
    return object_change(measure, by=by, expected_version=expected_version, values=fields)


def measure_delete(measure: Measure, /, *, by: Author) -> None:
    """Delete the measure with its actors, progress, challenges, resources and indicators."""
    object_remove(measure, by=by, scope=measure.programme.partnership)


def measure_publish(measure: Measure, /, *, by: Author, published: bool = True) -> Measure:
    return object_set_published(measure, by=by, published=published)


# --- many new measures at once (a spreadsheet import) ------------------------------------


@dataclass
class MeasureDraft:
    """One new measure of a batch: the fields `measure_create` takes, the translations
    `translations_set` would add (language → edits), the actors `measure_actor_create`
    would add (ActorFields) and the fields of its first progress entry."""

    fields: dict[str, Any]
    translations: dict[str, list[TranslationEdit]] = dc_field(default_factory=dict)
    actors: list[dict[str, Any]] = dc_field(default_factory=list)
    progress: dict[str, Any] | None = None


@dataclass
class MeasureBatch:
    """New measures checked by `measures_check_bulk`, not yet saved: `errors` by the
    draft's position (empty: `measures_create_bulk` may write it)."""

    programme: ActionProgramme
    by: Author
    measures: list[Measure]
    links: list[dict[str, list[Any]]]
    actors: list[list[MeasureActor]]
    entries: list[ProgressEntry | None]
    errors: dict[int, ValidationError]


# Sent by measures_create_bulk once the batch is written (it sends no model signals), so
# that the apps above keep what they derive from measures (search: the index) current:
# `programme` and `measures`.
measures_created_bulk = Signal()


def _merged(errors: list[ValidationError]) -> ValidationError:
    """One ValidationError by field of several (one without a field under
    NON_FIELD_ERRORS)."""
    merged: dict[str, Any] = {}
    for error in errors:
        error.update_error_dict(merged)
    return ValidationError(merged)


def measures_check_bulk(
    *, programme: ActionProgramme, by: Author, drafts: Sequence[MeasureDraft]
) -> MeasureBatch:
    """Build and check the new measures of `drafts` by every rule `measure_create`,
    `translations_set`, `measure_actor_create` and `progress_entry_create` apply to a new
    measure, asking the database a fixed number of times for the whole batch (the
    edition's codes, the members, the owners' roles, the archive guard, the review rule),
    and nothing is written. A code twice in the batch is refused at its second measure."""
    partnership = programme.partnership
    measures: list[Measure] = []
    links: list[dict[str, list[Any]]] = []
    actors: list[list[MeasureActor]] = []
    entries: list[ProgressEntry | None] = []
    errors: dict[int, ValidationError] = {}
    refused: ValidationError | None = None
    try:
        write_allowed(programme)
    except ValidationError as error:
        refused = error
    taken = set(Measure.objects.filter(programme=programme).exclude(code="")
                .values_list("code", flat=True))
    members = member_ids(programme.partnership_id)
    owners = {draft.fields["owner"].pk for draft in drafts if draft.fields.get("owner")}
    with_role = set(User.objects.filter(
        pk__in=owners, partnership_roles__partnership=programme.partnership_id
    ).values_list("pk", flat=True)) if owners else set()
    state = contribution_state(by=by, partnership=partnership) if any(
        draft.progress is not None for draft in drafts) else ReviewState.APPROVED
    author = by if isinstance(by, User) else None
    for index, draft in enumerate(drafts):
        fields = dict(draft.fields)
        _only(fields, MeasureFields)
        code = (fields.get("code") or "").strip()
        owner = fields.get("owner")
        found: list[ValidationError] = [refused] if refused is not None else []
        rules = _measure_integrity_errors(
            programme, fields, code_taken=code in taken,
            members=members, owner_has_role=owner is None or owner.pk in with_role,
        )
        if rules:
            found.append(ValidationError(rules))
        if code:
            taken.add(code)
        fields.setdefault("original_language", programme.original_language)
        values: dict[str, Any] = dict(fields)
        links.append({name: list(values.pop(name)) for name in _MEASURE_LINKS
                      if name in values})
        measure = Measure(programme=programme, **values)
        for language, edits in draft.translations.items():
            try:
                translations_for_new(obj=measure, language=language, edits=edits)
            except ValidationError as error:
                found.append(ValidationError({f"translations:{language}": error.messages}))
        invalid = object_errors(measure)
        if invalid is not None:
            found.append(invalid)
        own_actors = []
        for position, actor_fields in enumerate(draft.actors):
            _only(actor_fields, ActorFields)
            actor_values: dict[str, Any] = dict(actor_fields)
            error_text = _organisation_error(actor_values.get("organisation"),
                                             programme.partnership_id, members)
            if error_text:
                found.append(ValidationError({"organisation": error_text}))
                continue
            organisation = actor_values.get("organisation")
            if organisation is not None and not actor_values.get("kind"):
                actor_values["kind"] = organisation.kind
            if actor_values.get("position") is None:
                actor_values["position"] = position
            actor = MeasureActor(measure=measure, **actor_values)
            invalid = object_errors(actor, exclude=["measure"])
            if invalid is not None:
                found.append(invalid)
            own_actors.append(actor)
        actors.append(own_actors)
        entry = None
        if draft.progress is not None:
            progress_fields = dict(draft.progress)
            _only(progress_fields, ProgressFields)
            error_text = _organisation_error(progress_fields.get("organisation"),
                                             programme.partnership_id, members)
            if error_text:
                found.append(ValidationError({"organisation": error_text}))
            progress_fields.setdefault("original_language", measure.original_language)
            entry = ProgressEntry(measure=measure, author=author, position=0,
                                  review_state=state, **progress_fields)
            invalid = object_errors(entry, exclude=["measure"])
            if invalid is not None:
                found.append(invalid)
            # The measure's progress is that of its one entry once approved (what
            # _measure_progress_refresh stores after progress_entry_create).
            if state == ReviewState.APPROVED and entry.progress_percent is not None:
                measure.progress_percent = entry.progress_percent
        entries.append(entry)
        measures.append(measure)
        if found:
            errors[index] = _merged(found)
    return MeasureBatch(programme=programme, by=by, measures=measures, links=links,
                        actors=actors, entries=entries, errors=errors)


@transaction.atomic
def measures_create_bulk(batch: MeasureBatch, /) -> list[Measure]:
    """Write a batch `measures_check_bulk` found valid (BatchRefused otherwise): the
    measures, their links, actors and progress entries, each with its history record
    (`by` its author), in a few statements for the whole batch; the page cache is retired
    and `measures_created_bulk` sent."""
    if batch.errors:
        raise BatchRefused(batch.errors)
    scope = batch.programme.partnership
    measures = objects_insert_bulk(batch.measures, by=batch.by, scope=scope, validated=True)
    for name in _MEASURE_LINKS:
        field = Measure._meta.get_field(name)
        through = getattr(Measure, name).through
        source = field.m2m_field_name()  # type: ignore[union-attr]
        target = field.m2m_reverse_field_name()  # type: ignore[union-attr]
        rows = [{f"{source}_id": measure.pk, f"{target}_id": item.pk}
                for measure, given in zip(measures, batch.links, strict=True)
                for item in given.get(name, ())]
        if rows:
            links_insert_bulk(through, rows)
    actors = []
    for measure, own in zip(measures, batch.actors, strict=True):
        for actor in own:
            actor.measure = measure
            actors.append(actor)
    objects_insert_bulk(actors, by=batch.by, scope=scope, validated=True)
    entries = []
    for measure, entry in zip(measures, batch.entries, strict=True):
        if entry is not None:
            entry.measure = measure
            entries.append(entry)
    objects_insert_bulk(entries, by=batch.by, scope=scope, validated=True)
    measures_created_bulk.send(sender=Measure, programme=batch.programme, measures=measures)
    return measures


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
            measure=measure, review_state=ReviewState.APPROVED, progress_percent__isnull=False
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
    with a figure it becomes the measure's progress when it is the latest approved one. A
    contributor's entry waits for a coordinator's review when the partnership reviews
    contributions (see partnerships.services.contribution_state)."""
    _only(fields, ProgressFields)
    _progress_integrity(measure, fields)
    fields.setdefault("original_language", measure.original_language)
    author = by if isinstance(by, User) else None
    state = contribution_state(by=by, partnership=measure.programme.partnership)
    entry = object_insert(
        ProgressEntry(measure=measure, author=author, position=measure.progress.count(),
                      review_state=state, **fields),
        by=by,
    )
    _measure_progress_refresh(measure)
    return entry


@transaction.atomic
def progress_entry_update(
    entry: ProgressEntry, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ProgressFields],
) -> ProgressEntry:
    """Change the fields given; a contributor's change waits for review again."""
    _only(fields, ProgressFields)
    _progress_integrity(entry.measure, fields)
    values = contribution_values(
        entry, by=by, partnership=entry.measure.programme.partnership, fields=fields
    )
    saved = object_change(entry, by=by, expected_version=expected_version, values=values)
    _measure_progress_refresh(saved.measure)
    return saved


@transaction.atomic
def progress_entry_review(
    entry: ProgressEntry, /, *, by: Author, approve: bool, reason: str = "",
    expected_version: int | None = None,
) -> ProgressEntry:
    """A coordinator approves the entry (it is public and counts for the measure's
    progress) or declines it with the reason its author reads; recorded in the history."""
    values = review_decision(
        by=by, partnership=entry.measure.programme.partnership, approve=approve, reason=reason
    )
    saved = object_change(entry, by=by, expected_version=expected_version, values=values)
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


# --- editions and their adoption ---------------------------------------------------------

# Sent inside the transaction of programme_edition_start once the programme's own nouns are
# copied, so that the apps above (indicators, money) copy theirs: `previous` and
# `programme` are the editions, `measures` and `goals` map the previous edition's keys to
# their copies, `by` is the author.
edition_started = Signal()

_COPY_EXCLUDED = ("programme", "previous", "predecessor", "progress_percent", "status",
                  "edition", "adopted_on")


def _may_start_edition(previous: ActionProgramme) -> None:
    if previous.status in (ProgrammeStatus.DRAFT, ProgrammeStatus.SUPERSEDED):
        raise ValidationError(_(
            "A new edition starts from the programme as adopted; edition %(edition)s is "
            "%(status)s."
        ) % {"edition": previous.edition, "status": previous.get_status_display()})
    later = previous.partnership.programmes.filter(edition__gt=previous.edition).first()
    if later is not None:
        raise ValidationError(_(
            "Edition %(edition)s already follows this one."
        ) % {"edition": later.edition})


@transaction.atomic
def programme_edition_start(previous: ActionProgramme, /, *, by: Author) -> ActionProgramme:
    """The next edition of an adopted programme, as a draft copy of it: its fields, fields
    of action, goals and measures (each measure linked to its predecessor), actors, SDG
    links, and (through `edition_started`) indicators without their values and resource
    lines. Progress and adoptions start afresh; the edition is unpublished, its measures
    keep their publication (shown once the edition is)."""
    Partnership.objects.select_for_update().filter(pk=previous.partnership_id).first()
    _may_start_edition(previous)
    programme = object_insert(ActionProgramme(
        **object_copy_values(previous, exclude=("previous", "status", "edition", "adopted_on")),
        edition=previous.edition + 1, status=ProgrammeStatus.DRAFT, previous=previous,
    ), by=by)
    fields: dict[int, FieldOfAction] = {}
    for field in previous.fields.all():
        fields[field.pk] = object_insert(FieldOfAction(
            **object_copy_values(field, exclude=("programme",)), programme=programme,
        ), by=by)
    goals: dict[int, Goal] = {}
    for goal in previous.goals.prefetch_related("sdg_goals", "sdg_targets"):
        values = object_copy_values(goal, exclude=("programme", "field_of_action"))
        goals[goal.pk] = object_insert(
            Goal(**values, programme=programme,
                 field_of_action=fields.get(goal.field_of_action_id or 0)),
            by=by,
            links={"sdg_goals": goal.sdg_goals.all(), "sdg_targets": goal.sdg_targets.all()},
        )
    measures: dict[int, Measure] = {}
    for measure in previous.measures.prefetch_related(
        "goals", "implementing_municipalities", "sdg_goals", "sdg_targets", "actors"
    ):
        values = object_copy_values(measure, exclude=(*_COPY_EXCLUDED, "field_of_action"))
        copy = object_insert(
            # A measure public in the adopted edition is public in the new one as soon as
            # the new edition is published; until then the draft edition hides it.
            Measure(**values, programme=programme, status=measure.status, predecessor=measure,
                    field_of_action=fields.get(measure.field_of_action_id or 0),
                    is_published=measure.is_published, published_at=measure.published_at),
            by=by,
            links={
                "goals": [goals[goal.pk] for goal in measure.goals.all()],
                "implementing_municipalities": measure.implementing_municipalities.all(),
                "sdg_goals": measure.sdg_goals.all(),
                "sdg_targets": measure.sdg_targets.all(),
            },
        )
        for actor in measure.actors.all():
            object_insert(MeasureActor(**object_copy_values(actor, exclude=("measure",)),
                                       measure=copy), by=by)
        measures[measure.pk] = copy
    edition_started.send(sender=ActionProgramme, previous=previous, programme=programme,
                         measures=measures, goals=goals, by=by)
    return programme


def programme_adopted_by_all(programme: ActionProgramme) -> bool:
    """Every member municipality's council has adopted the edition."""
    adopted = set(programme.adoptions.values_list("municipality_id", flat=True))
    members = member_ids(programme.partnership_id)
    return bool(members) and members <= adopted


def _adoption_refresh(programme: ActionProgramme, by: Author) -> ActionProgramme:
    """Adopted once every member's council adopted it (on the last council's date), and
    then the earlier editions are superseded; back to a draft when an adoption is
    withdrawn before that."""
    programme = ActionProgramme.objects.get(pk=programme.pk)
    dates = list(programme.adoptions.values_list("adopted_on", flat=True))
    if programme_adopted_by_all(programme):
        if programme.status == ProgrammeStatus.DRAFT:
            programme = object_change(programme, by=by, expected_version=None, values={
                "status": ProgrammeStatus.ADOPTED, "adopted_on": max(dates),
            })
        elif programme.adopted_on != max(dates):
            programme = object_change(programme, by=by, expected_version=None,
                                      values={"adopted_on": max(dates)})
        for earlier in programme.partnership.programmes.filter(
            edition__lt=programme.edition
        ).exclude(status=ProgrammeStatus.SUPERSEDED):
            object_change(earlier, by=by, expected_version=None,
                          values={"status": ProgrammeStatus.SUPERSEDED})
    elif programme.status == ProgrammeStatus.ADOPTED:
        programme = object_change(programme, by=by, expected_version=None, values={
            "status": ProgrammeStatus.DRAFT, "adopted_on": None,
        })
    return programme


class AdoptionFields(TypedDict, total=False):
    municipality: Municipality
    body: str
    adopted_on: date
    resolution: Agreement | None
    source: str


@transaction.atomic
def programme_adoption_create(
    *, programme: ActionProgramme, by: Author, **fields: Unpack[AdoptionFields]
) -> ProgrammeAdoption:
    """One member council's adoption of the edition: the body and the day, with its
    resolution as an agreement of the partnership (a new council resolution, named after
    the body and the programme, unless an existing agreement of the partnership is
    given). When every member's council has adopted it, the edition is adopted."""
    _only(fields, AdoptionFields)
    values: dict[str, Any] = dict(fields)
    source = values.pop("source", "")
    partnership = programme.partnership
    town = values.get("municipality")
    errors: dict[str, str] = {}
    if town is not None and town.pk not in member_ids(partnership):
        errors["municipality"] = _not_member(town)
    elif town is not None and programme.adoptions.filter(municipality=town).exists():
        errors["municipality"] = _("The council of %(town)s has adopted this edition "
                                   "already.") % {"town": town}
    if programme.status == ProgrammeStatus.SUPERSEDED:
        errors["__all__"] = _("This edition is superseded; record adoptions of the current "
                              "one.")
    resolution = values.get("resolution")
    if resolution is not None and resolution.partnership_id != partnership.pk:
        errors["resolution"] = _("The resolution belongs to another partnership.")
    if errors:
        raise ValidationError(errors)
    if resolution is None and town is not None and values.get("body") and values.get(
        "adopted_on"
    ):
        # Content of the partnership: named in its original language, as it is stored.
        with translation.override(partnership.original_language):
            title = _("%(body)s: %(programme)s (edition %(edition)s)") % {
                "body": values["body"], "programme": programme.title,
                "edition": programme.edition,
            }
        values["resolution"] = agreement_create(
            partnership=partnership, by=by, kind=AgreementKind.COUNCIL_RESOLUTION,
            title=title, signed_on=values["adopted_on"], parties=[town], source=source,
        )
    adoption = object_insert(ProgrammeAdoption(programme=programme, **values), by=by)
    _adoption_refresh(programme, by)
    return adoption


def programme_adoption_update(
    adoption: ProgrammeAdoption, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[AdoptionFields],
) -> ProgrammeAdoption:
    _only(fields, AdoptionFields)
    values: dict[str, Any] = dict(fields)
    values.pop("source", None)
    if values.get("resolution", adoption.resolution) is None:
        values.pop("resolution", None)
    town = values.get("municipality")
    if town is not None and town.pk != adoption.municipality_id:
        raise ValidationError({"municipality": _(
            "An adoption stays with its council; delete it and record the other council's."
        )})
    with transaction.atomic():
        saved = object_change(adoption, by=by, expected_version=expected_version,
                              values=values)
        _adoption_refresh(saved.programme, by)
    return saved


@transaction.atomic
def programme_adoption_delete(adoption: ProgrammeAdoption, /, *, by: Author) -> None:
    """Withdraw a council's adoption (its resolution stays among the agreements)."""
    programme = adoption.programme
    object_remove(adoption, by=by, scope=programme.partnership)
    _adoption_refresh(programme, by)


# --- comments ----------------------------------------------------------------------------


class CommentFields(TypedDict, total=False):
    text: str
    original_language: str


def _comment_municipality(by: Author, partnership: Partnership) -> Municipality | None:
    if not isinstance(by, User):
        return None
    role = by.partnership_roles.filter(
        partnership=partnership, municipality__isnull=False
    ).select_related("municipality").first()
    return role.municipality if role is not None else None


def measure_comment_create(
    *, measure: Measure, by: Author, **fields: Unpack[CommentFields]
) -> MeasureComment:
    """A coordinator's comment on the measure, for their municipality, written in its first
    language unless `original_language` says otherwise."""
    _only(fields, CommentFields)
    town = _comment_municipality(by, measure.programme.partnership)
    fields.setdefault(
        "original_language",
        (town.first_language if town is not None else "") or measure.original_language,
    )
    return object_insert(MeasureComment(
        measure=measure, author=by if isinstance(by, User) else None, municipality=town,
        **fields,
    ), by=by)


def measure_comment_update(
    comment: MeasureComment, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[CommentFields],
) -> MeasureComment:
    _only(fields, CommentFields)
    return object_change(comment, by=by, expected_version=expected_version, values=fields)


def measure_comment_delete(comment: MeasureComment, /, *, by: Author) -> None:
    object_remove(comment, by=by, scope=comment.measure.programme.partnership)


# --- several measures at once ------------------------------------------------------------


class BulkFields(TypedDict, total=False):
    status: str
    owner: User | None
    lead_municipality: Municipality | None


@transaction.atomic
def measures_bulk_update(
    measures: Sequence[Measure], /, *, by: Author, **fields: Unpack[BulkFields]
) -> int:
    """Set the status, owner or lead partner of several measures of one programme at once,
    each through measure_update (validated, versioned, recorded in its history); all or
    nothing. Returns how many measures changed."""
    _only(fields, BulkFields)
    if not fields:
        raise ValidationError(_("Choose what to change for the selected measures."))
    if not measures:
        raise ValidationError(_("Select at least one measure."))
    changed = 0
    for measure in measures:
        before = measure.version
        saved = measure_update(measure, by=by, expected_version=None, **fields)
        changed += saved.version != before
    return changed


# --- the library: a published measure as a template --------------------------------------

# Sent inside the transaction of measure_copy_from_template once the measure is copied, so
# that the apps above copy what they keep of it (climate: the impact type and parameters):
# `source` and `copy` are the measures, `by` the author.
measure_copied = Signal()


def _template_errors(
    source: Measure, programme: ActionProgramme, field_of_action: FieldOfAction | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not Measure.objects.published().filter(pk=source.pk).exists():
        errors["__all__"] = _("Only a published measure can be used as a template.")
    if programme.status != ProgrammeStatus.DRAFT:
        errors["programme"] = _(
            "Copy into a draft edition: edition %(edition)s is %(status)s."
        ) % {"edition": programme.edition, "status": programme.get_status_display()}
    if programme.partnership.archived_on is not None:
        errors["programme"] = _("The partnership is archived; nothing can be added to it.")
    if field_of_action is not None and field_of_action.programme_id != programme.pk:
        errors["field_of_action"] = _("The field of action belongs to another programme.")
    return errors


@transaction.atomic
def measure_copy_from_template(
    source: Measure, /, *, programme: ActionProgramme,
    field_of_action: FieldOfAction | None, by: Author,
) -> Measure:
    """A draft (unpublished) copy of another partnership's published measure in
    `programme` (a draft edition), linked to it as its `template_source`: its title,
    summary, description and context with their translations, status "planned", its SDGs
    and SDG targets, sector and DAC code, in `field_of_action` (one of the programme's);
    and, through `measure_copied`, its impact type and parameters. Not copied: what
    belongs to the other towns (actors, lead and implementing partners, owner, progress,
    reported figures and actual dates, goals of the other programme). The caller checks
    that `by` may add measures to `programme`; this checks the integrity."""
    errors = _template_errors(source, programme, field_of_action)
    if errors:
        raise ValidationError(errors)
    copy = object_insert(Measure(
        programme=programme, field_of_action=field_of_action, template_source=source,
        title=source.title, summary=source.summary, description=source.description,
        context=source.context, original_language=source.original_language,
        translations=source.translations, is_pilot=source.is_pilot,
        weight=source.weight, dac_sector=source.dac_sector,
        covenant_sector=source.covenant_sector, status=MeasureStatus.PLANNED,
        is_demo_content=source.is_demo_content,
    ), by=by, links={
        "sdg_goals": source.sdg_goals.all(), "sdg_targets": source.sdg_targets.all(),
    })
    measure_copied.send(sender=Measure, source=source, copy=copy, by=by)
    return copy

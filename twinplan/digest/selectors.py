"""What a person should hear about: their stale measures, the reports waiting for their
review, and what the partner town changed since a point in time. A fixed number of
queries per person, whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import IntegerField, Model, Q, Value
from django.utils.translation import get_language

from twinplan.accounts.models import User
from twinplan.core.translation import translated
from twinplan.events.models import Event, Idea
from twinplan.events.selectors import ideas_pending
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.indicators.selectors import values_pending
from twinplan.money.models import Resource
from twinplan.partnerships.models import Partnership, PartnershipRole, RoleKind
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    Goal,
    Measure,
    MeasureComment,
    ProgrammeAdoption,
    ProgressEntry,
)
from twinplan.programmes.selectors import measures_stale, progress_pending

# The kinds whose changes the partner town hears about, with the lookup from a history
# record to its partnership.
WATCHED: tuple[tuple[type[Model], str], ...] = (
    (ActionProgramme, "partnership"),
    (ProgrammeAdoption, "programme__partnership"),
    (Goal, "programme__partnership"),
    (Measure, "programme__partnership"),
    (ProgressEntry, "measure__programme__partnership"),
    (Challenge, "measure__programme__partnership"),
    (MeasureComment, "measure__programme__partnership"),
    (Resource, "measure__programme__partnership"),
    (Indicator, "measure__programme__partnership"),
    (IndicatorValue, "indicator__measure__programme__partnership"),
    (Event, "partnership"),
    (Idea, "event__partnership"),
)

_VERBS = {"+": "created", "~": "changed", "-": "deleted"}
MAX_CHANGES = 50


@dataclass(frozen=True)
class PartnerChange:
    when: datetime
    who: str
    kind: str  # the kind's name in the reader's language
    what: str
    verb: str  # created, changed, deleted
    measure: Measure | None = None


def _named(obj: Any) -> str:
    """The object as the reader reads it: its title (or name, or text) in the active
    language where translated, with its code; else its own name."""
    fields = getattr(obj, "translatable_fields", ())
    field = next((name for name in ("title", "name", "text") if name in fields), None)
    if field is None:
        return str(obj)
    text = translated(obj, field, get_language() or "en").text
    code = getattr(obj, "code", "")
    return f"{code} {text}".strip() if code else text


def _towns_of(roles: list[PartnershipRole]) -> set[int]:
    towns = set()
    for role in roles:
        if role.municipality_id:
            towns.add(role.municipality_id)
        elif role.organisation is not None and role.organisation.municipality_id:
            towns.add(role.organisation.municipality_id)
    return towns


def partner_authors(user: User, partnership: Partnership) -> set[int]:
    """The people who act for the partner town(s): those whose roles in the partnership are
    for another municipality (or an organisation there) than the user's own. One query."""
    roles = list(PartnershipRole.objects.filter(partnership=partnership)
                 .select_related("organisation"))
    mine = _towns_of([role for role in roles if role.user_id == user.pk])
    by_user: dict[int, list[PartnershipRole]] = {}
    for role in roles:
        by_user.setdefault(role.user_id, []).append(role)
    return {
        person for person, theirs in by_user.items()
        if person != user.pk and _towns_of(theirs) and not (_towns_of(theirs) & mine)
    }


def partner_changes(user: User, partnership: Partnership, since: datetime | None) -> list[
    PartnerChange
]:
    """What the partner town's people created, changed or deleted in the partnership after
    `since` (everything when None), newest first, at most MAX_CHANGES. One query for the
    roles, one for the newest records of every watched kind together (a UNION of their
    history tables, the record's kind, id and time only), then one per kind that has any
    of them: two queries when nothing changed."""
    authors = partner_authors(user, partnership)
    if not authors:
        return []
    parts = []
    for index, (model, path) in enumerate(WATCHED):
        history: Any = model.history.model  # type: ignore[attr-defined]
        records = history.objects.filter(**{path: partnership}, history_user_id__in=authors)
        if since is not None:
            records = records.filter(history_date__gt=since)
        parts.append(records.order_by().annotate(watched_kind=Value(index, IntegerField()))
                     .values_list("watched_kind", "history_id", "history_date"))
    newest = parts[0].union(*parts[1:], all=True).order_by("-history_date")[:MAX_CHANGES]
    wanted: dict[int, list[int]] = {}
    for index, history_id, _when in newest:
        wanted.setdefault(index, []).append(history_id)
    changes: list[PartnerChange] = []
    for index, ids in sorted(wanted.items()):
        model = WATCHED[index][0]
        history = model.history.model  # type: ignore[attr-defined]
        for record in history.objects.filter(history_id__in=ids).select_related(
                "history_user"):
            measure = None
            if model is Measure:
                measure = Measure(pk=record.id, programme_id=record.programme_id)
            changes.append(PartnerChange(
                when=record.history_date,
                who=str(record.history_user),
                kind=str(model._meta.verbose_name),
                what=_named(record.instance)[:120],
                verb=_VERBS.get(record.history_type, "changed"),
                measure=measure,
            ))
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:MAX_CHANGES]


def stale_for(user: User, *, today: date) -> list[Measure]:
    """The stale measures `user` hears about: those they own, and those nobody owns whose
    lead municipality they coordinate (or, for a measure without a lead partner, whose
    partnership they coordinate: somebody hears of every stale measure)."""
    towns = Q(pk__in=[])
    for role in PartnershipRole.objects.filter(user=user, role=RoleKind.COORDINATOR):
        towns |= Q(programme__partnership_id=role.partnership_id,
                   lead_municipality__isnull=True)
        if role.municipality_id is not None:
            towns |= Q(programme__partnership_id=role.partnership_id,
                       lead_municipality_id=role.municipality_id)
    return list(
        measures_stale(today=today).filter(Q(owner=user) | (Q(owner__isnull=True) & towns))
        .order_by("programme__partnership__title", "code", "id")
    )


@dataclass
class PendingReports:
    partnership: Partnership
    progress: list[ProgressEntry] = field(default_factory=list)
    values: list[IndicatorValue] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.progress) + len(self.values) + len(self.ideas)


def pending_reports(partnership: Partnership) -> PendingReports:
    """Everything of the partnership waiting for a coordinator's review (three queries)."""
    return PendingReports(
        partnership=partnership,
        progress=progress_pending(partnership),
        values=values_pending(partnership),
        ideas=ideas_pending(partnership),
    )


def pending_for(user: User) -> list[PendingReports]:
    """The review queues of the partnerships `user` coordinates, those with something in
    them."""
    partnerships = Partnership.objects.filter(
        roles__user=user, roles__role=RoleKind.COORDINATOR, archived_on__isnull=True
    ).distinct()
    queues = [pending_reports(partnership) for partnership in partnerships]
    return [queue for queue in queues if queue.count]

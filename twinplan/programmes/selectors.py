"""Reads about action programmes that the public pages, the API and reports share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch

from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    MeasureStatus,
    ProgressEntry,
)
from twinplan.programmes.querysets import MeasureQuerySet


def programme_published_or_none(partnership: Partnership) -> ActionProgramme | None:
    """The newest published edition of the partnership's programme."""
    return (
        ActionProgramme.objects.published()
        .filter(partnership=partnership)
        .prefetch_related("baselines__municipality")
        .order_by("-edition")
        .first()
    )


def measures_published(programme: ActionProgramme) -> MeasureQuerySet:
    return (
        Measure.objects.published()
        .filter(programme=programme)
        .prefetch_related("goals", "sdg_goals")
        .select_related("lead_municipality")
    )


def goal_progress_percent(measures: Iterable[Measure]) -> float | None:
    """Weighted mean progress of a goal's measures; discontinued ones and those with no
    progress reported do not count. None when nothing has been reported."""
    counted = [
        m for m in measures
        if m.status != MeasureStatus.DISCONTINUED and m.progress_percent is not None
    ]
    total_weight = sum(m.weight for m in counted)
    if not total_weight:
        return None
    return sum(m.weight * (m.progress_percent or 0) for m in counted) / total_weight


def status_counts(measures: Iterable[Measure]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status that occurs, in the order of the choices."""
    counts = Counter(m.status for m in measures)
    return [
        (value, str(label), counts[value])
        for value, label in MeasureStatus.choices
        if counts[value]
    ]


@dataclass
class GoalNode:
    goal: Goal
    measures: list[Measure] = field(default_factory=list)

    @property
    def progress_percent(self) -> float | None:
        return goal_progress_percent(self.measures)


@dataclass
class FieldNode:
    field_of_action: FieldOfAction | None
    goals: list[GoalNode] = field(default_factory=list)
    measures_without_goal: list[Measure] = field(default_factory=list)

    @property
    def measures(self) -> list[Measure]:
        seen: dict[int, Measure] = {}
        for node in self.goals:
            for measure in node.measures:
                seen[measure.pk] = measure
        for measure in self.measures_without_goal:
            seen[measure.pk] = measure
        return list(seen.values())


@dataclass
class ProgrammeTree:
    programme: ActionProgramme
    fields: list[FieldNode]
    measures: Sequence[Measure]

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return status_counts(self.measures)


def programme_tree(programme: ActionProgramme, measures: Sequence[Measure]) -> ProgrammeTree:
    """Fields → goals → measures in a fixed number of queries, whatever the programme's size.
    `measures` are the ones the reader may see; goals are shown with those only."""
    fields = list(FieldOfAction.objects.filter(programme=programme))
    goals = list(Goal.objects.filter(programme=programme).prefetch_related("sdg_goals"))
    nodes: dict[int | None, FieldNode] = {f.pk: FieldNode(field_of_action=f) for f in fields}
    goal_nodes: dict[int, GoalNode] = {}
    for goal in goals:
        node = GoalNode(goal=goal)
        goal_nodes[goal.pk] = node
        parent = nodes.setdefault(goal.field_of_action_id, FieldNode(field_of_action=None))
        parent.goals.append(node)
    for measure in measures:
        measure_goals = list(measure.goals.all())
        for goal in measure_goals:
            goal_nodes[goal.pk].measures.append(measure)
        if not measure_goals:
            nodes.setdefault(measure.field_of_action_id, FieldNode(field_of_action=None))
            nodes[measure.field_of_action_id].measures_without_goal.append(measure)
    ordered = [nodes[f.pk] for f in fields]
    if None in nodes:
        ordered.append(nodes[None])
    return ProgrammeTree(programme=programme, fields=ordered, measures=measures)


ACTIVE_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS, MeasureStatus.ON_HOLD)


def measures_stale(*, today: date, after_days: int = 90) -> MeasureQuerySet:
    """Active measures nobody has touched (edited or reported progress on) for `after_days`
    days before `today`: the ones to flag to their owners."""
    cutoff = datetime.combine(today - timedelta(days=after_days), time.min, tzinfo=UTC)
    recent_progress = ProgressEntry.objects.filter(measure=OuterRef("pk"), created_at__gte=cutoff)
    return (
        Measure.objects.filter(status__in=ACTIVE_STATUSES, updated_at__lt=cutoff)
        .exclude(Exists(recent_progress))
        .select_related("owner", "programme__partnership")
    )


def challenges_published(partnership: Partnership) -> list[Challenge]:
    """Challenges met by the partnership's published measures."""
    return list(
        Challenge.objects.filter(
            measure__in=Measure.objects.published().filter(programme__partnership=partnership)
        ).select_related("measure")
    )


def measure_published_or_none(partnership: Partnership, pk: int) -> Measure | None:
    """One published measure with everything its page shows, in a fixed number of queries
    (its resource lines: `twinplan.money.selectors.with_resources`)."""
    return (
        Measure.objects.published()
        .filter(programme__partnership=partnership, pk=pk)
        .select_related("programme", "field_of_action", "lead_municipality")
        .prefetch_related(
            "goals",
            "implementing_municipalities",
            "sdg_goals",
            "sdg_targets",
            "progress",
            "challenges",
            Prefetch("actors", queryset=MeasureActor.objects.select_related("organisation")),
        )
        .first()
    )

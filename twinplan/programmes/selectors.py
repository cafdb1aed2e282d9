"""Reads about action programmes that the public pages, the API and reports share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber

from twinplan.accounts.models import User
from twinplan.core.models import ReviewState
from twinplan.core.prefetch import prefetch_if
from twinplan.partnerships.models import Partnership, PartnershipMember
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    MeasureStatus,
    ProgrammeAdoption,
    ProgrammeBaseline,
    ProgrammeStatus,
    ProgressEntry,
)
from twinplan.programmes.querysets import MeasureQuerySet
from twinplan.reference.models import SdgGoal

# The editions that are in force or were: adopted by every member's council (or carried
# on from there). A draft or superseded edition is not the programme in force.
IN_FORCE = (ProgrammeStatus.ADOPTED, ProgrammeStatus.IMPLEMENTATION, ProgrammeStatus.COMPLETED)


def programme_published_or_none(partnership: Partnership, *, with_details: bool = True
                                ) -> ActionProgramme | None:
    """The edition the public page shows: the newest published one in force (adopted),
    else the newest published one; `with_details` brings its baselines and adoptions
    (two queries more). `is_newest` says whether it is also the newest published edition,
    the one the impact and adaptation reports count (they can take it then, not read it
    again)."""
    programmes = ActionProgramme.objects.published().filter(partnership=partnership)
    newer = ActionProgramme.objects.published().filter(
        partnership=OuterRef("partnership"), edition__gt=OuterRef("edition"))
    if with_details:
        programmes = programmes.annotate(
            has_baselines=Exists(ProgrammeBaseline.objects.filter(programme=OuterRef("pk"))),
            has_adoptions=Exists(ProgrammeAdoption.objects.filter(programme=OuterRef("pk"))))
    programme = (
        programmes
        .annotate(in_force=Case(When(status__in=IN_FORCE, then=Value(1)), default=Value(0),
                                output_field=IntegerField()),
                  is_newest=~Exists(newer))
        .order_by("-in_force", "-edition")
        .first()
    )
    if with_details and programme is not None:
        # Each only when the edition has any (no query for an empty list).
        has = {name: getattr(programme, f"has_{name}") for name in ("baselines", "adoptions")}
        prefetch_related_objects(
            [programme],
            prefetch_if(has["baselines"], "baselines",
                        ProgrammeBaseline.objects.select_related("municipality")),
            prefetch_if(has["adoptions"], "adoptions", ProgrammeAdoption.objects
                        .select_related("municipality", "resolution")))
    return programme


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


def measures_stale(*, today: date, after_days: int | None = None) -> MeasureQuerySet:
    """Active measures of editions in force or in preparation that nobody has touched
    (edited or reported progress on) for their partnership's interval (`stale_after_days`,
    90 days unless the partnership says otherwise; `after_days` for all) before `today`:
    the ones to flag. Two queries."""
    def cutoff(days: int) -> datetime:
        return datetime.combine(today - timedelta(days=days), time.min, tzinfo=UTC)

    if after_days is not None:
        old_enough = Q(updated_at__lt=cutoff(after_days))
        recent = ProgressEntry.objects.filter(measure=OuterRef("pk"),
                                              created_at__gte=cutoff(after_days))
    else:
        old_enough = Q(pk__in=[])
        recent_q = Q(pk__in=[])
        # One condition per interval in use, not per partnership: the query stays small
        # however large the network (SQLite refuses an expression deeper than 1000).
        intervals = Partnership.objects.order_by().values_list("stale_after_days", flat=True)
        for days in sorted(set(intervals.distinct())):
            old_enough |= Q(programme__partnership__stale_after_days=days,
                            updated_at__lt=cutoff(days))
            recent_q |= Q(measure__programme__partnership__stale_after_days=days,
                          created_at__gte=cutoff(days))
        recent = ProgressEntry.objects.filter(recent_q, measure=OuterRef("pk"))
    return (
        Measure.objects.filter(old_enough, status__in=ACTIVE_STATUSES)
        .exclude(programme__status=ProgrammeStatus.SUPERSEDED)
        .exclude(programme__partnership__archived_on__isnull=False)
        .exclude(Exists(recent))
        .select_related("owner", "lead_municipality", "programme__partnership")
    )


def challenges_present() -> Exists:
    """Whether a partnership's measures have any challenge (published or not): an
    `Exists` flag on the partnership (`OuterRef("pk")`); without one,
    `challenges_published` has nothing to read."""
    return Exists(Challenge.objects.filter(measure__programme__partnership=OuterRef("pk")))


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
        .select_related("programme", "field_of_action", "lead_municipality",
                        "template_source__programme__partnership")
        .prefetch_related(
            "goals",
            "implementing_municipalities",
            "sdg_goals",
            "sdg_targets",
            Prefetch("progress", queryset=ProgressEntry.objects.filter(
                review_state=ReviewState.APPROVED)),
            "challenges",
            Prefetch("actors", queryset=MeasureActor.objects.select_related("organisation")),
        )
        .first()
    )


def _measure_page_relations() -> dict[str, tuple[QuerySet[Any], str | Prefetch]]:
    """The measure page's lists: each with the rows that say it has any, and its prefetch.
    Ordered as the models' Meta do, without their first key where it is the one measure
    (or its programme) for every row: the same order, without joining the measure, its
    programme and partnership again only to sort by them."""
    approved = ProgressEntry.objects.filter(review_state=ReviewState.APPROVED)
    return {
        "goals": (Measure.goals.through.objects.filter(measure=OuterRef("pk")),
                  Prefetch("goals", queryset=Goal.objects.order_by("programme_id", "position",
                                                                   "id"))),
        "implementing_municipalities": (
            Measure.implementing_municipalities.through.objects.filter(measure=OuterRef("pk")),
            "implementing_municipalities"),
        "sdg_goals": (Measure.sdg_goals.through.objects.filter(measure=OuterRef("pk")),
                      "sdg_goals"),
        "sdg_targets": (Measure.sdg_targets.through.objects.filter(measure=OuterRef("pk")),
                        "sdg_targets"),
        "progress": (approved.filter(measure=OuterRef("pk")),
                     Prefetch("progress", queryset=approved.order_by("created_at", "id"))),
        "challenges": (Challenge.objects.filter(measure=OuterRef("pk")),
                       Prefetch("challenges", queryset=Challenge.objects.order_by("id"))),
        "actors": (MeasureActor.objects.filter(measure=OuterRef("pk")),
                   Prefetch("actors", queryset=MeasureActor.objects.select_related(
                       "organisation").order_by("position", "id"))),
    }


def measure_page_or_none(
    slug: str,
    pk: int,
    *,
    related: Sequence[str] = (),
    has_rows: Mapping[str, Exists | Q] | None = None,
) -> Measure | None:
    """`measure_published_or_none` for the measure's public page, found by the
    partnership's slug: the published partnership comes with the measure in the same query
    (`measure.programme.partnership`, its members prefetched as `with_members()` does, for
    the page's money and impact line), and of the measure's lists (goals, towns, SDGs and
    targets, approved progress, challenges, actors) only those that have rows are read,
    which the measure's own query says; the others are empty without a query. The measure
    it was copied from, if it was, in one more. At most ten queries, however many rows.

    The apps above add to the same query what the page shows of theirs: `related`, more
    relations to join (the impact estimate), and `has_rows`, `has_<name>` flags (their
    `Exists` of the outer measure) that tell the page which of their lists to read."""
    relations = _measure_page_relations()
    flags: dict[str, Exists | Q] = {
        f"has_{name}": Exists(rows) for name, (rows, _p) in relations.items()
    }
    flags.update({f"has_{name}": rows for name, rows in (has_rows or {}).items()})
    measure = (
        Measure.objects.published()
        .filter(programme__partnership__slug=slug, pk=pk)
        .select_related("programme__partnership", "field_of_action", "lead_municipality",
                        *related)
        .annotate(**flags)
        .prefetch_related(
            Prefetch("programme__partnership__members",
                     queryset=PartnershipMember.objects.select_related("municipality")
                     .order_by("position", "id")),
        )
        .order_by("pk")  # one row: not the Meta order, which joins programme and partnership
        .first()
    )
    if measure is None:
        return None
    if measure.template_source_id is not None:
        # The measure it was copied from ("based on …"), in a query of its own: joined to
        # every measure's query it was half that query's time, and most are no copies.
        measure.template_source = (
            Measure.objects.select_related("programme__partnership")
            .filter(pk=measure.template_source_id).first()
        )
    prefetch_related_objects(
        [measure],
        *[lookup for name, (_r, lookup) in relations.items() if getattr(measure, f"has_{name}")])
    for name in relations:
        if not getattr(measure, f"has_{name}"):
            # What the prefetch would leave for no rows: `measure.<name>.all()` is empty.
            cache = measure.__dict__.setdefault("_prefetched_objects_cache", {})
            cache[name] = getattr(measure, name).none()
    return measure


def progress_pending(partnership: Partnership) -> list[ProgressEntry]:
    """Progress entries of the partnership waiting for a coordinator's review, oldest
    first (the review queue)."""
    return list(
        ProgressEntry.objects.filter(
            measure__programme__partnership=partnership, review_state=ReviewState.PENDING
        )
        .select_related("measure__programme", "author", "organisation")
        .order_by("created_at", "id")
    )


def progress_by_author(user: User, partnerships: QuerySet[Partnership]
                       ) -> list[ProgressEntry]:
    """A contributor's own entries in `partnerships` that are not approved: waiting, or
    declined with the reason (the dashboard's "my reports"), newest first; one query, with
    each entry's measure and partnership."""
    return list(
        ProgressEntry.objects.filter(
            measure__programme__partnership__in=partnerships, author=user,
        ).exclude(review_state=ReviewState.APPROVED)
        .select_related("measure__programme__partnership")
        .order_by("-created_at", "-id")
    )


# --- what changed between two editions ---------------------------------------------------

# The measure fields compared between editions, in the order they are listed.
COMPARED_FIELDS = ("code", "title", "summary", "description", "context", "status",
                   "is_pilot", "weight", "planned_start", "planned_end", "lead_municipality",
                   "covenant_sector", "dac_sector")


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: object
    after: object
    language: str = ""  # for texts: the language they are written in (the originals')


@dataclass
class MeasureChange:
    measure: Measure
    previous: Measure
    changes: list[FieldChange]


@dataclass
class EditionChanges:
    previous: ActionProgramme | None
    added: list[Measure] = field(default_factory=list)
    removed: list[Measure] = field(default_factory=list)
    changed: list[MeasureChange] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _label(name: str) -> str:
    return str(getattr(Measure._meta.get_field(name), "verbose_name", name))


def _shown(measure: Measure, name: str) -> object:
    model_field = Measure._meta.get_field(name)
    if getattr(model_field, "choices", None):
        return getattr(measure, f"get_{name}_display")()
    value = getattr(measure, name)
    return "" if value is None else value


def edition_changes(programme: ActionProgramme, *, published_only: bool = True) -> EditionChanges:
    """The measures added, removed and changed (field by field, originals compared) since
    the edition this one was started from; with `published_only`, as the public sees both
    editions. Three queries whatever the programme's size."""
    previous = programme.previous
    if previous is None:
        return EditionChanges(previous=None)
    manager = Measure.objects.published() if published_only else Measure.objects.all()
    now = list(manager.filter(programme=programme).select_related("lead_municipality"))
    before = {m.pk: m for m in manager.filter(programme=previous)
              .select_related("lead_municipality")}
    result = EditionChanges(previous=previous)
    carried: set[int] = set()
    for measure in now:
        old = before.get(measure.predecessor_id or 0)
        if old is None:
            result.added.append(measure)
            continue
        carried.add(old.pk)
        changes = [
            FieldChange(label=_label(name),
                        before=_shown(old, name), after=_shown(measure, name),
                        language=measure.original_language
                        if name in Measure.translatable_fields else "")
            for name in COMPARED_FIELDS
            if getattr(old, name) != getattr(measure, name)
        ]
        if changes:
            result.changed.append(MeasureChange(measure=measure, previous=old, changes=changes))
    result.removed = [m for pk, m in before.items() if pk not in carried]
    return result


def progress_published(partnership: Partnership, *, limit: int = 50) -> list[ProgressEntry]:
    """The partnership's published progress, newest first (the public Atom feed): approved
    entries of published measures only; a pending or declined report never appears."""
    return list(
        ProgressEntry.objects.filter(
            measure__in=Measure.objects.published().filter(programme__partnership=partnership),
            review_state=ReviewState.APPROVED,
        )
        .select_related("measure__programme__partnership")
        .order_by("-date", "-updated_at", "-id")[:limit]
    )


def measures_published_everywhere() -> MeasureQuerySet:
    """Every published measure of every published partnership (the sitemap)."""
    return (
        Measure.objects.published()
        .select_related("programme__partnership")
        .order_by("programme__partnership__slug", "pk")
    )


# --- the programme's outline: what the partnership page and the programme page show -----

# The measures the partnership page shows of each field of action (the rest are one click
# away on the programme page), and the measures a page of the programme page holds.
PREVIEW_MEASURES = 3
PROGRAMME_PAGE_SIZE = 50

# The columns of a measure the outline's lists show (title in the reader's language needs
# the translations and the original language; the demo badge its flag).
_LISTED_COLUMNS = ("id", "programme_id", "field_of_action_id", "code", "title",
                   "translations", "original_language", "is_demo_content", "is_pilot",
                   "status", "progress_percent")


@dataclass
class FieldOutline:
    """A field of action (None: the measures without one) with its goals (each with
    `progress_percent` set), its published measures' counts per status, and the measures
    listed of it."""

    field_of_action: FieldOfAction | None
    goals: list[Goal] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    first_page: int = 1  # the page of the programme page where the field's measures start

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return _counted(self.counts)

    @property
    def anchor(self) -> str:
        return f"field-{self.field_of_action.pk}" if self.field_of_action else "field-none"


@dataclass
class ProgrammeOutline:
    programme: ActionProgramme
    fields: list[FieldOutline]
    any_demo: bool = False  # a published measure is demo content

    @property
    def count(self) -> int:
        return sum(row.count for row in self.fields)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        total: Counter[str] = Counter()
        for row in self.fields:
            total.update(row.counts)
        return _counted(total)



def _counted(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(value, str(label), counts[value]) for value, label in MeasureStatus.choices
            if counts.get(value)]


def _status_labels() -> dict[str, str]:
    """Each status's label in the active language, made once per list (not per row)."""
    return {value: str(label) for value, label in MeasureStatus.choices}


def _published_of(programme: ActionProgramme) -> MeasureQuerySet:
    """The published measures of `programme`, a programme the public sees (from
    `programme_published_or_none`: it and its partnership are published, which spares the
    two joins of `Measure.objects.published()`)."""
    if not programme.is_published:
        return Measure.objects.none()
    return Measure.objects.filter(programme_id=programme.pk, is_published=True)


def goals_with_progress(programme: ActionProgramme, goals: QuerySet[Goal], *,
                        published_only: bool = True) -> list[Goal]:
    """The programme's `goals` each with `progress_percent`: the weighted mean progress of
    the measures serving it that report one and are not discontinued (the published ones,
    or with `published_only=False` drafts too, as the workspace shows them), summed in the
    database: one query."""
    counted = (Q(measures__programme_id=programme.pk, measures__progress_percent__isnull=False)
               & ~Q(measures__status=MeasureStatus.DISCONTINUED))
    if published_only:
        counted &= Q(measures__is_published=True)
    rows: list[Goal] = []
    for goal in goals.annotate(
        weights=Sum("measures__weight", filter=counted),
        weighted=Sum(F("measures__weight") * F("measures__progress_percent"), filter=counted),
    ):
        goal.progress_percent = (  # type: ignore[attr-defined]
            goal.weighted / goal.weights if goal.weights else None)
        rows.append(goal)
    return rows


def goals_served(measures: Sequence[Measure], goals: Mapping[int, Goal]) -> dict[int, list[Goal]]:
    """measure id → the `goals` (by id) it serves, in the goals' order: one query."""
    served: dict[int, list[Goal]] = {}
    if not measures:
        return served
    for measure_id, goal_id in (Measure.goals.through.objects
                                .filter(measure_id__in=[m.pk for m in measures])
                                .order_by("goal__position", "goal_id")
                                .values_list("measure_id", "goal_id")):
        if goal_id in goals:  # a goal of this edition, as the services ensure
            served.setdefault(measure_id, []).append(goals[goal_id])
    return served


def programme_outline(programme: ActionProgramme, *,
                      published: Sequence[Measure] | None = None) -> ProgrammeOutline:
    """Fields → goals with their progress and each field's counts per status, from the
    database's sums: three queries, whatever the number of measures. Each published
    measure counts once, under its own field of action; `measures` are left empty (see
    `outline_previews` and `outline_page`). A caller that has loaded every published
    measure of the programme already (with field, status and demo flag) passes them as
    `published`, and they are counted from there (two queries)."""
    fields = list(FieldOfAction.objects.filter(programme=programme).only(
        "id", "programme_id", "title", "translations", "original_language",
        "is_demo_content", "position"))
    goals = goals_with_progress(
        programme,
        Goal.objects.filter(programme=programme)
        .only("id", "programme_id", "field_of_action_id", "title", "translations",
              "original_language", "is_demo_content", "position"))
    rows: dict[int | None, FieldOutline] = {f.pk: FieldOutline(field_of_action=f) for f in fields}
    for goal in goals:
        rows.setdefault(goal.field_of_action_id, FieldOutline(None)).goals.append(goal)
    demo = False
    for field_id, status, is_demo, n in _status_counts(programme, published):
        counts = rows.setdefault(field_id, FieldOutline(None)).counts
        counts[status] = counts.get(status, 0) + n
        demo = demo or is_demo
    ordered = [rows[f.pk] for f in fields]
    if None in rows:
        ordered.append(rows[None])
    seen = 0
    for row in ordered:
        row.first_page = seen // PROGRAMME_PAGE_SIZE + 1 if row.count else 1
        seen += row.count
    return ProgrammeOutline(programme=programme,
                            fields=[row for row in ordered if row.count or row.goals],
                            any_demo=demo)


def _status_counts(programme: ActionProgramme, published: Sequence[Measure] | None
                   ) -> Iterable[tuple[int | None, str, bool, int]]:
    """(field, status, demo flag, count) of the programme's published measures: from the
    database, or counted from the measures given."""
    if published is None:
        return (_published_of(programme).order_by()
                .values_list("field_of_action_id", "status", "is_demo_content")
                .annotate(n=Count("id")))
    counts = Counter((m.field_of_action_id, m.status, m.is_demo_content) for m in published)
    return [(*key, n) for key, n in counts.items()]


def outline_previews(outline: ProgrammeOutline, *, per_field: int = PREVIEW_MEASURES,
                     published: Sequence[Measure] | None = None) -> None:
    """The first `per_field` published measures of each field (in the programme's order)
    set as the rows' `measures`: one query, whatever the number of measures; none when
    the caller passes every published measure, in code order, as `published` (with the
    columns of `_LISTED_COLUMNS`)."""
    if published is None:
        ranked = (
            _published_of(outline.programme).only(*_LISTED_COLUMNS)
            .annotate(rank=Window(RowNumber(), partition_by=F("field_of_action_id"),
                                  order_by=(F("code").asc(), F("id").asc())))
        )
        first: Iterable[Measure] = ranked.filter(rank__lte=per_field).order_by("code", "id")
    else:
        taken: Counter[int | None] = Counter()
        first = []
        for measure in published:
            if taken[measure.field_of_action_id] < per_field:
                taken[measure.field_of_action_id] += 1
                first.append(measure)
    by_field: dict[int | None, list[Measure]] = {}
    labels = _status_labels()
    for measure in first:
        measure.status_label = labels[measure.status]  # type: ignore[attr-defined]
        by_field.setdefault(measure.field_of_action_id, []).append(measure)
    for row in outline.fields:
        row.measures = by_field.get(row.field_of_action.pk if row.field_of_action else None, [])


def programme_order(queryset: MeasureQuerySet) -> MeasureQuerySet:
    """Measures in the order of the programme page: by field of action (those without one
    last), then code."""
    return queryset.order_by(
        F("field_of_action__position").asc(nulls_last=True),
        F("field_of_action_id").asc(nulls_last=True), "code", "id")


def outline_page(outline: ProgrammeOutline, page: int, *,
                 size: int = PROGRAMME_PAGE_SIZE) -> list[FieldOutline]:
    """The fields of action whose measures page `page` (from 1) of the programme page
    shows, each with those measures (code, title, status, progress, lead partner, planned
    dates, `goal_list`: the goals each serves): two queries. Fields without published
    measures are listed on the first page."""
    offset = (page - 1) * size
    measures = list(
        programme_order(_published_of(outline.programme))
        .select_related("lead_municipality")
        .only(*_LISTED_COLUMNS, "planned_start", "planned_end", "lead_municipality__id",
              "lead_municipality__name", "lead_municipality__names")[offset:offset + size]
    )
    served = goals_served(
        measures, {goal.pk: goal for row in outline.fields for goal in row.goals})
    labels = _status_labels()
    by_field: dict[int | None, list[Measure]] = {}
    for measure in measures:
        measure.status_label = labels[measure.status]  # type: ignore[attr-defined]
        measure.goal_list = served.get(measure.pk, [])  # type: ignore[attr-defined]
        by_field.setdefault(measure.field_of_action_id, []).append(measure)
    shown = []
    for row in outline.fields:
        key = row.field_of_action.pk if row.field_of_action else None
        if key in by_field or (page == 1 and not row.count):
            shown.append(FieldOutline(field_of_action=row.field_of_action, goals=row.goals,
                                      counts=row.counts, measures=by_field.get(key, []),
                                      first_page=row.first_page))
    return shown


def programme_chart_counts(outline: ProgrammeOutline
                           ) -> list[tuple[FieldOfAction | None, dict[str, int]]]:
    """Published measures per field of action and status as the programme tree counts
    them (a measure in the field of each goal it serves, one without goals in its own
    field): the rows of the "measures by status" chart, in one query."""
    chart_field = Case(When(goals__isnull=True, then=F("field_of_action_id")),
                       default=F("goals__field_of_action_id"))
    counts: dict[int | None, dict[str, int]] = {}
    for field_id, status, n in (
        _published_of(outline.programme).order_by().annotate(chart_field=chart_field)
        .values_list("chart_field", "status").annotate(n=Count("id", distinct=True))
    ):
        counts.setdefault(field_id, {})[status] = n
    keyed = {row.field_of_action.pk if row.field_of_action else None: row.field_of_action
             for row in outline.fields}
    return [(keyed[key], counts[key]) for key in keyed if key in counts]


def programme_sdg_counts(programme: ActionProgramme) -> list[tuple[SdgGoal, int]]:
    """The SDGs the published measures name, each with how many name it, by code: one
    query on the measures' SDG links, the SDG's columns joined (the goals are built from
    them, for display)."""
    if not programme.is_published:  # as `_published_of`
        return []
    rows = (Measure.sdg_goals.through.objects
            .filter(measure__programme_id=programme.pk, measure__is_published=True)
            .order_by("sdggoal__code")
            .values_list("sdggoal_id", "sdggoal__code", "sdggoal__colour", "sdggoal__names")
            .annotate(measures_naming=Count("id")))
    return [(SdgGoal(id=pk, code=code, colour=colour, names=names), n)
            for pk, code, colour, names, n in rows]


def with_demo_content_flag(partnerships: Any) -> Any:
    """`partnerships` annotated with `has_demo_content`: the public reads demo content of
    theirs (a published programme, or a published measure of one, made up for the demo),
    in the same query; the cards of the home page and the directory say so."""
    published = ActionProgramme.objects.filter(partnership=OuterRef("pk"), is_published=True)
    return partnerships.annotate(has_demo_content=ExpressionWrapper(
        Exists(published.filter(is_demo_content=True))
        | Exists(Measure.objects.filter(programme__partnership=OuterRef("pk"),
                                        programme__is_published=True, is_published=True,
                                        is_demo_content=True)),
        output_field=BooleanField()))

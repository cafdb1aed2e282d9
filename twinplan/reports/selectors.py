"""Everything a document shows, read once in a fixed number of queries.

`report_data(partnership, scope=…)` gathers it from the apps' own selectors and models:
`partnerships.selectors.partnership_facts`, `programmes.selectors.programme_tree`,
`climate.selectors.impact_report` (with `money.selectors.money_report`). The public scope
takes published content only (the rules of `published()`); the draft scope takes
everything of the partnership. The sections of `builder.py` only read this.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from twinplan import impact
from twinplan.adaptation.selectors import AdaptationReport, adaptation_report
from twinplan.climate.selectors import ImpactReport, impact_report
from twinplan.core.models import ReviewState
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.media.models import MediaItem, MediaKind
from twinplan.media.selectors import media_for, with_media
from twinplan.money.models import CurrencyRate, Resource, ResourceKind
from twinplan.money.selectors import exchange_rates_for, resources_of
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Agreement, Award, AwardAmount, Partnership, Phase
from twinplan.partnerships.selectors import PartnershipFacts, partnership_facts
from twinplan.programmes.models import (
    ActionProgramme,
    Measure,
    MeasureActor,
    ProgrammeAdoption,
    ProgrammeBaseline,
    ProgressEntry,
)
from twinplan.programmes.selectors import ProgrammeTree, programme_tree
from twinplan.reference.models import SdgGoal, SdgTarget
from twinplan.reports.models import Edition, EditionScope, EditionState


@dataclass
class MeasureDetail:
    """One measure with its process development and implementation."""

    measure: Measure
    events: list[Event] = field(default_factory=list)
    outcomes: list[EventOutcome] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)

    @property
    def process_entries(self) -> list[Any]:
        """The measure's progress entries but its outlook (from the prefetch)."""
        return [entry for entry in self.measure.progress.all() if entry.kind != "outlook"]


@dataclass(frozen=True)
class SdgRow:
    goal: SdgGoal
    targets: list[SdgTarget]
    measures: list[Measure]


@dataclass(frozen=True)
class FundedLine:
    """A money line of a measure in its own currency and in EUR at the dated rate."""

    resource: Resource
    on: date
    planned_eur: Decimal | None
    spent_eur: Decimal | None
    rate: Decimal | None  # EUR per unit of the line's currency; None when no rate is known
    rates: tuple[impact.ExchangeRate, ...]


# The events the documents show as public events (with their photos).
PUBLIC_EVENT_KINDS = ("public_event", "kick_off", "results_conference")


@dataclass(frozen=True)
class EventPhotos:
    event: Event
    photos: list[MediaItem]


@dataclass
class ReportData:
    partnership: Partnership
    scope: str
    today: date
    facts: PartnershipFacts
    agreements: list[Agreement]
    awards: list[Award]
    phases: list[Phase]
    events: list[Event]
    programme: ActionProgramme | None
    tree: ProgrammeTree | None
    baselines: list[ProgrammeBaseline]
    measures: list[MeasureDetail]
    sdgs: list[SdgRow]
    impact: ImpactReport
    resources: list[Resource]
    funded_lines: list[FundedLine]
    rates: list[CurrencyRate]
    # The towns' climate risks and the measures against them (adaptation.selectors).
    adaptation: AdaptationReport | None = None
    # The partnership's cover picture, and the pictures of its public events.
    cover: MediaItem | None = None
    event_photos: list[EventPhotos] = field(default_factory=list)
    # Each member council's adoption of the programme edition (body, day, resolution).
    adoptions: list[ProgrammeAdoption] = field(default_factory=list)

    @property
    def include_drafts(self) -> bool:
        return self.scope == EditionScope.DRAFT

    @property
    def pilot_measures(self) -> list[MeasureDetail]:
        pilots = [detail for detail in self.measures if detail.measure.is_pilot]
        return pilots or self.measures

    @property
    def municipalities(self) -> list[Municipality]:
        return self.facts.municipalities

    @cached_property
    def details_by_pk(self) -> dict[int, MeasureDetail]:
        return {detail.measure.pk: detail for detail in self.measures}


def _reports_shown(drafts: bool) -> Q:
    """Contributors' reports (progress entries, ideas, measured values) in a document: only
    approved ones in a public edition; in one with drafts also those waiting for review,
    never a declined one."""
    if drafts:
        return ~Q(review_state=ReviewState.DECLINED)
    return Q(review_state=ReviewState.APPROVED)


def _events(partnership: Partnership, drafts: bool) -> QuerySet[Event]:
    events = Event.objects.filter(partnership=partnership)
    if not drafts:
        events = events.published()
    return (
        events.select_related("phase", "host_municipality")
        .prefetch_related(
            "organisations",
            Prefetch("ideas", queryset=Idea.objects.filter(_reports_shown(drafts))
                     .select_related("measure")),
            Prefetch("outcomes", queryset=EventOutcome.objects.prefetch_related("measures")),
        )
        .order_by("sequence", "start_date", "id")
    )


def _programme(partnership: Partnership, drafts: bool) -> ActionProgramme | None:
    programmes = ActionProgramme.objects.filter(partnership=partnership)
    if not drafts:
        programmes = programmes.published()
    return programmes.order_by("-edition").first()


def _measures(programme: ActionProgramme, drafts: bool) -> list[Measure]:
    measures = Measure.objects.filter(programme=programme)
    if not drafts:
        measures = measures.published()
    return list(
        measures.select_related("programme", "field_of_action", "lead_municipality")
        .prefetch_related(
            "goals",
            "implementing_municipalities",
            "sdg_goals",
            "sdg_targets__goal",
            Prefetch("progress", queryset=ProgressEntry.objects.filter(_reports_shown(drafts))),
            "challenges",
            Prefetch("actors", queryset=MeasureActor.objects.select_related("organisation")),
        )
        .order_by("code", "id")
    )


def _sdg_rows(measures: list[Measure]) -> list[SdgRow]:
    """SDGs and targets with the measures behind them; a target counts for its goal."""
    goals: dict[int, SdgGoal] = {}
    targets: dict[int, dict[int, SdgTarget]] = defaultdict(dict)
    behind: dict[int, dict[int, Measure]] = defaultdict(dict)
    for measure in measures:
        for goal in measure.sdg_goals.all():
            goals[goal.pk] = goal
            behind[goal.pk][measure.pk] = measure
        for target in measure.sdg_targets.all():
            goals[target.goal_id] = target.goal
            targets[target.goal_id][target.pk] = target
            behind[target.goal_id][measure.pk] = measure
    return [
        SdgRow(
            goal=goal,
            targets=sorted(targets[pk].values(), key=lambda t: t.sort_key),
            measures=list(behind[pk].values()),
        )
        for pk, goal in sorted(goals.items(), key=lambda item: item[1].code)
    ]


def _funded_lines(
    lines: list[Resource], rates: list[CurrencyRate], today: date
) -> list[FundedLine]:
    pure = []
    for row in rates:
        try:
            pure.append(impact.ExchangeRate(row.date, row.base, row.quote, row.rate, row.source))
        except impact.ImpactError:
            continue
    table = impact.ExchangeRates(pure)
    out = []
    for line in lines:
        if line.kind != ResourceKind.MONEY or not line.currency:
            continue
        on = line.date or today
        try:
            resolved = table.resolve(line.currency, impact.EUR, on)
        except impact.ImpactError:
            out.append(FundedLine(line, on, None, None, None, ()))
            continue

        def eur(amount: Decimal | None, rate: Decimal = resolved.rate) -> Decimal | None:
            if amount is None:
                return None
            return impact.round_to_minor_unit(Decimal(amount) * rate, impact.EUR)

        out.append(FundedLine(line, on, eur(line.planned_amount), eur(line.spent_amount),
                              resolved.rate, resolved.rates_used))
    return out


def report_data(partnership: Partnership, *, scope: str, today: date) -> ReportData:
    """All a document of `partnership` shows in `scope` ("public" or "draft")."""
    drafts = scope == EditionScope.DRAFT
    partnership = (
        Partnership.objects.with_members()
        .select_related("initiator", "funding_programme__funder")
        .prefetch_related(
            Prefetch("agreements",
                     queryset=Agreement.objects.prefetch_related("parties")
                     .order_by("signed_on", "id")),
            Prefetch("awards", queryset=Award.objects.prefetch_related(
                Prefetch("amounts", queryset=AwardAmount.objects.select_related("recipient")))),
            "phases",
        )
        .get(pk=partnership.pk)
    )
    programme = _programme(partnership, drafts)
    measures = _measures(programme, drafts) if programme else []
    tree = programme_tree(programme, measures) if programme else None
    baselines = (
        list(programme.baselines.select_related("municipality")) if programme else []
    )
    events = list(_events(partnership, drafts))
    details = {m.pk: MeasureDetail(measure=m) for m in measures}
    for event in events:
        concerned: set[int] = set()
        for outcome in event.outcomes.all():
            for measure in outcome.measures.all():
                if measure.pk in details:
                    details[measure.pk].outcomes.append(outcome)
                    concerned.add(measure.pk)
        for idea in event.ideas.all():
            if idea.measure_id in details:
                details[idea.measure_id].ideas.append(idea)
                concerned.add(idea.measure_id)
        for pk in concerned:
            details[pk].events.append(event)
    indicators = Indicator.objects.filter(measure__in=list(details)).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.filter(_reports_shown(drafts))
                 .order_by("date", "id"))
    )
    for indicator in indicators:
        details[indicator.measure_id].indicators.append(indicator)  # type: ignore[index]
    resources = resources_of(measures)
    for resource in resources:
        details[resource.measure_id].resources.append(resource)
    currencies = {r.currency for r in resources if r.currency}
    currencies |= {m.currency for m in partnership.municipalities.all()}
    rates = list(exchange_rates_for(currencies).order_by("base", "quote", "date"))
    report = impact_report(partnership, today=today, include_unpublished=drafts)
    cover, photos = _pictures(partnership, events, drafts)
    return ReportData(
        partnership=partnership,
        scope=scope,
        today=today,
        facts=partnership_facts(partnership),
        agreements=list(partnership.agreements.all()),
        awards=list(partnership.awards.all()),
        phases=list(partnership.phases.all()),
        events=events,
        programme=programme,
        tree=tree,
        baselines=baselines,
        measures=list(details.values()),
        sdgs=_sdg_rows(measures),
        impact=report,
        resources=resources,
        funded_lines=_funded_lines(resources, rates, today),
        rates=rates,
        adaptation=adaptation_report(partnership, published_only=not drafts, today=today),
        cover=cover,
        event_photos=photos,
        adoptions=list(programme.adoptions.select_related("municipality", "resolution")
                       .order_by("adopted_on", "id")) if programme else [],
    )


def _pictures(partnership: Partnership, events: list[Event],
              drafts: bool) -> tuple[MediaItem | None, list[EventPhotos]]:
    """The cover and the pictures of the public events (two queries). A public edition
    takes only pictures whose partnership and event are published; `events` are already
    the published ones then."""
    if not drafts and not partnership.is_published:
        return None, []
    own = media_for(partnership, published_only=not drafts)
    cover = next((item for item in own if item.is_cover and item.kind == MediaKind.IMAGE),
                 None)
    public = [event for event in events if event.kind in PUBLIC_EVENT_KINDS]
    found = []
    for event in with_media(public):
        photos = [item for item in event.media_list  # type: ignore[attr-defined]
                  if item.kind == MediaKind.IMAGE]
        if photos:
            found.append(EventPhotos(event, photos))
    return cover, found


# --- issued editions ---------------------------------------------------------------
def editions_of(partnership: Partnership) -> list[Edition]:
    """Every edition of the partnership, newest first per document (the workspace)."""
    return list(
        Edition.objects.filter(partnership=partnership)
        .select_related("issued_by", "withdrawn_by", "partnership")
        .order_by("kind", "-number")
    )


def editions_public_present() -> Exists:
    """Whether a partnership has any edition `editions_public` lists: an `Exists` flag on
    the partnership (`OuterRef("pk")`)."""
    return Exists(Edition.objects.filter(partnership=OuterRef("pk"),
                                         scope=EditionScope.PUBLIC, state=EditionState.READY))


def editions_public(partnership: Partnership) -> list[Edition]:
    """Public editions that are built, withdrawn ones included (listed as withdrawn)."""
    return list(
        Edition.objects.filter(partnership=partnership, scope=EditionScope.PUBLIC,
                               state=EditionState.READY)
        .select_related("partnership")
        .order_by("kind", "-number")
    )

"""Reads of climate adaptation, shared by the public pages and by the results report, the
API and the lossless file (`adaptation_report`); a fixed number of queries whatever the
number of towns, risks, measures and effects."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from twinplan import impact
from twinplan.adaptation import totals as pure
from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.adaptation.scales import choices, label
from twinplan.money.selectors import exchange_rates_for
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import member_municipalities_loaded
from twinplan.programmes.models import ActionProgramme, Measure

REPORT_CURRENCY = impact.EUR


@dataclass(frozen=True)
class Figure:
    kind: str
    amount: Decimal
    unit: str  # "" for people and buildings, "ha", or the currency
    # Where the figure comes from: the effect that gives it (per risk and per measure).
    source: str = ""
    is_demo_content: bool = False

    @property
    def label(self) -> str:
        """The effect kind's name in the language active when it is shown (a document's
        column, the page), not the one active when the report was read."""
        return label("effect_kinds", self.kind)


@dataclass(frozen=True)
class HazardRow:
    """One hazard across the partner towns: (town, its risk entry or None), in the towns'
    order."""

    hazard: str
    cells: list[tuple[Municipality, ClimateRisk | None]]

    @property
    def label(self) -> str:
        """The hazard's name in the language active when it is shown (a document's
        column), not the one active when the report was read."""
        return label("hazards", self.hazard)


@dataclass(frozen=True)
class EffectLine:
    effect: AdaptationEffect
    # Avoided damage in the report's currency (None when it is no money or no rate is
    # known; `conversion` then says why), and the rate used.
    converted: Decimal | None = None
    rate: Decimal | None = None
    rate_date: date | None = None
    rate_source: str = ""
    conversion_error: str = ""


@dataclass(frozen=True)
class AdaptationLine:
    """A measure that addresses climate risks: what it does and its expected effects."""

    measure: Measure
    adaptation: MeasureAdaptation
    risks: list[ClimateRisk]
    effects: list[EffectLine]
    # Its figures as counted in the partnership's total (its largest of each kind).
    counted: list[Figure] = field(default_factory=list)


@dataclass(frozen=True)
class RiskLine:
    """A risk with the measures against it and its figures, counted once."""

    risk: ClimateRisk
    measures: list[Measure]
    figures: list[Figure]
    # The effects the figures come from (with their sources).
    effects: list[EffectLine]


@dataclass(frozen=True)
class AdaptationReport:
    """Everything about climate adaptation of one partnership; see docs/adaptation.md."""

    partnership: Partnership
    programme: ActionProgramme | None
    municipalities: list[Municipality]
    risks: list[ClimateRisk]  # of all member towns, by town and hazard
    hazards: list[HazardRow]  # the side-by-side table
    measures: list[AdaptationLine]
    by_risk: list[RiskLine]
    total: list[Figure]  # each measure once, with its largest figure of each kind
    currency: str
    conversion_errors: list[str]

    @property
    def is_empty(self) -> bool:
        return not self.risks and not self.measures


def _unit(kind: str, currency: str) -> str:
    if kind == "avoided_damage":
        return currency
    return "ha" if kind == "area_protected_ha" else ""


def _amount(line: EffectLine) -> Decimal | None:
    if line.effect.kind == "avoided_damage":
        return line.converted
    return line.effect.quantity


def _figures(values: dict[str, Decimal], currency: str,
             lines: list[EffectLine] | None = None) -> list[Figure]:
    """The figures in the order of the kinds; with `lines`, each names the effect it
    comes from (the first effect of that kind that gives the counted amount)."""
    found = []
    for kind in pure.COUNTED_KINDS:
        if kind not in values:
            continue
        origin = next((line.effect for line in lines or []
                       if line.effect.kind == kind and _amount(line) == values[kind]), None)
        found.append(Figure(
            kind, values[kind], _unit(kind, currency),
            source=origin.source_note if origin is not None else "",
            is_demo_content=origin.is_demo_content if origin is not None else False,
        ))
    return found


def _programme(partnership: Partnership, published_only: bool) -> ActionProgramme | None:
    programmes = (ActionProgramme.objects.published() if published_only
                  else ActionProgramme.objects.all())
    return programmes.filter(partnership=partnership).order_by("-edition").first()


def _converted(effect: AdaptationEffect, rates: impact.ExchangeRates, currency: str,
               today: date) -> EffectLine:
    if effect.kind != "avoided_damage" or effect.quantity is None:
        return EffectLine(effect)
    on = date(effect.source_year, 12, 31) if effect.source_year < today.year else today
    try:
        resolved = rates.resolve(effect.currency, currency, on)
    except impact.ImpactError:
        return EffectLine(effect, conversion_error=_(
            "No exchange rate from %(base)s to %(quote)s on or before %(date)s, so this "
            "amount is not in the total."
        ) % {"base": effect.currency, "quote": currency, "date": on})
    used = resolved.rates_used[0] if resolved.rates_used else None
    return EffectLine(
        effect,
        converted=impact.round_to_minor_unit(Decimal(effect.quantity) * resolved.rate,
                                             currency),
        rate=resolved.rate, rate_date=used.date if used else None,
        rate_source="; ".join(r.source for r in resolved.rates_used),
    )


def _rates(currencies: set[str]) -> impact.ExchangeRates:
    table = []
    for row in exchange_rates_for(currencies):
        try:
            table.append(impact.ExchangeRate(row.date, row.base, row.quote, row.rate,
                                             row.source))
        except impact.ImpactError:
            continue
    return impact.ExchangeRates(table)


class _Unread:
    """Marks an argument not given (None is a programme that does not exist)."""


_UNREAD = _Unread()


def adaptation_inputs_present() -> dict[str, Exists]:
    """Whether a partnership has climate risks of its towns and measures with an
    adaptation entry: `Exists` flags on the partnership (`OuterRef("pk")`) to annotate it
    with, so that `adaptation_report` is told which are `absent` and reads neither."""
    partnership = OuterRef("pk")
    return {
        "risks": Exists(ClimateRisk.objects.filter(
            municipality__memberships__partnership=partnership)),
        "measures": Exists(MeasureAdaptation.objects.filter(
            measure__programme__partnership=partnership)),
    }


def adaptation_report(
    partnership: Partnership, *, published_only: bool = True, today: date,
    currency: str = REPORT_CURRENCY,
    programme: ActionProgramme | _Unread | None = _UNREAD,
    towns: Sequence[Municipality] | None = None,
    absent: Collection[str] = (),
) -> AdaptationReport:
    """The member towns' climate risks side by side, the measures against them with their
    expected effects, and the figures per risk and in total without double counting.

    `published_only` (the public pages) counts the published measures of the newest
    published programme edition; otherwise the newest edition with its drafts. Avoided
    damage is converted to `currency` at the rate of the source year's end (or `today`).
    A caller that has read them already (the impact report: `ImpactReport.programme`,
    the towns of `ImpactReport.municipalities`, of the same scope) passes the `programme`
    and the member `towns` in their order, and the report reads neither again; what it
    knows the partnership has none of (`adaptation_inputs_present`) it names in `absent`.
    """
    towns = list(towns) if towns is not None else member_municipalities_loaded(partnership)
    town_ids = [town.pk for town in towns]
    risks = [] if "risks" in absent else list(
        ClimateRisk.objects.filter(municipality__in=town_ids).select_related("municipality")
    )
    order = {pk: index for index, pk in enumerate(town_ids)}
    hazard_order = {key: index for index, (key, _label) in enumerate(choices("hazards"))}
    risks.sort(key=lambda r: (order[r.municipality_id], hazard_order.get(r.hazard, 99)))
    by_town_hazard = {(r.municipality_id, r.hazard): r for r in risks}
    hazards = [
        HazardRow(key, [(town, by_town_hazard.get((town.pk, key))) for town in towns])
        for key, _text in choices("hazards")
        if any((pk, key) in by_town_hazard for pk in town_ids)
    ]

    if isinstance(programme, _Unread):
        programme = _programme(partnership, published_only)
    measures: list[Measure] = []
    if programme is not None and "measures" not in absent:
        found = Measure.objects.published() if published_only else Measure.objects.all()
        measures = list(
            found.filter(programme=programme, adaptation__isnull=False)
            .select_related("adaptation")
            .prefetch_related(Prefetch("adaptation__risks",
                                       queryset=ClimateRisk.objects.select_related(
                                           "municipality")))
            .order_by("code", "id")
        )
    kind_order = {key: index for index, (key, _label) in enumerate(choices("effect_kinds"))}
    effects = sorted(
        AdaptationEffect.objects.filter(measure__in=[m.pk for m in measures])
        .select_related("risk__municipality"),
        key=lambda e: (e.measure_id, e.risk_id, kind_order.get(e.kind, 99), e.pk),
    )
    currencies = {e.currency for e in effects if e.kind == "avoided_damage" and e.currency}
    rates = _rates(currencies | {currency}) if currencies - {currency} else (
        impact.ExchangeRates(()))
    lines_by_measure: dict[int, list[EffectLine]] = {m.pk: [] for m in measures}
    counted: list[pure.CountedEffect] = []
    errors: list[str] = []
    addressed = {m.pk: {r.pk for r in m.adaptation.risks.all()} for m in measures}
    for effect in effects:
        if effect.risk_id not in addressed[effect.measure_id]:
            continue  # counted only against a risk its measure addresses
        line = _converted(effect, rates, currency, today)
        lines_by_measure[effect.measure_id].append(line)
        if line.conversion_error:
            errors.append(line.conversion_error)
        amount = _amount(line)
        if effect.is_counted and amount is not None:
            counted.append(pure.CountedEffect(str(effect.measure_id), str(effect.risk_id),
                                              effect.kind, Decimal(amount)))
    result = pure.adaptation_totals(counted)
    measure_lines = [
        AdaptationLine(
            measure=m, adaptation=m.adaptation, risks=list(m.adaptation.risks.all()),
            effects=lines_by_measure[m.pk],
            counted=_figures(dict(result.by_measure.get(str(m.pk), {})), currency,
                             lines_by_measure[m.pk]),
        )
        for m in measures
    ]
    risk_lines = []
    for risk in risks:
        against = [m for m in measures if risk.pk in addressed[m.pk]]
        risk_effects = [line for m in against for line in lines_by_measure[m.pk]
                        if line.effect.risk_id == risk.pk]
        risk_lines.append(RiskLine(
            risk, against,
            _figures(dict(result.by_risk.get(str(risk.pk), {})), currency, risk_effects),
            risk_effects,
        ))
    return AdaptationReport(
        partnership=partnership, programme=programme, municipalities=towns, risks=risks,
        hazards=hazards, measures=measure_lines, by_risk=risk_lines,
        total=[
            dataclasses.replace(figure, is_demo_content=any(
                line.effect.is_demo_content for lines in lines_by_measure.values()
                for line in lines if line.effect.kind == figure.kind))
            for figure in _figures(dict(result.total), currency)
        ],
        currency=currency,
        conversion_errors=list(dict.fromkeys(errors)),
    )


def measure_has_adaptation() -> Exists:
    """Whether the outer measure has an adaptation entry (for
    `measure_page_or_none(has_rows=…)`)."""
    return Exists(MeasureAdaptation.objects.filter(measure=OuterRef("pk")))


def measure_adaptation(measure: Measure) -> MeasureAdaptation | None:
    """The adaptation entry of one measure with its risks (workspace and measure page)."""
    return (
        MeasureAdaptation.objects.filter(measure=measure)
        .prefetch_related(Prefetch("risks", queryset=ClimateRisk.objects.select_related(
            "municipality")))
        .first()
    )


def measure_effects(measure: Measure) -> list[AdaptationEffect]:
    return list(AdaptationEffect.objects.filter(measure=measure)
                .select_related("risk__municipality"))

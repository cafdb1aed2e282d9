"""Reads of the impact balance, shared by the public pages, the `impact` command and,
later, the API and reports. The impact report includes the money totals of
`twinplan.money.selectors` (climate sits above money in the layers).

Each read loads the stored inputs in a fixed number of queries, whatever the number of
measures, trips or resource lines, turns them into the plain inputs of the calculation
package `twinplan.impact` and calls it. A line whose inputs the package refuses (say, a
country without a grid factor) is reported with its message and left out of the totals;
nothing here raises for bad data.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinplan import impact
from twinplan.climate.models import (
    ImpactEstimate,
    MunicipalInventory,
    PartnershipFactor,
    TravelLeg,
)
from twinplan.climate.parameters import parameters_for_display, params_from_mapping
from twinplan.climate.rules import factor_override, impact_error_message, trip_params
from twinplan.events.selectors import events_published
from twinplan.money.selectors import MoneyReport, money_lines_of, money_report
from twinplan.municipalities.gazetteer import country_iso3
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import member_municipalities_loaded
from twinplan.programmes.models import ActionProgramme, Measure, MeasureStatus
from twinplan.programmes.selectors import measures_published

#: How the statuses of a measure enter the balance of `twinplan.impact`: a measure on hold
#: still counts as planned; only a completed one counts as achieved.
BALANCE_STATUS: dict[str, impact.MeasureStatus] = {
    MeasureStatus.IDEA: impact.MeasureStatus.IDEA,
    MeasureStatus.PLANNED: impact.MeasureStatus.PLANNED,
    MeasureStatus.IN_PROGRESS: impact.MeasureStatus.IN_PROGRESS,
    MeasureStatus.ON_HOLD: impact.MeasureStatus.PLANNED,
    MeasureStatus.COMPLETED: impact.MeasureStatus.IMPLEMENTED,
    MeasureStatus.DISCONTINUED: impact.MeasureStatus.CANCELLED,
}
PLANNED_STATUSES = tuple(
    s for s, b in BALANCE_STATUS.items() if b in impact.PLANNED_STATUSES
)
ACHIEVED_STATUSES = tuple(
    s for s, b in BALANCE_STATUS.items() if b in impact.ACHIEVED_STATUSES
)


# --- factors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorSetWithIssues:
    factors: impact.FactorSet
    issues: list[str]


def _factor_set(rows: Iterable[PartnershipFactor]) -> FactorSetWithIssues:
    defaults = impact.default_factor_set()
    overrides, issues = [], []
    for row in rows:
        try:
            override = factor_override(row)
            defaults.with_overrides([override])
        except impact.ImpactError as error:
            issues.append(_("The override of %(key)s is not used: %(error)s") % {
                "key": row.key, "error": impact_error_message(error, named=True),
            })
            continue
        overrides.append(override)
    return FactorSetWithIssues(defaults.with_overrides(overrides), issues)


def partnership_factor_set(partnership: Partnership) -> impact.FactorSet:
    """The shipped factor set with the partnership's own values in place (one query)."""
    return _factor_set(PartnershipFactor.objects.filter(partnership=partnership)).factors


@dataclass(frozen=True)
class FactorLine:
    """A factor as used: the value, its provenance and, for an override, the default."""

    factor: impact.Factor
    default: impact.Factor | None
    used_by: tuple[str, ...]
    # What used it (measures, trips' events, municipalities), for names in the reader's
    # language; the same order as `used_by`.
    used_by_objects: tuple[object, ...] = ()

    @property
    def is_override(self) -> bool:
        return self.factor.is_override


def _factor_lines(
    used: Iterable[tuple[str, Sequence[impact.Factor], object]],
) -> list[FactorLine]:
    # The users of each factor by label, in the order first seen (a dict: its membership
    # check is constant, a list's grew with the measures and made this quadratic).
    users: dict[str, dict[str, object]] = {}
    by_key: dict[str, impact.Factor] = {}
    for label, line_factors, obj in used:
        for factor in line_factors:
            by_key.setdefault(factor.key, factor)
            users.setdefault(factor.key, {}).setdefault(label, obj)
    defaults = impact.default_factor_set()
    return [
        FactorLine(
            factor=factor,
            default=defaults.find(key) if factor.is_override else None,
            used_by=tuple(users[key]),
            used_by_objects=tuple(users[key].values()),
        )
        for key, factor in sorted(by_key.items())
    ]


# --- measures --------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureLine:
    """One measure in the balance: its inputs, the estimate (or why there is none)."""

    measure: Measure
    impact_row: ImpactEstimate
    balance_status: impact.MeasureStatus
    inputs: list[tuple[str, Promise, object]]
    result: impact.MeasureImpact | None
    error: str | None

    @property
    def counts_as_planned(self) -> bool:
        return self.balance_status in impact.PLANNED_STATUSES

    @property
    def counts_as_achieved(self) -> bool:
        return self.balance_status in impact.ACHIEVED_STATUSES

    @property
    def label(self) -> str:
        return str(self.measure)


def _measure_line(
    measure: Measure, row: ImpactEstimate, factors: impact.FactorSet, member_ids: set[int]
) -> MeasureLine:
    result: impact.MeasureImpact | None = None
    error: str | None = None
    if row.municipality_id not in member_ids:
        error = _("%(place)s is not a member of the partnership.") % {
            "place": row.municipality.name
        }
    else:
        try:
            result = impact.estimate(params_from_mapping(row.impact_type, row.parameters),
                                     factors)
        except impact.ImpactError as exc:
            error = impact_error_message(exc, named=True)
    return MeasureLine(
        measure=measure,
        impact_row=row,
        balance_status=BALANCE_STATUS[measure.status],
        inputs=parameters_for_display(row.impact_type, row.parameters),
        result=result,
        error=error,
    )


#: The measure page joins the estimate (with its town) to the measure's own query, for
#: `measure_impact_line` (`measure_page_or_none(related=…)`).
MEASURE_IMPACT_RELATED = "impact__municipality"


def partnership_has_factors() -> Exists:
    """Whether the outer measure's partnership has factors of its own (for
    `measure_page_or_none(has_rows=…)`): without, the shipped set is used unread."""
    return Exists(PartnershipFactor.objects.filter(
        partnership=OuterRef("programme__partnership")))


def measure_impact_line(measure: Measure, partnership: Partnership, *,
                        own_factors: bool = True) -> MeasureLine | None:
    """The estimate of one measure with its factors, for the measure's page; None when the
    measure has no impact parameters. The estimate joined to the measure
    (`MEASURE_IMPACT_RELATED`) is used as it came, else read (a query); the partnership's
    factors are read (a query) unless `own_factors` says it has none."""
    row: ImpactEstimate | None
    if Measure.impact.is_cached(measure):
        row = getattr(measure, "impact", None)
    else:
        row = (ImpactEstimate.objects.filter(measure=measure).select_related("municipality")
               .first())
    if row is None:
        return None
    factors = (partnership_factor_set(partnership) if own_factors
               else impact.default_factor_set())
    # The members from the partnership's prefetch (`with_members()`) when it has one.
    members = {m.pk for m in member_municipalities_loaded(partnership)}
    return _measure_line(measure, row, factors, members)


def measure_factor_lines(line: MeasureLine) -> list[FactorLine]:
    """The provenance of the factors one measure's estimate used."""
    if line.result is None:
        return []
    return _factor_lines([(line.label, line.result.factors_used, line.measure)])


# --- travel ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TripLine:
    leg: TravelLeg
    result: impact.TripFootprint | None
    error: str | None

    @property
    def label(self) -> str:
        return f"{self.leg.event.title}: {self.leg}"


def _trip_line(leg: TravelLeg, factors: impact.FactorSet) -> TripLine:
    try:
        return TripLine(leg, impact.trip_footprint(trip_params(leg), factors), None)
    except impact.ImpactError as error:
        return TripLine(leg, None, impact_error_message(error, named=True))


# --- municipalities --------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityLine:
    municipality: Municipality
    inventory: MunicipalInventory | None
    emissions: impact.MunicipalEmissions | None
    share: impact.MunicipalShare | None
    error: str | None


def _emissions(
    municipality: Municipality, inventory: MunicipalInventory | None, factors: impact.FactorSet
) -> tuple[impact.MunicipalEmissions | None, str | None]:
    iso3 = country_iso3(municipality.country)
    try:
        if inventory is not None:
            own = impact.EmissionsInventory(
                total_co2e_t_per_year=float(inventory.total_co2e_t_per_year),
                year=inventory.year,
                method=inventory.method,
                source=inventory.source,
            )
            params = impact.MunicipalEmissionsParams(
                population=municipality.population or 0,
                population_year=municipality.population_year or inventory.year,
                country_iso3=iso3 or "XXX",
                inventory=own,
            )
            return impact.municipal_emissions(params, factors), None
        if municipality.population is None or municipality.population_year is None:
            return None, _("No population and no emissions inventory of its own: the share "
                           "cannot be computed.")
        if iso3 is None:
            return None, _("Unknown country %(code)s.") % {"code": municipality.country}
        params = impact.MunicipalEmissionsParams(
            population=municipality.population,
            population_year=municipality.population_year,
            country_iso3=iso3,
        )
        return impact.municipal_emissions(params, factors), None
    except impact.ImpactError as error:
        return None, impact_error_message(error, named=True)


def _unknown_emissions(factors: impact.FactorSet) -> impact.MunicipalEmissions:
    # Lets the balance run; the page shows the municipality's error instead of a number.
    return impact.MunicipalEmissions(0.0, 0, "unknown", "unknown", True, (), factors.version, "")


# --- the whole balance -----------------------------------------------------------------


@dataclass(frozen=True)
class StatusRow:
    status: str
    label: str
    reduction: impact.Reduction
    counts_as_planned: bool
    counts_as_achieved: bool


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: float
    unit: str
    percent: float
    kind: str


@dataclass(frozen=True)
class ImpactReport:
    """Everything the impact page and the `impact` command show."""

    partnership: Partnership
    scope: str
    today: date
    programme: ActionProgramme | None
    factor_set_version: str
    balance: impact.PartnershipBalance
    by_status: list[StatusRow]
    measures: list[MeasureLine]
    measures_without_impact: list[Measure]
    trips: list[TripLine]
    municipalities: list[MunicipalityLine]
    factors: list[FactorLine]
    money: MoneyReport | None
    issues: list[str] = field(default_factory=list)
    # Every measure counted, in code order, with the columns of `_MEASURE_COLUMNS`: for a
    # page that also sums them up otherwise (the partnership page's programme outline).
    counted_measures: list[Measure] = field(default_factory=list)

    @property
    def uses_demo_data(self) -> bool:
        """True when a figure of the balance rests on demo data: an impact estimate, a trip
        or an inventory marked as demo content, or a measure that is demo content."""
        return (
            any(line.impact_row.is_demo_content or line.measure.is_demo_content
                for line in self.measures)
            or any(line.leg.is_demo_content for line in self.trips)
            or any(line.inventory is not None and line.inventory.is_demo_content
                   for line in self.municipalities)
        )

    @property
    def chart(self) -> list[ChartBar]:
        """Annual reduction (planned, achieved) beside the travel emitted, in t CO2e."""
        values = [
            (gettext_lazy("Reduction per year, planned"), self.balance.planned.t_per_year,
             "t CO₂e/a", "planned"),
            (gettext_lazy("Reduction per year, achieved"), self.balance.achieved.t_per_year,
             "t CO₂e/a", "achieved"),
            (gettext_lazy("Travel, all trips (once)"), self.balance.travel_co2e_t,
             "t CO₂e", "travel"),
        ]
        top = max((v for _label, v, _unit, _kind in values), default=0.0)
        return [
            ChartBar(str(label), value, unit, 100 * value / top if top > 0 else 0.0, kind)
            for label, value, unit, kind in values
        ]

    @property
    def people_reached(self) -> int:
        return self.balance.planned.people_reached

    @property
    def line_errors(self) -> int:
        errors = [line.error for line in self.measures]
        errors += [line.error for line in self.trips]
        errors += [line.error for line in self.municipalities]
        return sum(1 for error in errors if error)


def _programme(partnership: Partnership, include_unpublished: bool) -> ActionProgramme | None:
    if include_unpublished:
        return partnership.programmes.order_by("-edition").first()
    return (
        ActionProgramme.objects.published()
        .filter(partnership=partnership)
        .order_by("-edition")
        .first()
    )


# What the readers of the report use of a measure (pages, documents, the export, the API)
# and of its impact row: the other columns (texts, dates, figures of the plan) stay unread.
_MEASURE_COLUMNS = (
    "id", "original_language", "translations", "is_demo_content", "is_published",
    "programme", "field_of_action", "code", "title", "status", "is_pilot",
    *(f"impact__{name}" for name in (
        "id", "is_demo_content", "version", "measure", "impact_type", "parameters",
        "municipality", "parameters_source", "parameters_year", "note",
    )),
)


def _measures(programme: ActionProgramme | None, include_unpublished: bool) -> list[Measure]:
    if programme is None:
        return []
    measures = (
        Measure.objects.filter(programme=programme)
        if include_unpublished
        else measures_published(programme).prefetch_related(None)
    )
    # The impact row with each measure; its town is set from the members (`_with_towns`),
    # not loaded again with every row.
    return list(measures.select_related(None).select_related("impact")
                .only(*_MEASURE_COLUMNS).order_by("code", "id"))




def _with_towns(measures: Iterable[Measure], towns: Iterable[Municipality]) -> None:
    """Sets each impact row's municipality from the towns given, the others (a town that
    is not a member, shown with its error) from one query when there are any."""
    rows = [row for m in measures if (row := getattr(m, "impact", None)) is not None]
    by_pk = {town.pk: town for town in towns}
    missing = {row.municipality_id for row in rows} - by_pk.keys()
    if missing:
        by_pk.update((town.pk, town) for town in Municipality.objects.filter(pk__in=missing))
    for row in rows:
        row.municipality = by_pk[row.municipality_id]


def _travel_legs(partnership: Partnership, include_unpublished: bool) -> list[TravelLeg]:
    legs = TravelLeg.objects.filter(event__partnership=partnership)
    if not include_unpublished:
        visible = events_published(partnership).prefetch_related(None).values("pk")
        legs = legs.filter(event__in=visible)
    return list(legs.select_related("event").order_by("event__sequence", "event__start_date",
                                                       "event_id", "position", "id"))


def impact_inputs_present() -> dict[str, Exists]:
    """Whether a partnership has each input `impact_report` reads besides its measures
    (factor overrides, the members' inventories, travel legs): `Exists` flags on the
    partnership (`OuterRef("pk")`) to annotate it with, so that the report is told which
    are `absent` and reads none of them."""
    partnership = OuterRef("pk")
    return {
        "factors": Exists(PartnershipFactor.objects.filter(partnership=partnership)),
        "inventories": Exists(MunicipalInventory.objects.filter(
            municipality__memberships__partnership=partnership)),
        "travel": Exists(TravelLeg.objects.filter(event__partnership=partnership)),
    }


class _Unread:
    """Marks an argument not given (None is a programme that does not exist)."""


_UNREAD = _Unread()


def impact_report(
    partnership: Partnership,
    *,
    today: date,
    include_unpublished: bool = False,
    with_money: bool = True,
    programme: ActionProgramme | _Unread | None = _UNREAD,
    absent: Collection[str] = (),
) -> ImpactReport:
    """The partnership's impact balance with every input and factor, and its money.

    Counts the measures of the newest (published) programme edition and the travel of the
    (published) events; `include_unpublished` takes drafts too. `today` dates money lines
    that have no date of their own. A fixed number of queries. A caller that has read
    that edition already (the partnership page: `is_newest` of
    `programme_published_or_none`) passes it as `programme`, and it is not read again;
    the inputs it knows the partnership has none of (`impact_inputs_present`) it names in
    `absent`, and they are not read.
    """
    overrides = _factor_set(() if "factors" in absent else
                            PartnershipFactor.objects.filter(partnership=partnership))
    factors = overrides.factors
    if isinstance(programme, _Unread):
        programme = _programme(partnership, include_unpublished)
    measures = _measures(programme, include_unpublished)
    municipalities = member_municipalities_loaded(partnership)
    member_ids = {m.pk for m in municipalities}
    _with_towns(measures, municipalities)
    inventories: dict[int, MunicipalInventory] = {}
    for inventory in () if "inventories" in absent else MunicipalInventory.objects.filter(
        municipality__in=member_ids
    ).order_by("municipality_id", "-year"):
        inventories.setdefault(inventory.municipality_id, inventory)

    measure_lines: list[MeasureLine] = []
    without: list[Measure] = []
    for measure in measures:
        row: ImpactEstimate | None = getattr(measure, "impact", None)
        if row is None:
            without.append(measure)
        else:
            measure_lines.append(_measure_line(measure, row, factors, member_ids))
    legs = [] if "travel" in absent else _travel_legs(partnership, include_unpublished)
    trip_lines = [_trip_line(leg, factors) for leg in legs]
    emissions: dict[str, impact.MunicipalEmissions] = {}
    municipality_errors: dict[int, str | None] = {}
    for municipality in municipalities:
        found, error = _emissions(municipality, inventories.get(municipality.pk), factors)
        emissions[str(municipality.pk)] = found or _unknown_emissions(factors)
        municipality_errors[municipality.pk] = error
    balance = impact.partnership_balance(
        [
            impact.BalanceMeasure(
                name=f"measure-{line.measure.pk}",
                status=line.balance_status,
                municipality=str(line.impact_row.municipality_id),
                impact=line.result,
            )
            for line in measure_lines
            if line.result is not None
        ],
        [line.result for line in trip_lines if line.result is not None],
        emissions,
    )
    shares = {share.municipality: share for share in balance.municipalities}
    municipality_lines = [
        MunicipalityLine(
            municipality=m,
            inventory=inventories.get(m.pk),
            emissions=None if municipality_errors[m.pk] else emissions[str(m.pk)],
            share=None if municipality_errors[m.pk] else shares.get(str(m.pk)),
            error=municipality_errors[m.pk],
        )
        for m in municipalities
    ]
    labels = dict(MeasureStatus.choices)
    by_status = [
        StatusRow(
            status=status,
            label=str(labels[status]),
            reduction=impact.sum_reductions(
                line.result for line in measure_lines
                if line.result is not None and line.measure.status == status
            ),
            counts_as_planned=status in PLANNED_STATUSES,
            counts_as_achieved=status in ACHIEVED_STATUSES,
        )
        for status in MeasureStatus.values
        if any(line.measure.status == status for line in measure_lines)
    ]
    used = [
        *((line.label, line.result.factors_used, line.measure)
          for line in measure_lines if line.result),
        *((line.label, line.result.factors_used, line.leg.event)
          for line in trip_lines if line.result),
        *((line.municipality.name, line.emissions.factors_used, line.municipality)
          for line in municipality_lines if line.emissions),
    ]
    money = None
    if with_money:
        money = money_report(
            money_lines_of(measures),
            partner_currencies=[m.currency for m in municipalities],
            measures={m.pk: m for m in measures},
            today=today,
        )
    return ImpactReport(
        partnership=partnership,
        scope="all" if include_unpublished else "published",
        today=today,
        programme=programme,
        factor_set_version=factors.version,
        balance=balance,
        by_status=by_status,
        measures=measure_lines,
        measures_without_impact=without,
        trips=trip_lines,
        municipalities=municipality_lines,
        factors=_factor_lines(used),
        money=money,
        issues=overrides.issues,
        counted_measures=measures,
    )

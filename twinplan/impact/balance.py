"""The partnership's impact balance: what its measures remove, what its travel emits.

- Annual reduction of the measures, per status; *planned* counts every measure that
  is planned, in progress or implemented, *achieved* only the implemented ones.
- Travel emitted: the sum of the trips' footprints.
- Net: lifetime reduction minus travel (achieved and planned).
- Share of each municipality's emissions removed by the measures taking effect there.
- Years of operation of the measures needed to offset the travel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from twinplan.impact import _validate as check
from twinplan.impact.errors import InvalidParameterError
from twinplan.impact.measures import MeasureImpact
from twinplan.impact.municipal import MunicipalEmissions
from twinplan.impact.travel import TripFootprint


class MeasureStatus(StrEnum):
    """Where a measure stands."""

    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    CANCELLED = "cancelled"


PLANNED_STATUSES = frozenset(
    {MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS, MeasureStatus.IMPLEMENTED}
)
ACHIEVED_STATUSES = frozenset({MeasureStatus.IMPLEMENTED})


@dataclass(frozen=True, slots=True)
class BalanceMeasure:
    """A measure in the balance: its status, where it takes effect, its impact."""

    name: str
    status: str
    municipality: str
    impact: MeasureImpact

    def __post_init__(self) -> None:
        check.text("name", self.name)
        check.choice("status", self.status, [s.value for s in MeasureStatus])
        check.text("municipality", self.municipality)


@dataclass(frozen=True, slots=True)
class Reduction:
    """An annual reduction with its range and lifetime total (t CO2e)."""

    t_per_year: float
    t_per_year_low: float
    t_per_year_high: float
    t_lifetime: float
    people_reached: int


@dataclass(frozen=True, slots=True)
class MunicipalShare:
    """How much of one municipality's emissions the measures there remove."""

    municipality: str
    emissions_t_per_year: float
    emissions_is_estimate: bool
    planned: Reduction
    achieved: Reduction
    share_planned: float | None
    share_achieved: float | None


@dataclass(frozen=True, slots=True)
class PartnershipBalance:
    """The whole balance; ``factor_set_versions`` lists every version that went in."""

    by_status: Mapping[MeasureStatus, Reduction]
    planned: Reduction
    achieved: Reduction
    travel_co2e_t: float
    net_planned_t_lifetime: float
    net_achieved_t_lifetime: float
    years_to_offset_travel_planned: float | None
    years_to_offset_travel_achieved: float | None
    municipalities: tuple[MunicipalShare, ...]
    factor_set_versions: tuple[str, ...]


def sum_reductions(impacts: Iterable[MeasureImpact]) -> Reduction:
    """Add impacts up; a missing low/high counts as the central value."""
    central = low = high = lifetime = 0.0
    people = 0
    for impact in impacts:
        people += impact.people_reached or 0
        if impact.co2e_t_per_year is None:
            continue
        value = impact.co2e_t_per_year
        central += value
        low += value if impact.co2e_t_per_year_low is None else impact.co2e_t_per_year_low
        high += value if impact.co2e_t_per_year_high is None else impact.co2e_t_per_year_high
        lifetime += impact.co2e_t_lifetime or 0.0
    return Reduction(central, low, high, lifetime, people)


def _years_to_offset(travel_t: float, reduction: Reduction) -> float | None:
    if reduction.t_per_year <= 0:
        return None
    return travel_t / reduction.t_per_year


def _share(reduction: Reduction, emissions_t: float) -> float | None:
    return reduction.t_per_year / emissions_t if emissions_t > 0 else None


def partnership_balance(
    measures: Sequence[BalanceMeasure],
    trips: Sequence[TripFootprint],
    municipal_emissions: Mapping[str, MunicipalEmissions],
) -> PartnershipBalance:
    """Balance the measures against the travel and the municipalities' emissions.

    ``municipal_emissions`` maps each municipality's key (as used in
    :attr:`BalanceMeasure.municipality`) to its emissions.
    """
    for measure in measures:
        if measure.municipality not in municipal_emissions:
            raise InvalidParameterError(
                "municipality", measure.municipality, "has no emissions in the balance"
            )
    by_status = {
        status: sum_reductions(m.impact for m in measures if m.status == status)
        for status in MeasureStatus
    }
    planned = sum_reductions(m.impact for m in measures if m.status in PLANNED_STATUSES)
    achieved = sum_reductions(m.impact for m in measures if m.status in ACHIEVED_STATUSES)
    travel_t = sum(trip.co2e_t for trip in trips)
    shares = []
    for key, emissions in municipal_emissions.items():
        here = [m for m in measures if m.municipality == key]
        local_planned = sum_reductions(m.impact for m in here if m.status in PLANNED_STATUSES)
        local_achieved = sum_reductions(m.impact for m in here if m.status in ACHIEVED_STATUSES)
        shares.append(
            MunicipalShare(
                municipality=key,
                emissions_t_per_year=emissions.co2e_t_per_year,
                emissions_is_estimate=emissions.is_estimate,
                planned=local_planned,
                achieved=local_achieved,
                share_planned=_share(local_planned, emissions.co2e_t_per_year),
                share_achieved=_share(local_achieved, emissions.co2e_t_per_year),
            )
        )
    versions = {m.impact.factor_set_version for m in measures}
    versions |= {t.factor_set_version for t in trips}
    versions |= {e.factor_set_version for e in municipal_emissions.values()}
    return PartnershipBalance(
        by_status=by_status,
        planned=planned,
        achieved=achieved,
        travel_co2e_t=travel_t,
        net_planned_t_lifetime=planned.t_lifetime - travel_t,
        net_achieved_t_lifetime=achieved.t_lifetime - travel_t,
        years_to_offset_travel_planned=_years_to_offset(travel_t, planned),
        years_to_offset_travel_achieved=_years_to_offset(travel_t, achieved),
        municipalities=tuple(shares),
        factor_set_versions=tuple(sorted(versions)),
    )

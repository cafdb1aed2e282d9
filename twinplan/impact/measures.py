"""Measure impact types: typed, validated parameters and the result they give.

Each parameter class validates itself when built, so an invalid measure cannot
exist: a negative quantity, a number given as text, an unknown unit or a lifetime
of 500 years raise an :class:`~twinplan.impact.errors.ImpactError` naming the
parameter. Fuels, modes and species groups are checked against the factor set when
:func:`~twinplan.impact.estimate.estimate` runs, since a partnership may add its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from twinplan.impact import _validate as check
from twinplan.impact.errors import InvalidParameterError, UnitError
from twinplan.impact.factors import Factor


class ImpactType(StrEnum):
    """The kinds of measure whose impact twinplan can estimate."""

    PHOTOVOLTAIC = "photovoltaic"
    ELECTRICITY_SAVED = "electricity_saved"
    HEAT_SAVED = "heat_saved"
    FUEL_SWITCH = "fuel_switch"
    TRANSPORT_SHIFT = "transport_shift"
    TREES_PLANTED = "trees_planted"
    USER_FIGURE = "user_figure"
    AWARENESS = "awareness"


#: Units in which a transport shift may be given: passenger-km or vehicle-km.
TRANSPORT_KM_UNITS = ("pkm", "vkm")


@dataclass(frozen=True, slots=True)
class PhotovoltaicParams:
    """A PV system displacing grid electricity in ``country_iso3``.

    The specific yield is taken, in this order, from ``specific_yield_kwh_per_kwp_year``,
    the country default ``pv.yield.<ISO3>``, or the latitude-band default (needs
    ``latitude_deg``). The lifetime defaults to ``pv.lifetime_years``.
    """

    capacity_kwp: float
    country_iso3: str
    specific_yield_kwh_per_kwp_year: float | None = None
    latitude_deg: float | None = None
    lifetime_years: float | None = None

    def __post_init__(self) -> None:
        check.positive("capacity_kwp", self.capacity_kwp)
        check.iso3("country_iso3", self.country_iso3)
        if self.specific_yield_kwh_per_kwp_year is not None:
            check.positive("specific_yield_kwh_per_kwp_year", self.specific_yield_kwh_per_kwp_year)
        if self.latitude_deg is not None:
            check.latitude("latitude_deg", self.latitude_deg)
        check.optional_lifetime("lifetime_years", self.lifetime_years)


@dataclass(frozen=True, slots=True)
class ElectricitySavedParams:
    """Grid electricity no longer drawn in ``country_iso3`` (e.g. LED street lighting)."""

    electricity_saved_kwh_per_year: float
    country_iso3: str
    lifetime_years: float

    def __post_init__(self) -> None:
        check.non_negative("electricity_saved_kwh_per_year", self.electricity_saved_kwh_per_year)
        check.iso3("country_iso3", self.country_iso3)
        check.lifetime("lifetime_years", self.lifetime_years)


@dataclass(frozen=True, slots=True)
class HeatSavedParams:
    """Final energy for heating no longer burnt (e.g. insulation of a school).

    ``heat_saved_kwh_per_year`` is the fuel input saved (net calorific value), not the
    useful heat. ``fuel`` is a key under ``fuel.`` in the factor set, or
    ``"electricity"`` (then ``country_iso3`` is required).
    """

    heat_saved_kwh_per_year: float
    fuel: str
    lifetime_years: float
    country_iso3: str | None = None

    def __post_init__(self) -> None:
        check.non_negative("heat_saved_kwh_per_year", self.heat_saved_kwh_per_year)
        check.text("fuel", self.fuel)
        check.lifetime("lifetime_years", self.lifetime_years)
        _check_country_for_electricity("country_iso3", self.country_iso3, (self.fuel,))


@dataclass(frozen=True, slots=True)
class FuelSwitchParams:
    """Energy supplied by ``to_fuel`` instead of ``from_fuel``.

    ``to_energy_kwh_per_year`` is the energy of the new fuel when it differs, e.g. the
    electricity a heat pump needs to replace ``energy_kwh_per_year`` of heating oil.
    """

    energy_kwh_per_year: float
    from_fuel: str
    to_fuel: str
    lifetime_years: float
    to_energy_kwh_per_year: float | None = None
    country_iso3: str | None = None

    def __post_init__(self) -> None:
        check.non_negative("energy_kwh_per_year", self.energy_kwh_per_year)
        check.text("from_fuel", self.from_fuel)
        check.text("to_fuel", self.to_fuel)
        if self.from_fuel == self.to_fuel:
            raise InvalidParameterError("to_fuel", self.to_fuel, "must differ from from_fuel")
        if self.to_energy_kwh_per_year is not None:
            check.non_negative("to_energy_kwh_per_year", self.to_energy_kwh_per_year)
        check.lifetime("lifetime_years", self.lifetime_years)
        fuels = (self.from_fuel, self.to_fuel)
        _check_country_for_electricity("country_iso3", self.country_iso3, fuels)


@dataclass(frozen=True, slots=True)
class TransportShiftParams:
    """Travel moved from one mode to another, in passenger-km or vehicle-km per year.

    Modes are keys under ``transport.`` (``car``, ``bus``, ``coach``, ``rail``,
    ``tram``, ``bicycle``, ``walking``) or ``flight_short_haul`` / ``_medium_haul`` /
    ``_long_haul``. Vehicle-km (``"vkm"``) can only be shifted away from ``car``.
    """

    shifted_km_per_year: float
    km_unit: str
    from_mode: str
    to_mode: str
    lifetime_years: float

    def __post_init__(self) -> None:
        check.non_negative("shifted_km_per_year", self.shifted_km_per_year)
        if self.km_unit not in TRANSPORT_KM_UNITS:
            raise UnitError("shifted_km_per_year", str(self.km_unit), "use 'pkm' or 'vkm'")
        check.text("from_mode", self.from_mode)
        check.text("to_mode", self.to_mode)
        if self.from_mode == self.to_mode:
            raise InvalidParameterError("to_mode", self.to_mode, "must differ from from_mode")
        check.lifetime("lifetime_years", self.lifetime_years)


@dataclass(frozen=True, slots=True)
class TreesPlantedParams:
    """Trees planted; uptake per tree from ``tree.uptake.<species_group>``."""

    tree_count: int
    lifetime_years: float
    species_group: str | None = None
    survival_share: float = 1.0

    def __post_init__(self) -> None:
        check.whole_non_negative("tree_count", self.tree_count)
        check.lifetime("lifetime_years", self.lifetime_years)
        if self.species_group is not None:
            check.text("species_group", self.species_group)
        check.share("survival_share", self.survival_share)


@dataclass(frozen=True, slots=True)
class UserFigureParams:
    """A reduction the partnership states itself, with the source it comes from."""

    co2e_t_per_year: float
    source: str
    source_year: int
    lifetime_years: float
    co2e_t_per_year_low: float | None = None
    co2e_t_per_year_high: float | None = None

    def __post_init__(self) -> None:
        value = check.non_negative("co2e_t_per_year", self.co2e_t_per_year)
        check.text("source", self.source)
        check.whole_non_negative("source_year", self.source_year)
        check.lifetime("lifetime_years", self.lifetime_years)
        if self.co2e_t_per_year_low is not None:
            check.at_most("co2e_t_per_year_low", self.co2e_t_per_year_low, value, "co2e_t_per_year")
        if self.co2e_t_per_year_high is not None:
            check.at_least(
                "co2e_t_per_year_high", self.co2e_t_per_year_high, value, "co2e_t_per_year"
            )


@dataclass(frozen=True, slots=True)
class AwarenessParams:
    """Awareness or education: reports the people reached, never tonnes."""

    people_reached: int

    def __post_init__(self) -> None:
        check.whole_non_negative("people_reached", self.people_reached)


MeasureParams = (
    PhotovoltaicParams
    | ElectricitySavedParams
    | HeatSavedParams
    | FuelSwitchParams
    | TransportShiftParams
    | TreesPlantedParams
    | UserFigureParams
    | AwarenessParams
)


@dataclass(frozen=True, slots=True)
class MeasureImpact:
    """The estimated effect of one measure, with every factor it used.

    Tonnes are ``None`` for awareness measures. Low/high are ``None`` when none of the
    factors used has a range. ``explanation`` spells out the arithmetic for the page.
    """

    impact_type: ImpactType
    co2e_t_per_year: float | None
    co2e_t_per_year_low: float | None
    co2e_t_per_year_high: float | None
    lifetime_years: float | None
    co2e_t_lifetime: float | None
    co2e_t_lifetime_low: float | None
    co2e_t_lifetime_high: float | None
    people_reached: int | None
    energy_saved_kwh_per_year: float | None
    renewable_energy_kwh_per_year: float | None
    factors_used: tuple[Factor, ...]
    factor_set_version: str
    explanation: str


def _check_country_for_electricity(
    name: str, country_iso3: str | None, fuels: tuple[str, ...]
) -> None:
    if country_iso3 is not None:
        check.iso3(name, country_iso3)
    elif "electricity" in fuels:
        raise InvalidParameterError(
            name, country_iso3, "is required when a fuel is 'electricity' (grid intensity)"
        )

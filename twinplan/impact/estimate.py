"""Estimate a measure's emission reduction from its parameters and a factor set.

All reductions are in t CO2e per year; the lifetime total is the annual figure times
the lifetime (no degradation, no discounting). A measure that would *increase*
emissions at the central factors (e.g. a switch from gas to lignite) is refused: a
partnership that wants to record one states it as a user-given figure.
"""

from __future__ import annotations

from twinplan.impact.errors import InvalidParameterError, UnknownChoiceError
from twinplan.impact.factors import Factor, FactorSet, default_factor_set
from twinplan.impact.measures import (
    AwarenessParams,
    ElectricitySavedParams,
    FuelSwitchParams,
    HeatSavedParams,
    ImpactType,
    MeasureImpact,
    MeasureParams,
    PhotovoltaicParams,
    TransportShiftParams,
    TreesPlantedParams,
    UserFigureParams,
)
from twinplan.impact.units import parse_emission_unit

T_PER_KWH = "t CO2e/kWh"
T_PER_PKM = "t CO2e/pkm"
T_PER_VKM = "t CO2e/vkm"

#: Upper edges (absolute latitude, degrees) of the PV yield bands in ``pv.json``.
PV_LATITUDE_BANDS = (
    (15.0, "lat_00_15"),
    (30.0, "lat_15_30"),
    (45.0, "lat_30_45"),
    (55.0, "lat_45_55"),
    (65.0, "lat_55_65"),
    (90.0, "lat_65_90"),
)

#: Flight modes for transport shifts; a shift uses the with-RF factor.
FLIGHT_MODES = {
    "flight_short_haul": "flight.short_haul.with_rf",
    "flight_medium_haul": "flight.medium_haul.with_rf",
    "flight_long_haul": "flight.long_haul.with_rf",
}


def estimate(params: MeasureParams, factors: FactorSet | None = None) -> MeasureImpact:
    """The impact of one measure; ``factors`` defaults to the shipped factor set."""
    fs = default_factor_set() if factors is None else factors
    if isinstance(params, PhotovoltaicParams):
        return _photovoltaic(params, fs)
    if isinstance(params, ElectricitySavedParams):
        return _electricity_saved(params, fs)
    if isinstance(params, HeatSavedParams):
        return _heat_saved(params, fs)
    if isinstance(params, FuelSwitchParams):
        return _fuel_switch(params, fs)
    if isinstance(params, TransportShiftParams):
        return _transport_shift(params, fs)
    if isinstance(params, TreesPlantedParams):
        return _trees_planted(params, fs)
    if isinstance(params, UserFigureParams):
        return _user_figure(params, fs)
    if isinstance(params, AwarenessParams):
        return _awareness(params, fs)
    raise InvalidParameterError("params", params, "is not a measure parameter object")


def grid_factor(fs: FactorSet, country_iso3: str) -> Factor:
    """The grid intensity of ``country_iso3`` (key ``electricity.grid.<ISO3>``)."""
    return fs.get(
        f"electricity.grid.{country_iso3}",
        hint="override this key with the country's grid intensity and its source",
    )


def energy_factor(fs: FactorSet, parameter: str, fuel: str, country_iso3: str | None) -> Factor:
    """The factor for a fuel name: ``fuel.<name>``, or the grid for ``"electricity"``."""
    if fuel == "electricity":
        if country_iso3 is None:
            raise InvalidParameterError("country_iso3", None, "is required for electricity")
        return grid_factor(fs, country_iso3)
    factor = fs.find(f"fuel.{fuel}")
    if factor is None:
        known = [key.removeprefix("fuel.") for key in fs.keys_under("fuel.")]
        raise UnknownChoiceError(parameter, fuel, [*known, "electricity"])
    return factor


def _result(
    kind: ImpactType,
    fs: FactorSet,
    used: list[Factor],
    central_low_high: tuple[float, float, float],
    lifetime_years: float,
    explanation: str,
    *,
    energy_saved_kwh_per_year: float | None = None,
    renewable_energy_kwh_per_year: float | None = None,
) -> MeasureImpact:
    central, low, high = central_low_high
    low, high = min(low, high), max(low, high)
    unique = tuple(dict.fromkeys(used))
    has_range = any(f.low is not None or f.high is not None for f in unique)
    return MeasureImpact(
        impact_type=kind,
        co2e_t_per_year=central,
        co2e_t_per_year_low=low if has_range else None,
        co2e_t_per_year_high=high if has_range else None,
        lifetime_years=lifetime_years,
        co2e_t_lifetime=central * lifetime_years,
        co2e_t_lifetime_low=low * lifetime_years if has_range else None,
        co2e_t_lifetime_high=high * lifetime_years if has_range else None,
        people_reached=None,
        energy_saved_kwh_per_year=energy_saved_kwh_per_year,
        renewable_energy_kwh_per_year=renewable_energy_kwh_per_year,
        factors_used=unique,
        factor_set_version=fs.version,
        explanation=f"{explanation} = {central:.4g} t CO2e/a",
    )


def _pv_yield_factor(p: PhotovoltaicParams, fs: FactorSet) -> Factor:
    country = fs.find(f"pv.yield.{p.country_iso3}")
    if country is not None:
        return country
    if p.latitude_deg is None:
        raise InvalidParameterError(
            "specific_yield_kwh_per_kwp_year",
            None,
            f"no default yield for {p.country_iso3}: give the yield or latitude_deg",
        )
    latitude = abs(p.latitude_deg)
    band = next(name for edge, name in PV_LATITUDE_BANDS if latitude < edge or edge == 90.0)
    return fs.get(f"pv.yield.{band}")


def _photovoltaic(p: PhotovoltaicParams, fs: FactorSet) -> MeasureImpact:
    grid = grid_factor(fs, p.country_iso3)
    used = [grid]
    if p.specific_yield_kwh_per_kwp_year is not None:
        y = y_low = y_high = p.specific_yield_kwh_per_kwp_year
    else:
        yield_factor = _pv_yield_factor(p, fs)
        used.insert(0, yield_factor)
        unit = "kWh/kWp/a"
        y = yield_factor.value_in(unit)
        y_low, y_high = yield_factor.low_in(unit), yield_factor.high_in(unit)
    lifetime = p.lifetime_years
    if lifetime is None:
        lifetime_factor = fs.get("pv.lifetime_years")
        used.append(lifetime_factor)
        lifetime = lifetime_factor.value_in("a")
    kwh = p.capacity_kwp * y
    figures = (
        kwh * grid.value_in(T_PER_KWH),
        p.capacity_kwp * y_low * grid.low_in(T_PER_KWH),
        p.capacity_kwp * y_high * grid.high_in(T_PER_KWH),
    )
    text = f"{p.capacity_kwp:g} kWp x {y:g} kWh/kWp/a x {grid.value:g} {grid.unit}"
    return _result(
        ImpactType.PHOTOVOLTAIC, fs, used, figures, lifetime, text,
        renewable_energy_kwh_per_year=kwh,
    )  # fmt: skip


def _electricity_saved(p: ElectricitySavedParams, fs: FactorSet) -> MeasureImpact:
    grid = grid_factor(fs, p.country_iso3)
    kwh = p.electricity_saved_kwh_per_year
    figures = (
        kwh * grid.value_in(T_PER_KWH),
        kwh * grid.low_in(T_PER_KWH),
        kwh * grid.high_in(T_PER_KWH),
    )
    text = f"{kwh:g} kWh/a x {grid.value:g} {grid.unit}"
    return _result(
        ImpactType.ELECTRICITY_SAVED, fs, [grid], figures, p.lifetime_years, text,
        energy_saved_kwh_per_year=kwh,
    )  # fmt: skip


def _heat_saved(p: HeatSavedParams, fs: FactorSet) -> MeasureImpact:
    fuel = energy_factor(fs, "fuel", p.fuel, p.country_iso3)
    kwh = p.heat_saved_kwh_per_year
    figures = (
        kwh * fuel.value_in(T_PER_KWH),
        kwh * fuel.low_in(T_PER_KWH),
        kwh * fuel.high_in(T_PER_KWH),
    )
    text = f"{kwh:g} kWh/a of {p.fuel} x {fuel.value:g} {fuel.unit}"
    return _result(
        ImpactType.HEAT_SAVED, fs, [fuel], figures, p.lifetime_years, text,
        energy_saved_kwh_per_year=kwh,
    )  # fmt: skip


def _fuel_switch(p: FuelSwitchParams, fs: FactorSet) -> MeasureImpact:
    old = energy_factor(fs, "from_fuel", p.from_fuel, p.country_iso3)
    new = energy_factor(fs, "to_fuel", p.to_fuel, p.country_iso3)
    kwh_old = p.energy_kwh_per_year
    kwh_new = kwh_old if p.to_energy_kwh_per_year is None else p.to_energy_kwh_per_year
    central = kwh_old * old.value_in(T_PER_KWH) - kwh_new * new.value_in(T_PER_KWH)
    if central < 0:
        raise InvalidParameterError(
            "to_fuel",
            p.to_fuel,
            f"switching from {p.from_fuel} would increase emissions by {-central:.4g} t CO2e/a; "
            "record such a case as a user-given figure",
        )
    low = kwh_old * old.low_in(T_PER_KWH) - kwh_new * new.high_in(T_PER_KWH)
    high = kwh_old * old.high_in(T_PER_KWH) - kwh_new * new.low_in(T_PER_KWH)
    text = (
        f"{kwh_old:g} kWh/a x {old.value:g} {old.unit} ({p.from_fuel}) - "
        f"{kwh_new:g} kWh/a x {new.value:g} {new.unit} ({p.to_fuel})"
    )
    return _result(
        ImpactType.FUEL_SWITCH, fs, [old, new], (central, low, high), p.lifetime_years, text
    )


def _mode_factor(fs: FactorSet, parameter: str, mode: str) -> Factor:
    key = FLIGHT_MODES.get(mode) or (f"transport.{mode}" if "." not in mode else "")
    factor = fs.find(key)
    if factor is None:
        known = [k.removeprefix("transport.") for k in fs.keys_under("transport.")]
        modes = [m for m in known if "." not in m] + list(FLIGHT_MODES)
        raise UnknownChoiceError(parameter, mode, modes)
    return factor


def _per_vehicle(factor: Factor) -> bool:
    unit = parse_emission_unit(factor.unit)
    return unit is not None and unit.denominator == ("vkm",)


def _per_pkm(factor: Factor, occupancy: float | None) -> tuple[float, float, float]:
    """Central, low and high t CO2e per passenger-km (a per-vehicle factor / occupancy)."""
    unit, divisor = T_PER_PKM, 1.0
    if _per_vehicle(factor):
        if occupancy is None:
            raise InvalidParameterError(
                "occupancy", occupancy, "is needed for a per-vehicle factor"
            )
        unit, divisor = T_PER_VKM, occupancy
    return (
        factor.value_in(unit) / divisor,
        factor.low_in(unit) / divisor,
        factor.high_in(unit) / divisor,
    )


def _transport_shift(p: TransportShiftParams, fs: FactorSet) -> MeasureImpact:
    old = _mode_factor(fs, "from_mode", p.from_mode)
    new = _mode_factor(fs, "to_mode", p.to_mode)
    used = [old, new]
    occupancy: float | None = None
    if _per_vehicle(old) or _per_vehicle(new):
        occupancy_factor = fs.get("transport.car.occupancy")
        used.append(occupancy_factor)
        occupancy = occupancy_factor.value_in("persons/vehicle")
    pkm = p.shifted_km_per_year
    if p.km_unit == "vkm":
        if not _per_vehicle(old) or occupancy is None:
            raise InvalidParameterError(
                "km_unit", p.km_unit, f"give passenger-km (pkm) for a shift away from {p.from_mode}"
            )
        pkm = p.shifted_km_per_year * occupancy
    old_pkm, new_pkm = _per_pkm(old, occupancy), _per_pkm(new, occupancy)
    central = pkm * (old_pkm[0] - new_pkm[0])
    if central < 0:
        raise InvalidParameterError(
            "to_mode",
            p.to_mode,
            f"a shift from {p.from_mode} would increase emissions by {-central:.4g} t CO2e/a",
        )
    low = pkm * (old_pkm[1] - new_pkm[2])
    high = pkm * (old_pkm[2] - new_pkm[1])
    text = (
        f"{pkm:g} pkm/a x ({old_pkm[0] * 1000:g} kg CO2e/pkm {p.from_mode} - "
        f"{new_pkm[0] * 1000:g} kg CO2e/pkm {p.to_mode})"
    )
    if p.km_unit == "vkm":
        text = f"{p.shifted_km_per_year:g} vkm/a x {occupancy:g} persons/vehicle = {text}"
    return _result(
        ImpactType.TRANSPORT_SHIFT, fs, used, (central, low, high), p.lifetime_years, text
    )


def _trees_planted(p: TreesPlantedParams, fs: FactorSet) -> MeasureImpact:
    group = p.species_group or "default"
    uptake = fs.find(f"tree.uptake.{group}")
    if uptake is None:
        known = [k.removeprefix("tree.uptake.") for k in fs.keys_under("tree.uptake.")]
        raise UnknownChoiceError("species_group", group, known)
    trees = p.tree_count * p.survival_share
    unit = "t CO2e/tree/a"
    figures = (
        trees * uptake.value_in(unit),
        trees * uptake.low_in(unit),
        trees * uptake.high_in(unit),
    )
    text = f"{p.tree_count} trees x {p.survival_share:g} surviving x {uptake.value:g} {uptake.unit}"
    return _result(ImpactType.TREES_PLANTED, fs, [uptake], figures, p.lifetime_years, text)


def _user_figure(p: UserFigureParams, fs: FactorSet) -> MeasureImpact:
    given = Factor(
        key="user.co2e_t_per_year",
        value=p.co2e_t_per_year,
        unit="t CO2e/a",
        source=p.source,
        edition_year=p.source_year,
        licence="as stated by the partnership",
        verified=False,
        low=p.co2e_t_per_year_low,
        high=p.co2e_t_per_year_high,
        note="figure given by the partnership",
    )
    figures = (given.value, given.low_in(given.unit), given.high_in(given.unit))
    text = f"given: {p.co2e_t_per_year:g} t CO2e/a ({p.source})"
    return _result(ImpactType.USER_FIGURE, fs, [given], figures, p.lifetime_years, text)


def _awareness(p: AwarenessParams, fs: FactorSet) -> MeasureImpact:
    return MeasureImpact(
        impact_type=ImpactType.AWARENESS,
        co2e_t_per_year=None,
        co2e_t_per_year_low=None,
        co2e_t_per_year_high=None,
        lifetime_years=None,
        co2e_t_lifetime=None,
        co2e_t_lifetime_low=None,
        co2e_t_lifetime_high=None,
        people_reached=p.people_reached,
        energy_saved_kwh_per_year=None,
        renewable_energy_kwh_per_year=None,
        factors_used=(),
        factor_set_version=fs.version,
        explanation=f"{p.people_reached} people reached; awareness is not counted in tonnes",
    )

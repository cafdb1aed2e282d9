"""The footprint of the partnership's own travel (delegation trips, conferences).

Conventions, also stated in ``data/transport.json``:

- Distance is the geodesic (WGS-84) distance between the two places. Ground modes may
  give the real route distance instead (``route_distance_km``).
- Flights are banded by that distance: short haul below ``flight.band.short_max_km``
  (1,500 km), medium haul up to ``flight.band.medium_max_km`` (3,700 km), long haul
  above. The factors are the BEIS/DESNZ "average passenger" factors (Domestic,
  Short-haul and Long-haul respectively).
- Detour uplift: the DESNZ flight factors already include DESNZ's 8% uplift on the
  great-circle distance, so twinplan applies them to the geodesic distance and adds
  no further uplift (and refuses a route distance for flights).
- Radiative forcing: by default the DESNZ factor *with* RF (non-CO2 effects of
  aviation at altitude) is used; ``radiative_forcing=False`` uses the factor without.
  The result records which.
- Car: emissions per vehicle-km times the number of cars; by default one car per
  ``CAR_SEATS_USED`` travellers (a twinplan convention, not a sourced factor).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from twinplan.impact import _validate as check
from twinplan.impact.errors import InvalidParameterError
from twinplan.impact.factors import Factor, FactorSet, default_factor_set
from twinplan.impact.geo import Coordinates, geodesic_distance_km

#: Travellers per car when the number of cars is not given.
CAR_SEATS_USED = 4


class TravelMode(StrEnum):
    """How the delegation travels."""

    FLIGHT = "flight"
    RAIL = "rail"
    COACH = "coach"
    CAR = "car"


class FlightBand(StrEnum):
    """Distance band of a flight."""

    SHORT_HAUL = "short_haul"
    MEDIUM_HAUL = "medium_haul"
    LONG_HAUL = "long_haul"


@dataclass(frozen=True, slots=True)
class TripParams:
    """One trip of ``persons`` travellers between two places, one way or return."""

    origin: Coordinates
    destination: Coordinates
    mode: str
    persons: int
    return_trip: bool
    route_distance_km: float | None = None
    cars: int | None = None
    radiative_forcing: bool = True

    def __post_init__(self) -> None:
        check.choice("mode", self.mode, [m.value for m in TravelMode])
        if check.whole_non_negative("persons", self.persons) < 1:
            raise InvalidParameterError("persons", self.persons, "must be at least 1")
        if not isinstance(self.return_trip, bool):
            raise InvalidParameterError("return_trip", self.return_trip, "must be true or false")
        if self.route_distance_km is not None:
            check.non_negative("route_distance_km", self.route_distance_km)
            if self.mode == TravelMode.FLIGHT:
                raise InvalidParameterError(
                    "route_distance_km",
                    self.route_distance_km,
                    "flights use the geodesic distance (the factors include the 8% uplift)",
                )
        if self.cars is not None:
            if self.mode != TravelMode.CAR:
                raise InvalidParameterError("cars", self.cars, "applies only to mode 'car'")
            if check.whole_non_negative("cars", self.cars) < 1:
                raise InvalidParameterError("cars", self.cars, "must be at least 1")


@dataclass(frozen=True, slots=True)
class TripFootprint:
    """The emissions of one trip and how they were worked out."""

    mode: TravelMode
    geodesic_distance_km: float
    distance_one_way_km: float
    legs: int
    persons: int
    cars: int | None
    flight_band: FlightBand | None
    radiative_forcing: bool | None
    activity: float
    activity_unit: str
    co2e_t: float
    factors_used: tuple[Factor, ...]
    factor_set_version: str
    explanation: str


def flight_band(distance_km: float, factors: FactorSet) -> tuple[FlightBand, tuple[Factor, ...]]:
    """The band of a flight of ``distance_km`` and the boundary factors that decided it."""
    short_max = factors.get("flight.band.short_max_km")
    medium_max = factors.get("flight.band.medium_max_km")
    if distance_km < short_max.value_in("km"):
        return FlightBand.SHORT_HAUL, (short_max,)
    if distance_km <= medium_max.value_in("km"):
        return FlightBand.MEDIUM_HAUL, (short_max, medium_max)
    return FlightBand.LONG_HAUL, (medium_max,)


def trip_footprint(params: TripParams, factors: FactorSet | None = None) -> TripFootprint:
    """The footprint of one trip in t CO2e; ``factors`` defaults to the shipped set."""
    fs = default_factor_set() if factors is None else factors
    mode = TravelMode(params.mode)
    geodesic_km = geodesic_distance_km(params.origin, params.destination)
    one_way_km = geodesic_km if params.route_distance_km is None else params.route_distance_km
    legs = 2 if params.return_trip else 1
    band: FlightBand | None = None
    cars: int | None = None
    rf: bool | None = None
    if mode is TravelMode.FLIGHT:
        band, band_factors = flight_band(geodesic_km, fs)
        rf = params.radiative_forcing
        factor = fs.get(f"flight.{band.value}.{'with_rf' if rf else 'without_rf'}")
        used = (factor, *band_factors)
        activity, activity_unit = one_way_km * legs * params.persons, "pkm"
        per_unit_t = factor.value_in("t CO2e/pkm")
    elif mode is TravelMode.CAR:
        factor = fs.get("transport.car")
        used = (factor,)
        cars = params.cars or math.ceil(params.persons / CAR_SEATS_USED)
        activity, activity_unit = one_way_km * legs * cars, "vkm"
        per_unit_t = factor.value_in("t CO2e/vkm")
    else:
        factor = fs.get(f"transport.{mode.value}")
        used = (factor,)
        activity, activity_unit = one_way_km * legs * params.persons, "pkm"
        per_unit_t = factor.value_in("t CO2e/pkm")
    co2e_t = activity * per_unit_t
    explanation = (
        f"{one_way_km:,.0f} km x {legs} leg(s) x "
        f"{cars if cars is not None else params.persons} {'car(s)' if cars else 'person(s)'}"
        f" = {activity:,.0f} {activity_unit} x {factor.value:g} {factor.unit}"
        f" = {co2e_t:.4g} t CO2e"
    )
    if band is not None:
        explanation += f" ({band.value}, {'with' if rf else 'without'} radiative forcing)"
    return TripFootprint(
        mode=mode,
        geodesic_distance_km=geodesic_km,
        distance_one_way_km=one_way_km,
        legs=legs,
        persons=params.persons,
        cars=cars,
        flight_band=band,
        radiative_forcing=rf,
        activity=activity,
        activity_unit=activity_unit,
        co2e_t=co2e_t,
        factors_used=used,
        factor_set_version=fs.version,
        explanation=explanation,
    )

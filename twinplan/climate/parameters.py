"""The typed parameters of each impact type, as stored in `ImpactEstimate.parameters`.

A measure's parameters are kept as a JSON object whose keys are the field names of the
calculation package's parameter dataclasses (`twinplan.impact.PhotovoltaicParams` …), so
an error the package raises names the very key, and the form field, that is wrong. This
module lists those keys with their kind and label for forms and pages, and turns a stored
object back into the dataclass, which validates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from twinplan import impact
from twinplan.impact import ImpactType, InvalidParameterError, MeasureParams, UnknownChoiceError


class ImpactTypeChoice(models.TextChoices):
    """The impact types of `twinplan.impact.ImpactType`, with labels for people."""

    PHOTOVOLTAIC = ImpactType.PHOTOVOLTAIC.value, _("photovoltaic system")
    ELECTRICITY_SAVED = ImpactType.ELECTRICITY_SAVED.value, _("electricity saved")
    HEAT_SAVED = ImpactType.HEAT_SAVED.value, _("heat saved")
    FUEL_SWITCH = ImpactType.FUEL_SWITCH.value, _("fuel switch")
    TRANSPORT_SHIFT = ImpactType.TRANSPORT_SHIFT.value, _("transport shift")
    TREES_PLANTED = ImpactType.TREES_PLANTED.value, _("trees planted")
    USER_FIGURE = ImpactType.USER_FIGURE.value, _("figure given by the partnership")
    AWARENESS = ImpactType.AWARENESS.value, _("awareness and education (people reached)")


@dataclass(frozen=True)
class ParameterSpec:
    """One parameter: its key, Python kind, whether the calculation needs it, its label."""

    name: str
    kind: type
    required: bool
    label: Promise
    help_text: Promise | str = ""


_LIFETIME = ParameterSpec("lifetime_years", float, True, _("lifetime (years)"))
_COUNTRY = ParameterSpec(
    "country_iso3", str, True, _("country (ISO 3166-1 alpha-3)"),
    _("e.g. DEU, SRB, VNM; left empty, the country of the municipality is used"),
)
_COUNTRY_OPTIONAL = ParameterSpec(
    "country_iso3", str, False, _COUNTRY.label,
    _("needed when a fuel is “electricity” (grid intensity); left empty, the country of "
      "the municipality is used"),
)
_FUEL_HELP = _(
    "natural_gas, heating_oil, diesel, petrol, lpg, hard_coal, lignite, "
    "brown_coal_briquettes, kerosene, residual_fuel_oil, peat, wood, biogas or electricity"
)
_MODE_HELP = _(
    "car, bus, coach, rail, tram, bicycle, walking, flight_short_haul, flight_medium_haul "
    "or flight_long_haul"
)

PARAMETER_SPECS: dict[str, tuple[ParameterSpec, ...]] = {
    ImpactType.PHOTOVOLTAIC: (
        ParameterSpec("capacity_kwp", float, True, _("capacity (kWp)")),
        _COUNTRY,
        ParameterSpec(
            "specific_yield_kwh_per_kwp_year", float, False, _("specific yield (kWh/kWp/a)"),
            _("left empty, the country's default yield (or that of its latitude band) is used"),
        ),
        ParameterSpec(
            "latitude_deg", float, False, _("latitude (°)"),
            _("only needed where the country has no default yield"),
        ),
        ParameterSpec(
            "lifetime_years", float, False, _LIFETIME.label,
            _("left empty, the default PV lifetime is used"),
        ),
    ),
    ImpactType.ELECTRICITY_SAVED: (
        ParameterSpec("electricity_saved_kwh_per_year", float, True,
                      _("electricity saved (kWh/a)")),
        _COUNTRY,
        _LIFETIME,
    ),
    ImpactType.HEAT_SAVED: (
        ParameterSpec("heat_saved_kwh_per_year", float, True, _("fuel saved (kWh/a)"),
                      _("the fuel no longer burnt (net calorific value), not the useful heat")),
        ParameterSpec("fuel", str, True, _("fuel"), _FUEL_HELP),
        _LIFETIME,
        _COUNTRY_OPTIONAL,
    ),
    ImpactType.FUEL_SWITCH: (
        ParameterSpec("energy_kwh_per_year", float, True, _("energy of the old fuel (kWh/a)")),
        ParameterSpec("from_fuel", str, True, _("from fuel"), _FUEL_HELP),
        ParameterSpec("to_fuel", str, True, _("to fuel"), _FUEL_HELP),
        _LIFETIME,
        ParameterSpec(
            "to_energy_kwh_per_year", float, False, _("energy of the new fuel (kWh/a)"),
            _("when it differs, e.g. the electricity a heat pump needs"),
        ),
        _COUNTRY_OPTIONAL,
    ),
    ImpactType.TRANSPORT_SHIFT: (
        ParameterSpec("shifted_km_per_year", float, True, _("distance shifted (km/a)")),
        ParameterSpec("km_unit", str, True, _("unit of the distance"),
                      _("pkm (passenger-km) or vkm (vehicle-km, only away from car)")),
        ParameterSpec("from_mode", str, True, _("from mode"), _MODE_HELP),
        ParameterSpec("to_mode", str, True, _("to mode"), _MODE_HELP),
        _LIFETIME,
    ),
    ImpactType.TREES_PLANTED: (
        ParameterSpec("tree_count", int, True, _("trees planted")),
        _LIFETIME,
        ParameterSpec("species_group", str, False, _("species group"),
                      _("default or temperate_broadleaf")),
        ParameterSpec("survival_share", float, False, _("share surviving (0–1)"),
                      _("left empty: 1 (all trees survive)")),
    ),
    ImpactType.USER_FIGURE: (
        ParameterSpec("co2e_t_per_year", float, True, _("reduction (t CO₂e/a)")),
        ParameterSpec("source", str, True, _("source of the figure")),
        ParameterSpec("source_year", int, True, _("year of the source")),
        _LIFETIME,
        ParameterSpec("co2e_t_per_year_low", float, False, _("low end (t CO₂e/a)")),
        ParameterSpec("co2e_t_per_year_high", float, False, _("high end (t CO₂e/a)")),
    ),
    ImpactType.AWARENESS: (
        ParameterSpec("people_reached", int, True, _("people reached")),
    ),
}

PARAMETER_CLASSES: dict[str, type[Any]] = {
    ImpactType.PHOTOVOLTAIC: impact.PhotovoltaicParams,
    ImpactType.ELECTRICITY_SAVED: impact.ElectricitySavedParams,
    ImpactType.HEAT_SAVED: impact.HeatSavedParams,
    ImpactType.FUEL_SWITCH: impact.FuelSwitchParams,
    ImpactType.TRANSPORT_SHIFT: impact.TransportShiftParams,
    ImpactType.TREES_PLANTED: impact.TreesPlantedParams,
    ImpactType.USER_FIGURE: impact.UserFigureParams,
    ImpactType.AWARENESS: impact.AwarenessParams,
}


def all_parameter_specs() -> dict[str, ParameterSpec]:
    """Every parameter key of every type, once (shared keys such as lifetime_years once)."""
    found: dict[str, ParameterSpec] = {}
    for specs in PARAMETER_SPECS.values():
        for spec in specs:
            found.setdefault(spec.name, spec)
    return found


def specs_for(impact_type: str) -> tuple[ParameterSpec, ...]:
    """The parameters of one type; UnknownChoiceError for an unknown type."""
    if impact_type not in PARAMETER_SPECS:
        raise UnknownChoiceError("impact_type", impact_type, [str(k) for k in PARAMETER_SPECS])
    return PARAMETER_SPECS[impact_type]


def params_from_mapping(impact_type: str, values: Mapping[str, object]) -> MeasureParams:
    """The calculation package's parameter object for stored `values`.

    Refuses keys the type does not have and missing required ones; the dataclass itself
    refuses wrong kinds and out-of-range values (an ImpactError naming the key).
    """
    specs = specs_for(impact_type)
    names = {spec.name for spec in specs}
    for name in values:
        if name not in names:
            raise InvalidParameterError(
                name, values[name], f"is not a parameter of {impact_type}"
            )
    for spec in specs:
        if spec.required and values.get(spec.name) is None:
            raise InvalidParameterError(spec.name, None, "is required")
    kwargs = {name: value for name, value in values.items() if value is not None}
    params: MeasureParams = PARAMETER_CLASSES[impact_type](**kwargs)
    return params


def parameters_for_display(
    impact_type: str, values: Mapping[str, object]
) -> list[tuple[str, Promise, object]]:
    """(key, label, value) of the stored parameters, in the order of the type's specs."""
    specs = PARAMETER_SPECS.get(impact_type, ())
    return [(s.name, s.label, values[s.name]) for s in specs if values.get(s.name) is not None]

"""Writes of the impact inputs. Each is keyword-only, validates the
whole object (with the calculation package's rules) and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinplan import impact
from twinplan.climate.models import (
    ImpactEstimate,
    MunicipalInventory,
    PartnershipFactor,
    TravelLeg,
)
from twinplan.climate.parameters import (
    ImpactTypeChoice,
    all_parameter_specs,
    params_from_mapping,
    specs_for,
)
from twinplan.climate.rules import as_field_errors
from twinplan.climate.selectors import partnership_factor_set
from twinplan.core.services import validated_save
from twinplan.events.models import Event
from twinplan.municipalities.gazetteer import Place, country_iso3
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure

# --- measure impact --------------------------------------------------------------------


def impact_parameters_completed(
    *,
    impact_type: str,
    parameters: Mapping[str, object],
    municipality: Municipality | None,
    factors: impact.FactorSet,
) -> dict[str, object]:
    """The parameters with what the municipality tells filled in: its country where the
    type needs one (or a fuel is electricity), its latitude for a PV system in a country
    without a default yield. Empty values are dropped."""
    values = {k: v for k, v in parameters.items() if v is not None and v != ""}
    if municipality is None or impact_type not in ImpactTypeChoice.values:
        return values
    names = {spec.name: spec for spec in specs_for(impact_type)}
    fuels = {values.get("fuel"), values.get("from_fuel"), values.get("to_fuel")}
    needs_country = "country_iso3" in names and (
        names["country_iso3"].required or "electricity" in fuels
    )
    if needs_country and "country_iso3" not in values:
        iso3 = country_iso3(municipality.country)
        if iso3 is not None:
            values["country_iso3"] = iso3
    if (
        impact_type == ImpactTypeChoice.PHOTOVOLTAIC
        and "specific_yield_kwh_per_kwp_year" not in values
        and "latitude_deg" not in values
        and f"pv.yield.{values.get('country_iso3')}" not in factors
        and municipality.latitude is not None
    ):
        values["latitude_deg"] = municipality.latitude
    return values


def impact_parameters_errors(
    *, impact_type: str, parameters: Mapping[str, object], factors: impact.FactorSet
) -> dict[str, list[str]]:
    """Errors keyed by parameter name (or `impact_type`), empty when the estimate can be
    made with `factors`: the check of the calculation package itself."""
    try:
        impact.estimate(params_from_mapping(impact_type, parameters), factors)
    except impact.ImpactError as error:
        return as_field_errors(error, set(all_parameter_specs()), "impact_type")
    return {}


def _default_municipality(measure: Measure) -> Municipality | None:
    implementing = list(measure.implementing_municipalities.all())
    if len(implementing) == 1:
        return implementing[0]
    return measure.lead_municipality


@transaction.atomic
def measure_impact_set(
    *,
    measure: Measure,
    impact_type: str,
    parameters: Mapping[str, object],
    parameters_source: str,
    parameters_year: int,
    municipality: Municipality | None = None,
    note: str = "",
    is_demo_content: bool = False,
) -> ImpactEstimate:
    """Give a measure its impact type and parameters (replacing earlier ones).

    `municipality` (where the measure takes effect) defaults to the only implementing
    municipality, else the lead partner. The parameters are completed from it (country,
    latitude) and checked by the calculation package with the partnership's factors;
    a ValidationError keyed by the parameter names says what is wrong.
    """
    municipality = municipality or _default_municipality(measure)
    if municipality is None:
        raise ValidationError({"municipality": _(
            "Say in which partner municipality the measure takes effect."
        )})
    factors = partnership_factor_set(measure.programme.partnership)
    values = impact_parameters_completed(
        impact_type=impact_type, parameters=parameters, municipality=municipality,
        factors=factors,
    )
    errors = impact_parameters_errors(impact_type=impact_type, parameters=values,
                                      factors=factors)
    if errors:
        raise ValidationError(errors)
    row = ImpactEstimate.objects.filter(measure=measure).first() or ImpactEstimate(measure=measure)
    row.impact_type = impact_type
    row.parameters = values
    row.municipality = municipality
    row.parameters_source = parameters_source
    row.parameters_year = parameters_year
    row.note = note
    row.is_demo_content = is_demo_content
    return validated_save(row)


# --- travel ----------------------------------------------------------------------------


def travel_place(prefix: str, place: Place) -> dict[str, Any]:
    """The fields of a travel leg's end (`origin` or `destination`) from a gazetteer place."""
    return {
        f"{prefix}_name": place.name,
        f"{prefix}_latitude": place.latitude,
        f"{prefix}_longitude": place.longitude,
        f"{prefix}_source": place.source,
    }


def travel_leg_add(
    *,
    event: Event,
    origin_name: str,
    origin_latitude: float,
    origin_longitude: float,
    origin_source: str,
    destination_name: str,
    destination_latitude: float,
    destination_longitude: float,
    destination_source: str,
    mode: str,
    persons: int,
    source: str,
    return_trip: bool = True,
    **fields: Any,
) -> TravelLeg:
    """A trip of the event's delegation, checked by the calculation package's rules."""
    fields.setdefault("position", event.travel_legs.count())
    return validated_save(TravelLeg(
        event=event,
        origin_name=origin_name, origin_latitude=origin_latitude,
        origin_longitude=origin_longitude, origin_source=origin_source,
        destination_name=destination_name, destination_latitude=destination_latitude,
        destination_longitude=destination_longitude, destination_source=destination_source,
        mode=mode, persons=persons, return_trip=return_trip, source=source, **fields,
    ))


# --- municipal inventory and factor overrides ------------------------------------------


def municipal_inventory_add(
    *,
    municipality: Municipality,
    total_co2e_t_per_year: Decimal,
    year: int,
    method: str,
    source: str,
    **fields: Any,
) -> MunicipalInventory:
    """The municipality's own inventory for a year; it replaces the per-capita estimate."""
    return validated_save(MunicipalInventory(
        municipality=municipality, total_co2e_t_per_year=total_co2e_t_per_year, year=year,
        method=method, source=source, **fields,
    ))


def factor_override_set(
    *,
    partnership: Partnership,
    key: str,
    value: float,
    unit: str,
    source: str,
    edition_year: int,
    **fields: Any,
) -> PartnershipFactor:
    """The partnership's own value for a factor (replacing an earlier override of it)."""
    row = (
        PartnershipFactor.objects.filter(partnership=partnership, key=key).first()
        or PartnershipFactor(partnership=partnership, key=key)
    )
    row.value, row.unit, row.source, row.edition_year = value, unit, source, edition_year
    for name in ("low", "high", "licence", "url", "note"):
        setattr(row, name, fields.pop(name, getattr(row, name)))
    if fields:
        raise TypeError(f"unknown fields: {sorted(fields)}")
    return validated_save(row)

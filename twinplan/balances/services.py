"""Writes of the impact inputs and exchange rates. Each is keyword-only, validates the
whole object (with the calculation package's rules) and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan import impact
from twinplan.balances.models import (
    ExchangeRate,
    FactorOverride,
    MeasureImpact,
    MunicipalInventory,
    TravelLeg,
)
from twinplan.balances.parameters import (
    ImpactTypeChoice,
    all_parameter_specs,
    params_from_mapping,
    specs_for,
)
from twinplan.balances.rates_csv import RatesFileError, parse_rates
from twinplan.balances.rules import as_field_errors
from twinplan.balances.selectors import partnership_factor_set
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
) -> MeasureImpact:
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
    row = MeasureImpact.objects.filter(measure=measure).first() or MeasureImpact(measure=measure)
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
) -> FactorOverride:
    """The partnership's own value for a factor (replacing an earlier override of it)."""
    row = (
        FactorOverride.objects.filter(partnership=partnership, key=key).first()
        or FactorOverride(partnership=partnership, key=key)
    )
    row.value, row.unit, row.source, row.edition_year = value, unit, source, edition_year
    for name in ("low", "high", "licence", "url", "note"):
        setattr(row, name, fields.pop(name, getattr(row, name)))
    if fields:
        raise TypeError(f"unknown fields: {sorted(fields)}")
    return validated_save(row)


# --- exchange rates --------------------------------------------------------------------


def exchange_rate_add(
    *, date: date, base: str, quote: str, rate: Decimal, source: str,
    is_demo_content: bool = False,
) -> ExchangeRate:
    return validated_save(ExchangeRate(date=date, base=base, quote=quote, rate=rate,
                                       source=source, is_demo_content=is_demo_content))


@dataclass(frozen=True)
class RatesLoaded:
    file_format: str
    created: int
    changed: int
    unchanged: int


@transaction.atomic
def exchange_rates_load(
    *,
    text: str,
    file_format: str = "auto",
    source: str | None = None,
    currencies: Collection[str] | None = None,
    is_demo_content: bool = False,
    keep_existing: bool = False,
) -> RatesLoaded:
    """Load a rates file (plain CSV or the ECB's reference rates) in one transaction.

    A rate already stored for the same day and pair is updated when it differs and left
    alone when it does not, so loading a file twice changes nothing; with
    `keep_existing` it is always left alone (the demo rates never replace real ones).
    Any problem in the file raises a ValidationError listing each by line and column, and
    nothing is saved.
    """
    try:
        found, parsed = parse_rates(text, file_format=file_format, source=source,
                                    currencies=currencies)
    except RatesFileError as error:
        raise ValidationError(error.messages) from error
    if not parsed:
        return RatesLoaded(found, 0, 0, 0)
    existing = {
        (row.date, row.base, row.quote): row
        for row in ExchangeRate.objects.filter(
            date__range=(min(r.date for r in parsed), max(r.date for r in parsed)),
            base__in={r.base for r in parsed},
            quote__in={r.quote for r in parsed},
        )
    }
    new, changed = [], []
    now = timezone.now()
    for rate in parsed:
        row = existing.get((rate.date, rate.base, rate.quote))
        if row is None:
            new.append(ExchangeRate(date=rate.date, base=rate.base, quote=rate.quote,
                                    rate=rate.rate, source=rate.source,
                                    is_demo_content=is_demo_content))
        elif not keep_existing and (row.rate, row.source, row.is_demo_content) != (
            rate.rate, rate.source, is_demo_content
        ):
            row.rate, row.source, row.is_demo_content = rate.rate, rate.source, is_demo_content
            row.updated_at = now
            changed.append(row)
    ExchangeRate.objects.bulk_create(new, batch_size=500)
    ExchangeRate.objects.bulk_update(
        changed, ["rate", "source", "is_demo_content", "updated_at"], batch_size=500
    )
    return RatesLoaded(found, len(new), len(changed), len(parsed) - len(new) - len(changed))

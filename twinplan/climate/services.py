"""Writes of the impact inputs: `<noun>_create`, `<noun>_update`, `<noun>_delete` for the
impact estimate, the travel leg, the municipal inventory and the partnership factor. Each
is keyword-only, validates the whole object (with the calculation package's rules), records
`by` in the history and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict, Unpack

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
from twinplan.core.bulk import BatchRefused, object_errors, objects_insert_bulk
from twinplan.core.guards import write_allowed
from twinplan.core.writes import Author, object_change, object_insert, object_remove
from twinplan.events.models import Event
from twinplan.municipalities.gazetteer import Place, country_iso3
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership, PartnershipRole
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


def impact_default_municipality(measure: Measure) -> Municipality | None:
    """Where a measure takes effect unless its estimate says otherwise: the lead partner,
    else its only implementing town (None when neither tells)."""
    if measure.lead_municipality_id is not None:
        return measure.lead_municipality
    implementing = list(measure.implementing_municipalities.all())
    if len(implementing) == 1:
        return implementing[0]
    return None


class ImpactEstimateFields(TypedDict, total=False):
    """What the author of a measure's impact estimate writes. `parameters` are completed
    (country, latitude) and checked by the calculation package in the service."""

    impact_type: str
    parameters: Mapping[str, object]
    municipality: Municipality | None
    parameters_source: str
    parameters_year: int
    note: str
    is_demo_content: bool


def _impact_values(
    measure: Measure, fields: Mapping[str, Any], current: ImpactEstimate | None
) -> dict[str, Any]:
    """`fields` with the municipality defaulted and the parameters completed and checked
    against the partnership's factors (a ValidationError keyed by parameter otherwise)."""
    municipality = fields.get("municipality", current.municipality if current else None)
    if municipality is None:
        municipality = impact_default_municipality(measure)
    return _impact_values_checked(
        fields, current, municipality=municipality,
        is_member=municipality is not None and Municipality.objects.filter(
            pk=municipality.pk, memberships__partnership=measure.programme.partnership_id
        ).exists(),
        factors=lambda: partnership_factor_set(measure.programme.partnership),
    )


def _impact_values_checked(
    fields: Mapping[str, Any], current: ImpactEstimate | None, *,
    municipality: Municipality | None, is_member: bool,
    factors: Callable[[], impact.FactorSet],
) -> dict[str, Any]:
    """The rules of `_impact_values` with what they ask the database given (for one
    estimate or, read once, for a batch)."""
    values = dict(fields)
    if municipality is None:
        raise ValidationError({"municipality": _(
            "Say in which partner municipality the measure takes effect."
        )})
    if not is_member:
        raise ValidationError({"municipality": _(
            "Choose a member municipality of the measure's partnership."
        )})
    values["municipality"] = municipality
    impact_type = values.get("impact_type", current.impact_type if current else "")
    parameters = values.get("parameters", current.parameters if current else {})
    if not impact_type:
        return values  # the model reports the missing type at its field
    completed = impact_parameters_completed(
        impact_type=impact_type, parameters=parameters, municipality=municipality,
        factors=factors(),
    )
    errors = impact_parameters_errors(impact_type=impact_type, parameters=completed,
                                      factors=factors())
    if errors:
        raise ValidationError(errors)
    values["parameters"] = completed
    return values


def impact_estimate_create(
    *, measure: Measure, by: Author, **fields: Unpack[ImpactEstimateFields]
) -> ImpactEstimate:
    """Give a measure its impact type and parameters (a measure has one estimate).

    `municipality` (where the measure takes effect) defaults to
    `impact_default_municipality`. The parameters are completed from it (country,
    latitude) and checked by the calculation package with the partnership's factors;
    a ValidationError keyed by the parameter names says what is wrong.
    """
    if ImpactEstimate.objects.filter(measure=measure).exists():
        raise ValidationError(_(
            "This measure has an impact estimate already; change that one instead."
        ))
    values = _impact_values(measure, fields, None)
    return object_insert(ImpactEstimate(measure=measure, **values), by=by)


def impact_estimate_update(
    estimate: ImpactEstimate, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ImpactEstimateFields],
) -> ImpactEstimate:
    """Change the fields given; the parameters are completed and checked again."""
    values = _impact_values(estimate.measure, fields, estimate)
    if "municipality" not in fields and values["municipality"] == estimate.municipality:
        values.pop("municipality")
    return object_change(estimate, by=by, expected_version=expected_version, values=values)


def impact_estimate_delete(estimate: ImpactEstimate, /, *, by: Author) -> None:
    object_remove(estimate, by=by, scope=estimate.measure.programme.partnership)


@dataclass
class ImpactBatch:
    """New estimates of new measures checked by `impact_estimates_check_bulk`, not yet
    saved: `errors` by the item's position (empty: `impact_estimates_create_bulk` may
    write it)."""

    partnership: Partnership
    by: Author
    estimates: list[ImpactEstimate]
    errors: dict[int, ValidationError]


def impact_estimates_check_bulk(
    *, partnership: Partnership, by: Author,
    items: Sequence[tuple[Measure, Sequence[Municipality], Mapping[str, Any]]],
) -> ImpactBatch:
    """Check the estimates of measures of `partnership` that have none yet (new ones of
    `programmes.services.measures_check_bulk`, saved or not) by every rule of
    `impact_estimate_create`: each item is the measure, its implementing towns (for the
    default municipality) and the ImpactEstimateFields. The members and the
    partnership's factors are read once for the whole batch; nothing is written."""
    members = set(Municipality.objects.filter(memberships__partnership=partnership)
                  .values_list("pk", flat=True))
    factor_set = partnership_factor_set(partnership)
    refused: ValidationError | None = None
    try:
        write_allowed(partnership)
    except ValidationError as error:
        refused = error
    estimates: list[ImpactEstimate] = []
    errors: dict[int, ValidationError] = {}
    for index, (measure, implementing, fields) in enumerate(items):
        if refused is not None:
            errors[index] = refused
            continue
        municipality = fields.get("municipality")
        if municipality is None:
            municipality = (measure.lead_municipality if measure.lead_municipality_id
                            else implementing[0] if len(implementing) == 1 else None)
        try:
            values = _impact_values_checked(
                fields, None, municipality=municipality,
                is_member=municipality is not None and municipality.pk in members,
                factors=lambda: factor_set,
            )
        except ValidationError as error:
            errors[index] = error
            continue
        estimate = ImpactEstimate(measure=measure, **values)
        # ImpactEstimate.clean: the parameters are an object, the town a member (above).
        invalid = object_errors(estimate, exclude=["measure"], model_clean=False)
        if invalid is None and not isinstance(estimate.parameters, dict):
            invalid = ValidationError({"impact_type": _(
                "The parameters must be a JSON object."
            )})
        if invalid is not None:
            errors[index] = invalid
        estimates.append(estimate)
    return ImpactBatch(partnership=partnership, by=by, estimates=estimates, errors=errors)


def impact_estimates_create_bulk(batch: ImpactBatch, /) -> list[ImpactEstimate]:
    """Write a batch `impact_estimates_check_bulk` found valid (BatchRefused otherwise),
    its measures saved by now, with a history record each (`by` its author)."""
    if batch.errors:
        raise BatchRefused(batch.errors)
    for estimate in batch.estimates:
        estimate.measure = estimate.measure  # its key, set when the measure was saved
    return objects_insert_bulk(batch.estimates, by=batch.by, scope=batch.partnership,
                               validated=True)


def measure_impact_set(
    *, measure: Measure, by: Author, **fields: Unpack[ImpactEstimateFields]
) -> ImpactEstimate:
    """Create the measure's estimate, or change the one it has (demo data and imports)."""
    current = ImpactEstimate.objects.filter(measure=measure).first()
    if current is None:
        return impact_estimate_create(measure=measure, by=by, **fields)
    return impact_estimate_update(current, by=by, expected_version=None, **fields)


# --- travel ----------------------------------------------------------------------------


def travel_place(prefix: str, place: Place) -> dict[str, Any]:
    """The fields of a travel leg's end (`origin` or `destination`) from a gazetteer place."""
    return {
        f"{prefix}_name": place.name,
        f"{prefix}_latitude": place.latitude,
        f"{prefix}_longitude": place.longitude,
        f"{prefix}_source": place.source,
    }


class TravelLegFields(TypedDict, total=False):
    """What the author of a travel leg writes; the event is fixed when it is added."""

    origin_name: str
    origin_latitude: float
    origin_longitude: float
    origin_source: str
    destination_name: str
    destination_latitude: float
    destination_longitude: float
    destination_source: str
    mode: str
    persons: int
    return_trip: bool
    route_distance_km: float | None
    cars: int | None
    radiative_forcing: bool
    source: str
    position: int | None  # None or left out: after the event's other legs
    is_demo_content: bool


def travel_leg_create(
    *, event: Event, by: Author, **fields: Unpack[TravelLegFields]
) -> TravelLeg:
    """A trip of the event's delegation, checked by the calculation package's rules (and
    the database: coordinates on the earth, at least one traveller)."""
    if fields.get("position") is None:
        fields["position"] = event.travel_legs.count()
    return object_insert(TravelLeg(event=event, **fields), by=by)


def travel_leg_update(
    leg: TravelLeg, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[TravelLegFields],
) -> TravelLeg:
    """Change the fields given; a position left empty stays what it was."""
    if "position" in fields and fields["position"] is None:
        del fields["position"]
    return object_change(leg, by=by, expected_version=expected_version, values=fields)


def travel_leg_delete(leg: TravelLeg, /, *, by: Author) -> None:
    object_remove(leg, by=by, scope=leg.event.partnership)


# --- municipal inventory ---------------------------------------------------------------


class InventoryFields(TypedDict, total=False):
    total_co2e_t_per_year: Decimal
    year: int
    method: str
    source: str
    url: str
    is_demo_content: bool


def municipal_inventory_create(
    *, municipality: Municipality, by: Author, **fields: Unpack[InventoryFields]
) -> MunicipalInventory:
    """The municipality's own inventory for a year; it replaces the per-capita estimate.
    The total must be above zero and the year within 1950–2100 (also database rules)."""
    return object_insert(MunicipalInventory(municipality=municipality, **fields), by=by)


def municipal_inventory_update(
    inventory: MunicipalInventory, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[InventoryFields],
) -> MunicipalInventory:
    return object_change(inventory, by=by, expected_version=expected_version, values=fields)


def municipal_inventory_delete(inventory: MunicipalInventory, /, *, by: Author) -> None:
    """A town's own data goes to the town's bin."""
    object_remove(inventory, by=by, scope=inventory.municipality)


# --- partnership factors ---------------------------------------------------------------


class PartnershipFactorFields(TypedDict, total=False):
    key: str
    value: float
    unit: str
    low: float | None
    high: float | None
    source: str
    edition_year: int
    licence: str
    url: str
    note: str


def partnership_factor_create(
    *, partnership: Partnership, by: Author, **fields: Unpack[PartnershipFactorFields]
) -> PartnershipFactor:
    """The partnership's own value for a factor. The key must name a factor of the
    calculation package and the value be convertible to its unit (the model's rules, run
    by the full validation here)."""
    return object_insert(PartnershipFactor(partnership=partnership, **fields), by=by)


def partnership_factor_update(
    factor: PartnershipFactor, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[PartnershipFactorFields],
) -> PartnershipFactor:
    return object_change(factor, by=by, expected_version=expected_version, values=fields)


def partnership_factor_delete(factor: PartnershipFactor, /, *, by: Author) -> None:
    object_remove(factor, by=by, scope=factor.partnership)



# What the other town's estimate knew of its own place: filled in again for the copy's.
_PLACE_PARAMETERS = ("country_iso3", "latitude_deg")


def impact_copy_for_template(*, source: Measure, copy: Measure, by: Author,
                             **_signal: Any) -> ImpactEstimate | None:
    """The impact type and parameters of a library template for its copy (connected to
    programmes.services.measure_copied), counted for the copying partnership's first
    member town (or the one the author acts for), its place parameters (country,
    latitude) taken from that town. Nothing is copied when the source has no estimate or
    its parameters do not hold with the copying partnership's factors (the editor sets
    the impact on the copy then)."""
    estimate = ImpactEstimate.objects.filter(measure=source).first()
    if estimate is None:
        return None
    partnership_id = copy.programme.partnership_id
    members = Municipality.objects.filter(memberships__partnership=partnership_id)
    acting_for = PartnershipRole.objects.filter(
        partnership=partnership_id, user_id=by.pk if by is not None else 0,
    ).values("municipality")
    town = members.filter(pk__in=acting_for).first() or Municipality.objects.filter(
        memberships__partnership=partnership_id
    ).order_by("memberships__position", "memberships__id").first()
    if town is None:
        return None
    parameters = {key: value for key, value in estimate.parameters.items()
                  if key not in _PLACE_PARAMETERS}
    try:
        with transaction.atomic():
            return impact_estimate_create(
                measure=copy, by=by, impact_type=estimate.impact_type, parameters=parameters,
                municipality=town, parameters_source=estimate.parameters_source,
                parameters_year=estimate.parameters_year,
                is_demo_content=estimate.is_demo_content,
            )
    except ValidationError:
        return None

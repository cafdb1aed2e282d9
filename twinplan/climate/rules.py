"""The calculation package's rules, turned into per-field validation errors.

The package raises one `ImpactError` naming the parameter it refused; these helpers map
that name onto the model or form field a person typed the value into, so the message
appears next to it. They read no database.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from django.utils.translation import gettext as _

from twinplan.impact import (
    Coordinates,
    FactorOverride,
    ImpactError,
    InvalidParameterError,
    TripParams,
    UnitError,
    UnknownChoiceError,
    UnknownFactorError,
    default_factor_set,
)

Errors = dict[str, list[str]]


def impact_error_message(error: ImpactError, *, named: bool = False) -> str:
    """A message for a person: what was refused and why (the package's reason in English).

    Beside a form field the parameter goes without saying; elsewhere (`named`) the message
    starts with it.
    """
    if isinstance(error, UnknownChoiceError):
        message = _("“%(value)s” is not known; choose one of: %(known)s.") % {
            "value": error.value, "known": ", ".join(error.known),
        }
    elif isinstance(error, InvalidParameterError):
        if error.value is None and error.reason == "is required":
            message = _("Required.")
        elif error.value is None:
            message = _("Missing: %(reason)s.") % {"reason": error.reason}
        else:
            message = _("“%(value)s” is refused: %(reason)s.") % {
                "value": error.value, "reason": error.reason,
            }
    elif isinstance(error, UnknownFactorError):
        return _("The factor set has no factor “%(key)s”: %(detail)s.") % {
            "key": error.key, "detail": str(error),
        }
    else:
        return str(error)
    parameter = error_parameter(error)
    if named and parameter:
        return f"{parameter}: {message}"
    return message


def error_parameter(error: ImpactError) -> str | None:
    """The parameter an error concerns, if it names one."""
    if isinstance(error, InvalidParameterError | UnknownChoiceError | UnitError):
        return error.parameter
    if isinstance(error, UnknownFactorError):
        # A missing country factor is fixed by choosing another country (or an override).
        if error.key.startswith(("electricity.grid.", "pv.yield.")):
            return "country_iso3"
        if error.key.startswith("tree.uptake."):
            return "species_group"
    return None


class TravelLegLike(Protocol):
    """A travel leg's fields (read-only, so the model with its non-null fields fits)."""

    @property
    def origin_latitude(self) -> float | None: ...
    @property
    def origin_longitude(self) -> float | None: ...
    @property
    def destination_latitude(self) -> float | None: ...
    @property
    def destination_longitude(self) -> float | None: ...
    @property
    def mode(self) -> str: ...
    @property
    def persons(self) -> int | None: ...
    @property
    def return_trip(self) -> bool: ...
    @property
    def route_distance_km(self) -> float | None: ...
    @property
    def cars(self) -> int | None: ...
    @property
    def radiative_forcing(self) -> bool: ...


def trip_params(leg: TravelLegLike) -> TripParams:
    """The calculation package's trip for a travel leg (raises ImpactError)."""
    ends = []
    for prefix in ("origin", "destination"):
        latitude = getattr(leg, f"{prefix}_latitude")
        longitude = getattr(leg, f"{prefix}_longitude")
        if latitude is None or longitude is None:
            raise InvalidParameterError(f"{prefix}_latitude", None, "is required")
        ends.append(Coordinates(latitude, longitude))
    return TripParams(
        origin=ends[0],
        destination=ends[1],
        mode=leg.mode,
        persons=leg.persons if leg.persons is not None else 0,
        return_trip=leg.return_trip,
        route_distance_km=leg.route_distance_km,
        cars=leg.cars,
        radiative_forcing=leg.radiative_forcing,
    )


_TRIP_FIELDS = {"mode", "persons", "return_trip", "route_distance_km", "cars"}


def trip_params_errors(leg: TravelLegLike) -> Errors:
    """Per-field errors of a travel leg by the package's rules (empty when it is valid)."""
    errors: Errors = {}
    located = True
    for prefix in ("origin", "destination"):
        latitude = getattr(leg, f"{prefix}_latitude")
        longitude = getattr(leg, f"{prefix}_longitude")
        if latitude is None or longitude is None:
            return errors  # the required fields report themselves
        try:
            Coordinates(latitude, longitude)
        except InvalidParameterError as error:
            located = False
            # Out of range is reported by the fields' own validators; NaN slips past them.
            if not math.isfinite(error.value):  # type: ignore[arg-type]
                name = "latitude" if error.parameter == "latitude_deg" else "longitude"
                errors[f"{prefix}_{name}"] = [impact_error_message(error)]
    if not located or leg.persons is None or not leg.mode:
        return errors
    try:
        trip_params(leg)
    except ImpactError as error:
        field = error_parameter(error)
        errors[field if field in _TRIP_FIELDS else "mode"] = [impact_error_message(error)]
    return errors


class FactorOverrideLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def source(self) -> str: ...
    @property
    def edition_year(self) -> int | None: ...
    @property
    def licence(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def note(self) -> str: ...


def factor_override(row: FactorOverrideLike) -> FactorOverride:
    """The calculation package's override for a stored row."""
    if row.value is None or row.edition_year is None:
        raise InvalidParameterError(row.key, None, "needs a value and its edition year")
    return FactorOverride(
        key=row.key,
        value=float(row.value),
        unit=row.unit,
        source=row.source,
        edition_year=int(row.edition_year),
        low=row.low,
        high=row.high,
        url=row.url or None,
        note=row.note,
        licence=row.licence or "as stated by the partnership",
    )


def factor_override_errors(row: FactorOverrideLike) -> Errors:
    """Per-field errors of an override: unknown factor family, unit that does not convert
    to the default's, range around the value."""
    if not row.key or row.value is None or not row.unit or not row.source or not row.edition_year:
        return {}  # the required fields report themselves
    defaults = default_factor_set()
    existing = defaults.find(row.key)
    if existing is None:
        family = row.key.rsplit(".", 1)[0] + "."
        siblings = defaults.keys_under(family) if "." in row.key else ()
        if not siblings:
            families = sorted({key.rsplit(".", 1)[0] for key in defaults.factors})
            return {"key": [
                _("“%(key)s” is not a factor, nor one of a known family (%(families)s).")
                % {"key": row.key, "families": ", ".join(families)}
            ]}
        existing = defaults.get(siblings[0])
    try:
        factor = factor_override(row).to_factor()
        factor.value_in(existing.unit)
    except UnitError:
        return {"unit": [
            _("“%(unit)s” cannot be converted to %(expected)s, the unit of %(key)s.")
            % {"unit": row.unit, "expected": existing.unit, "key": existing.key}
        ]}
    except InvalidParameterError as error:
        field = error.parameter.rsplit(".", 1)[-1]
        return {field if field in ("value", "low", "high", "source") else "value": [
            impact_error_message(error)
        ]}
    return {}


def as_field_errors(error: ImpactError, known_fields: set[str], fallback: str) -> dict[str, Any]:
    """One ImpactError as {field: [message]}, on `fallback` when it names no known field."""
    field = error_parameter(error)
    if field in known_fields:
        return {field: [impact_error_message(error)]}
    return {fallback: [impact_error_message(error, named=True)]}

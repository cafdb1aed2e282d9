"""Small validators shared by the parameter dataclasses (private)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from twinplan.impact.errors import InvalidParameterError, UnknownChoiceError

_ISO3 = re.compile(r"^[A-Z]{3}$")

#: Longest lifetime accepted for a measure; anything longer is almost surely a typo.
MAX_LIFETIME_YEARS = 100.0


def number(name: str, value: object) -> float:
    """``value`` as a finite float; refuses bools, strings and NaN/inf."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidParameterError(name, value, "must be a number")
    if not math.isfinite(value):
        raise InvalidParameterError(name, value, "must be a finite number")
    return float(value)


def non_negative(name: str, value: object) -> float:
    result = number(name, value)
    if result < 0:
        raise InvalidParameterError(name, value, "must not be negative")
    return result


def positive(name: str, value: object) -> float:
    result = number(name, value)
    if result <= 0:
        raise InvalidParameterError(name, value, "must be greater than zero")
    return result


def whole_non_negative(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidParameterError(name, value, "must be a whole number")
    if value < 0:
        raise InvalidParameterError(name, value, "must not be negative")
    return value


def share(name: str, value: object) -> float:
    result = number(name, value)
    if not 0 <= result <= 1:
        raise InvalidParameterError(name, value, "must be a share between 0 and 1")
    return result


def lifetime(name: str, value: object) -> float:
    result = positive(name, value)
    if result > MAX_LIFETIME_YEARS:
        raise InvalidParameterError(name, value, f"must be at most {MAX_LIFETIME_YEARS:g} years")
    return result


def optional_lifetime(name: str, value: object) -> None:
    if value is not None:
        lifetime(name, value)


def latitude(name: str, value: object) -> float:
    result = number(name, value)
    if not -90 <= result <= 90:
        raise InvalidParameterError(name, value, "must be between -90 and 90")
    return result


def at_most(name: str, value: object, limit: float, limit_name: str) -> float:
    result = non_negative(name, value)
    if result > limit:
        raise InvalidParameterError(name, value, f"must not exceed {limit_name}")
    return result


def at_least(name: str, value: object, limit: float, limit_name: str) -> float:
    result = number(name, value)
    if result < limit:
        raise InvalidParameterError(name, value, f"must not be below {limit_name}")
    return result


def iso3(name: str, value: object) -> str:
    if not isinstance(value, str) or not _ISO3.match(value):
        raise InvalidParameterError(
            name, value, "must be an ISO 3166-1 alpha-3 code such as 'DEU', 'VNM' or 'SRB'"
        )
    return value


def text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidParameterError(name, value, "must be a non-empty text")
    return value


def choice(name: str, value: object, known: Iterable[str]) -> str:
    options = tuple(known)
    if not isinstance(value, str) or value not in options:
        raise UnknownChoiceError(name, value, options)
    return value

"""Errors raised by the calculation package.

Every error is an :class:`ImpactError`, itself a :class:`ValueError`, so a caller (a
form, a service, an API schema) can catch one family and show ``str(error)`` to the
user: the message names the parameter and the value that was refused.
"""

from __future__ import annotations

from collections.abc import Iterable


class ImpactError(ValueError):
    """Base class of every error raised by :mod:`twinplan.impact`."""


class InvalidParameterError(ImpactError):
    """A parameter is out of range, of the wrong kind, or inconsistent with another."""

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r}: {reason}")


class UnitError(ImpactError):
    """A unit is unknown, or cannot be converted into the unit a calculation needs."""

    def __init__(self, parameter: str, unit: str, reason: str) -> None:
        self.parameter = parameter
        self.unit = unit
        super().__init__(f"{parameter} unit {unit!r}: {reason}")


class UnknownFactorError(ImpactError):
    """The factor set has no factor under the requested key."""

    def __init__(self, key: str, factor_set_version: str, hint: str = "") -> None:
        self.key = key
        message = f"no factor {key!r} in factor set {factor_set_version!r}"
        if hint:
            message = f"{message}; {hint}"
        super().__init__(message)


class UnknownChoiceError(ImpactError):
    """A parameter names a fuel, mode, status, … that is not among the known ones."""

    def __init__(self, parameter: str, value: object, known: Iterable[str]) -> None:
        self.parameter = parameter
        self.value = value
        self.known = tuple(sorted(known))
        super().__init__(
            f"{parameter}={value!r} is not known; choose one of: {', '.join(self.known)}"
        )


class NoExchangeRateError(ImpactError):
    """No exchange rate on or before the date connects the two currencies."""

    def __init__(self, base: str, quote: str, on: object) -> None:
        self.base = base
        self.quote = quote
        self.on = on
        super().__init__(
            f"no exchange rate {base}->{quote} on or before {on} "
            f"(directly, inverted or through EUR); enter a rate dated on or before {on}"
        )


class FactorDataError(ImpactError):
    """A factor data file is malformed (raised when loading, never for user input)."""

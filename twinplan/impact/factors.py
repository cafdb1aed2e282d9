"""Sourced factors and versioned factor sets.

A :class:`Factor` is one number with its unit, optional low-high range, source,
edition/year, licence and whether the value was checked against its source
(``verified``). A :class:`FactorSet` is the collection a calculation uses; its
``version`` is recorded in every result. :meth:`FactorSet.with_overrides` returns a
new set in which a partnership's own values replace the defaults, each carrying the
partnership's source, and whose version says that it was overridden.

The default set is read from ``data/*.json`` (see ``data/README.md``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from twinplan.impact.errors import (
    FactorDataError,
    InvalidParameterError,
    UnknownFactorError,
)
from twinplan.impact.units import convert_factor


@dataclass(frozen=True, slots=True)
class Factor:
    """One sourced value, e.g. the grid intensity of Germany in g CO2e/kWh."""

    key: str
    value: float
    unit: str
    source: str
    edition_year: int
    licence: str
    verified: bool
    low: float | None = None
    high: float | None = None
    url: str | None = None
    note: str = ""
    is_override: bool = False

    def __post_init__(self) -> None:
        for name in ("value", "low", "high"):
            number = getattr(self, name)
            if number is not None and not math.isfinite(number):
                raise InvalidParameterError(f"{self.key}.{name}", number, "must be finite")
        if not self.source.strip():
            raise InvalidParameterError(f"{self.key}.source", self.source, "must be given")
        if self.low is not None and self.low > self.value:
            raise InvalidParameterError(f"{self.key}.low", self.low, "must not exceed value")
        if self.high is not None and self.high < self.value:
            raise InvalidParameterError(f"{self.key}.high", self.high, "must not be below value")

    def value_in(self, unit: str) -> float:
        """The value converted to ``unit`` (raises :class:`UnitError` if incompatible)."""
        return convert_factor(self.value, self.unit, unit, parameter=self.key)

    def low_in(self, unit: str) -> float:
        """The low end of the range in ``unit``; the value itself when there is no range."""
        low = self.value if self.low is None else self.low
        return convert_factor(low, self.unit, unit, parameter=self.key)

    def high_in(self, unit: str) -> float:
        """The high end of the range in ``unit``; the value itself when there is no range."""
        high = self.value if self.high is None else self.high
        return convert_factor(high, self.unit, unit, parameter=self.key)


@dataclass(frozen=True, slots=True)
class FactorOverride:
    """A partnership's own value for a factor, with its own source."""

    key: str
    value: float
    unit: str
    source: str
    edition_year: int
    low: float | None = None
    high: float | None = None
    url: str | None = None
    note: str = ""
    licence: str = "as stated by the partnership"

    def to_factor(self) -> Factor:
        """The override as a factor, marked as an override and as not verified."""
        return Factor(
            key=self.key,
            value=self.value,
            unit=self.unit,
            source=self.source,
            edition_year=self.edition_year,
            licence=self.licence,
            verified=False,
            low=self.low,
            high=self.high,
            url=self.url,
            note=self.note,
            is_override=True,
        )


@dataclass(frozen=True)
class FactorSet:
    """A versioned, immutable collection of factors, looked up by key."""

    version: str
    factors: Mapping[str, Factor] = field(repr=False)

    @classmethod
    def from_factors(cls, version: str, factors: Iterable[Factor]) -> FactorSet:
        """Build a set, refusing two factors under one key."""
        by_key: dict[str, Factor] = {}
        for factor in factors:
            if factor.key in by_key:
                raise FactorDataError(f"factor {factor.key!r} is defined twice")
            by_key[factor.key] = factor
        return cls(version=version, factors=dict(by_key))

    def __contains__(self, key: object) -> bool:
        return key in self.factors

    def __iter__(self) -> Iterator[Factor]:
        return iter(self.factors.values())

    def __len__(self) -> int:
        return len(self.factors)

    def find(self, key: str) -> Factor | None:
        """The factor under ``key``, or ``None``."""
        return self.factors.get(key)

    def get(self, key: str, *, hint: str = "") -> Factor:
        """The factor under ``key``; :class:`UnknownFactorError` when there is none."""
        factor = self.factors.get(key)
        if factor is None:
            raise UnknownFactorError(key, self.version, hint)
        return factor

    def keys_under(self, prefix: str) -> tuple[str, ...]:
        """The sorted keys that start with ``prefix``, e.g. ``"fuel."``."""
        return tuple(sorted(key for key in self.factors if key.startswith(prefix)))

    def with_overrides(self, overrides: Iterable[FactorOverride]) -> FactorSet:
        """A new set where each override replaces (or adds) the factor under its key.

        An override of an existing factor must be in a unit convertible to that
        factor's unit. The new version is ``"<version>+override.<digest>"`` so that a
        result says it was computed with a partnership's own values.
        """
        replaced = dict(self.factors)
        fingerprint: list[str] = []
        for override in overrides:
            factor = override.to_factor()
            existing = self.factors.get(override.key)
            if existing is not None:
                convert_factor(1.0, factor.unit, existing.unit, parameter=override.key)
            replaced[override.key] = factor
            fingerprint.append(repr(override))
        if not fingerprint:
            return self
        digest = hashlib.sha256("\n".join(sorted(fingerprint)).encode()).hexdigest()[:10]
        return FactorSet(version=f"{self.version}+override.{digest}", factors=replaced)


_FACTOR_FIELDS = {
    "key", "value", "unit", "source", "edition_year", "licence", "verified",
    "low", "high", "url", "note",
}  # fmt: skip


def _factor_from_record(record: Mapping[str, Any], defaults: Mapping[str, Any]) -> Factor:
    merged = {**defaults, **record}
    unknown = set(merged) - _FACTOR_FIELDS
    if unknown:
        raise FactorDataError(f"unknown fields {sorted(unknown)} in factor {merged.get('key')!r}")
    try:
        return Factor(
            key=str(merged["key"]),
            value=float(merged["value"]),
            unit=str(merged["unit"]),
            source=str(merged["source"]),
            edition_year=int(merged["edition_year"]),
            licence=str(merged["licence"]),
            verified=bool(merged["verified"]),
            low=None if merged.get("low") is None else float(merged["low"]),
            high=None if merged.get("high") is None else float(merged["high"]),
            url=merged.get("url"),
            note=str(merged.get("note", "")),
        )
    except KeyError as missing:
        raise FactorDataError(f"factor {merged.get('key')!r} lacks {missing}") from None


def load_factor_file(text: str) -> list[Factor]:
    """Parse one factor file: ``{"defaults": {...}, "factors": [{...}, ...]}``."""
    document = json.loads(text)
    defaults = document.get("defaults", {})
    return [_factor_from_record(record, defaults) for record in document["factors"]]


@lru_cache(maxsize=1)
def default_factor_set() -> FactorSet:
    """The factor set shipped in ``data/``, versioned by ``data/manifest.json``."""
    data = resources.files("twinplan.impact").joinpath("data")
    manifest = json.loads(data.joinpath("manifest.json").read_text(encoding="utf-8"))
    factors: list[Factor] = []
    for name in manifest["files"]:
        factors.extend(load_factor_file(data.joinpath(name).read_text(encoding="utf-8")))
    return FactorSet.from_factors(f"twinplan-factors-{manifest['version']}", factors)

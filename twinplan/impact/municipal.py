"""A municipality's total territorial emissions.

Without an inventory of its own, a municipality's emissions are estimated as its
population times the per-capita territorial emissions of its country (factor
``territorial.per_capita.<ISO3>``). Once the municipality enters its own inventory
(e.g. a BISKO balance in Germany or a GPC inventory), that figure replaces the
estimate; the result says which one it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from twinplan.impact import _validate as check
from twinplan.impact.errors import InvalidParameterError
from twinplan.impact.factors import Factor, FactorSet, default_factor_set

#: Accounting methods an own inventory may follow.
INVENTORY_METHODS = {
    "BISKO": "BISKO (Bilanzierungs-Systematik Kommunal, Germany)",
    "GPC": "GHG Protocol for Cities (GPC)",
    "CoM": "Covenant of Mayors baseline emission inventory",
    "IPCC": "IPCC inventory guidelines applied to the territory",
    "other": "other method (described in the source)",
}

_EARLIEST_YEAR, _LATEST_YEAR = 1950, 2100


def _year(name: str, value: object) -> int:
    year = check.whole_non_negative(name, value)
    if not _EARLIEST_YEAR <= year <= _LATEST_YEAR:
        raise InvalidParameterError(
            name, value, f"must be between {_EARLIEST_YEAR} and {_LATEST_YEAR}"
        )
    return year


@dataclass(frozen=True, slots=True)
class EmissionsInventory:
    """The municipality's own inventory: a total, its year, method and source."""

    total_co2e_t_per_year: float
    year: int
    method: str
    source: str

    def __post_init__(self) -> None:
        check.non_negative("total_co2e_t_per_year", self.total_co2e_t_per_year)
        _year("year", self.year)
        check.choice("method", self.method, INVENTORY_METHODS)
        check.text("source", self.source)


@dataclass(frozen=True, slots=True)
class MunicipalEmissionsParams:
    """What is known about a municipality's emissions."""

    population: int
    population_year: int
    country_iso3: str
    inventory: EmissionsInventory | None = None

    def __post_init__(self) -> None:
        check.whole_non_negative("population", self.population)
        _year("population_year", self.population_year)
        check.iso3("country_iso3", self.country_iso3)


@dataclass(frozen=True, slots=True)
class MunicipalEmissions:
    """Total territorial emissions and where the figure comes from."""

    co2e_t_per_year: float
    year: int
    method: str
    source: str
    is_estimate: bool
    factors_used: tuple[Factor, ...]
    factor_set_version: str
    explanation: str


def municipal_emissions(
    params: MunicipalEmissionsParams, factors: FactorSet | None = None
) -> MunicipalEmissions:
    """The municipality's emissions: its own inventory if entered, else an estimate."""
    fs = default_factor_set() if factors is None else factors
    inventory = params.inventory
    if inventory is not None:
        return MunicipalEmissions(
            co2e_t_per_year=inventory.total_co2e_t_per_year,
            year=inventory.year,
            method=inventory.method,
            source=inventory.source,
            is_estimate=False,
            factors_used=(),
            factor_set_version=fs.version,
            explanation=(
                f"own inventory ({INVENTORY_METHODS[inventory.method]}), {inventory.year}: "
                f"{inventory.total_co2e_t_per_year:,.0f} t CO2e/a"
            ),
        )
    per_capita = fs.get(
        f"territorial.per_capita.{params.country_iso3}",
        hint="enter the municipality's own inventory, or override this factor with a source",
    )
    value = per_capita.value_in("t CO2e/person/a")
    total = params.population * value
    return MunicipalEmissions(
        co2e_t_per_year=total,
        year=per_capita.edition_year,
        method="per-capita estimate",
        source=per_capita.source,
        is_estimate=True,
        factors_used=(per_capita,),
        factor_set_version=fs.version,
        explanation=(
            f"{params.population:,} inhabitants ({params.population_year}) x "
            f"{value:g} t CO2e/person/a ({params.country_iso3}, {per_capita.edition_year})"
            f" = {total:,.0f} t CO2e/a"
        ),
    )

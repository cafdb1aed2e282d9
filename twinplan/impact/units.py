"""Units: energy, mass and emission-factor units, and conversions between them.

Factor units are written ``"<mass> <gas>/<denominator>"``, e.g. ``"g CO2e/kWh"``,
``"t CO2/TJ"``, ``"kg CO2e/pkm"``, ``"kg CO2/tree/a"``. Mass (``g``, ``kg``, ``t``)
and an energy denominator (``Wh`` … ``TJ``) convert; every other part must match
exactly. A CO2-only factor may stand where CO2e is asked for (it leaves out CH4 and
N2O, which the data files say); CO2e never converts to CO2.
"""

from __future__ import annotations

from dataclasses import dataclass

from twinplan.impact.errors import UnitError

#: Tonnes per unit of mass.
MASS_UNITS_T: dict[str, float] = {"g": 1e-6, "kg": 1e-3, "t": 1.0}

#: Kilowatt-hours per unit of energy (1 kWh = 3.6 MJ).
ENERGY_UNITS_KWH: dict[str, float] = {
    "Wh": 1e-3,
    "kWh": 1.0,
    "MWh": 1e3,
    "GWh": 1e6,
    "MJ": 1 / 3.6,
    "GJ": 1e3 / 3.6,
    "TJ": 1e6 / 3.6,
}

_GASES = ("CO2e", "CO2")


@dataclass(frozen=True, slots=True)
class EmissionUnit:
    """A parsed emission-factor unit such as ``"kg CO2e/pkm"``."""

    mass: str
    gas: str
    denominator: tuple[str, ...]

    @property
    def energy(self) -> str | None:
        """The energy unit the factor is per, if its denominator starts with one."""
        first = self.denominator[0] if self.denominator else ""
        return first if first in ENERGY_UNITS_KWH else None


def parse_emission_unit(unit: str) -> EmissionUnit | None:
    """Parse ``unit`` as an emission-factor unit; ``None`` when it is not one."""
    mass, _, rest = unit.strip().partition(" ")
    if mass not in MASS_UNITS_T or not rest:
        return None
    gas, *denominator = rest.split("/")
    if gas not in _GASES:
        return None
    return EmissionUnit(mass=mass, gas=gas, denominator=tuple(denominator))


def convert_energy(value: float, from_unit: str, to_unit: str) -> float:
    """Convert an amount of energy, e.g. ``convert_energy(1, "MWh", "kWh") == 1000``."""
    for name, unit in (("from_unit", from_unit), ("to_unit", to_unit)):
        if unit not in ENERGY_UNITS_KWH:
            raise UnitError(name, unit, f"not an energy unit ({', '.join(ENERGY_UNITS_KWH)})")
    return value * ENERGY_UNITS_KWH[from_unit] / ENERGY_UNITS_KWH[to_unit]


def convert_mass(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a mass, e.g. ``convert_mass(1500, "kg", "t") == 1.5``."""
    for name, unit in (("from_unit", from_unit), ("to_unit", to_unit)):
        if unit not in MASS_UNITS_T:
            raise UnitError(name, unit, f"not a mass unit ({', '.join(MASS_UNITS_T)})")
    return value * MASS_UNITS_T[from_unit] / MASS_UNITS_T[to_unit]


def convert_factor(value: float, from_unit: str, to_unit: str, *, parameter: str) -> float:
    """Convert a factor value between compatible units.

    ``parameter`` names the factor in the error raised when the units do not fit,
    e.g. a per-passenger-km value given for an electricity factor.
    """
    if from_unit == to_unit:
        return value
    source = parse_emission_unit(from_unit)
    target = parse_emission_unit(to_unit)
    if source is None or target is None:
        raise UnitError(parameter, from_unit, f"cannot be converted to {to_unit!r}")
    if source.gas == "CO2e" and target.gas == "CO2":
        raise UnitError(parameter, from_unit, f"a CO2e value cannot stand for {to_unit!r}")
    result = value * MASS_UNITS_T[source.mass] / MASS_UNITS_T[target.mass]
    if source.energy is not None and target.energy is not None:
        # per from-energy -> per to-energy: scale by the size of the target unit.
        result *= ENERGY_UNITS_KWH[target.energy] / ENERGY_UNITS_KWH[source.energy]
        if source.denominator[1:] == target.denominator[1:]:
            return result
    elif source.denominator == target.denominator:
        return result
    raise UnitError(parameter, from_unit, f"cannot be converted to {to_unit!r}")

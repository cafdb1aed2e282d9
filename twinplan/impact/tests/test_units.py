"""Unit conversions, including round trips."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twinplan.impact import UnitError, convert_energy, convert_factor, convert_mass
from twinplan.impact.units import ENERGY_UNITS_KWH, MASS_UNITS_T

amounts = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)


def test_reference_conversions() -> None:
    assert convert_energy(1, "MWh", "kWh") == 1000
    assert convert_energy(1, "TJ", "kWh") == pytest.approx(1e6 / 3.6)  # 1 TJ = 1e6 MJ; 3.6 MJ/kWh
    assert convert_mass(1500, "kg", "t") == pytest.approx(1.5)
    # 56.1 t CO2/TJ = 56.1 / 277,777.78 t/kWh = 0.20196 kg/kWh
    assert convert_factor(56.1, "t CO2/TJ", "kg CO2e/kWh", parameter="gas") == pytest.approx(
        0.20196
    )
    assert convert_factor(380.95, "g CO2e/kWh", "t CO2e/MWh", parameter="grid") == pytest.approx(
        0.38095
    )


@pytest.mark.parametrize(
    ("from_unit", "to_unit"),
    [
        ("kg CO2e/pkm", "kg CO2e/kWh"),  # different activity
        ("t CO2e/kWh", "t CO2/kWh"),  # CO2e cannot pass for CO2
        ("kWh/kWp/a", "t CO2e/a"),
        ("furlongs", "km"),
    ],
)
def test_incompatible_units_are_rejected(from_unit: str, to_unit: str) -> None:
    with pytest.raises(UnitError, match=r"unit"):
        convert_factor(1.0, from_unit, to_unit, parameter="f")


def test_unknown_energy_unit_names_the_parameter() -> None:
    with pytest.raises(UnitError, match=r"from_unit unit 'kcal'"):
        convert_energy(1, "kcal", "kWh")


@settings(deadline=None, max_examples=60)
@given(
    amounts, st.sampled_from(sorted(ENERGY_UNITS_KWH)), st.sampled_from(sorted(ENERGY_UNITS_KWH))
)
def test_energy_round_trip(value: float, a: str, b: str) -> None:
    assert convert_energy(convert_energy(value, a, b), b, a) == pytest.approx(value, rel=1e-9)


@settings(deadline=None, max_examples=60)
@given(amounts, st.sampled_from(sorted(MASS_UNITS_T)), st.sampled_from(sorted(MASS_UNITS_T)))
def test_mass_round_trip(value: float, a: str, b: str) -> None:
    assert convert_mass(convert_mass(value, a, b), b, a) == pytest.approx(value, rel=1e-9)


@settings(deadline=None, max_examples=60)
@given(
    amounts,
    st.sampled_from(sorted(MASS_UNITS_T)),
    st.sampled_from(sorted(MASS_UNITS_T)),
    st.sampled_from(sorted(ENERGY_UNITS_KWH)),
    st.sampled_from(sorted(ENERGY_UNITS_KWH)),
)
def test_factor_round_trip(
    value: float, mass_a: str, mass_b: str, energy_a: str, energy_b: str
) -> None:
    unit_a, unit_b = f"{mass_a} CO2e/{energy_a}", f"{mass_b} CO2e/{energy_b}"
    there = convert_factor(value, unit_a, unit_b, parameter="f")
    assert convert_factor(there, unit_b, unit_a, parameter="f") == pytest.approx(value, rel=1e-9)

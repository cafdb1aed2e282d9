"""Properties of measure estimates: never negative, linear in quantity."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from twinplan.impact import (
    ElectricitySavedParams,
    FuelSwitchParams,
    HeatSavedParams,
    InvalidParameterError,
    MeasureImpact,
    PhotovoltaicParams,
    TransportShiftParams,
    TreesPlantedParams,
    default_factor_set,
    estimate,
)

FACTORS = default_factor_set()
COUNTRIES = sorted(
    k.removeprefix("electricity.grid.") for k in FACTORS.keys_under("electricity.grid.")
)
FUELS = [k.removeprefix("fuel.") for k in FACTORS.keys_under("fuel.")]
MODES = [
    "car",
    "bus",
    "coach",
    "rail",
    "tram",
    "bicycle",
    "walking",
    "flight_short_haul",
    "flight_medium_haul",
    "flight_long_haul",
]

quantities = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
scales = st.floats(min_value=0.001, max_value=1000, allow_nan=False, allow_infinity=False)
lifetimes = st.floats(min_value=0.5, max_value=100, allow_nan=False)
fast = settings(deadline=None, max_examples=50)


def tonnes(impact: MeasureImpact) -> float:
    assert impact.co2e_t_per_year is not None
    return impact.co2e_t_per_year


def assert_sane(impact: MeasureImpact) -> None:
    assert impact.co2e_t_per_year is not None
    assert impact.co2e_t_per_year >= 0
    assert impact.co2e_t_lifetime is not None
    assert impact.co2e_t_lifetime >= 0
    if impact.co2e_t_per_year_low is not None:
        assert impact.co2e_t_per_year_high is not None
        tolerance = 1e-9 * max(1.0, impact.co2e_t_per_year)
        assert impact.co2e_t_per_year_low <= impact.co2e_t_per_year + tolerance
        assert impact.co2e_t_per_year <= impact.co2e_t_per_year_high + tolerance


@fast
@given(
    st.floats(min_value=1e-3, max_value=1e9),
    st.sampled_from(COUNTRIES),
    scales,
    st.floats(min_value=-89, max_value=89),
)
def test_photovoltaic_positive_and_linear(
    kwp: float, country: str, k: float, latitude: float
) -> None:
    one = estimate(
        PhotovoltaicParams(capacity_kwp=kwp, country_iso3=country, latitude_deg=latitude)
    )
    scaled = estimate(
        PhotovoltaicParams(capacity_kwp=kwp * k, country_iso3=country, latitude_deg=latitude)
    )
    assert_sane(one)
    assert scaled.co2e_t_per_year == pytest.approx(tonnes(one) * k, rel=1e-9)


@fast
@given(quantities, st.sampled_from(COUNTRIES), scales, lifetimes)
def test_electricity_saved_positive_and_linear(
    kwh: float, country: str, k: float, life: float
) -> None:
    one = estimate(ElectricitySavedParams(kwh, country, life))
    scaled = estimate(ElectricitySavedParams(kwh * k, country, life))
    assert_sane(one)
    assert scaled.co2e_t_per_year == pytest.approx(tonnes(one) * k, rel=1e-9, abs=1e-12)


@fast
@given(quantities, st.sampled_from([*FUELS, "electricity"]), st.sampled_from(COUNTRIES), scales)
def test_heat_saved_positive_and_linear(kwh: float, fuel: str, country: str, k: float) -> None:
    one = estimate(HeatSavedParams(kwh, fuel, 20, country))
    scaled = estimate(HeatSavedParams(kwh * k, fuel, 20, country))
    assert_sane(one)
    assert scaled.co2e_t_per_year == pytest.approx(tonnes(one) * k, rel=1e-9, abs=1e-12)


@fast
@given(
    quantities,
    st.sampled_from([*FUELS, "electricity"]),
    st.sampled_from([*FUELS, "electricity"]),
    st.sampled_from(COUNTRIES),
    scales,
)
def test_fuel_switch_never_negative_and_linear(
    kwh: float, old: str, new: str, country: str, k: float
) -> None:
    assume(old != new)
    refused: InvalidParameterError | None = None
    try:
        one = estimate(FuelSwitchParams(kwh, old, new, 15, country_iso3=country))
    except InvalidParameterError as error:  # a switch that raises emissions is refused
        refused = error
    if refused is not None:
        assert refused.parameter == "to_fuel"
        return
    scaled = estimate(FuelSwitchParams(kwh * k, old, new, 15, country_iso3=country))
    assert_sane(one)
    assert scaled.co2e_t_per_year == pytest.approx(tonnes(one) * k, rel=1e-6, abs=1e-9)


@fast
@given(quantities, st.sampled_from(MODES), st.sampled_from(MODES), scales)
def test_transport_shift_never_negative_and_linear(km: float, old: str, new: str, k: float) -> None:
    assume(old != new)
    refused: InvalidParameterError | None = None
    try:
        one = estimate(TransportShiftParams(km, "pkm", old, new, 10))
    except InvalidParameterError as error:  # a shift that raises emissions is refused
        refused = error
    if refused is not None:
        assert refused.parameter == "to_mode"
        return
    scaled = estimate(TransportShiftParams(km * k, "pkm", old, new, 10))
    assert_sane(one)
    assert scaled.co2e_t_per_year == pytest.approx(tonnes(one) * k, rel=1e-6, abs=1e-9)


@fast
@given(
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=1, max_value=100),
    st.sampled_from(["default", "temperate_broadleaf"]),
)
def test_trees_never_negative_and_linear(count: int, k: int, group: str) -> None:
    one = estimate(TreesPlantedParams(count, 30, species_group=group))
    scaled = estimate(TreesPlantedParams(count * k, 30, species_group=group))
    assert_sane(one)
    assert scaled.co2e_t_per_year == pytest.approx(tonnes(one) * k, rel=1e-9)


@fast
@given(st.floats(max_value=-1e-9, min_value=-1e12, allow_nan=False))
def test_negative_quantities_are_always_rejected(negative: float) -> None:
    for build in (
        lambda: ElectricitySavedParams(negative, "DEU", 10),
        lambda: HeatSavedParams(negative, "natural_gas", 10),
        lambda: FuelSwitchParams(negative, "heating_oil", "natural_gas", 10),
        lambda: TransportShiftParams(negative, "pkm", "car", "bus", 10),
    ):
        with pytest.raises(InvalidParameterError, match=r"must not be negative"):
            build()

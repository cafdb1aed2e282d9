"""Measure impacts: reference cases worked by hand, validation, properties.

Factor values used below are those of factor set twinplan-factors-2026.1:
grid DEU 380.95 g CO2e/kWh (2023), grid SRB 636.062 g CO2e/kWh (2023), PV yield DEU
950 (850-1,100) kWh/kWp/a, PV lifetime 30 a, natural gas 56.1 (54.3-58.3) t CO2/TJ,
heating oil 74.1 (72.6-74.8) t CO2/TJ, car 0.17048 kg CO2e/vkm, car occupancy 1.4,
bus 0.10312 kg CO2e/pkm, tree default 10 (5-25) kg CO2/tree/a. 1 TJ = 277,777.78 kWh.
"""

from collections.abc import Callable

import pytest

from twinplan.impact import (
    AwarenessParams,
    ElectricitySavedParams,
    FuelSwitchParams,
    HeatSavedParams,
    ImpactType,
    MeasureParams,
    PhotovoltaicParams,
    TransportShiftParams,
    TreesPlantedParams,
    UserFigureParams,
    default_factor_set,
    estimate,
)


def test_photovoltaic_in_wernigerode_with_country_default_yield() -> None:
    # 10 kWp x 950 kWh/kWp/a = 9,500 kWh/a
    # 9,500 kWh/a x 380.95 g/kWh = 3,619,025 g = 3.619025 t CO2e/a
    # range from the yield: 10 x 850 x 380.95 g = 3.238075 t; 10 x 1,100 x 380.95 g = 4.19045 t
    # lifetime 30 a (IEA PVPS default): 3.619025 x 30 = 108.57075 t
    impact = estimate(PhotovoltaicParams(capacity_kwp=10, country_iso3="DEU"))
    assert impact.impact_type is ImpactType.PHOTOVOLTAIC
    assert impact.renewable_energy_kwh_per_year == pytest.approx(9_500)
    assert impact.co2e_t_per_year == pytest.approx(3.619025)
    assert impact.co2e_t_per_year_low == pytest.approx(3.238075)
    assert impact.co2e_t_per_year_high == pytest.approx(4.19045)
    assert impact.lifetime_years == 30
    assert impact.co2e_t_lifetime == pytest.approx(108.57075)
    # lifetime range: 3.238075 x 30 = 97.14225; 4.19045 x 30 = 125.7135
    assert impact.co2e_t_lifetime_low == pytest.approx(97.14225)
    assert impact.co2e_t_lifetime_high == pytest.approx(125.7135)
    assert [f.key for f in impact.factors_used] == [
        "pv.yield.DEU",
        "electricity.grid.DEU",
        "pv.lifetime_years",
    ]
    assert impact.factor_set_version == default_factor_set().version


def test_photovoltaic_with_given_yield_has_no_range() -> None:
    # 5 kWp x 1,000 kWh/kWp/a x 380.95 g/kWh = 1.90475 t/a; grid has no range -> none
    impact = estimate(
        PhotovoltaicParams(
            capacity_kwp=5,
            country_iso3="DEU",
            specific_yield_kwh_per_kwp_year=1000,
            lifetime_years=20,
        )
    )
    assert impact.co2e_t_per_year == pytest.approx(1.90475)
    assert impact.co2e_t_per_year_low is None
    assert impact.co2e_t_lifetime == pytest.approx(38.095)


def test_photovoltaic_falls_back_to_latitude_band() -> None:
    # Override-free country without own yield: Austria (AUT), 47.3 N -> band 45-55: 1,000
    impact = estimate(PhotovoltaicParams(capacity_kwp=1, country_iso3="AUT", latitude_deg=47.3))
    assert impact.factors_used[0].key == "pv.yield.lat_45_55"
    with pytest.raises(ValueError, match=r"give the yield or latitude_deg"):
        estimate(PhotovoltaicParams(capacity_kwp=1, country_iso3="AUT"))


def test_led_street_lighting_in_ruma() -> None:
    # 50,000 kWh/a x 636.062 g/kWh = 31,803,100 g = 31.8031 t/a; x 15 a = 477.0465 t
    impact = estimate(
        ElectricitySavedParams(
            electricity_saved_kwh_per_year=50_000, country_iso3="SRB", lifetime_years=15
        )
    )
    assert impact.co2e_t_per_year == pytest.approx(31.8031)
    assert impact.co2e_t_lifetime == pytest.approx(477.0465)
    assert impact.energy_saved_kwh_per_year == 50_000


def test_heat_saved_natural_gas() -> None:
    # 100,000 kWh = 0.36 TJ; 0.36 TJ x 56.1 t/TJ = 20.196 t/a (0.36 x 54.3 = 19.548;
    # 0.36 x 58.3 = 20.988)
    impact = estimate(
        HeatSavedParams(heat_saved_kwh_per_year=100_000, fuel="natural_gas", lifetime_years=25)
    )
    assert impact.co2e_t_per_year == pytest.approx(20.196)
    assert impact.co2e_t_per_year_low == pytest.approx(19.548)
    assert impact.co2e_t_per_year_high == pytest.approx(20.988)


def test_fuel_switch_oil_boiler_to_heat_pump() -> None:
    # old: 20,000 kWh = 0.072 TJ x 74.1 t/TJ = 5.3352 t
    # new: 6,000 kWh electricity x 380.95 g/kWh = 2.2857 t
    # saving 5.3352 - 2.2857 = 3.0495 t/a; low 0.072 x 72.6 - 2.2857 = 2.9415;
    # high 0.072 x 74.8 - 2.2857 = 3.0999
    impact = estimate(
        FuelSwitchParams(
            energy_kwh_per_year=20_000,
            from_fuel="heating_oil",
            to_fuel="electricity",
            to_energy_kwh_per_year=6_000,
            country_iso3="DEU",
            lifetime_years=20,
        )
    )
    assert impact.co2e_t_per_year == pytest.approx(3.0495)
    assert impact.co2e_t_per_year_low == pytest.approx(2.9415)
    assert impact.co2e_t_per_year_high == pytest.approx(3.0999)


def test_fuel_switch_that_raises_emissions_is_refused() -> None:
    with pytest.raises(ValueError, match=r"to_fuel='lignite'.*increase emissions"):
        estimate(
            FuelSwitchParams(
                energy_kwh_per_year=1000,
                from_fuel="natural_gas",
                to_fuel="lignite",
                lifetime_years=10,
            )
        )


def test_transport_shift_car_to_bus_in_passenger_km() -> None:
    # car per pkm = 0.17048 / 1.4 = 0.121771429 kg; bus 0.10312 kg
    # 100,000 pkm x (0.121771429 - 0.10312) kg = 1,865.142857 kg = 1.865142857 t/a
    impact = estimate(
        TransportShiftParams(
            shifted_km_per_year=100_000,
            km_unit="pkm",
            from_mode="car",
            to_mode="bus",
            lifetime_years=10,
        )
    )
    assert impact.co2e_t_per_year == pytest.approx(1.865142857)
    assert "transport.car.occupancy" in [f.key for f in impact.factors_used]


def test_transport_shift_car_to_bicycle_in_vehicle_km() -> None:
    # 10,000 vkm x 0.17048 kg/vkm = 1,704.8 kg = 1.7048 t/a (occupancy cancels out)
    impact = estimate(
        TransportShiftParams(
            shifted_km_per_year=10_000,
            km_unit="vkm",
            from_mode="car",
            to_mode="bicycle",
            lifetime_years=5,
        )
    )
    assert impact.co2e_t_per_year == pytest.approx(1.7048)


def test_trees_planted_with_survival() -> None:
    # 1,000 trees x 0.8 surviving x 10 kg/tree/a = 8,000 kg = 8 t/a (low 4, high 20)
    impact = estimate(TreesPlantedParams(tree_count=1000, lifetime_years=30, survival_share=0.8))
    assert impact.co2e_t_per_year == pytest.approx(8)
    assert (impact.co2e_t_per_year_low, impact.co2e_t_per_year_high) == pytest.approx((4, 20))
    assert impact.co2e_t_lifetime == pytest.approx(240)


def test_user_figure_keeps_its_source() -> None:
    impact = estimate(
        UserFigureParams(
            co2e_t_per_year=12.5,
            source="Energieagentur Harz, Gutachten 2019",
            source_year=2019,
            lifetime_years=10,
        )
    )
    assert impact.co2e_t_per_year == 12.5
    (factor,) = impact.factors_used
    assert factor.source == "Energieagentur Harz, Gutachten 2019"
    assert factor.verified is False


def test_awareness_reports_people_not_tonnes() -> None:
    impact = estimate(AwarenessParams(people_reached=500))
    assert impact.people_reached == 500
    assert impact.co2e_t_per_year is None
    assert impact.co2e_t_lifetime is None


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: PhotovoltaicParams(capacity_kwp=-3, country_iso3="DEU"), "capacity_kwp=-3"),
        (
            lambda: PhotovoltaicParams(capacity_kwp="10", country_iso3="DEU"),  # type: ignore[arg-type]
            "must be a number",
        ),
        (lambda: PhotovoltaicParams(capacity_kwp=10, country_iso3="Germany"), "ISO 3166"),
        (
            lambda: ElectricitySavedParams(
                electricity_saved_kwh_per_year=1, country_iso3="DEU", lifetime_years=500
            ),
            "lifetime_years=500",
        ),
        (
            lambda: HeatSavedParams(
                heat_saved_kwh_per_year=1, fuel="electricity", lifetime_years=1
            ),
            "country_iso3=None",
        ),
        (
            lambda: TransportShiftParams(
                shifted_km_per_year=1,
                km_unit="miles",
                from_mode="car",
                to_mode="bus",
                lifetime_years=1,
            ),
            "unit 'miles'",
        ),
        (
            lambda: TreesPlantedParams(tree_count=2.5, lifetime_years=1),  # type: ignore[arg-type]
            "whole number",
        ),
        (lambda: TreesPlantedParams(tree_count=1, lifetime_years=1, survival_share=2), "share"),
        (
            lambda: UserFigureParams(
                co2e_t_per_year=1, source=" ", source_year=2020, lifetime_years=1
            ),
            "source",
        ),
        (lambda: AwarenessParams(people_reached=-1), "people_reached=-1"),
    ],
)
def test_bad_parameters_are_rejected_with_a_message(
    build: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            HeatSavedParams(heat_saved_kwh_per_year=1, fuel="unobtanium", lifetime_years=1),
            "fuel='unobtanium' is not known; choose one of: .*natural_gas",
        ),
        (
            TransportShiftParams(
                shifted_km_per_year=1,
                km_unit="pkm",
                from_mode="rocket",
                to_mode="bus",
                lifetime_years=1,
            ),
            "from_mode='rocket' is not known",
        ),
        (
            TransportShiftParams(
                shifted_km_per_year=1,
                km_unit="vkm",
                from_mode="bus",
                to_mode="bicycle",
                lifetime_years=1,
            ),
            "km_unit='vkm'",
        ),
        (
            TreesPlantedParams(tree_count=1, lifetime_years=1, species_group="baobab"),
            "species_group='baobab'",
        ),
        (
            ElectricitySavedParams(
                electricity_saved_kwh_per_year=1, country_iso3="ATA", lifetime_years=1
            ),
            "electricity.grid.ATA",
        ),
    ],
)
def test_unknown_choices_are_rejected_when_estimating(params: MeasureParams, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate(params)

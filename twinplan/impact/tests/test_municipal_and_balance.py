"""Municipal emissions and the partnership balance, worked by hand.

Per-capita factors (EDGAR 2024 report, year 2023, unverified): DEU 8.1, VNM 5.4,
SRB 9.0 t CO2e/person/a.
"""

import pytest

from twinplan.impact import (
    AwarenessParams,
    BalanceMeasure,
    Coordinates,
    ElectricitySavedParams,
    EmissionsInventory,
    MeasureStatus,
    MunicipalEmissionsParams,
    PhotovoltaicParams,
    TripParams,
    UserFigureParams,
    estimate,
    municipal_emissions,
    partnership_balance,
    trip_footprint,
)


def test_per_capita_estimate_for_wernigerode() -> None:
    # 33,000 inhabitants x 8.1 t CO2e/person/a = 267,300 t CO2e/a
    result = municipal_emissions(MunicipalEmissionsParams(33_000, 2017, "DEU"))
    assert result.co2e_t_per_year == pytest.approx(267_300)
    assert result.is_estimate is True
    assert result.year == 2023
    assert result.factors_used[0].key == "territorial.per_capita.DEU"


def test_own_inventory_replaces_the_estimate() -> None:
    inventory = EmissionsInventory(
        total_co2e_t_per_year=250_000,
        year=2016,
        method="BISKO",
        source="Klimaschutzkonzept Wernigerode 2016",
    )
    result = municipal_emissions(MunicipalEmissionsParams(33_000, 2017, "DEU", inventory))
    assert result.co2e_t_per_year == 250_000
    assert result.is_estimate is False
    assert result.method == "BISKO"
    assert result.factors_used == ()


def test_country_without_per_capita_factor_says_what_to_do() -> None:
    with pytest.raises(ValueError, match="own inventory"):
        municipal_emissions(MunicipalEmissionsParams(10_000, 2020, "FRA"))


def test_inventory_method_must_be_known() -> None:
    with pytest.raises(ValueError, match="method='guess'"):
        EmissionsInventory(1, 2020, "guess", "x")


def test_balance_of_wernigerode_and_hoi_an() -> None:
    wernigerode = municipal_emissions(MunicipalEmissionsParams(33_000, 2017, "DEU"))
    hoi_an = municipal_emissions(MunicipalEmissionsParams(92_000, 2017, "VNM"))
    pv = estimate(PhotovoltaicParams(capacity_kwp=10, country_iso3="DEU"))  # 3.619025 t/a
    led = estimate(ElectricitySavedParams(20_000, "VNM", 15))  # 20,000 x 475.449 g = 9.50898 t/a
    bikes = estimate(UserFigureParams(2.0, "school survey 2018", 2018, 5))  # 2 t/a
    school = estimate(AwarenessParams(people_reached=400))
    trip = trip_footprint(
        TripParams(Coordinates(51.8350, 10.7853), Coordinates(15.8801, 108.3380), "flight", 3, True)
    )  # 10.5926 t
    measures = [
        BalanceMeasure("PV on town hall", "implemented", "wernigerode", pv),
        BalanceMeasure("LED street lights", "planned", "hoi-an", led),
        BalanceMeasure("Bike to school", "cancelled", "hoi-an", bikes),
        BalanceMeasure("Climate school days", "implemented", "hoi-an", school),
    ]
    balance = partnership_balance(measures, [trip], {"wernigerode": wernigerode, "hoi-an": hoi_an})
    # achieved: PV only = 3.619025 t/a; planned: PV + LED = 3.619025 + 9.50898 = 13.128005
    assert balance.achieved.t_per_year == pytest.approx(3.619025)
    assert balance.planned.t_per_year == pytest.approx(13.128005)
    assert balance.by_status[MeasureStatus.CANCELLED].t_per_year == pytest.approx(2.0)
    assert balance.achieved.people_reached == 400
    # PV has a range from its yield (3.238075-4.19045); the rest counts at its value
    assert balance.planned.t_per_year_low == pytest.approx(3.238075 + 9.50898)
    assert balance.travel_co2e_t == pytest.approx(10.5926, abs=1e-4)
    # years to offset the travel: 10.5926 / 3.619025 = 2.927 a (achieved)
    assert balance.years_to_offset_travel_achieved == pytest.approx(2.927, abs=1e-3)
    # net over lifetimes: PV 30 a x 3.619025 = 108.57075 - 10.5926 = 97.9781 t
    assert balance.net_achieved_t_lifetime == pytest.approx(97.9781, abs=1e-4)
    shares = {share.municipality: share for share in balance.municipalities}
    # Wernigerode: 3.619025 / 267,300 = 1.3539e-5 of its emissions
    assert shares["wernigerode"].share_achieved == pytest.approx(1.3539e-5, rel=1e-4)
    # Hội An: nothing achieved in tonnes; planned 9.50898 / 496,800 = 1.914e-5
    assert shares["hoi-an"].share_achieved == 0
    assert shares["hoi-an"].share_planned == pytest.approx(1.914e-5, rel=1e-3)
    assert balance.factor_set_versions == (pv.factor_set_version,)


def test_balance_without_achievements_has_no_offset_years() -> None:
    emissions = municipal_emissions(MunicipalEmissionsParams(56_000, 2018, "SRB"))
    balance = partnership_balance([], [], {"ruma": emissions})
    assert balance.years_to_offset_travel_achieved is None
    assert balance.travel_co2e_t == 0


def test_balance_refuses_a_measure_in_an_unknown_municipality() -> None:
    impact = estimate(AwarenessParams(people_reached=1))
    with pytest.raises(ValueError, match="municipality='ruma'"):
        partnership_balance([BalanceMeasure("x", "planned", "ruma", impact)], [], {})


def test_measure_status_must_be_known() -> None:
    impact = estimate(AwarenessParams(people_reached=1))
    with pytest.raises(ValueError, match="status='done'"):
        BalanceMeasure("x", "done", "ruma", impact)

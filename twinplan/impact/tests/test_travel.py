"""Travel footprints: distances and reference trips worked by hand.

Factors (BEIS/DESNZ 2022, unverified, see data/transport.json): long haul 0.19309 kg
CO2e/pkm with RF, 0.10669 without; short haul 0.24587 with RF; national rail 0.03549;
average car 0.17048 kg CO2e/vkm.
"""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twinplan.impact import (
    Coordinates,
    FactorOverride,
    FlightBand,
    TravelMode,
    TripParams,
    default_factor_set,
    flight_band,
    geodesic_distance_km,
    trip_footprint,
)

WERNIGERODE = Coordinates(51.8350, 10.7853)
HOI_AN = Coordinates(15.8801, 108.3380)
BERSENBRUECK = Coordinates(52.5536, 7.9436)
RUMA = Coordinates(45.0081, 19.8222)


def test_wernigerode_hoi_an_geodesic_distance() -> None:
    # WGS-84 geodesic between the town centres: about 9,143 km
    assert geodesic_distance_km(WERNIGERODE, HOI_AN) == pytest.approx(9_143, abs=1)


def test_bersenbrueck_ruma_geodesic_distance() -> None:
    assert geodesic_distance_km(BERSENBRUECK, RUMA) == pytest.approx(1_208, abs=1)


def test_delegation_flight_to_hoi_an_return_three_persons() -> None:
    # 9,143.066 km x 2 legs x 3 persons = 54,858.40 pkm; long haul (> 3,700 km)
    # with RF: 54,858.40 x 0.19309 kg = 10,592.61 kg = 10.5926 t CO2e
    trip = trip_footprint(TripParams(WERNIGERODE, HOI_AN, "flight", persons=3, return_trip=True))
    assert trip.flight_band is FlightBand.LONG_HAUL
    assert trip.radiative_forcing is True
    assert trip.activity == pytest.approx(54_858.40, abs=0.01)
    assert trip.co2e_t == pytest.approx(10.5926, abs=1e-4)
    assert "flight.long_haul.with_rf" in [f.key for f in trip.factors_used]
    assert "with radiative forcing" in trip.explanation


def test_same_flight_without_radiative_forcing() -> None:
    # 54,858.40 pkm x 0.10669 kg = 5,852.84 kg = 5.8528 t CO2e
    trip = trip_footprint(
        TripParams(WERNIGERODE, HOI_AN, "flight", 3, True, radiative_forcing=False)
    )
    assert trip.co2e_t == pytest.approx(5.8528, abs=1e-4)
    assert trip.radiative_forcing is False


def test_short_haul_flight_bersenbrueck_ruma_one_way() -> None:
    # 1,207.98 km (< 1,500 km: short haul) x 1 leg x 4 persons = 4,831.94 pkm
    # x 0.24587 kg = 1,188.03 kg = 1.1880 t CO2e
    trip = trip_footprint(TripParams(BERSENBRUECK, RUMA, "flight", 4, False))
    assert trip.flight_band is FlightBand.SHORT_HAUL
    assert trip.co2e_t == pytest.approx(1.1880, abs=1e-4)


def test_rail_with_route_distance() -> None:
    # given route 1,500 km x 2 legs x 4 persons = 12,000 pkm x 0.03549 kg = 425.88 kg
    trip = trip_footprint(TripParams(BERSENBRUECK, RUMA, "rail", 4, True, route_distance_km=1_500))
    assert trip.mode is TravelMode.RAIL
    assert trip.co2e_t == pytest.approx(0.42588)


def test_car_counts_cars_not_persons() -> None:
    # 5 persons -> 2 cars (4 seats used per car); 1,207.98 km x 2 legs x 2 cars
    # = 4,831.94 vkm x 0.17048 kg = 823.75 kg
    trip = trip_footprint(TripParams(BERSENBRUECK, RUMA, "car", 5, True))
    assert trip.cars == 2
    assert trip.co2e_t == pytest.approx(0.82375, abs=1e-5)


def test_flight_band_edges_follow_the_factors() -> None:
    factors = default_factor_set()
    assert flight_band(1_499.9, factors)[0] is FlightBand.SHORT_HAUL
    assert flight_band(1_500, factors)[0] is FlightBand.MEDIUM_HAUL
    assert flight_band(3_700, factors)[0] is FlightBand.MEDIUM_HAUL
    assert flight_band(3_700.1, factors)[0] is FlightBand.LONG_HAUL


def test_partnership_override_is_used_and_shown() -> None:
    override = FactorOverride(
        key="transport.rail",
        value=0.029,
        unit="kg CO2e/pkm",
        source="UBA TREMOD 2023, Eisenbahn Fernverkehr",
        edition_year=2023,
    )
    factors = default_factor_set().with_overrides([override])
    trip = trip_footprint(
        TripParams(BERSENBRUECK, RUMA, "rail", 1, False, route_distance_km=1000), factors
    )
    assert trip.co2e_t == pytest.approx(0.029)  # 1,000 pkm x 0.029 kg
    assert trip.factors_used[0].source == "UBA TREMOD 2023, Eisenbahn Fernverkehr"
    assert trip.factor_set_version == factors.version


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mode": "zeppelin"}, "mode='zeppelin' is not known"),
        ({"persons": 0}, "persons=0"),
        ({"mode": "flight", "route_distance_km": 9000}, "route_distance_km=9000"),
        ({"mode": "rail", "cars": 2}, "cars=2"),
        ({"return_trip": "yes"}, "return_trip='yes'"),
    ],
)
def test_bad_trips_are_rejected(kwargs: dict[str, Any], message: str) -> None:
    arguments = {
        "origin": WERNIGERODE,
        "destination": HOI_AN,
        "mode": "rail",
        "persons": 1,
        "return_trip": False,
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        TripParams(**arguments)


def test_bad_coordinates_are_rejected() -> None:
    with pytest.raises(ValueError, match="latitude_deg=91"):
        Coordinates(91, 0)


coordinates = st.builds(
    Coordinates,
    st.floats(min_value=-89.9, max_value=89.9),
    st.floats(min_value=-180, max_value=180),
)


@settings(deadline=None, max_examples=40)
@given(coordinates, coordinates, st.integers(min_value=1, max_value=50))
def test_trip_footprint_is_symmetric_non_negative_and_linear_in_persons(
    a: Coordinates, b: Coordinates, persons: int
) -> None:
    one = trip_footprint(TripParams(a, b, "coach", 1, False))
    back = trip_footprint(TripParams(b, a, "coach", persons, True))
    assert one.co2e_t >= 0
    assert back.co2e_t == pytest.approx(one.co2e_t * 2 * persons, rel=1e-6, abs=1e-9)

"""Municipalities: what `municipality_create` refuses, facts, distances and the gazetteer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from twinplan.municipalities import gazetteer
from twinplan.municipalities.models import Municipality, MunicipalityKind
from twinplan.municipalities.selectors import distances_between
from twinplan.municipalities.services import municipality_create, municipality_fact_create
from twinplan.municipalities.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def create_wernigerode(**fields):
    return municipality_create(
        by=None, name="Wernigerode", slug="wernigerode", kind=MunicipalityKind.TOWN,
        country=fields.pop("country", "DE"), currency=fields.pop("currency", "EUR"),
        working_languages=["de"], **fields,
    )


def test_a_municipality_with_sourced_figures_is_saved():
    municipality = create_wernigerode(
        region_code="DE-ST", population=32_167, population_year=2023,
        population_source="Statistisches Landesamt Sachsen-Anhalt",
        area_km2=Decimal("170.00"), area_year=2023, area_source="Destatis",
        latitude=51.83652, longitude=10.78216, location_source="GeoNames 2810808",
    )

    saved = Municipality.objects.get(slug="wernigerode")
    assert saved.pk == municipality.pk
    assert (saved.region_code, saved.population, saved.area_km2) == (
        "DE-ST", 32_167, Decimal("170.00")
    )
    assert saved.has_location
    # The original language of its texts defaults to its first working language.
    assert saved.original_language == "de"


@pytest.mark.parametrize(
    ("fields", "field_named"),
    [
        pytest.param({"region_code": "VN-27"}, "region_code", id="region-of-another-country"),
        pytest.param({"population": 32_167}, "population_source", id="population-unsourced"),
        pytest.param(
            {"population": 32_167, "population_source": "Destatis"}, "population_year",
            id="population-without-year",
        ),
        pytest.param(
            {"population": 32_167, "population_year": 2023}, "population_source",
            id="population-without-source",
        ),
        pytest.param({"area_km2": Decimal("170")}, "area_source", id="area-unsourced"),
        pytest.param(
            {"area_km2": Decimal("170"), "area_source": "Destatis"}, "area_year",
            id="area-without-year",
        ),
        pytest.param(
            {"area_km2": Decimal("170"), "area_year": 2023}, "area_source",
            id="area-without-source",
        ),
        pytest.param(
            {"latitude": 51.83652, "location_source": "GeoNames 2810808"}, "longitude",
            id="latitude-without-longitude",
        ),
        pytest.param(
            {"latitude": 51.83652, "longitude": 10.78216}, "location_source",
            id="coordinates-unsourced",
        ),
        pytest.param({"country": "XX"}, "country", id="unknown-country"),
        pytest.param({"currency": "XYZ"}, "currency", id="unknown-currency"),
    ],
)
def test_a_refused_municipality_names_the_field_and_saves_nothing(fields, field_named):
    with pytest.raises(ValidationError) as refused:
        create_wernigerode(**fields)

    assert field_named in refused.value.message_dict
    assert Municipality.objects.count() == 0


def test_facts_are_numbered_in_the_order_they_are_added(wernigerode):
    first = municipality_fact_create(
        municipality=wernigerode, by=None, text="Bunte Stadt am Harz", source="Stadt Wernigerode"
    )
    second = municipality_fact_create(municipality=wernigerode, by=None, text="Schloss Wernigerode")
    third = municipality_fact_create(municipality=wernigerode, by=None,
                                     text="Harzer Schmalspurbahnen")

    assert [first.position, second.position, third.position] == [0, 1, 2]
    assert [fact.text for fact in wernigerode.facts.all()] == [
        "Bunte Stadt am Harz", "Schloss Wernigerode", "Harzer Schmalspurbahnen",
    ]
    # Written in the municipality's first working language unless told otherwise.
    assert first.original_language == "de"


def test_facts_of_another_municipality_do_not_shift_the_positions(wernigerode, hoi_an):
    municipality_fact_create(municipality=hoi_an, by=None, text="Di sản thế giới UNESCO từ 1999")

    fact = municipality_fact_create(municipality=wernigerode, by=None, text="Bunte Stadt am Harz")

    assert fact.position == 0


def test_the_distance_from_wernigerode_to_hoi_an(wernigerode, hoi_an):
    # Coordinates from the conftest fixtures (GeoNames):
    #   Wernigerode 51.83652 N, 10.78216 E (geonameid 2810808)
    #   Hội An      15.87944 N, 108.335 E  (geonameid 1580541)
    # The WGS-84 geodesic between them is about 9,143 km.
    [distance] = distances_between([wernigerode, hoi_an])

    assert {distance.a, distance.b} == {wernigerode, hoi_an}
    assert distance.distance_km == pytest.approx(9_143, abs=5)
    assert "GeoNames 2810808" in distance.source
    assert "GeoNames 1580541" in distance.source


def test_a_municipality_without_coordinates_is_left_out(wernigerode, hoi_an):
    unlocated = MunicipalityFactory(name="Ruma", country="RS", currency="RSD")

    distances = distances_between([wernigerode, unlocated, hoi_an])

    assert len(distances) == 1
    assert unlocated not in (distances[0].a, distances[0].b)
    assert distances_between([wernigerode, unlocated]) == []


def test_the_gazetteer_finds_wernigerode_by_its_geonames_id():
    place = gazetteer.place_by_geonameid(2810808)

    assert (place.name, place.country) == ("Wernigerode", "DE")
    assert place.latitude == pytest.approx(51.84, abs=0.01)
    assert place.longitude == pytest.approx(10.78, abs=0.01)
    assert "GeoNames" in place.source
    assert "CC BY 4.0" in place.source


def test_the_gazetteer_finds_a_small_town_by_name():
    # Bersenbrück has fewer than 15,000 inhabitants: it is only in the cities1000 list.
    places = gazetteer.places_named("Bersenbrück", "DE")

    assert [place.name for place in places] == ["Bersenbrück"]
    assert places[0].country == "DE"
    assert places[0].population < 15_000


def test_the_gazetteer_searches_only_the_country_asked_for():
    assert gazetteer.places_named("Bersenbrück", "VN") == []

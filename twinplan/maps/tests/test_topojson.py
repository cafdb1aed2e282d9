"""The TopoJSON decoder: quantized delta-encoded arcs, shared and reversed arcs, the file."""

from __future__ import annotations

import pytest

from twinplan.maps.topojson import (
    TopologyError,
    countries_from,
    country_at,
    decode_arcs,
    ring,
    world_countries,
)

# Two unit squares side by side sharing the arc x=1 (the example of the specification,
# quantized with scale 1 and translated by (10, 20)).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [10, 20]},
    "arcs": [
        [[1, 0], [0, 1]],  # the shared edge, delta-encoded: (1,0) → (1,1)
        [[1, 1], [-1, 0], [0, -1], [1, 0]],  # left square: (1,1) → (0,1) → (0,0) → (1,0)
        [[1, 0], [1, 0], [0, 1], [-1, 0]],  # right square: (1,0) → (2,0) → (2,1) → (1,1)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "001", "properties": {"name": "West"},
                 "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "002", "properties": {"name": "East"},
                 "arcs": [[~0, 2]]},
                {"type": None, "properties": {"name": "Nowhere"}},
            ],
        }
    },
}


def test_arcs_are_delta_decoded_and_transformed():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]


def test_arcs_without_transform_are_absolute():
    assert decode_arcs({"arcs": [[[1.5, 2.5], [3, 4]]]}) == [[(1.5, 2.5), (3.0, 4.0)]]


def test_a_ring_joins_its_arcs_keeping_the_shared_point_once():
    arcs = decode_arcs(TOPOLOGY)
    west = ring(arcs, [0, 1])
    assert west == ((11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0))


def test_a_negative_index_walks_the_shared_arc_backwards():
    arcs = decode_arcs(TOPOLOGY)
    east = ring(arcs, [~0, 2])
    assert east[:2] == ((11.0, 21.0), (11.0, 20.0))
    assert east[-1] == (11.0, 21.0)  # closed


def test_countries_carry_name_code_and_polygons():
    west, east, nowhere = countries_from(TOPOLOGY)
    assert (west.name, west.numeric_code, len(west.polygons)) == ("West", "001", 1)
    assert east.name == "East"
    assert nowhere.polygons == ()
    assert country_at([west, east], 10.5, 20.5) is west
    assert country_at([west, east], 11.5, 20.5) is east
    assert country_at([west, east], 13, 20.5) is None


def test_a_missing_arc_or_wrong_file_is_refused():
    with pytest.raises(TopologyError):
        ring(decode_arcs(TOPOLOGY), [7])
    with pytest.raises(TopologyError):
        countries_from({"type": "FeatureCollection"})
    with pytest.raises(TopologyError):
        countries_from({**TOPOLOGY, "objects": {}})


def test_the_vendored_natural_earth_file_decodes_to_the_world():
    countries = world_countries()
    assert len(countries) == 177
    names = {c.name for c in countries}
    assert {"Germany", "Vietnam", "Serbia", "Fiji"} <= names
    # Every longitude and latitude lies on the globe.
    for country in countries:
        for polygon in country.polygons:
            for lon, lat in polygon[0]:
                assert -180 <= lon <= 180
                assert -90 <= lat <= 90


@pytest.mark.parametrize(("lon", "lat", "expected"), [
    (10.78216, 51.83652, "Germany"),  # Wernigerode
    (108.335, 15.87944, "Vietnam"),  # Hội An
    (19.8222, 45.0081, "Serbia"),  # Ruma
    (-30.0, 40.0, None),  # the Atlantic
])
def test_a_town_is_found_in_its_country(lon, lat, expected):
    found = country_at(world_countries(), lon, lat)
    assert (found.name if found else None) == expected

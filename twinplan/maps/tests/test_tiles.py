"""The tile setting's rules and the data the tile map is drawn from."""

from __future__ import annotations

from itertools import pairwise

import pytest

from twinplan.maps import Connection, MapSpec, Place
from twinplan.maps.tiles import tile_csp_source, tile_layer_problems, tile_map_data

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
CREDIT = "© OpenStreetMap contributors"


def test_no_url_means_no_tile_layer_and_nothing_to_report():
    assert tile_layer_problems("", "") == []
    assert tile_csp_source("") is None


def test_a_https_template_with_its_credit_is_accepted():
    assert tile_layer_problems(OSM, CREDIT) == []
    assert tile_csp_source(OSM) == "https://tile.openstreetmap.org"


def test_subdomains_and_a_port_become_one_csp_source():
    url = "https://{s}.tiles.example.org:8443/{z}/{x}/{y}@2x.png?key=abc"
    assert tile_layer_problems(url, CREDIT) == []
    assert tile_csp_source(url) == "https://*.tiles.example.org:8443"


@pytest.mark.parametrize(("url", "attribution", "words"), [
    ("http://tile.openstreetmap.org/{z}/{x}/{y}.png", CREDIT, "https://"),
    (OSM, "", "TWINPLAN_MAP_TILE_ATTRIBUTION must be set"),
    (OSM, "   ", "TWINPLAN_MAP_TILE_ATTRIBUTION must be set"),
    ("https://tile.openstreetmap.org/tiles.png", CREDIT, "lacks {z}, {x}, {y}"),
    ("https:///{z}/{x}/{y}.png", CREDIT, "host name"),
    ("https://tile.{s}.example.org/{z}/{x}/{y}.png", CREDIT, "host name"),
    ("https://user:secret@tile.example.org/{z}/{x}/{y}.png", CREDIT, "password"),
    ("https://tile.example.org:port/{z}/{x}/{y}.png", CREDIT, "port"),
])
def test_an_unusable_setting_is_named_and_opens_no_csp(url, attribution, words):
    problems = tile_layer_problems(url, attribution)
    assert any(words in problem for problem in problems), problems
    if attribution.strip():
        assert tile_csp_source(url) is None


def test_the_tile_map_gets_the_towns_and_the_great_circle_in_lat_lon():
    spec = MapSpec(title="t", places=(Place("Wernigerode", 51.84, 10.78),
                                      Place("Hội An", 15.88, 108.34)),
                   connections=(Connection(0, 1),))
    data = tile_map_data(spec, steps=8)
    assert data["places"] == [{"name": "Wernigerode", "lat": 51.84, "lon": 10.78},
                              {"name": "Hội An", "lat": 15.88, "lon": 108.34}]
    (line,) = data["lines"]
    assert line[0] == (51.84, 10.78)
    assert line[-1] == (15.88, 108.34)
    assert len(line) == 9
    # A great circle, not the straight line of the map: it bends north of both ends' mean.
    assert line[4][0] > (51.84 + 15.88) / 2


def test_a_line_across_the_antimeridian_stays_continuous():
    spec = MapSpec(title="t", places=(Place("Suva", -18.14, 178.44),
                                      Place("Apia", -13.83, -171.76)),
                   connections=(Connection(0, 1),), frame="world")
    (line,) = tile_map_data(spec, steps=8)["lines"]
    steps = [abs(b[1] - a[1]) for a, b in pairwise(line)]
    assert max(steps) < 5
    assert line[-1][1] == pytest.approx(-171.76 + 360)

"""The SVG map: accessible, escaped, deterministic, cropped to the towns, no inline style."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from twinplan.maps import Connection, MapError, MapSpec, Place, render_svg
from twinplan.maps.render import WIDTH

SVG = "{http://www.w3.org/2000/svg}"
WERNIGERODE = Place("Wernigerode", 51.83652, 10.78216)
HOI_AN = Place("Hội An", 15.87944, 108.335)
RUMA = Place("Ruma", 45.0081, 19.8222)


def pair(**kwargs) -> MapSpec:
    return MapSpec(
        title="Map of the partner towns",
        description="Wernigerode (Germany) – Hội An (Viet Nam): 9,143 km",
        places=(WERNIGERODE, HOI_AN),
        connections=(Connection(0, 1, "9,143 km"),),
        **kwargs,
    )


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output


def test_the_map_is_an_image_named_by_its_title_and_text_equivalent():
    root = parse(render_svg(pair()))
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby", "").split()
    texts = {el.get("id"): el.text for el in root.iter() if el.get("id")}
    assert [texts[i] for i in ids] == [
        "Map of the partner towns", "Wernigerode (Germany) – Hội An (Viet Nam): 9,143 km"]


def test_towns_are_dots_with_labels_and_the_line_carries_the_distance():
    root = parse(render_svg(pair()))
    dots = root.findall(f"{SVG}circle")
    assert [dot.find(f"{SVG}title").text for dot in dots] == ["Wernigerode", "Hội An"]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Wernigerode", "Hội An", "9,143 km"} <= set(labels)


def test_the_crop_holds_both_towns_away_from_the_edges():
    root = parse(render_svg(pair()))
    height = float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {WIDTH} {root.get('height')}"
    for dot in root.findall(f"{SVG}circle"):
        x, y = float(dot.get("cx")), float(dot.get("cy"))
        assert 0.1 * WIDTH < x < 0.9 * WIDTH
        assert 0.1 * height < y < 0.9 * height


def test_a_near_pair_is_zoomed_in_further_than_a_far_one():
    def dot_gap(spec: MapSpec) -> float:
        a, b = parse(render_svg(spec)).findall(f"{SVG}circle")
        return abs(float(a.get("cx")) - float(b.get("cx")))

    near = MapSpec("near", places=(WERNIGERODE, RUMA), connections=(Connection(0, 1),))
    world = MapSpec("w", places=(WERNIGERODE, RUMA), connections=(Connection(0, 1),),
                    frame="world")
    assert dot_gap(near) > 4 * dot_gap(world)


def test_the_world_view_shows_every_continent_but_antarctica():
    svg = render_svg(MapSpec("World", places=(WERNIGERODE, HOI_AN), frame="world"))
    root = parse(svg)
    assert root.get("viewBox") == "0 0 640 280"
    assert len(root.findall(f".//{SVG}path")) > 150  # the countries
    assert len(svg) < 60_000  # whole pixels and relative steps keep the page light


def test_no_country_outline_spans_the_map_at_the_antimeridian():
    # Fiji and the far east of Russia cross ±180°; drawn naively they streak across.
    svg = render_svg(MapSpec("World", places=(Place("Suva", -18.14, 178.44),), frame="world"))
    rings = [r for d in re.findall(r'<path d="([^"]+)" fill="#', svg)
             for r in re.findall(r"M-?\d+ -?\d+l([^z]*)z", d)]
    assert len(rings) > 200
    for steps in rings:
        for dx, _dy in re.findall(r"(-?\d+) (-?\d+)", steps):
            assert abs(int(dx)) < WIDTH / 2


def test_text_is_escaped_and_there_is_no_inline_style():
    spec = MapSpec('<script>alert("x")</script>', places=(Place("A & <B>", 10, 10),))
    svg = render_svg(spec)
    assert "<script>" not in svg
    assert "A &amp; &lt;B&gt;" in svg
    assert "style=" not in svg
    parse(svg)  # well-formed


def test_the_same_data_draws_the_same_string():
    assert render_svg(pair()) == render_svg(pair())


@pytest.mark.parametrize("bad", [
    lambda: Place("Nowhere", 91, 0),
    lambda: Place("Nowhere", 0, float("nan")),
    lambda: MapSpec("x", places=(WERNIGERODE,), connections=(Connection(0, 1),)),
])
def test_bad_data_is_refused_with_a_clear_error(bad):
    with pytest.raises(MapError):
        bad()

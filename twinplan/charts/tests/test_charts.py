"""The chart package draws well-formed, accessible SVG and the same data as a table."""

import itertools
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twinplan.charts import (
    Bar,
    BarChart,
    ChartError,
    LineChart,
    Part,
    Point,
    ProportionChart,
    StackedBarChart,
    StackedRow,
    chart_table,
    render_svg,
)
from twinplan.charts.render import COLOURS, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def german(value: float) -> str:
    return f"{value:,.1f}".replace(",", " ").replace(".", ",")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def texts(root: ET.Element) -> str:
    return " ".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


BARS = BarChart(
    title="Measures per field",
    description="Energy has most measures.",
    bars=(Bar("Energy & <heat>", 3), Bar("Mobility", 1, note="survey 2024")),
    unit="measures",
)


def test_bar_chart_is_an_accessible_image_with_values_as_text():
    root = parse(render_svg(BARS, german))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").text == "Measures per field"
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").text == "Energy has most measures."
    assert root.find(f"{SVG}desc").get("id") == desc_id
    shown = texts(root)
    # Labels are escaped, values pass through the caller's formatter, notes are printed.
    assert "Energy & <heat>" in shown
    assert "3,0 measures" in shown
    assert "1,0 measures (survey 2024)" in shown


def test_bars_are_proportional_to_their_values():
    root = parse(render_svg(BARS, german))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("height") == "18"]
    assert widths[0] == pytest.approx(3 * widths[1], rel=0.01)


def test_stacked_chart_has_a_pattern_per_series_and_a_legend():
    chart = StackedBarChart(
        title="Money by source",
        series=("Planned", "Spent", "Open"),
        rows=(StackedRow("Own funds", (100, 50, 0)), StackedRow("Grant", (200, 0, 25))),
        unit="EUR",
    )
    root = parse(render_svg(chart, german))
    patterns = root.findall(f".//{SVG}pattern")
    assert len(patterns) == 3
    # A different pattern for each series: colour is not the only cue.
    assert len({ET.tostring(p[1]) if len(p) > 1 else b"solid" for p in patterns}) == 3
    shown = texts(root)
    for name in ("Planned", "Spent", "Open", "Own funds", "Grant", "150,0 EUR", "225,0 EUR"):
        assert name in shown
    table = chart_table(chart, german)
    assert table.headers == ("", "Planned", "Spent", "Open", "Total (EUR)")
    assert table.rows[1] == ("Grant", "200,0", "0,0", "25,0", "225,0")


def test_stacked_row_of_the_wrong_width_is_refused_with_its_name():
    with pytest.raises(ChartError, match="Grant: 1 values for 2 series"):
        StackedBarChart(title="M", series=("a", "b"), rows=(StackedRow("Grant", (1,)),))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1.0])
def test_bad_values_are_refused(value):
    with pytest.raises(ChartError, match="Mobility"):
        BarChart(title="T", bars=(Bar("Mobility", value),))


def test_line_chart_draws_points_target_and_baseline():
    chart = LineChart(
        title="Solar power on schools",
        points=(Point(2023, "2023", 10), Point(2025, "2025", 40), Point(2024, "2024", 25)),
        unit="kWp",
        target=60,
        target_label="Target 2027",
        baseline=5,
        baseline_label="Baseline 2022",
        x_title="Year",
    )
    root = parse(render_svg(chart, german))
    shown = texts(root)
    assert "Target 2027: 60,0 kWp" in shown
    assert "Baseline 2022: 5,0 kWp" in shown
    for year in ("2023", "2024", "2025"):
        assert year in shown
    line = root.find(f"{SVG}polyline").get("points").split()
    xs = [float(p.split(",")[0]) for p in line]
    assert xs == sorted(xs)  # joined in time order, not in the order given
    ys = [float(p.split(",")[1]) for p in line]
    assert ys[0] > ys[1] > ys[2]  # rising values are drawn higher up
    table = chart_table(chart, german)
    assert [row[0] for row in table.rows] == [
        "2023",
        "2024",
        "2025",
        "Baseline 2022",
        "Target 2027",
    ]


def test_a_dense_line_chart_writes_only_the_values_that_have_room():
    # A hundred weekly values: one path of markers, and value labels that never overlap,
    # the first and the last among them; the table keeps every value.
    points = tuple(Point(2024 + week / 52, str(2024 + week // 52), 1000 + week)
                   for week in range(100))
    chart = LineChart(title="Weekly", points=points)
    root = parse(render_svg(chart, german))
    assert len(root.findall(f"{SVG}path")) == 1
    assert root.find(f"{SVG}g") is None  # no group per point
    values = {german(p.value) for p in points}
    labels = [t for t in root.iter(f"{SVG}text")
              if t.text in values and t.get("text-anchor") == "middle"]  # not the ticks
    shown = {t.text for t in labels}
    assert {german(1000), german(1099)} <= shown
    assert 2 < len(labels) < 20
    spans = sorted((float(t.get("x")) - len(t.text) * 3.8, float(t.get("x")) + len(t.text) * 3.8)
                   for t in labels)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert len(chart_table(chart, german).rows) == 100


def test_line_chart_with_one_point_or_none_still_draws():
    parse(render_svg(LineChart(title="One", points=(Point(2024, "2024", 3),)), german))
    parse(render_svg(LineChart(title="None", points=()), german))


def test_proportion_chart_shows_shares_that_add_up():
    chart = ProportionChart(
        title="Funding",
        parts=(Part("Grant", 75), Part("Own funds", 25), Part("None", 0)),
        unit="EUR",
    )
    root = parse(render_svg(chart, german))
    shown = texts(root)
    assert "Grant: 75,0 EUR (75,0 %)" in shown
    assert "Own funds: 25,0 EUR (25,0 %)" in shown
    table = chart_table(chart, german)
    assert table.rows[0] == ("Grant", "75,0", "75,0 %")


def test_nice_ticks_cover_the_range_in_round_steps():
    assert nice_ticks(0, 47) == [0, 10, 20, 30, 40, 50]
    assert nice_ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_colours_have_enough_contrast_against_white():
    for colour in COLOURS:
        assert (1.05) / (luminance(colour) + 0.05) >= 4.5, colour


def test_the_same_chart_renders_the_same_svg():
    assert render_svg(BARS, german) == render_svg(BARS, german)


@settings(deadline=None, max_examples=40)
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=60), st.floats(0, 1e9, allow_nan=False)),
        max_size=12,
    )
)
def test_any_bar_data_renders_well_formed_svg(rows):
    chart = BarChart(title="T", bars=tuple(Bar(label, value) for label, value in rows))
    root = parse(render_svg(chart, german))
    assert root.get("role") == "img"
    assert len(chart_table(chart, german).rows) == len(rows)

"""Drawing: each chart becomes one self-contained ``<svg>`` string, and a table.

Accessibility: ``role="img"`` with ``<title>`` and ``<desc>`` (named by ``aria-labelledby``);
every series has a colour *and* a pattern, and every bar and every point with room for it
carries its value as text (the table beside each chart lists every value), so colour is
never the only cue; text is at least 12 px in a 640 px wide drawing
(about 9 pt on an A4 page); the colours reach 4.5:1 against white.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from html import escape

from twinplan.charts.model import (
    BarChart,
    Chart,
    ChartTable,
    LineChart,
    NumberFormat,
    Point,
    ProportionChart,
    StackedBarChart,
)

WIDTH = 640
FONT = 13
ROW = 30
BAR = 18
CHAR_PX = 7.6  # width of a wide-ish character at FONT px, enough to lay out labels
INK = "#1a1a1a"
GRID = "#767676"
# Each at least 4.5:1 against white; each paired with its own pattern below.
COLOURS = ("#1f5f8b", "#a14a00", "#2e6b30", "#6a3d9a", "#a50f15", "#4d4d4d")
PATTERNS = ("solid", "diagonal", "dots", "cross", "horizontal", "vertical")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _e(text: str) -> str:
    # Control characters cannot appear in XML at all; drop them rather than break the page.
    return escape(_NOT_XML.sub("", text), quote=True)


def _fmt_value(number: NumberFormat, value: float, unit: str) -> str:
    text = number(value)
    return f"{text} {unit}" if unit else text


def _chart_id(chart: Chart) -> str:
    # Stable across runs (no id() or random), unique enough for several charts on a page.
    return "ch" + hashlib.sha1(repr(chart).encode(), usedforsecurity=False).hexdigest()[:10]


def _wrap(text: str, max_chars: int, max_lines: int = 2) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= max_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, max_chars - 1)].rstrip() + "…"
    return [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]


def _defs(prefix: str, count: int) -> str:
    out = []
    for index in range(count):
        colour = COLOURS[index % len(COLOURS)]
        kind = PATTERNS[index % len(PATTERNS)]
        pid = f"{prefix}-p{index}"
        if kind == "solid":
            body = ""
        elif kind == "diagonal":
            body = '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="2"/>'
        elif kind == "dots":
            body = '<circle cx="4" cy="4" r="1.6" fill="#fff"/>'
        elif kind == "cross":
            body = '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.4"/>'
        elif kind == "horizontal":
            body = '<path d="M0,4 H8" stroke="#fff" stroke-width="2"/>'
        else:
            body = '<path d="M4,0 V8" stroke="#fff" stroke-width="2"/>'
        out.append(
            f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{body}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>" if out else ""


def _fill(prefix: str, index: int) -> str:
    return f"url(#{prefix}-p{index})"


def _open(chart: Chart, prefix: str, height: float) -> str:
    desc = chart.description or chart.title
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'aria-labelledby="{prefix}-t {prefix}-d" font-family="Noto Sans, DejaVu Sans, sans-serif" '
        f'font-size="{FONT}" fill="{INK}">'
        f'<title id="{prefix}-t">{_e(chart.title)}</title><desc id="{prefix}-d">{_e(desc)}</desc>'
    )


def _text_lines(x: float, y: float, lines: list[str], anchor: str = "end") -> str:
    if len(lines) == 1:
        return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{_e(lines[0])}</text>'
    first = y - FONT * 0.55 * (len(lines) - 1)
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{first + i * FONT * 1.1:.1f}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}">{spans}</text>'


def _label_width(labels: list[str]) -> tuple[float, int]:
    longest = max((len(label) for label in labels), default=0)
    max_chars = max(8, min(30, longest))
    return max_chars * CHAR_PX + 16, max_chars


def _legend(prefix: str, names: tuple[str, ...] | list[str], y: float) -> tuple[str, float]:
    out = []
    x = 0.0
    for index, name in enumerate(names):
        width = 18 + 6 + len(name) * CHAR_PX + 18
        if x > 0 and x + width > WIDTH:
            x = 0
            y += ROW * 0.8
        out.append(
            f'<rect x="{x:.1f}" y="{y - 12:.1f}" width="18" height="14" '
            f'fill="{_fill(prefix, index)}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{x + 24:.1f}" y="{y:.1f}">{_e(name)}</text>'
        )
        x += width
    return "".join(out), y + ROW * 0.8


def _bar_chart(chart: BarChart, number: NumberFormat) -> str:
    prefix = _chart_id(chart)
    label_w, max_chars = _label_width([bar.label for bar in chart.bars])
    value_w = 150.0
    area = WIDTH - label_w - value_w
    top = 8.0
    height = top + ROW * max(1, len(chart.bars)) + 8
    biggest = max((bar.value for bar in chart.bars), default=0.0)
    parts = [_open(chart, prefix, height), _defs(prefix, 1)]
    for index, bar in enumerate(chart.bars):
        y = top + index * ROW
        length = area * bar.value / biggest if biggest > 0 else 0.0
        value = _fmt_value(number, bar.value, chart.unit)
        parts.append(f"<g><title>{_e(bar.label)}: {_e(value)}</title>")
        parts.append(_text_lines(label_w - 8, y + ROW / 2 + 4, _wrap(bar.label, max_chars)))
        parts.append(
            f'<rect x="{label_w:.1f}" y="{y + (ROW - BAR) / 2:.1f}" width="{length:.1f}" '
            f'height="{BAR}" fill="{_fill(prefix, 0)}"/>'
        )
        shown = f"{value} ({bar.note})" if bar.note else value
        parts.append(
            f'<text x="{label_w + length + 6:.1f}" y="{y + ROW / 2 + 4:.1f}">{_e(shown)}</text>'
        )
        parts.append("</g>")
    parts.append(
        f'<line x1="{label_w:.1f}" y1="{top:.1f}" x2="{label_w:.1f}" y2="{height - 8:.1f}" '
        f'stroke="{GRID}"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _stacked_chart(chart: StackedBarChart, number: NumberFormat) -> str:
    prefix = _chart_id(chart)
    legend, top = _legend(prefix, chart.series, FONT + 4)
    label_w, max_chars = _label_width([row.label for row in chart.rows])
    value_w = 120.0
    area = WIDTH - label_w - value_w
    height = top + ROW * max(1, len(chart.rows)) + 8
    biggest = max((sum(row.values) for row in chart.rows), default=0.0)
    parts = [_open(chart, prefix, height), _defs(prefix, len(chart.series)), legend]
    for index, row in enumerate(chart.rows):
        y = top + index * ROW
        total = sum(row.values)
        parts.append(
            f"<g><title>{_e(row.label)}: {_e(_fmt_value(number, total, chart.unit))}</title>"
        )
        parts.append(_text_lines(label_w - 8, y + ROW / 2 + 4, _wrap(row.label, max_chars)))
        x = label_w
        for series_index, (name, value) in enumerate(zip(chart.series, row.values, strict=True)):
            length = area * value / biggest if biggest > 0 else 0.0
            if length <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y + (ROW - BAR) / 2:.1f}" width="{length:.1f}" '
                f'height="{BAR}" '
                f'fill="{_fill(prefix, series_index)}" stroke="#fff" stroke-width="1">'
                f"<title>{_e(row.label)} · {_e(name)}: {_e(_fmt_value(number, value, chart.unit))}"
                "</title></rect>"
            )
            x += length
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + ROW / 2 + 4:.1f}">'
            f"{_e(_fmt_value(number, total, chart.unit))}</text></g>"
        )
    parts.append(
        f'<line x1="{label_w:.1f}" y1="{top:.1f}" x2="{label_w:.1f}" y2="{height - 8:.1f}" '
        f'stroke="{GRID}"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``…``high`` (1, 2 or 5 times a power of ten apart)."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _labelled(points: tuple[Point, ...], sx: Callable[[float], float],
              number: NumberFormat) -> list[Point]:
    """The points whose value label fits without touching another: the first and the
    last, then the others from left to right."""
    ordered = sorted(points, key=lambda p: p.x)
    if len(ordered) > 2:
        ordered = [ordered[0], ordered[-1], *ordered[1:-1]]
    taken: list[tuple[float, float]] = []
    shown = []
    for point in ordered:
        half = len(number(point.value)) * CHAR_PX / 2 + 2
        left, right = sx(point.x) - half, sx(point.x) + half
        if all(right <= start or left >= end for start, end in taken):
            taken.append((left, right))
            shown.append(point)
    return shown


def _line_chart(chart: LineChart, number: NumberFormat) -> str:
    prefix = _chart_id(chart)
    values = [p.value for p in chart.points]
    values += [v for v in (chart.target, chart.baseline) if v is not None]
    low = min(min(values, default=0.0), 0.0)
    high = max(values, default=1.0)
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]
    left = max(len(_fmt_value(number, t, "")) for t in ticks) * CHAR_PX + 14
    # Room on the right for the target and baseline labels, so they are not cut off.
    side_labels = [
        f"{label}: {_fmt_value(number, value, chart.unit)}"
        for value, label in ((chart.target, chart.target_label),
                             (chart.baseline, chart.baseline_label))
        if value is not None
    ]
    right = min(max([120.0, *(len(t) * CHAR_PX + 12 for t in side_labels)]), WIDTH / 2)
    top = 24.0
    plot_h = 200.0
    height = top + plot_h + 44
    plot_w = WIDTH - left - right
    xs = [p.x for p in chart.points]
    x_min, x_max = (min(xs), max(xs)) if xs else (0.0, 1.0)
    if x_max == x_min:
        x_min, x_max = x_min - 1, x_max + 1

    def sx(x: float) -> float:
        return left + plot_w * (x - x_min) / (x_max - x_min)

    def sy(v: float) -> float:
        return top + plot_h - plot_h * (v - y_min) / (y_max - y_min)

    parts = [_open(chart, prefix, height), _defs(prefix, 1)]
    if chart.unit:
        parts.append(f'<text x="0" y="{FONT:.0f}">{_e(chart.unit)}</text>')
    for tick in ticks:
        parts.append(
            f'<line x1="{left:.1f}" x2="{left + plot_w:.1f}" '
            f'y1="{sy(tick):.1f}" y2="{sy(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{left - 6:.1f}" y="{sy(tick) + 4:.1f}" text-anchor="end">'
            f"{_e(number(tick))}</text>"
        )
    for value, label, dash in (
        (chart.target, chart.target_label, "8 4"),
        (chart.baseline, chart.baseline_label, "2 3"),
    ):
        if value is None:
            continue
        text = f"{label}: {_fmt_value(number, value, chart.unit)}"
        parts.append(
            f'<g><line x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{sy(value):.1f}" '
            f'y2="{sy(value):.1f}" stroke="{COLOURS[4]}" stroke-width="2" '
            f'stroke-dasharray="{dash}"/>'
            f'<text x="{left + plot_w + 6:.1f}" y="{sy(value) + 4:.1f}">{_e(text)}</text></g>'
        )
    if len(chart.points) > 1:
        path = " ".join(
            f"{sx(p.x):.1f},{sy(p.value):.1f}" for p in sorted(chart.points, key=lambda p: p.x)
        )
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{COLOURS[0]}" stroke-width="2"/>'
        )
    # The markers are one path and a value is written only where it has room: a series of
    # a hundred weekly values drawn as a hundred labelled groups cost the PDF more than the
    # rest of its page (docs/performance.md, "The results-report PDF"). The table beside
    # the chart lists every value.
    if chart.points:
        marks = "".join(
            f"M{sx(p.x) - 4:.1f},{sy(p.value) - 4:.1f}h8v8h-8z" for p in chart.points
        )
        parts.append(f'<path d="{marks}" fill="{COLOURS[0]}" stroke="#fff"/>')
    for point in _labelled(chart.points, sx, number):
        parts.append(
            f'<text x="{sx(point.x):.1f}" y="{sy(point.value) - 9:.1f}" text-anchor="middle">'
            f"{_e(number(point.value))}</text>"
        )
    seen_labels: set[str] = set()
    for point in chart.points:
        if point.x_label not in seen_labels:
            seen_labels.add(point.x_label)
            parts.append(
                f'<text x="{sx(point.x):.1f}" y="{top + plot_h + 18:.1f}" text-anchor="middle">'
                f"{_e(point.x_label)}</text>"
            )
    if chart.x_title:
        parts.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{height - 4:.1f}" text-anchor="middle">'
            f"{_e(chart.x_title)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _shares(values: list[float]) -> list[float]:
    total = sum(values)
    return [100.0 * v / total if total > 0 else 0.0 for v in values]


def _proportion_chart(chart: ProportionChart, number: NumberFormat) -> str:
    prefix = _chart_id(chart)
    shares = _shares([p.value for p in chart.parts])
    top = 8.0
    bar_h = 28.0
    rows_top = top + bar_h + 14 + FONT
    height = rows_top + ROW * 0.8 * len(chart.parts) + 4
    parts = [_open(chart, prefix, height), _defs(prefix, len(chart.parts))]
    x = 0.0
    for index, (part, share) in enumerate(zip(chart.parts, shares, strict=True)):
        length = WIDTH * share / 100
        if length > 0:
            parts.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{length:.1f}" height="{bar_h}" '
                f'fill="{_fill(prefix, index)}" stroke="#fff" stroke-width="1">'
                f"<title>{_e(part.label)}: {_e(number(share))} %</title></rect>"
            )
        x += length
    for index, (part, share) in enumerate(zip(chart.parts, shares, strict=True)):
        y = rows_top + index * ROW * 0.8
        parts.append(
            f'<rect x="0" y="{y - 12:.1f}" width="18" height="14" fill="{_fill(prefix, index)}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="24" y="{y:.1f}">{_e(part.label)}: '
            f"{_e(_fmt_value(number, part.value, chart.unit))}"
            f" ({_e(number(share))} %)</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render_svg(chart: Chart, number: NumberFormat) -> str:
    """The chart as one ``<svg>`` element; ``number`` formats every value shown."""
    if isinstance(chart, BarChart):
        return _bar_chart(chart, number)
    if isinstance(chart, StackedBarChart):
        return _stacked_chart(chart, number)
    if isinstance(chart, LineChart):
        return _line_chart(chart, number)
    return _proportion_chart(chart, number)


def chart_table(chart: Chart, number: NumberFormat) -> ChartTable:
    """The same data as a table (the text alternative beside or instead of the picture)."""
    unit = f" ({chart.unit})" if chart.unit else ""
    if isinstance(chart, BarChart):
        has_notes = any(bar.note for bar in chart.bars)
        headers: tuple[str, ...] = ("", f"{chart.title}{unit}") + (("",) if has_notes else ())
        rows = tuple(
            (bar.label, number(bar.value)) + ((bar.note,) if has_notes else ())
            for bar in chart.bars
        )
        return ChartTable(chart.title, headers, rows)
    if isinstance(chart, StackedBarChart):
        headers = ("", *chart.series, chart.total_label + unit)
        rows = tuple(
            (row.label, *(number(v) for v in row.values), number(sum(row.values)))
            for row in chart.rows
        )
        return ChartTable(chart.title, headers, rows)
    if isinstance(chart, LineChart):
        rows = tuple(
            (p.x_label, number(p.value), p.note) for p in sorted(chart.points, key=lambda p: p.x)
        )
        extra = tuple(
            (label, number(value), "")
            for label, value in (
                (chart.baseline_label, chart.baseline),
                (chart.target_label, chart.target),
            )
            if value is not None
        )
        return ChartTable(chart.title, (chart.x_title, chart.value_title + unit, ""), rows + extra)
    shares = _shares([p.value for p in chart.parts])
    rows = tuple(
        (part.label, number(part.value), f"{number(share)} %")
        for part, share in zip(chart.parts, shares, strict=True)
    )
    return ChartTable(chart.title, ("", chart.title + unit, chart.share_label), rows)

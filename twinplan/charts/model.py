"""The data of each chart: what a caller builds, what both the SVG and the table read."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

NumberFormat = Callable[[float], str]
"""Turns a value into text in the reader's locale (``1.234,5`` in German, ``1,234.5`` …)."""


class ChartError(ValueError):
    """The data cannot be drawn: a negative or non-finite value, a row of the wrong width."""


def _check_value(value: float, where: str, *, allow_negative: bool = False) -> None:
    if not math.isfinite(value):
        raise ChartError(f"{where}: the value {value!r} is not a finite number.")
    if value < 0 and not allow_negative:
        raise ChartError(f"{where}: the value {value!r} is negative; this chart draws amounts.")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # e.g. the source and year of the figure, shown after the value


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per label (measures per field, CO2 per measure …)."""

    title: str
    bars: tuple[Bar, ...]
    description: str = ""
    unit: str = ""  # printed after each value and in the table header

    def __post_init__(self) -> None:
        for bar in self.bars:
            _check_value(bar.value, f"{self.title} / {bar.label}")


@dataclass(frozen=True)
class StackedRow:
    label: str
    values: tuple[float, ...]  # one per series, in the chart's series order


@dataclass(frozen=True)
class StackedBarChart:
    """Horizontal bars split into series: planned and spent by source, measures by status."""

    title: str
    series: tuple[str, ...]
    rows: tuple[StackedRow, ...]
    description: str = ""
    unit: str = ""
    total_label: str = "Total"

    def __post_init__(self) -> None:
        if not self.series:
            raise ChartError(f"{self.title}: a stacked chart needs at least one series.")
        for row in self.rows:
            if len(row.values) != len(self.series):
                raise ChartError(
                    f"{self.title} / {row.label}: {len(row.values)} values for "
                    f"{len(self.series)} series."
                )
            for name, value in zip(self.series, row.values, strict=True):
                _check_value(value, f"{self.title} / {row.label} / {name}")


@dataclass(frozen=True)
class Point:
    x: float  # position on the time axis (e.g. a year, or a date as a fractional year)
    x_label: str  # how the reader sees that position ("2024", "03/2025")
    value: float
    note: str = ""


@dataclass(frozen=True)
class LineChart:
    """Values over time as points joined by a line, with an optional target line."""

    title: str
    points: tuple[Point, ...]
    description: str = ""
    unit: str = ""
    target: float | None = None
    target_label: str = "Target"
    baseline: float | None = None
    baseline_label: str = "Baseline"
    x_title: str = ""
    value_title: str = "Value"

    def __post_init__(self) -> None:
        for point in self.points:
            _check_value(point.value, f"{self.title} / {point.x_label}", allow_negative=True)
            if not math.isfinite(point.x):
                raise ChartError(f"{self.title} / {point.x_label}: the position is not finite.")
        for name, value in (("target", self.target), ("baseline", self.baseline)):
            if value is not None:
                _check_value(value, f"{self.title} / {name}", allow_negative=True)


@dataclass(frozen=True)
class Part:
    label: str
    value: float


@dataclass(frozen=True)
class ProportionChart:
    """Parts of one whole as a single bar of 100 % (share of money by source …)."""

    title: str
    parts: tuple[Part, ...]
    description: str = ""
    unit: str = ""
    share_label: str = "Share"

    def __post_init__(self) -> None:
        for part in self.parts:
            _check_value(part.value, f"{self.title} / {part.label}")


@dataclass(frozen=True)
class ChartTable:
    """The chart's data as a table: a caption, column headers and rows of text."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


Chart = BarChart | StackedBarChart | LineChart | ProportionChart

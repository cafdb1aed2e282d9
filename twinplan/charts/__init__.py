"""Charts drawn as SVG strings on the server, in pure Python.

Each chart is a small frozen dataclass (``BarChart``, ``StackedBarChart``, ``LineChart``,
``ProportionChart``). ``render_svg(chart, number)`` draws it; ``chart_table(chart, number)``
gives the same data as a table for readers who cannot see the picture (and for print).
Numbers are formatted by the function the caller passes in, so the page's locale decides.
No Django, no other part of the project: the reports, the public pages and commands share it.
"""

from twinplan.charts.model import (
    Bar,
    BarChart,
    ChartError,
    ChartTable,
    LineChart,
    NumberFormat,
    Part,
    Point,
    ProportionChart,
    StackedBarChart,
    StackedRow,
)
from twinplan.charts.render import chart_table, render_svg

__all__ = [
    "Bar",
    "BarChart",
    "ChartError",
    "ChartTable",
    "LineChart",
    "NumberFormat",
    "Part",
    "Point",
    "ProportionChart",
    "StackedBarChart",
    "StackedRow",
    "chart_table",
    "render_svg",
]

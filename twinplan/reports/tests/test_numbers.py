"""Numbers in the documents' charts and chart tables are rounded, not cut off, so a chart
says what the table beside it says."""

from decimal import Decimal

import pytest
from django.utils import translation

from twinplan import charts
from twinplan.reports.builder import chart, number


@pytest.mark.parametrize(
    ("value", "german"),
    [
        (22.896, "22,9"),  # the planned reduction of the Bersenbrück–Ruma demo (22,90 t)
        (2.376, "2,38"),
        (10135.14, "10.135,1"),
        (9.996, "10,00"),
        (0.999, "1,00"),
        (Decimal("22.85"), "22,9"),
        (25000.0, "25.000"),
        (-2.376, "-2,38"),
    ],
)
def test_number_rounds_half_up_in_the_columns_language(value, german):
    with translation.override("de"):
        assert number(value) == german


def test_chart_table_shows_the_rounded_value():
    with translation.override("de"):
        rendered = chart(
            charts.BarChart(
                title="Bilanz", description="", bars=(charts.Bar("geplant", 22.896, note="t"),)
            )
        )
    cells = [cell for row in rendered.table.rows for cell in row]
    assert any("22,9" in str(cell) for cell in cells)
    assert not any("22,8" in str(cell) for cell in cells)
    assert "22,8" not in rendered.svg

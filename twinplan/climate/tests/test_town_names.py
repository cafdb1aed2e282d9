"""A town's name in the impact summary follows the page's script: Ruma on Latin pages,
Рума on Cyrillic ones (issue 10), not the official local name everywhere."""

from __future__ import annotations

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from twinplan.municipalities.models import Municipality


def _summary() -> SimpleNamespace:
    ruma = Municipality(name="Рума", names={"Latn": "Ruma"}, country="RS")
    balance = SimpleNamespace(
        planned=SimpleNamespace(t_per_year=1.0),
        achieved=SimpleNamespace(t_per_year=0.0),
        travel_co2e_t=0.5,
        years_to_offset_travel_planned=None,
    )
    line = SimpleNamespace(municipality=ruma, share=SimpleNamespace(share_planned=0.5))
    return SimpleNamespace(
        measures=[1], trips=[], balance=balance, uses_demo_data=False, municipalities=[line]
    )


def _render(language: str) -> str:
    context = {"summary": _summary(), "partnership": SimpleNamespace(slug="twin")}
    with translation.override(language):
        return render_to_string("climate/partials/impact_summary.html", context)


def test_the_share_line_names_the_town_in_the_pages_script():
    german = _render("de")
    serbian = _render("sr")
    assert "Ruma" in german
    assert "Рума" not in german
    assert "Рума" in serbian

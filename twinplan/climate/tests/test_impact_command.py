"""`./manage.py impact <slug>`: the balance with the inputs and factor provenance of every
line, as JSON with the stable keys of docs/impact-json.md, or as text."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

TOP_LEVEL_KEYS = {
    "schema", "partnership", "programme", "scope", "today", "factor_set_version",
    "factor_set_versions", "statuses", "balance", "municipalities", "measures",
    "measures_without_impact", "trips", "factors", "money", "issues",
}
FACTOR_KEYS = {"key", "value", "unit", "low", "high", "source", "edition_year", "licence",
               "url", "note", "verified", "is_override"}


def run(*args: str) -> str:
    out = StringIO()
    call_command("impact", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_documented_keys_and_the_hand_worked_figures(twin):
    data = json.loads(run("twin", "--format", "json", "--today", "2026-01-15"))
    assert set(data) == TOP_LEVEL_KEYS
    assert data["schema"] == "twinplan.impact-report/1"
    assert data["today"] == "2026-01-15"
    assert data["statuses"] == {"planned": ["planned", "in_progress", "on_hold", "completed"],
                                "achieved": ["completed"]}
    balance = data["balance"]
    # 22.898232 + 24.2352 t/a planned; 24.2352 achieved; 10.5926 t of travel
    assert balance["reduction_planned"]["co2e_t_per_year"] == pytest.approx(47.133432)
    assert balance["reduction_achieved"]["co2e_t_per_year"] == pytest.approx(24.2352)
    assert balance["travel_co2e_t"] == pytest.approx(10.5926, abs=1e-4)
    pv = next(m for m in data["measures"] if m["code"] == "P1")
    assert pv["inputs"] == {"capacity_kwp": 30, "country_iso3": "SRB"}
    assert pv["inputs_source"] == "test figures"
    assert pv["result"]["co2e_t_per_year"] == pytest.approx(22.898232)
    assert [f["key"] for f in pv["factors"]] == ["pv.yield.SRB", "electricity.grid.SRB",
                                                "pv.lifetime_years"]
    assert all(set(f) == FACTOR_KEYS for f in pv["factors"])
    yield_factor = pv["factors"][0]
    assert (yield_factor["value"], yield_factor["verified"], yield_factor["is_override"]) == (
        1200, False, False
    )
    trip = data["trips"][0]
    assert trip["inputs"]["persons"] == 3
    assert trip["result"]["flight_band"] == "long_haul"
    assert trip["result"]["geodesic_distance_km"] == pytest.approx(9143.066, abs=1e-3)
    assert trip["factors"][0]["key"] == "flight.long_haul.with_rf"
    ruma = next(m for m in data["municipalities"] if m["slug"] == "ruma-t")
    assert ruma["emissions"]["co2e_t_per_year"] == 504_000
    assert ruma["inputs"]["population"] == 56_000
    assert data["factors"][0]["used_by"]


def test_text_lists_every_line_with_its_arithmetic_and_sources(twin):
    text = run("twin")
    assert "BALANCE" in text
    assert "30 kWp x 1200 kWh/kWp/a x 636.062 g CO2e/kWh = 22.9 t CO2e/a" in text
    assert "9,143 km x 2 leg(s) x 3 person(s)" in text
    assert "factor pv.yield.SRB = 1200 kWh/kWp/a [1100-1350]; Global Solar Atlas" in text
    assert "NOT VERIFIED" in text
    assert "56,000 inhabitants (2018) x 9 t CO2e/person/a (SRB, 2023) = 504,000 t CO2e/a" in text


def test_drafts_count_only_with_include_unpublished(twin):
    type(twin.pv).objects.filter(pk=twin.pv.pk).update(is_published=False)
    public = json.loads(run("twin", "--format", "json"))
    assert [m["code"] for m in public["measures"]] == ["K1"]
    everything = json.loads(run("twin", "--format", "json", "--include-unpublished"))
    assert everything["scope"] == "all"
    assert {m["code"] for m in everything["measures"]} == {"K1", "P1"}


def test_an_unknown_slug_or_date_is_a_clear_error(twin):
    with pytest.raises(CommandError, match="No partnership with the slug 'nowhere'"):
        run("nowhere")
    with pytest.raises(CommandError, match="is not a date"):
        run("twin", "--today", "15.01.2026")

"""The demo data gains marked demo figures for the balance, also in a database that was
seeded before they existed."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from twinplan.climate.models import ImpactEstimate, TravelLeg
from twinplan.money.models import CurrencyRate, Resource

pytestmark = pytest.mark.django_db


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def test_the_seed_gives_the_measures_trips_and_rates_marked_demo_figures():
    seed()
    pv = ImpactEstimate.objects.get(measure__code="P1")
    assert (pv.impact_type, pv.parameters) == ("photovoltaic",
                                               {"capacity_kwp": 30, "country_iso3": "SRB"})
    assert pv.municipality.slug == "ruma"
    assert all(row.is_demo_content for row in ImpactEstimate.objects.all())
    assert set(ImpactEstimate.objects.values_list("measure__code", flat=True)) == {
        "P1", "P2", "K1", "A1"
    }
    flight = TravelLeg.objects.get(event__partnership__slug="wernigerode-hoi-an")
    assert (flight.mode, flight.persons, flight.return_trip, flight.is_demo_content) == (
        "flight", 3, True, True
    )
    assert flight.origin_source.startswith("GeoNames (geonameid 2810808)")
    rates = CurrencyRate.objects.all()
    assert {(r.base, r.quote) for r in rates} == {("EUR", "RSD"), ("EUR", "VND")}
    assert all(r.is_demo_content for r in rates)
    assert all("National Bank of Serbia" in r.source for r in rates if r.quote == "RSD")
    assert all("State Bank of Vietnam" in r.source for r in rates if r.quote == "VND")
    assert all(line.description.startswith("Demo:") for line in Resource.objects.all())


def test_a_database_seeded_before_the_impact_steps_gets_them():
    seed()
    ImpactEstimate.objects.all().delete()
    TravelLeg.objects.all().delete()
    CurrencyRate.objects.all().delete()
    Resource.objects.all().delete()
    seed()
    assert ImpactEstimate.objects.count() == 4
    assert TravelLeg.objects.count() == 2
    assert CurrencyRate.objects.count() == 4
    assert Resource.objects.count() == 4


def test_the_seeded_balance_shows_real_numbers():
    seed()
    out = StringIO()
    call_command("impact", "wernigerode-hoi-an", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    # K1: 120,000 kWh/a of natural gas x 56.1 t/TJ / 277,777.78 kWh/TJ = 24.2352 t CO2e/a
    assert data["balance"]["reduction_planned"]["co2e_t_per_year"] == pytest.approx(24.2352)
    # the delegation flight: about 9,143 km x 2 x 3 persons x 0.19309 kg = about 10.6 t
    assert data["balance"]["travel_co2e_t"] == pytest.approx(10.59, abs=0.01)
    assert data["money"]["error"] is None
    assert data["money"]["currencies"] == ["EUR", "VND"]

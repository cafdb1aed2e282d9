"""The balance of a partnership, worked out by hand (the `twin` fixture in conftest.py).

Factors (twinplan-factors-2026.1):
- electricity.grid.SRB = 636.062 g CO2e/kWh (codecarbon 3.3.2, 2023)
- pv.yield.SRB = 1,200 kWh/kWp/a (range 1,100–1,350), pv.lifetime_years = 30
- fuel.natural_gas = 56.1 t CO2/TJ (range 54.3–58.3); 1 TJ = 277,777.78 kWh
- flight.long_haul.with_rf = 0.19309 kg CO2e/pkm
- territorial.per_capita.SRB = 9.0, .DEU = 8.1 t CO2e/person/a

P1, PV in Ruma:   30 kWp x 1,200 kWh/kWp/a x 0.000636062 t/kWh = 22.898232 t CO2e/a
                  low 30 x 1,100 x 0.000636062 = 20.990046; high 30 x 1,350 x ... = 25.760511
                  over 30 years: 686.94696 t
K1, gas saved:    120,000 kWh / 277,777.78 kWh/TJ = 0.432 TJ x 56.1 t/TJ = 24.2352 t CO2e/a
                  low 0.432 x 54.3 = 23.4576; high 0.432 x 58.3 = 25.1856; over 20 years: 484.704 t
Flight W–HA:      9,143.066 km x 2 legs x 3 persons = 54,858.40 pkm x 0.19309 kg = 10.5926 t
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from twinplan.climate.models import ImpactEstimate
from twinplan.climate.selectors import impact_report, measure_impact_line
from twinplan.climate.tests.conftest import impact
from twinplan.climate.tests.factories import (
    MunicipalInventoryFactory,
    PartnershipFactorFactory,
    TravelLegFactory,
)
from twinplan.events.tests.factories import EventFactory
from twinplan.money.models import FundingSource, ResourceKind, ResourceState
from twinplan.money.tests.factories import CurrencyRateFactory, ResourceFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.programmes.models import MeasureStatus
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 15)
PV_T = 22.898232
HEAT_T = 24.2352
FLIGHT_T = 10.5926


def test_each_measure_line_carries_inputs_result_and_factors(twin):
    report = impact_report(twin.partnership, today=TODAY)
    pv, heat = report.measures  # ordered by code: K1, P1
    pv, heat = (heat, pv) if pv.measure.code == "K1" else (pv, heat)
    assert pv.result.co2e_t_per_year == pytest.approx(PV_T)
    assert pv.result.co2e_t_per_year_low == pytest.approx(20.990046)
    assert pv.result.co2e_t_per_year_high == pytest.approx(25.760511)
    assert pv.result.co2e_t_lifetime == pytest.approx(686.94696)
    # The country was filled in from Ruma (RS -> SRB) and stored with the inputs.
    assert pv.impact_row.parameters == {"capacity_kwp": 30, "country_iso3": "SRB"}
    assert [f.key for f in pv.result.factors_used] == [
        "pv.yield.SRB", "electricity.grid.SRB", "pv.lifetime_years",
    ]
    assert heat.result.co2e_t_per_year == pytest.approx(HEAT_T)
    assert heat.result.co2e_t_lifetime == pytest.approx(484.704)
    assert report.factor_set_version == "twinplan-factors-2026.1"


def test_the_balance_splits_planned_and_achieved_by_status(twin):
    b = impact_report(twin.partnership, today=TODAY).balance
    # planned: P1 (in implementation) + K1 (completed); achieved: K1 only
    assert b.planned.t_per_year == pytest.approx(PV_T + HEAT_T)  # 47.133432
    assert b.planned.t_per_year_low == pytest.approx(20.990046 + 23.4576)
    assert b.achieved.t_per_year == pytest.approx(HEAT_T)
    assert b.travel_co2e_t == pytest.approx(FLIGHT_T, abs=1e-4)
    # net: 686.94696 + 484.704 - 10.5926 = 1,161.0584; achieved: 484.704 - 10.5926 = 474.1114
    assert b.net_planned_t_lifetime == pytest.approx(1161.0584, abs=1e-3)
    assert b.net_achieved_t_lifetime == pytest.approx(474.1114, abs=1e-3)
    # years to offset the travel: 10.5926 / 47.133432 = 0.22474; / 24.2352 = 0.43707
    assert b.years_to_offset_travel_planned == pytest.approx(0.22474, abs=1e-5)
    assert b.years_to_offset_travel_achieved == pytest.approx(0.43707, abs=1e-5)


def test_the_share_of_each_municipality_uses_its_estimate_or_own_inventory(twin):
    MunicipalInventoryFactory(municipality=twin.wernigerode, year=2021,
                              total_co2e_t_per_year=Decimal("300000"))
    MunicipalInventoryFactory(municipality=twin.wernigerode, year=2022,
                              total_co2e_t_per_year=Decimal("250000"))
    lines = {line.municipality.slug: line
             for line in impact_report(twin.partnership, today=TODAY).municipalities}
    ruma = lines["ruma-t"]
    # 56,000 inhabitants x 9.0 t = 504,000 t/a; 22.898232 / 504,000 = 4.5433e-5
    assert ruma.emissions.is_estimate
    assert ruma.emissions.co2e_t_per_year == pytest.approx(504_000)
    assert ruma.share.share_planned == pytest.approx(4.5433e-5, rel=1e-4)
    assert ruma.share.share_achieved == 0  # P1 is not completed
    # The newest own inventory (BISKO 2022: 250,000 t) replaces 33,000 x 8.1 = 267,300 t:
    # 24.2352 / 250,000 = 9.6941e-5
    wernigerode = lines["wernigerode-t"]
    assert not wernigerode.emissions.is_estimate
    assert wernigerode.emissions.year == 2022
    assert wernigerode.share.share_achieved == pytest.approx(9.6941e-5, rel=1e-4)


def test_statuses_idea_and_discontinued_do_not_count_on_hold_counts_as_planned(twin):
    for status in (MeasureStatus.IDEA, MeasureStatus.DISCONTINUED, MeasureStatus.ON_HOLD):
        measure = MeasureFactory(programme=twin.programme, status=status)
        impact(measure, "user_figure", {"co2e_t_per_year": 100, "source": "own estimate",
                                        "source_year": 2024, "lifetime_years": 10},
               twin.ruma)
    report = impact_report(twin.partnership, today=TODAY)
    # only the measure on hold is added: 47.133432 + 100
    assert report.balance.planned.t_per_year == pytest.approx(PV_T + HEAT_T + 100)
    assert report.balance.achieved.t_per_year == pytest.approx(HEAT_T)
    rows = {row.status: row for row in report.by_status}
    assert rows["idea"].reduction.t_per_year == 100
    assert not rows["idea"].counts_as_planned
    assert rows["on_hold"].counts_as_planned
    assert not rows["on_hold"].counts_as_achieved


def test_a_partnership_override_replaces_the_factor_and_says_so(twin):
    PartnershipFactorFactory(partnership=twin.partnership, key="electricity.grid.SRB",
                          value=700.0, source="EPS annual report (test)", edition_year=2022)
    report = impact_report(twin.partnership, today=TODAY)
    pv = next(line for line in report.measures if line.measure.code == "P1")
    # 30 kWp x 1,200 kWh/kWp/a x 0.0007 t/kWh = 25.2 t CO2e/a
    assert pv.result.co2e_t_per_year == pytest.approx(25.2)
    assert report.factor_set_version.startswith("twinplan-factors-2026.1+override.")
    grid = next(line for line in report.factors if line.factor.key == "electricity.grid.SRB")
    assert grid.is_override
    assert not grid.factor.verified
    assert grid.factor.source == "EPS annual report (test)"
    assert grid.default.value == pytest.approx(636.062)


def test_awareness_reports_people_not_tonnes(twin):
    measure = MeasureFactory(programme=twin.programme, status=MeasureStatus.PLANNED)
    impact(measure, "awareness", {"people_reached": 250}, twin.ruma)
    b = impact_report(twin.partnership, today=TODAY).balance
    assert b.planned.people_reached == 250
    assert b.planned.t_per_year == pytest.approx(PV_T + HEAT_T)


def test_a_line_the_package_refuses_is_reported_and_left_out_not_a_crash(twin):
    # Data written around the service (or made invalid by a later factor change).
    ImpactEstimate.objects.filter(measure=twin.pv).update(
        parameters={"capacity_kwp": -5, "country_iso3": "SRB"}
    )
    monaco = MunicipalityFactory(country="MC")
    leg = TravelLegFactory(event=EventFactory(partnership=twin.partnership), persons=1)
    type(leg).objects.filter(pk=leg.pk).update(mode="rail", route_distance_km=None, cars=2)
    report = impact_report(twin.partnership, today=TODAY)
    pv = next(line for line in report.measures if line.measure.code == "P1")
    assert pv.result is None
    assert pv.error == "capacity_kwp: “-5” is refused: must be greater than zero."
    assert report.balance.planned.t_per_year == pytest.approx(HEAT_T)
    broken = next(line for line in report.trips if line.leg.pk == leg.pk)
    assert broken.error == "cars: “2” is refused: applies only to mode 'car'."
    assert report.balance.travel_co2e_t == pytest.approx(FLIGHT_T, abs=1e-4)
    assert report.line_errors == 2
    assert monaco  # a municipality outside the partnership changes nothing


def test_a_municipality_without_population_or_inventory_gets_a_message(twin):
    type(twin.ruma).objects.filter(pk=twin.ruma.pk).update(population=None,
                                                          population_year=None)
    twin.partnership.refresh_from_db()
    report = impact_report(twin.partnership, today=TODAY)
    ruma = next(line for line in report.municipalities if line.municipality.pk == twin.ruma.pk)
    assert ruma.share is None
    assert "No population" in ruma.error
    # the measures still count in the partnership's totals
    assert report.balance.planned.t_per_year == pytest.approx(PV_T + HEAT_T)


def test_unpublished_measures_and_events_count_only_when_asked(twin):
    type(twin.pv).objects.filter(pk=twin.pv.pk).update(is_published=False)
    type(twin.event).objects.filter(pk=twin.event.pk).update(is_published=False)
    public = impact_report(twin.partnership, today=TODAY)
    assert [line.measure.code for line in public.measures] == ["K1"]
    assert public.trips == []
    everything = impact_report(twin.partnership, today=TODAY, include_unpublished=True)
    assert {line.measure.code for line in everything.measures} == {"K1", "P1"}
    assert everything.scope == "all"
    assert len(everything.trips) == 1


def test_measure_impact_line_for_the_measure_page(twin):
    line = measure_impact_line(twin.pv, twin.partnership)
    assert line.result.co2e_t_per_year == pytest.approx(PV_T)
    assert measure_impact_line(MeasureFactory(programme=twin.programme),
                               twin.partnership) is None


# --- money -----------------------------------------------------------------------------


def money_lines(twin):
    ResourceFactory(measure=twin.pv, amount=Decimal("25000"), currency="EUR",
                        state=ResourceState.PLANNED,
                        source_of_funds=FundingSource.FUNDING_PROGRAMME,
                        provided_by=twin.wernigerode, date=date(2018, 6, 1))
    ResourceFactory(measure=twin.pv, amount=Decimal("1200000"), currency="RSD",
                        state=ResourceState.SPENT, source_of_funds=FundingSource.OWN_BUDGET,
                        provided_by=twin.ruma, date=date(2018, 9, 1))
    ResourceFactory(measure=twin.heat, kind=ResourceKind.STAFF_DAYS, amount=12,
                        currency="")


def test_money_totals_in_eur_and_each_partners_currency(twin):
    money_lines(twin)
    CurrencyRateFactory(date=date(2018, 1, 3), quote="RSD", rate=Decimal("118.40"))
    CurrencyRateFactory(date=date(2018, 12, 1), quote="RSD", rate=Decimal("200"))  # later
    money = impact_report(twin.partnership, today=TODAY).money
    assert money.currencies == ("EUR", "RSD")
    assert money.line_count == 2  # staff days are not money
    # EUR: planned 25,000; spent 1,200,000 RSD / 118.40 = 10,135.135... -> 10,135.14
    # RSD: planned 25,000 x 118.40 = 2,960,000.00; spent 1,200,000.00
    assert money.total["EUR"].planned == Decimal("25000.00")
    assert money.total["EUR"].spent == Decimal("10135.14")
    assert money.total["RSD"].planned == Decimal("2960000.00")
    assert money.total["RSD"].spent == Decimal("1200000.00")
    partners = {row.label: row.amounts for row in money.by_partner}
    assert partners["Ruma"]["EUR"].spent == Decimal("10135.14")
    assert partners["Wernigerode"]["RSD"].planned == Decimal("2960000.00")
    funds = {row.key: row.amounts for row in money.by_source_of_funds}
    assert funds["own_budget"]["EUR"].planned == 0
    # the rate dated on or before each line's date: 2018-01-03, not the December one
    assert [(r.date, r.rate) for r in money.rates_used] == [(date(2018, 1, 3),
                                                            Decimal("118.4000000000"))]
    assert money.error is None


def test_a_missing_rate_gives_a_message_and_the_totals_that_can_be_given(twin):
    money_lines(twin)
    ResourceFactory(measure=twin.pv, amount=Decimal("1000000"), currency="VND",
                        date=date(2018, 6, 1))
    CurrencyRateFactory(date=date(2018, 1, 3), quote="RSD", rate=Decimal("118.40"))
    money = impact_report(twin.partnership, today=TODAY).money
    assert "No exchange rate from VND to EUR on or before 2018-06-01" in money.error
    assert money.total is None  # without VND->EUR not even the EUR total exists
    CurrencyRateFactory(date=date(2018, 1, 3), quote="VND", rate=Decimal("27200"))
    money = impact_report(twin.partnership, today=TODAY).money
    assert money.error is None
    # 1,000,000 VND / 27,200 = 36.7647 EUR -> planned 25,000 + 36.76 = 25,036.76
    assert money.total["EUR"].planned == Decimal("25036.76")


def test_money_falls_back_to_eur_when_a_partner_currency_cannot_be_reached(twin):
    ResourceFactory(measure=twin.pv, amount=Decimal("100"), currency="EUR",
                        date=date(2018, 6, 1))
    money = impact_report(twin.partnership, today=TODAY).money
    assert money.currencies == ("EUR",)
    assert money.total["EUR"].planned == Decimal("100.00")
    assert "from EUR to RSD" in money.error

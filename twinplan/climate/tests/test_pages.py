"""The impact page, the summary on the partnership page and the measure page, read as a
visitor reads them; their query counts do not grow with the data."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinplan.climate.tests.conftest import impact
from twinplan.climate.tests.factories import (
    PartnershipFactorFactory,
    TravelLegFactory,
)
from twinplan.events.tests.factories import EventFactory
from twinplan.money.tests.factories import CurrencyRateFactory, ResourceFactory
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import MeasureStatus
from twinplan.programmes.tests.factories import MeasureFactory
from twinplan.public.impact_lines import IMPACT_LINES_PER_PAGE

pytestmark = pytest.mark.django_db

# Pinned: a change that adds a query per measure, trip or resource line fails here.
IMPACT_PAGE_QUERIES = 11  # 2 of them for the adaptation section (its programme and towns are the
# impact report's)
# The partnership page with this data (35 before issue 18; public/tests pins its own and
# says what each is): what the partnership has none of (adaptation, phases, photos and
# documents, issued documents …) costs no query; the impact summary takes the page's
# edition and members and reads the measures, their money lines and the rates.
PARTNERSHIP_PAGE_QUERIES = 13
# The measure page (21 before issue 18): 1 the measure with its partnership and its impact
# estimate, 1 the members (once, for money and impact), 1 resource lines, 1 the
# partnership's own factors (a partnership without has no query for them), 1 rates,
# 1 glossary; its empty lists (goals, towns, SDGs, progress, indicators, events, photos,
# adaptation) without a query: the measure's query says which have rows.
MEASURE_PAGE_QUERIES = 6


def test_the_impact_page_shows_the_balance_chart_table_and_provenance(client, twin):
    page = client.get("/en/partnerships/twin/impact/").text
    assert "<h1>Impact balance</h1>" in page
    assert '<svg' in page.split('id="balance-heading"')[1]  # the balance chart (maps.md)
    assert "<caption>The balance in figures</caption>" in page
    # 22.898 + 24.235 = 47.1 t/a planned, 24.2 achieved, 10.6 t of travel
    assert "<strong>47.1</strong>" in page
    assert "<strong>24.2</strong>" in page
    assert "10.6 (t CO₂e)" in page  # the travel bar of the chart
    # The calculation line as visitors read it (climate/labels.py): localised, "×", CO₂.
    assert "30 kWp × 1,200 kWh/kWp/a × 636.062 g CO₂e/kWh = 22.9 t CO₂e/a" in page
    # every factor with its source, edition, licence, origin and whether it was checked
    assert 'id="factor-electricitygridsrb"' in page
    assert "codecarbon 3.3.2" in page
    assert "MIT (codecarbon)" in page
    assert "not verified" in page  # pv.yield.SRB, fuel ranges are checked, DESNZ is not
    assert "twinplan-factors-2026.1" in page
    assert 'scope="col"' in page
    assert 'scope="row"' in page


def test_the_impact_page_shows_overrides_and_missing_rates_clearly(client, twin):
    PartnershipFactorFactory(partnership=twin.partnership, key="electricity.grid.SRB",
                          value=700.0, source="EPS annual report (test)")
    ResourceFactory(measure=twin.pv, spent_amount=Decimal("1000"), currency="RSD",
                    date=date(2018, 6, 1))
    page = client.get("/en/partnerships/twin/impact/").text
    assert "override by the partnership" in page
    assert "replaces the default 636.062 g CO2e/kWh" in page
    assert "twinplan-factors-2026.1+override." in page
    assert "No exchange rate from RSD to EUR on or before 2018-06-01" in page


def test_the_impact_page_of_an_unpublished_partnership_is_not_found(client):
    draft = PartnershipFactory(is_published=False)
    assert client.get(f"/en/partnerships/{draft.slug}/impact/").status_code == 404


def test_an_empty_partnership_has_an_impact_page_saying_so(client, partnership):
    page = client.get(f"/en/partnerships/{partnership.slug}/impact/")
    assert page.status_code == 200
    assert "No measure has impact parameters yet." in page.text
    assert "No travel has been recorded" in page.text


def test_the_partnership_page_links_its_summary_to_the_impact_page(client, twin):
    page = client.get("/en/partnerships/twin/").text
    assert 'id="impact-heading"' in page
    assert "47.1 t CO₂e/a" in page
    assert 'href="/en/partnerships/twin/impact/"' in page


def test_the_measure_page_shows_the_estimate_and_the_converted_money(client, twin):
    ResourceFactory(measure=twin.pv, spent_amount=Decimal("1200000"), currency="RSD",
                    date=date(2018, 9, 1))
    CurrencyRateFactory(date=date(2018, 1, 3), quote="RSD", rate=Decimal("118.40"),
                        is_demo_content=True)
    page = client.get(f"/en/partnerships/twin/measures/{twin.pv.pk}/").text
    assert "Estimated climate impact" in page
    assert "22.9 t CO₂e/a" in page
    # 1,200,000 RSD / 118.40 = 10,135.14 EUR
    assert "10,135.14" in page
    assert "1 EUR = 118.4 RSD on Jan. 3, 2018" in page
    assert "demo content" in page


def test_the_measure_page_uses_the_partnerships_own_factor(client, twin):
    path = f"/en/partnerships/twin/measures/{twin.pv.pk}/"
    default = client.get(path).text
    assert "override by the partnership" not in default
    PartnershipFactorFactory(partnership=twin.partnership, key="electricity.grid.SRB",
                             value=700.0, source="EPS annual report (test)")
    page = client.get(path).text
    assert "override by the partnership" in page
    assert "replaces the default 636.062 g CO2e/kWh" in page


def big_partnership(size: int):
    """`size` measures with impacts, events with travel legs and money lines."""
    partnership = PartnershipFactory()
    wernigerode, hoi_an = [m.municipality for m in partnership.members.all()]
    programme = MeasureFactory(programme__partnership=partnership).programme
    CurrencyRateFactory(quote="VND", rate=Decimal("27200"), date=date(2018, 1, 3))
    PartnershipFactorFactory(partnership=partnership)
    for i in range(size):
        measure = MeasureFactory(programme=programme, code=f"M{i}",
                                 status=[MeasureStatus.PLANNED, MeasureStatus.COMPLETED][i % 2])
        impact(measure, "electricity_saved", {"electricity_saved_kwh_per_year": 1000 + i,
                                              "lifetime_years": 10}, hoi_an)
        ResourceFactory(measure=measure, planned_amount=Decimal("100"), currency="VND",
                            provided_by=hoi_an, date=date(2019, 1, 1))
        ResourceFactory(measure=measure, spent_amount=Decimal("10"), currency="EUR",
                            provided_by=wernigerode)
        TravelLegFactory(event=EventFactory(partnership=partnership), persons=1 + i % 3)
    return partnership, measure


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _line_codes(page: str) -> list[str]:
    """The codes of the measures whose impact lines the page shows, in their order."""
    section = page.split('id="measures-heading"')[1].split('id="travel-heading"')[0]
    return re.findall(r'</a> <span class="meta">\((M\d+)\)</span></h3>', section)


def test_the_impact_page_shows_its_measures_a_page_at_a_time_and_reaches_the_last(client):
    partnership, _last_made = big_partnership(IMPACT_LINES_PER_PAGE + 3)
    codes = sorted(f"M{i}" for i in range(IMPACT_LINES_PER_PAGE + 3))  # the page's order
    base = f"/en/partnerships/{partnership.slug}/impact/"
    first = client.get(base).text
    assert _line_codes(first) == codes[:IMPACT_LINES_PER_PAGE]
    assert f"Measures 1–{IMPACT_LINES_PER_PAGE} of {len(codes)}" in first
    assert 'href="?page=2#measures-heading" rel="next"' in first
    assert 'rel="prev"' not in first
    assert 'href="?page=2#measures-heading" aria-label="Page 2 of 2">2</a>' in first  # by number
    # the money by measure: a page of its rows too, with the same pages
    assert f"By measure: rows 1–{IMPACT_LINES_PER_PAGE} of {len(codes)}" in first
    second = client.get(base + "?page=2").text
    assert _line_codes(second) == codes[IMPACT_LINES_PER_PAGE:]  # the last one included
    assert f"Measures {IMPACT_LINES_PER_PAGE + 1}–{len(codes)} of {len(codes)}" in second
    assert 'href="?page=1#measures-heading" rel="prev"' in second
    assert 'rel="next"' not in second
    assert f"By measure: rows {IMPACT_LINES_PER_PAGE + 1}–{len(codes)} of {len(codes)}" in second
    # the totals count every measure on every page
    balance = '<table class="balance">'
    assert first.split(balance)[1].split("</table>")[0] == (
        second.split(balance)[1].split("</table>")[0])
    # a page number out of range or not a number gives the nearest page
    assert _line_codes(client.get(base + "?page=99").text) == codes[IMPACT_LINES_PER_PAGE:]
    assert _line_codes(client.get(base + "?page=x").text) == codes[:IMPACT_LINES_PER_PAGE]


def test_the_factor_table_names_every_measure_that_used_a_factor_once(client):
    partnership, _measure = big_partnership(3)
    page = client.get(f"/en/partnerships/{partnership.slug}/impact/").text
    row = page.split('<table class="factors">')[1].split('<tr id="factor-electricitygridvnm">')[1]
    used_by = row.split('used by: ')[1].split("</span></th>")[0]
    names = used_by.split("; ")
    assert [name.split(" ")[0] for name in names] == ["M0", "M1", "M2"]


def test_money_by_measure_gets_pages_of_its_own_when_it_is_the_longer_list(client):
    partnership, measure = big_partnership(3)  # 3 impact lines
    for i in range(IMPACT_LINES_PER_PAGE):  # money, no impact parameters
        ResourceFactory(measure=MeasureFactory(programme=measure.programme, code=f"X{i}"),
                        planned_amount=Decimal("5"), currency="EUR")
    total = 3 + IMPACT_LINES_PER_PAGE
    base = f"/en/partnerships/{partnership.slug}/impact/"
    first = client.get(base).text
    assert _line_codes(first) == ["M0", "M1", "M2"]
    assert "Measures 1–" not in first  # every line is on this page
    assert f"By measure: rows 1–{IMPACT_LINES_PER_PAGE} of {total}" in first
    assert 'href="?page=2#money-heading" rel="next"' in first
    second = client.get(base + "?page=2").text
    assert _line_codes(second) == []
    assert "Measures 0–" not in second
    assert "No measure has impact parameters yet." not in second
    assert f"By measure: rows {IMPACT_LINES_PER_PAGE + 1}–{total} of {total}" in second


def test_a_short_impact_page_has_no_pager(client):
    partnership, _measure = big_partnership(3)
    page = client.get(f"/en/partnerships/{partnership.slug}/impact/").text
    assert _line_codes(page) == ["M0", "M1", "M2"]
    assert 'class="pager"' not in page
    assert "Measures 1–" not in page
    assert "<caption>By measure</caption>" in page


@pytest.mark.parametrize("size", [10, 100])
def test_the_impact_pages_queries_do_not_grow(client, size):
    partnership, measure = big_partnership(size)
    base = f"/en/partnerships/{partnership.slug}"
    assert count_queries(client, f"{base}/impact/") == IMPACT_PAGE_QUERIES
    assert count_queries(client, f"{base}/") == PARTNERSHIP_PAGE_QUERIES
    assert count_queries(client, f"{base}/measures/{measure.pk}/") == MEASURE_PAGE_QUERIES

"""A visitor follows the balance from the partnership page in a real browser, on a phone."""

from __future__ import annotations

import pytest
from django.core.management import call_command

# serialized_rollback keeps the SDG rows the data migration loaded across the flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reads_the_impact_balance_on_a_phone(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/en/partnerships/wernigerode-hoi-an/")
    page.get_by_role("link", name="The whole balance, with every input, factor and source").click()
    page.wait_for_url("**/en/partnerships/wernigerode-hoi-an/impact/")
    assert page.locator("h1").inner_text() == "Impact balance"
    # The chart is a named picture; the table with the same numbers stays readable.
    assert page.locator("#balance-heading ~ * svg[role='img']").first.is_visible()
    table = page.get_by_role("table", name="The balance in figures")
    assert "24.2" in table.inner_text()  # K1: 120,000 kWh/a of gas = 24.2 t CO2e/a
    # A factor link in a measure leads to its row in the provenance table.
    page.locator("a[href='#factor-fuelnatural_gas']").first.click()
    row = page.locator("#factor-fuelnatural_gas")
    assert "IPCC 2006 Guidelines" in row.inner_text()
    # Only the tables scroll sideways; the page itself fits the phone.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

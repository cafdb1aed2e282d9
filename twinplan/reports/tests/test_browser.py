"""A coordinator issues a document in a real browser, and the public downloads it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from twinplan.reports.models import Edition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_coordinator_issues_an_edition_that_the_public_downloads(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page
    # Issuing renders the document within the request here (immediate task backend).
    page.set_default_timeout(120_000)
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill("bersenbrueck")
    page.get_by_label("Password").fill("twinplan-demo")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url("**/en/workspace/")

    page.goto("/en/workspace/bersenbrueck-ruma/documents/")
    page.get_by_label("Document").select_option("results")
    page.locator("select#id_language").select_option("de")
    page.get_by_label("Second language, side by side").select_option("sr")
    page.get_by_label("Format").select_option("html")
    page.get_by_role("button", name="Issue", exact=True).click()
    # The test settings build at once (immediate task backend): the row is ready.
    row = page.locator(f"#edition-{Edition.objects.get().pk}")
    assert "valid" in row.inner_text()
    assert row.get_by_role("link", name="Download").is_visible()

    page.goto("/de/partnerships/bersenbrueck-ruma/")
    link = page.locator("#documents-heading + ul a")
    assert "Ausgabe 1 (de, sr, HTML)" in link.inner_text()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "bersenbrueck-ruma-results-1-de-sr.html"


def test_current_documents_fit_a_phone_width(browser_page):
    """At 320 px the page never scrolls sideways: long words wrap, and a table wider than
    the phone (the funder's money lines) scrolls inside its column."""
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.set_default_timeout(120_000)  # each document is built on request
    page.set_viewport_size({"width": 320, "height": 800})
    for address in (
        "/sr/partnerships/bersenbrueck-ruma/documents/current/results/",
        "/de/partnerships/bersenbrueck-ruma/documents/current/results/?lang=de,sr",
        "/de/partnerships/bersenbrueck-ruma/documents/current/funder/",
    ):
        page.goto(address)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (address, width)

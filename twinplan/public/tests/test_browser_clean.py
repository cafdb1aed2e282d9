"""Issue 16 in a real browser: every public page (each measure page, an event page of each
partnership) fits 320 px in German, Vietnamese and Serbian; after a failed submit the focus
is on the form's error summary."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = [
    "", "partnerships/", "partnerships/bersenbrueck-ruma/",
    "partnerships/bersenbrueck-ruma/impact/", "partnerships/wernigerode-hoi-an/",
    "partnerships/wernigerode-hoi-an/impact/", "privacy/", "impressum/",
    "network/", "library/", "search/?q=Ruma", "accessibility/",
]


def test_every_public_page_fits_320_px_in_three_languages(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    measure_links: list[str] = []
    # Both partnerships: Wernigerode's measures have indicator values in a table.
    for partnership in ("bersenbrueck-ruma", "wernigerode-hoi-an"):
        page.goto(f"/de/partnerships/{partnership}/")
        links = page.locator("a[href*='/measures/']").evaluate_all(
            "links => [...new Set(links.map(a => a.getAttribute('href').split('/de/')[1]))]"
        )
        assert links
        measure_links += [link for link in links if link not in measure_links]
        # The first event of its timeline (every event page is built alike).
        events = page.locator("a[href*='/events/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href').split('/de/')[1])")
        assert events
        measure_links.append(events[0])
    too_wide = []
    for language in ("de", "vi", "sr"):
        for path in PUBLIC_PAGES + measure_links:
            page.goto(f"/{language}/{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide.append((language, path, width))
    assert too_wide == []


def test_a_failed_submit_moves_the_focus_to_the_error_summary(browser_page):
    page = browser_page
    page.goto("/en/accounts/login/")
    page.locator("button[type=submit]").last.click()
    page.wait_for_selector("#form-errors")
    assert page.evaluate("document.activeElement.id") == "form-errors"
    # Each entry leads to its field.
    page.locator("#form-errors a").first.click()
    assert page.evaluate("document.activeElement.tagName") == "INPUT"

"""A visitor reads a seeded partnership in a real browser: keyboard, languages, phone width."""

from __future__ import annotations

import pytest
from django.core.management import call_command

# serialized_rollback keeps the SDG rows the data migration loaded across the flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reads_the_partnership_by_keyboard_in_two_languages(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.goto("/de/partnerships/bersenbrueck-ruma/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Samtgemeinde Bersenbrück – Stadt Ruma"

    # The first Tab reaches the skip link, which becomes visible and leads to the content.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # The language switcher keeps the page.
    page.locator(".languages a[hreflang=vi]").click()
    page.wait_for_url("**/vi/partnerships/bersenbrueck-ruma/")
    assert page.locator("html").get_attribute("lang") == "vi"
    # The demo content is translated (twinplan/demo/translations.py): no German fallback.
    # (A fallback's lang attribute is checked in test_pages.py.)
    assert page.locator("h1").inner_text() == "Samtgemeinde Bersenbrück – Thành phố Ruma"
    assert page.locator("h1 [lang]").count() == 0

    page.get_by_role(
        "link", name="P1 Biện pháp thí điểm “Năng lượng sạch với giá thành hợp lý”"
    ).first.click()
    assert "Rào cản ngôn ngữ" in page.locator("main").inner_text()


def test_the_partnership_page_fits_a_phone(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/en/partnerships/wernigerode-hoi-an/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("language", ["de", "vi"])
def test_the_header_fits_a_320_px_phone(browser_page, language):
    # The content-language form with its longest option ("wie die Seite") sat on one line.
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/{language}/privacy/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_long_german_words_wrap_at_320_px(browser_page):
    # "Öffentlichkeitsveranstaltung in Bersenbrück" in the timeline pushed the page sideways.
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/de/partnerships/bersenbrueck-ruma/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

"""A visitor meets a glossary term by keyboard: focus shows the definition, Escape hides it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

# serialized_rollback keeps the SDG rows the data migration loaded across the flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _tab_to_next_term(page, limit: int = 80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('gloss-term')"):
            return page.locator(".gloss-term:focus")
    raise AssertionError("no glossary term reached by keyboard")


def test_keyboard_focus_on_a_term_shows_its_definition(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.goto("/de/partnerships/wernigerode-hoi-an/")
    tooltip = page.locator("#gloss-1")
    assert not tooltip.is_visible()

    term = _tab_to_next_term(page)
    assert term.inner_text() == "Ressourcen"
    assert term.get_attribute("aria-describedby") == "gloss-1"
    assert tooltip.is_visible()
    assert "Rohstoffe, Wasser, Boden und Luft" in tooltip.inner_text()
    # The description a screen reader announces with the button.
    assert term.evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).getAttribute('role')"
    ) == "tooltip"
    # The focus is visible: an outline around the button.
    assert term.evaluate("el => getComputedStyle(el).outlineStyle") != "none"

    page.keyboard.press("Escape")
    assert not tooltip.is_visible()
    _tab_to_next_term(page)  # on to the next term, whose definition shows
    assert page.locator(".gloss-term:focus + .gloss-def").is_visible()
    assert not tooltip.is_visible()


def test_on_a_phone_the_definition_stays_on_the_screen(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/de/partnerships/wernigerode-hoi-an/")
    _tab_to_next_term(page)
    box = page.locator("#gloss-1").bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    assert box["y"] + box["height"] <= 740

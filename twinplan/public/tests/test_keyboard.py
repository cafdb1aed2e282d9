"""The main flow by keyboard alone, in a real browser: log in, open a measure, edit its
title (a refused save first: focus moves to the error summary), save, switch language.
Every element Tab reaches on the way shows a visible focus indicator."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from twinplan.programmes.models import Measure
from twinplan.public.tests.checked_pages import PASSWORD, SLUG, USERNAME

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUS_VISIBLE = """() => { const el = document.activeElement; const style = getComputedStyle(el);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2; }"""
FOCUSED = """() => { const el = document.activeElement;
    return {tag: el.tagName, id: el.id, text: (el.innerText || el.value || "").trim(),
            href: el.getAttribute("href") || "", cls: el.className || ""}; }"""


def tab_to(page: Any, matches: Any, *, limit: int = 150) -> dict[str, str]:
    """Press Tab until the focused element matches; each one reached must show focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused: dict[str, str] = page.evaluate(FOCUSED)
        if focused["tag"] in {"A", "BUTTON", "INPUT", "SELECT", "TEXTAREA"}:
            assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {focused}"
        if matches(focused):
            return focused
    raise AssertionError(f"Tab never reached the element on {page.url}")


def test_the_main_flow_works_by_keyboard_alone(chromium, live_server):
    call_command("seed_demo", verbosity=0)
    measure = Measure.objects.get(code="P1", programme__partnership__slug=SLUG)
    context = chromium.new_context(base_url=live_server.url,
                                   viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)

    page.goto("/en/")
    tab_to(page, lambda el: el["href"].endswith("/accounts/login/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/accounts/login/**")
    tab_to(page, lambda el: el["id"] == "id_username")
    page.keyboard.type(USERNAME)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/workspace/")

    tab_to(page, lambda el: el["href"] == f"/en/workspace/{SLUG}/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/workspace/{SLUG}/")
    tab_to(page, lambda el: el["href"] == f"/en/workspace/{SLUG}/measures/{measure.pk}/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/measures/{measure.pk}/")
    tab_to(page, lambda el: el["href"] == f"/en/workspace/{SLUG}/measure/{measure.pk}/edit/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/")

    # A refused save: the title is required. Focus lands on the error summary.
    tab_to(page, lambda el: el["id"] == "id_title")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, lambda el: el["tag"] == "BUTTON" and el["text"] == "Save")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator(".form-errors").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('form-errors')")
    assert page.evaluate(FOCUS_VISIBLE)

    tab_to(page, lambda el: el["id"] == "id_title")
    page.keyboard.type("Solar für Schulen")
    tab_to(page, lambda el: el["tag"] == "BUTTON" and el["text"] == "Save")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/measures/{measure.pk}/")
    measure.refresh_from_db()
    assert measure.title == "Solar für Schulen"

    # Switch the interface language from the header; the page stays the same.
    tab_to(page, lambda el: el["href"].startswith("/de/"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/de/workspace/{SLUG}/measures/{measure.pk}/")
    assert page.locator("html").get_attribute("lang") == "de"
    context.close()

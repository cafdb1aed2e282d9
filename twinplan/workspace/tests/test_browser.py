"""Two people in a real browser: a coordinator adds and publishes a measure, a school
reports progress on the measure it carries."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from twinplan.core.models import ReviewState
from twinplan.programmes.models import Measure, ProgressEntry

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, username: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("twinplan-demo")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url("**/en/workspace/")


def test_coordinator_publishes_a_measure_and_a_school_reports_progress(browser_page):
    call_command("seed_demo", verbosity=0)
    page = browser_page

    log_in(page, "bersenbrueck")
    # The workspace reads in the language of the address (/en/): the demo's English title.
    page.get_by_role("link", name="Samtgemeinde Bersenbrück – City of Ruma").click()
    page.get_by_role("link", name="Add a measure").click()
    page.get_by_label("Code").fill("P3")
    page.get_by_label("Title").fill("Energieberatung für Vereine")
    page.get_by_label("Status").select_option("planned")
    page.get_by_role("button", name="Save").click()
    # Saved, the new measure's workspace page opens: a draft until published.
    assert page.locator("h1").inner_text() == "Energieberatung für Vereine"
    assert "draft" in page.locator("main header").inner_text()
    page.get_by_role("button", name="Publish").click()
    assert "is published" in page.locator(".messages").inner_text()

    page.goto("/de/partnerships/bersenbrueck-ruma/")
    assert page.get_by_role("link", name="P3 Energieberatung für Vereine").is_visible()

    # The public page is German, its header too: "bersenbrueck abmelden".
    page.locator("header").get_by_role("button", name="abmelden").click()
    log_in(page, "school")
    page.get_by_role("link", name="P1 Pilot measure “Clean and affordable energy”").click()
    report = page.locator("#progress form")
    report.get_by_label("Text").fill("Solarmodule für das Schuldach bestellt")
    report.get_by_label("Progress (%)").fill("25")
    report.get_by_label("Written in").select_option("de")
    report.get_by_role("button", name="Add to the log").click()
    page.locator("#progress li").filter(has_text="Solarmodule für das Schuldach").wait_for()

    entry = ProgressEntry.objects.get(text="Solarmodule für das Schuldach bestellt")
    assert (entry.author.username, entry.original_language) == ("school", "de")
    # The demo partnership reviews contributions (process.md): the school's report waits for
    # a coordinator and does not yet move the measure's progress.
    assert entry.review_state == ReviewState.PENDING
    assert Measure.objects.get(code="P1", programme__partnership__slug="bersenbrueck-ruma"
                               ).progress_percent is None
    assert Measure.objects.get(code="P3").is_published


def test_the_bin_and_the_history_fit_a_320_px_phone(browser_page):
    # Their tables (five columns; before and after) pushed the page sideways.
    call_command("seed_demo", verbosity=0)
    page = browser_page
    log_in(page, "bersenbrueck")
    measure = Measure.objects.get(code="P1", programme__partnership__slug="bersenbrueck-ruma")
    page.goto(f"/en/workspace/bersenbrueck-ruma/measure/{measure.pk}/edit/")
    page.get_by_label("Title").fill("Pilotmaßnahme „Saubere und bezahlbare Energie“ an Schulen")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/measures/{measure.pk}/")
    entry = ProgressEntry.objects.filter(measure=measure).order_by("pk").first()
    page.goto(f"/en/workspace/bersenbrueck-ruma/progress/{entry.pk}/delete/")
    page.locator("main form").get_by_role("button").first.click()
    page.wait_for_load_state()
    page.set_viewport_size({"width": 320, "height": 640})
    for address in ("/de/workspace/bersenbrueck-ruma/bin/",
                    f"/de/workspace/bersenbrueck-ruma/measure/{measure.pk}/history/"):
        page.goto(address)
        assert page.locator("main table").count() >= 1, address
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, address


def test_the_translation_filters_fit_a_320_px_phone_in_serbian(browser_page):
    # The state select's longest option ("needs work (missing, outdated, machine)") in
    # Serbian is wider than the phone.
    call_command("seed_demo", verbosity=0)
    page = browser_page
    log_in(page, "bersenbrueck")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/sr/workspace/bersenbrueck-ruma/translations/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_a_measures_history_fits_a_phone_in_vietnamese(browser_page):
    """At 320 px neither the header's content-language form nor a history table with its
    restore buttons makes the page wider than the screen."""
    call_command("seed_demo", verbosity=0)
    page = browser_page
    log_in(page, "wernigerode")
    measure = Measure.objects.get(programme__partnership__slug="wernigerode-hoi-an", code="A1")
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(f"/vi/workspace/wernigerode-hoi-an/measure/{measure.pk}/history/")
    assert page.locator("main td.restore, main form.inline").count() > 0
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

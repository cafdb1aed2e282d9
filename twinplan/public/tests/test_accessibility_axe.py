"""axe-core's WCAG 2.1 A and AA rules find nothing on any checked page (checked_pages.py),
in any interface language, at 1280 px and at 320 px.

axe-core is vendored (vendor/axe-core/, MPL-2.0) and injected into each page; the site's
Content-Security-Policy forbids inline scripts, so the test's browser contexts bypass it
(the pages themselves keep it). docs/accessibility.md says how to run this alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from twinplan.public.tests.checked_pages import (
    LANGUAGES,
    PASSWORD,
    CheckedPage,
    checked_pages,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    # serialized_rollback keeps the SDG rows the data migration loaded across the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 320]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"]}).then(result => result.violations.map(v => ({
        rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))})))"""


def _logged_in_state(browser: Any, base_url: str, username: str) -> dict[str, Any]:
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/en/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/en/workspace/")
    state: dict[str, Any] = context.storage_state()
    context.close()
    return state


def _violations(page: Any, checked: CheckedPage, language: str, width: int) -> list[str]:
    response = page.goto(checked.url(language))
    assert response is not None, f"{checked.name} ({checked.url(language)}) did not answer"
    assert response.ok, f"{checked.name} ({checked.url(language)}) answered {response.status}"
    page.add_script_tag(content=AXE_SOURCE)
    found = page.evaluate(RUN_AXE, WCAG_21_AA_TAGS)
    return [
        f"{v['rule']} ({v['impact']}): {v['help']} — {checked.name} {checked.url(language)} "
        f"[{language}, {width} px] at {node['target']}: {node['summary']}"
        for v in found for node in v["nodes"]
    ]


def test_every_checked_page_passes_axe_wcag_21_aa(chromium, live_server):
    call_command("seed_demo", verbosity=0)
    pages = checked_pages()
    users = list(dict.fromkeys(p.user for p in pages))  # the visitor (None) first
    states = {user: _logged_in_state(chromium, live_server.url, user)
              for user in users if user is not None}
    problems: list[str] = []
    for width in WIDTHS:
        viewport = {"width": width, "height": 900}
        for user in users:
            context = chromium.new_context(
                base_url=live_server.url, viewport=viewport, bypass_csp=True,
                storage_state=states.get(user) if user is not None else None,
            )
            page = context.new_page()
            page.set_default_timeout(30_000)
            for checked in (p for p in pages if p.user == user):
                for language in LANGUAGES:
                    problems += _violations(page, checked, language, width)
            context.close()
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def test_axe_reports_a_violation_it_is_given(chromium, live_server):
    # The check itself can fail: an image without a text alternative is reported.
    context = chromium.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.goto("/en/privacy/")
    page.evaluate("""() => { const img = document.createElement("img");
        img.src = "/static/twinplan/favicon.svg"; document.querySelector("main").append(img); }""")
    page.add_script_tag(content=AXE_SOURCE)
    found = page.evaluate(RUN_AXE, WCAG_21_AA_TAGS)
    assert "image-alt" in json.dumps([v["rule"] for v in found])
    context.close()

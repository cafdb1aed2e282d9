"""A browser with one context per window width for the accessibility checks
(test_accessibility_axe.py, test_keyboard.py): Debian's chromium through Playwright, like
the `browser_page` fixture of the root conftest, with the same skip-or-fail rule."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def chromium(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A Playwright Browser (contexts are the test's to open, with `base_url`)."""
    executable = os.environ.get("TWINPLAN_CHROMIUM") or shutil.which("chromium")
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

    def missing(reason: str) -> None:
        if ci:
            pytest.fail(f"{reason} (CI=true: the browser tests must run here)", pytrace=False)
        pytest.skip(reason)

    if not executable:
        missing("chromium is missing: run `make test` as root, or apt-get install chromium")
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright is missing: run `make install-dev`")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()

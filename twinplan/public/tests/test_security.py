"""The Content-Security-Policy header, and templates that need no inline script or style."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

TEMPLATE_ROOTS = [Path(settings.BASE_DIR) / "twinplan"]


def _templates() -> list[Path]:
    return sorted(path for root in TEMPLATE_ROOTS for path in root.glob("**/templates/**/*.html"))


def test_a_public_page_sends_a_strict_content_security_policy(client):
    policy = client.get("/en/")["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_htmx_is_told_not_to_eval_nor_to_run_script_tags(client):
    text = client.get("/en/").content.decode()
    assert ('<meta name="htmx-config" content=\'{"allowEval":false,"allowScriptTags":false,'
            '"includeIndicatorStyles":false}\'>') in text


def test_the_templates_are_found():
    names = {path.name for path in _templates()}
    assert {"base.html", "404.html", "privacy.html", "locked_out.html"} <= names


@pytest.mark.parametrize("path", _templates(), ids=lambda path: path.name)
def test_no_template_has_an_inline_script_style_or_event_handler(path):
    text = path.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", text, flags=re.IGNORECASE):
        assert "src=" in tag, f"inline script in {path}: {tag}"
    assert not re.search(r"<style\b", text, flags=re.IGNORECASE), f"<style> in {path}"
    assert not re.search(r"\sstyle\s*=", text, flags=re.IGNORECASE), f"style= in {path}"
    assert not re.search(r"\son[a-z]+\s*=", text, flags=re.IGNORECASE), f"on… handler in {path}"
    assert "hx-on" not in text, f"htmx event attribute in {path}"

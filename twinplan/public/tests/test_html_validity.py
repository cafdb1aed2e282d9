"""The Nu HTML Checker (vnu.jar) finds no error in any checked page (checked_pages.py) in
any interface language, rendered by Django's test client.

`make test` installs a Java runtime and vnu.jar (`make html-checker-deps`, pinned version
and sha256); TWINPLAN_VNU_JAR names another jar. One java process checks every page. The
test is marked `once`: CI's second pass on PostgreSQL leaves it out (root conftest.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from twinplan.accounts.models import User
from twinplan.public.tests.checked_pages import LANGUAGES, checked_pages

pytestmark = [pytest.mark.slow, pytest.mark.once, pytest.mark.django_db]

# The version `make html-checker-deps` installs (Makefile: VNU_VERSION).
VNU_VERSION = "26.9.27"
DEFAULT_JAR = Path(settings.BASE_DIR) / ".venv" / f"vnu-{VNU_VERSION}" / "vnu.jar"


def _checker() -> tuple[str, Path]:
    jar = Path(os.environ.get("TWINPLAN_VNU_JAR") or DEFAULT_JAR)
    java = shutil.which("java")
    reason = None
    if java is None:
        reason = "java is missing: run `make test` as root (make html-checker-deps)"
    elif not jar.is_file():
        reason = f"{jar} is missing: run `make html-checker-deps`"
    if reason is not None:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason} (CI=true: the HTML check must run here)", pytrace=False)
        pytest.skip(reason)
    assert java is not None
    return java, jar


def _errors(java: str, jar: Path, files: dict[Path, str]) -> list[str]:
    result = subprocess.run(  # noqa: S603 - our own arguments
        [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    messages = json.loads(result.stdout)["messages"]
    problems = []
    for message in messages:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        where = files.get(Path(message.get("url", "").removeprefix("file:")), "?")
        problems.append(
            f"{where} line {message.get('lastLine', '?')}: {message.get('message')}"
            f" — {message.get('extract', '').strip()!r}"
        )
    return problems


def test_every_checked_page_is_valid_html(client, tmp_path):
    java, jar = _checker()
    call_command("seed_demo", verbosity=0)
    pages = checked_pages()
    files: dict[Path, str] = {}
    users = list(dict.fromkeys(p.user for p in pages))  # the visitor (None) first
    for user in users:
        if user is not None:
            client.force_login(User.objects.get(username=user))
        for checked in (p for p in pages if p.user == user):
            for language in LANGUAGES:
                url = checked.url(language)
                response = client.get(url)
                assert response.status_code == 200, f"{url} answered {response.status_code}"
                path = tmp_path / f"{len(files):03d}.html"
                path.write_bytes(response.content)
                files[path.resolve()] = url
    problems = _errors(java, jar, files)
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)


def test_the_checker_reports_an_error_it_is_given(tmp_path):
    java, jar = _checker()
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p id="a" id="a">x</p>')
    assert _errors(java, jar, {page.resolve(): "broken"})

"""Many writers at once, and a save the database refuses.

- Threads against the live server, each with its own signed-in session: writers on
  different measures are never refused and every save is there afterwards; two writers on
  one measure get only redirects or 409s, and every 409 page holds the writer's input.
- A database error on save (forced here; the real lock is what the threads exercise)
  keeps the input on the page with a 503 and a message saying what to do.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from twinplan.programmes.models import Measure
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.workspace.tests.test_every_form import parse_form

LOCKED = OperationalError("database is locked")


# --- a save the database refuses ----------------------------------------------------------------


def _edit_url(partnership: Any, kind: str, pk: int) -> str:
    with translation.override("en"):
        return reverse(f"workspace:{kind}_edit", args=[partnership.slug, pk])


@pytest.mark.django_db
def test_a_locked_database_on_edit_keeps_the_input_and_says_what_to_do(
    client, world, alice, monkeypatch
):
    measure = world.objects["measure"]
    client.force_login(alice)
    address = _edit_url(world.partnership, "measure", measure.pk)
    data, _names = parse_form(client.get(address).content.decode())
    data["title"] = ["Solarschule, zweiter Bauabschnitt"]

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise LOCKED

    # The write itself fails, as a busy database would make it.
    monkeypatch.setattr("twinplan.programmes.services.object_change", locked)
    response = client.post(address, data)

    assert response.status_code == 503
    text = response.content.decode()
    assert 'value="Solarschule, zweiter Bauabschnitt"' in text
    assert "please save it again in a moment" in text
    assert Measure.objects.get(pk=measure.pk).title == measure.title


@pytest.mark.django_db
def test_a_locked_database_on_add_keeps_the_input_and_says_what_to_do(
    client, world, alice, monkeypatch
):
    programme = world.objects["programme"]
    client.force_login(alice)
    with translation.override("en"):
        address = reverse("workspace:measure_add", args=[world.partnership.slug])
    address += f"?parent={programme.pk}"

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise LOCKED

    monkeypatch.setattr("twinplan.programmes.services.object_insert", locked)
    response = client.post(address, {"parent": programme.pk, "code": "M9",
                                     "title": "Bäume pflanzen", "status": "planned",
                                     "weight": 1})

    assert response.status_code == 503
    text = response.content.decode()
    assert 'value="Bäume pflanzen"' in text
    assert "please save it again in a moment" in text
    assert not Measure.objects.filter(code="M9").exists()


@pytest.mark.django_db
def test_a_locked_database_in_the_translation_editor_keeps_the_input(
    client, world, alice, monkeypatch
):
    measure = world.objects["measure"]
    client.force_login(alice)
    with translation.override("en"):
        address = reverse("workspace:translation_edit",
                          args=[world.partnership.slug, "measure", measure.pk, "vi"])
    data, _names = parse_form(client.get(address).content.decode())
    data["translation__title"] = ["Trường học năng lượng mặt trời"]

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise LOCKED

    monkeypatch.setattr("twinplan.workspace.translations.translations_set", locked)
    response = client.post(address, data)

    assert response.status_code == 503
    text = response.content.decode()
    assert "Trường học năng lượng mặt trời" in text
    assert "please save it again in a moment" in text
    assert not Measure.objects.get(pk=measure.pk).translations.get("vi")


# --- threads against the live server ------------------------------------------------------------


class Browser:
    """One person's browser: its own cookies (session, CSRF), no redirects followed."""

    def __init__(self, base_url: str, cookies: dict[str, str]) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "localhost", parts.port or 80
        self.cookies = dict(cookies)

    def request(self, method: str, path: str, data: dict[str, list[str]] | None = None
                ) -> tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text
        finally:
            connection.close()


@dataclass
class Writer:
    browser: Browser
    address: str
    field_name: str
    label: str
    statuses: Counter = field(default_factory=Counter)
    saved: list[str] = field(default_factory=list)  # texts answered with a redirect
    conflicts_without_input: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def run(self, until: float, hard_until: float, max_saves: int) -> None:
        try:
            self._run(until, hard_until, max_saves)
        except Exception as error:  # reported by the test, not lost in the thread
            self.errors.append(repr(error))

    def _run(self, until: float, hard_until: float, max_saves: int) -> None:
        """Open the form, change the field, save; after a 409 save the form it returns (the
        current version with this writer's change on top), as a person would. Runs until
        `until`, longer (up to `hard_until`) while this writer has no save yet."""
        attempt = 0
        while len(self.saved) < max_saves and time.monotonic() < hard_until and (
            time.monotonic() < until or not self.saved
        ):
            attempt += 1
            status, page = self.browser.request("GET", self.address)
            self.statuses[f"GET {status}"] += 1
            if status != 200:
                continue
            data, _names = parse_form(page)
            text = f"{self.label} save {attempt}"
            data[self.field_name] = [text]
            for _retry in range(3):
                status, page = self.browser.request("POST", self.address, data)
                self.statuses[str(status)] += 1
                if status == 302:
                    self.saved.append(text)
                if status != 409:
                    break
                if text not in page:
                    self.conflicts_without_input.append(text)
                    break
                data, _names = parse_form(page)


def _session_cookies(user: Any) -> dict[str, str]:
    """A fresh session of `user`, as if they had signed in in their own browser."""
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_lose_nothing_and_get_no_errors(live_server, partnership, alice,
                                                           bao):
    """Six writers each on an object of their own (four programmes, two measures) and two on
    one programme, each of those two in a field of their own, for a few seconds."""
    programmes = [ActionProgrammeFactory(partnership=partnership) for _n in range(5)]
    own: list[tuple[str, Any]] = [("programme", programme) for programme in programmes[:4]]
    own += [("measure", MeasureFactory(programme=programmes[0], title=f"Measure {n}"))
            for n in range(2)]
    shared = programmes[4]
    people = [alice, bao]
    writers = [
        Writer(Browser(live_server.url, _session_cookies(people[n % 2])),
               _edit_url(partnership, kind, obj.pk), "summary", f"writer {n}")
        for n, (kind, obj) in enumerate(own)
    ]
    writers += [
        Writer(Browser(live_server.url, _session_cookies(person)),
               _edit_url(partnership, "programme", shared.pk), name,
               f"{person.username} on shared")
        for person, name in [(alice, "summary"), (bao, "title")]
    ]
    for writer in writers:  # the server's first requests load templates and catalogues
        assert writer.browser.request("GET", writer.address)[0] == 200
    start = time.monotonic()
    threads = [threading.Thread(target=writer.run, args=(start + 3, start + 60, 25))
               for writer in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [writer.errors for writer in writers] == [[]] * len(writers)
    statuses = sum((writer.statuses for writer in writers), Counter())
    assert not [status for status in statuses if int(status.split()[-1]) >= 500], statuses
    for writer, (_kind, obj) in zip(writers[:6], own, strict=True):
        # On an object of their own nobody is refused, and the last save is what is stored.
        assert set(writer.statuses) == {"GET 200", "302"}, writer.statuses
        assert writer.saved
        stored = type(obj).objects.get(pk=obj.pk)
        assert stored.summary == writer.saved[-1]
        # Every save answered with a redirect was written (each is a version in the history).
        assert set(writer.saved) <= set(stored.history.values_list("summary", flat=True))
    stored = type(shared).objects.get(pk=shared.pk)
    for writer in writers[6:]:
        assert set(writer.statuses) <= {"GET 200", "302", "409"}, writer.statuses
        assert writer.conflicts_without_input == []
        assert writer.saved
        # Each wrote a field of their own: the other's saves kept it.
        assert getattr(stored, writer.field_name) == writer.saved[-1]
        written = set(stored.history.values_list(writer.field_name, flat=True))
        assert set(writer.saved) <= written
    assert stored.version == 1 + sum(len(writer.saved) for writer in writers[6:])

"""Many people saving measures at once against a running twinplan, and what came of it.

    python scripts/concurrent_writers.py --base-url http://127.0.0.1:8000 --writers 8 --seconds 60

Signs in as the demo coordinators (`seed_demo`, password twinplan-demo), writer n as the
(n mod 4)-th of wernigerode, hoian, bersenbrueck and ruma. Writers 0 and 1 share one
measure of Wernigerode – Hội An, each writing a field of their own (summary, context);
every other writer has a measure of their own: the other demo measures, then measures it
adds itself (codes CW1, CW2 …, reused by the next run). Each writer opens the edit form, writes a
new text into its field and saves, again and again; after a 409 it saves the form the
conflict page returns (the current version with its change on top), as a person would.

It prints the count of each status code, the responses of 500 and more, the lost saves (a
save answered with a redirect whose text is not in the form on reload, or no longer there
at the end) and refusals where none may happen; the exit code is 1 when any of them
occurred. Only the standard library is used. It overwrites the summary and context of the
demo measures it writes to.
"""

from __future__ import annotations

import argparse
import http.client
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

PASSWORD = "twinplan-demo"  # noqa: S105 - the documented demo password
COORDINATORS = [
    ("wernigerode", "wernigerode-hoi-an"),
    ("hoian", "wernigerode-hoi-an"),
    ("bersenbrueck", "bersenbrueck-ruma"),
    ("ruma", "bersenbrueck-ruma"),
]
LANGUAGE = "en"


class FormParser(HTMLParser):
    """The (name, value) pairs a browser submits for the page's post form (the first with
    a CSRF token, or the one of class "form")."""

    def __init__(self, form_class: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_class = form_class
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._done = False
        self._select: dict[str, Any] | None = None
        self._option: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form" and not self._done:
            wanted = self.form_class is None or self.form_class in attr.get("class", "").split()
            self._in_form = attr.get("method", "").lower() == "post" and wanted
            return
        if not self._in_form:
            return
        name = attr.get("name")
        if tag == "input" and name:
            kind = attr.get("type", "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attr:
                    self.pairs.append((name, attr.get("value") or "on"))
            else:
                self.pairs.append((name, attr.get("value", "")))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attr, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": attr.get("value"), "selected": "selected" in attr,
                            "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = [options[0]]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.pairs.append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.pairs.append((self._textarea["name"],
                               self._textarea["text"].removeprefix("\n")))
            self._textarea = None


def form_data(html: str, form_class: str | None = None) -> dict[str, list[str]]:
    parser = FormParser(form_class)
    parser.feed(html)
    parser.close()
    data: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    return data


class Browser:
    """One person's browser: its own cookies, no redirects followed."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict[str, list[str]] | None = None
                ) -> tuple[int, str, dict[str, str]]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text, dict(response.headers)
        finally:
            connection.close()

    def sign_in(self, username: str) -> None:
        path = f"/{LANGUAGE}/accounts/login/"
        status, page, _headers = self.request("GET", path)
        if status != 200:
            raise SystemExit(f"the sign-in page answered {status}")
        data = form_data(page)
        data.update({"username": [username], "password": [PASSWORD]})
        status, _page, _headers = self.request("POST", path, data)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"signing in as {username} failed ({status}); run seed_demo")


@dataclass
class Writer:
    number: int
    username: str
    address: str  # the measure's edit form
    field_name: str
    shared: bool
    run_id: str
    browser: Browser
    statuses: Counter = field(default_factory=Counter)
    saved: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    conflicts_without_input: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def run(self, until: float) -> None:
        attempt = 0
        while time.monotonic() < until:
            attempt += 1
            try:
                self._save_once(f"{self.run_id} writer {self.number} save {attempt}")
            except Exception as error:  # a dropped connection or a timeout, counted
                self.failures.append(repr(error))
                self.statuses["no answer"] += 1

    def _save_once(self, text: str) -> None:
        status, page, _headers = self.browser.request("GET", self.address)
        self.statuses[f"GET {status}"] += 1
        if status != 200:
            return
        data = form_data(page, "form")
        data[self.field_name] = [text]
        for _retry in range(3):
            status, page, _headers = self.browser.request("POST", self.address, data)
            self.statuses[f"POST {status}"] += 1
            if status == 302:
                self.saved.append(text)
                if self.stored_text() != text:
                    self.lost.append(text)
                return
            if status != 409:
                return
            if text not in page:
                self.conflicts_without_input.append(text)
                return
            data = form_data(page, "form")

    def stored_text(self) -> str | None:
        status, page, _headers = self.browser.request("GET", self.address)
        self.statuses[f"GET {status}"] += 1
        if status != 200:
            return None
        values = form_data(page, "form").get(self.field_name) or [""]
        return values[0]


def measure_ids(browser: Browser, slug: str) -> tuple[list[int], dict[str, int], int]:
    """The measures on the partnership's overview, those added by this script by their code,
    and the programme to add more to."""
    status, page, _headers = browser.request("GET", f"/{LANGUAGE}/workspace/{slug}/")
    if status != 200:
        raise SystemExit(f"the overview of {slug} answered {status}")
    found = re.findall(rf"/workspace/{re.escape(slug)}/measures/(\d+)/", page)
    ours = dict(re.findall(rf"/workspace/{re.escape(slug)}/measures/(\d+)/\">(CW\d+) ", page))
    programme = re.search(rf"/workspace/{re.escape(slug)}/measure/add/\?parent=(\d+)", page)
    if programme is None:
        raise SystemExit(f"{slug}: no programme to add measures to")
    return (sorted({int(pk) for pk in found} - {int(pk) for pk in ours}),
            {code: int(pk) for pk, code in ours.items()}, int(programme.group(1)))


def measure_add(browser: Browser, slug: str, programme: int, code: str) -> None:
    """A measure of this script's own (code CW…), added through the workspace's form."""
    path = f"/{LANGUAGE}/workspace/{slug}/measure/add/?parent={programme}"
    status, page, _headers = browser.request("GET", path)
    data = form_data(page, "form")
    data.update({"code": [code], "title": [f"Concurrent writers {code}"]})
    status, _page, _headers = browser.request("POST", path, data)
    if status != 302:
        raise SystemExit(f"adding measure {code} to {slug} answered {status}")


def own_measures(browser: Browser, slug: str, count: int, share: bool
                 ) -> tuple[int | None, list[int]]:
    """With `share`, the first demo measure (to share); and `count` more, adding measures
    where the demo has too few."""
    demo, ours, programme = measure_ids(browser, slug)
    shared = demo.pop(0) if demo and share else None
    needed = [f"CW{n}" for n in range(1, count - len(demo) + 1)]
    missing = [code for code in needed if code not in ours]
    for code in missing:
        measure_add(browser, slug, programme, code)
    if missing:
        _demo, ours, _programme = measure_ids(browser, slug)
    return shared, (demo + [ours[code] for code in needed])[:count]


def writers_for(args: argparse.Namespace, run_id: str) -> list[Writer]:
    """Writers 0 and 1 share the first demo measure of their partnership (each in a field of
    their own); every other writer gets a measure of their own."""
    browsers = []
    for number in range(args.writers):
        username, slug = COORDINATORS[number % len(COORDINATORS)]
        browser = Browser(args.base_url)
        browser.sign_in(username)
        browsers.append((number, username, slug, browser))
    sharing = {0, 1} if args.writers >= 2 else set()
    per_partnership = Counter(slug for number, _u, slug, _b in browsers if number not in sharing)
    measures: dict[str, tuple[int | None, list[int]]] = {}
    for _number, _username, slug, browser in browsers:
        if slug not in measures:
            share = any(number in sharing for number, _u, other, _b in browsers
                        if other == slug)
            measures[slug] = own_measures(browser, slug, per_partnership[slug], share)
    writers = []
    for number, username, slug, browser in browsers:
        shared_pk, free = measures[slug]
        if number in sharing and shared_pk is not None:
            pk, name, shared = shared_pk, ("summary", "context")[number], True
        else:
            pk, name, shared = free.pop(0), "summary", False
        address = f"/{LANGUAGE}/workspace/{slug}/measure/{pk}/edit/"
        writers.append(Writer(number, username, address, name, shared, run_id, browser))
    return writers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    run_id = f"cw-{int(time.time())}"
    try:
        writers = writers_for(args, run_id)
    except OSError as error:
        raise SystemExit(f"{args.base_url} does not answer ({error}); is it running?") from error
    for writer in writers:
        print(f"writer {writer.number}: {writer.username} → {writer.address} "
              f"({writer.field_name}{', shared' if writer.shared else ''})")
    until = time.monotonic() + args.seconds
    threads = [threading.Thread(target=writer.run, args=(until,)) for writer in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # At the end every writer's last saved text must still be there.
    for writer in writers:
        if writer.saved and writer.stored_text() != writer.saved[-1] and (
            writer.saved[-1] not in writer.lost
        ):
            writer.lost.append(writer.saved[-1])

    statuses = sum((writer.statuses for writer in writers), Counter())
    errors = sum(count for status, count in statuses.items()
                 if status.split()[-1].isdigit() and int(status.split()[-1]) >= 500)
    lost = [text for writer in writers for text in writer.lost]
    refused = [f"writer {writer.number}: {count} × {status}"
               for writer in writers if not writer.shared
               for status, count in writer.statuses.items() if status == "POST 409"]
    without_input = [text for writer in writers for text in writer.conflicts_without_input]
    failures = [failure for writer in writers for failure in writer.failures]
    saves = sum(len(writer.saved) for writer in writers)

    print(f"\n{args.writers} writers, {args.seconds:g} s against {args.base_url}")
    for status, count in sorted(statuses.items()):
        print(f"  {status}: {count}")
    print(f"saves answered with a redirect: {saves}")
    print(f"responses >= 500: {errors}")
    print(f"lost saves: {len(lost)}")
    print(f"409 pages without the writer's input: {len(without_input)}")
    print(f"refusals of writers on a measure of their own: {len(refused)}")
    print(f"requests without an answer: {len(failures)}")
    for line in [*lost[:10], *without_input[:10], *refused[:10], *failures[:10]]:
        print(f"  {line}")
    return 1 if errors or lost or without_input or refused or failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""A small LibreTranslate-compatible server for the tests, on 127.0.0.1 at a free port.

It speaks the two endpoints twinplan uses, as LibreTranslate does: POST /translate (JSON
or form; q a string or a list; answers {"translatedText": …} or {"error": "…"} with an HTTP
status) and GET /languages. It "translates" from a small dictionary and otherwise upper-cases
the text, so the tests need no model.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DICTIONARY = {
    ("de", "vi", "Saubere Energie für Schulen"): "Năng lượng sạch cho trường học",
    ("de", "en", "Saubere Energie für Schulen"): "Clean energy for schools",
    # LibreTranslate's Serbian; this stub answers in Cyrillic.
    ("de", "sr", "Saubere Energie für Schulen"): "Чиста енергија за школе",
}

LANGUAGES = {
    "de": ["en", "sr", "vi"],
    "en": ["de", "sr", "vi"],
    "vi": ["de", "en"],
    "sr": ["de", "en"],
}


class StubLibreTranslate(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, api_key: str = "") -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api_key = api_key
        self.requests: list[dict[str, Any]] = []
        # Set to (status, body) to make /translate fail the next times it is called.
        self.failure: tuple[int, str] | None = None
        # Set (and clear) to make /translate wait before it answers.
        self.hold: threading.Event | None = None
        # A short poll interval: shutdown() waits for it at the end of every test.
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> StubLibreTranslate:
        self._thread.start()
        return self

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up waiting (the timeout test) is expected, not an error.
        return

    def stop(self) -> None:
        if self.hold is not None:
            self.hold.set()
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    server: StubLibreTranslate

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        return

    def do_GET(self) -> None:
        if urllib.parse.urlsplit(self.path).path != "/languages":
            self._answer(HTTPStatus.NOT_FOUND, {"error": "Not Found"})
            return
        self._answer(HTTPStatus.OK, [
            {"code": code, "name": code, "targets": targets}
            for code, targets in LANGUAGES.items()
        ])

    def do_POST(self) -> None:
        if urllib.parse.urlsplit(self.path).path != "/translate":
            self._answer(HTTPStatus.NOT_FOUND, {"error": "Not Found"})
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        if self.headers.get("Content-Type", "").startswith("application/json"):
            data = json.loads(body)
        else:
            data = {key: values[0] for key, values in urllib.parse.parse_qs(body).items()}
        self.server.requests.append(data)
        if self.server.hold is not None:
            self.server.hold.wait(timeout=10)
        if self.server.failure is not None:
            status, text = self.server.failure
            self._send(status, text.encode("utf-8"))
            return
        if self.server.api_key and data.get("api_key") != self.server.api_key:
            self._answer(HTTPStatus.FORBIDDEN, {"error": "Invalid API key"})
            return
        source, target, q = data.get("source"), data.get("target"), data.get("q")
        if source not in LANGUAGES:
            self._answer(HTTPStatus.BAD_REQUEST, {"error": f"{source} is not supported"})
            return
        if target not in LANGUAGES[source]:
            self._answer(HTTPStatus.BAD_REQUEST, {"error": f"{target} is not supported"})
            return
        texts = q if isinstance(q, list) else [q]
        translated = [DICTIONARY.get((source, target, text), text.upper()) for text in texts]
        self._answer(HTTPStatus.OK, {
            "translatedText": translated if isinstance(q, list) else translated[0]
        })

    def _answer(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode("utf-8"), "application/json")

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

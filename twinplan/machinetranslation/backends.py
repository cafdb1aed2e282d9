"""Machine-translation backends behind one small interface, and the one we ship: a client
for a self-hosted LibreTranslate server, spoken to over its HTTP API with the standard
library. docs/machine-translation.md describes the set-up and the decisions."""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from twinplan.core.languages import content_language_name
from twinplan.core.transliteration import cyrillic_to_latin, latin_to_cyrillic


class MachineTranslationError(Exception):
    """A translation could not be made; `message` says why in words a coordinator can act
    on (the server is down, it refused the request, it does not know the language)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class MachineTranslationNotConfigured(MachineTranslationError):
    """No backend is set up on this installation (TWINPLAN_LIBRETRANSLATE_URL is empty)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Machine translation is not set up on this installation. Translate by hand, "
                "or ask the administrator to connect a LibreTranslate server "
                "(TWINPLAN_LIBRETRANSLATE_URL)."
            )
        )


class MachineTranslationBackend(Protocol):
    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """`texts` translated from `source` into `target` (twinplan's content language codes),
        one result per text, in order; raises MachineTranslationError."""
        ...


# twinplan's content language codes that LibreTranslate spells differently. LibreTranslate
# knows one Serbian, "sr"; which script its model writes is not specified, so the client
# brings the answer into the script the twinplan code promises (see _into_script).
_LIBRETRANSLATE_CODES = {"sr-latn": "sr"}


def libretranslate_code(language: str) -> str:
    return _LIBRETRANSLATE_CODES.get(language, language)


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def _into_script(text: str, language: str) -> str:
    """Serbian Latin: Cyrillic → Latin is exact, so any Cyrillic answer is transliterated.
    Serbian Cyrillic: an answer in Latin letters only is transliterated the ambiguous way;
    the result is stored as machine-translated, so a person reviews it either way."""
    if language == "sr-latn":
        return cyrillic_to_latin(text)
    if language == "sr" and not _has_cyrillic(text):
        return latin_to_cyrillic(text)
    return text


def _address_for_people(url: str) -> str:
    """The server's address without any user name or password written into it."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


class LibreTranslateClient:
    """POST /translate with q, source, target, format "text" and api_key; errors come back
    as JSON {"error": "…"} with an HTTP status, which the messages pass on."""

    def __init__(self, url: str, api_key: str = "", timeout_s: float = 60.0) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                f"TWINPLAN_LIBRETRANSLATE_URL={url!r} is not an http:// or https:// address."
            )
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout_s = timeout_s

    @property
    def address(self) -> str:
        return _address_for_people(self.url)

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        payload: dict[str, Any] = {
            "q": texts,
            "source": libretranslate_code(source),
            "target": libretranslate_code(target),
            "format": "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        try:
            answer = self._call("/translate", payload)
        except _HTTPFailure as failure:
            if failure.status == 400:
                self._explain_unsupported_pair(source, target)
            raise self._http_error(failure) from None
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str) and len(texts) == 1:
            translated = [translated]  # servers that answer a one-item list with a string
        if not (
            isinstance(translated, list)
            and len(translated) == len(texts)
            and all(isinstance(text, str) for text in translated)
        ):
            raise MachineTranslationError(self._unreadable_message())
        return [_into_script(text, target) for text in translated]

    def languages(self) -> dict[str, set[str]]:
        """Each source language code the server offers, with the codes it translates into."""
        try:
            answer = self._call("/languages", None)
        except _HTTPFailure as failure:
            raise self._http_error(failure) from None
        if not isinstance(answer, list):
            raise MachineTranslationError(self._unreadable_message())
        offered: dict[str, set[str]] = {}
        for language in answer:
            if isinstance(language, dict) and isinstance(language.get("code"), str):
                targets = language.get("targets")
                offered[language["code"]] = {
                    code for code in (targets if isinstance(targets, list) else [])
                    if isinstance(code, str)
                }
        return offered

    # --- HTTP ---------------------------------------------------------------------------

    def _call(self, path: str, payload: dict[str, Any] | None) -> Any:
        if payload is None:
            request = urllib.request.Request(  # noqa: S310 (the scheme is checked in __init__)
                self.url + path, headers={"Accept": "application/json"}
            )
        else:
            request = urllib.request.Request(  # noqa: S310 (the scheme is checked in __init__)
                self.url + path,
                data=json.dumps(payload).encode("utf-8"),
                headers={"Content-Type": "application/json", "Accept": "application/json"},
                method="POST",
            )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as error:
            with error:
                raise _HTTPFailure(error.code, _server_message(error.read())) from None
        except TimeoutError:
            raise MachineTranslationError(self._timeout_message()) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise MachineTranslationError(self._timeout_message()) from None
            raise MachineTranslationError(
                _(
                    "The translation server at %(url)s cannot be reached (%(reason)s). "
                    "Nothing was changed; ask the administrator whether it is running."
                )
                % {"url": self.address, "reason": _reason_text(reason)}
            ) from None
        except http.client.HTTPException:
            raise MachineTranslationError(self._unreadable_message()) from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise MachineTranslationError(self._unreadable_message()) from None

    def _explain_unsupported_pair(self, source: str, target: str) -> None:
        """After a refusal, ask the server which languages it offers: when the pair is not
        among them, say so in the languages' names rather than pass on a terse error."""
        try:
            offered = self.languages()
        except MachineTranslationError:
            return
        source_code, target_code = libretranslate_code(source), libretranslate_code(target)
        if source_code in offered and target_code in offered[source_code]:
            return
        raise MachineTranslationError(
            _(
                "The translation server at %(url)s does not translate from %(source)s into "
                "%(target)s. Nothing was changed; translate this text by hand, or ask the "
                "administrator to install that language pair."
            )
            % {
                "url": self.address,
                "source": content_language_name(source),
                "target": content_language_name(target),
            }
        )

    def _http_error(self, failure: _HTTPFailure) -> MachineTranslationError:
        if failure.server_message:
            return MachineTranslationError(
                _(
                    "The translation server at %(url)s refused the request (HTTP %(status)s): "
                    "“%(message)s”. Nothing was changed."
                )
                % {"url": self.address, "status": failure.status,
                   "message": failure.server_message}
            )
        return MachineTranslationError(
            _("The translation server at %(url)s answered with HTTP %(status)s. "
              "Nothing was changed.")
            % {"url": self.address, "status": failure.status}
        )

    def _timeout_message(self) -> str:
        return _(
            "The translation server at %(url)s did not answer within %(seconds)s seconds. "
            "Nothing was changed; try again later."
        ) % {"url": self.address, "seconds": f"{self.timeout_s:g}"}

    def _unreadable_message(self) -> str:
        return _(
            "The translation server at %(url)s gave an answer that is not a LibreTranslate "
            "translation. Nothing was changed; ask the administrator to check the address."
        ) % {"url": self.address}


class _HTTPFailure(Exception):
    def __init__(self, status: int, server_message: str) -> None:
        super().__init__(status, server_message)
        self.status = status
        self.server_message = server_message


def _server_message(body: bytes) -> str:
    """LibreTranslate's {"error": "…"}; else the start of whatever text came back."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return text[:200] if text and not text.startswith("<") else ""
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        return data["error"][:500]
    return ""


def _reason_text(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return _("connection refused")
    if isinstance(reason, socket.gaierror):
        return _("unknown host name")
    return str(getattr(reason, "strerror", None) or reason)


def machine_translation_backend() -> MachineTranslationBackend | None:
    """The configured backend, or None when TWINPLAN_LIBRETRANSLATE_URL is not set (then
    machine translation is hidden and everything else works as before)."""
    url = getattr(settings, "LIBRETRANSLATE_URL", "").strip()
    if not url:
        return None
    return LibreTranslateClient(
        url,
        api_key=getattr(settings, "LIBRETRANSLATE_API_KEY", ""),
        timeout_s=getattr(settings, "LIBRETRANSLATE_TIMEOUT_S", 60.0),
    )


def machine_translation_available() -> bool:
    """Whether to offer machine translation at all (no network call)."""
    return bool(getattr(settings, "LIBRETRANSLATE_URL", "").strip())

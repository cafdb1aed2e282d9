"""Every refusal of the API as one JSON shape: `{"detail": "...", "errors": [{"path":
"body.title", "message": "..."}]}`, with the HTTP status that says what kind of refusal
it is (docs/api.md lists them)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError


class ApiError(Exception):
    """A refusal with its status, a sentence, and the fields it concerns."""

    def __init__(
        self, status: int, detail: str, *, errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None, body: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        self.body = body

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"detail": self.detail, "errors": self.errors}
        if self.body is not None:
            data.update(self.body)
        return data


def field_errors(exc: DjangoValidationError, *, prefix: str = "body",
                 names: dict[str, str] | None = None) -> list[dict[str, str]]:
    """A service's ValidationError as a list of {path, message}; `names` maps a model
    field to the name the API gives it."""
    names = names or {}
    if not hasattr(exc, "error_dict"):
        return [{"path": prefix, "message": message} for message in exc.messages]
    errors: list[dict[str, str]] = []
    for field, messages in exc.message_dict.items():
        path = prefix if field == NON_FIELD_ERRORS else f"{prefix}.{names.get(field, field)}"
        errors.extend({"path": path, "message": message} for message in messages)
    return errors


def pydantic_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """Where ninja says a parameter failed (`("body", "payload", "title")`) as the path
    a caller wrote (`body.title`)."""
    parts = [str(part) for part in loc]
    if len(parts) >= 2 and parts[0] == "body":
        parts = [parts[0], *parts[2:]]  # drop the parameter's own name
    return ".".join(parts)

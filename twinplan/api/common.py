"""Helpers every router shares: paging, the ETag of a version, If-Match, turning a
service's refusal into a 4xx."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Schema
from pydantic import Field

from twinplan.api.errors import ApiError, field_errors
from twinplan.core.errors import EditConflict

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

T = TypeVar("T")


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT,
                       description=f"Results per page, 1 to {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=10_000_000, description="How many results to skip.")


PagingQuery = Query[Paging]


def page(queryset: QuerySet[Any], paging: Paging) -> tuple[int, list[Any]]:
    """(total, the page's rows); the queryset carries its stable order."""
    total = queryset.count()
    rows = list(queryset[paging.offset: paging.offset + paging.limit]) if total else []
    return total, rows


def envelope(total: int, paging: Paging, results: list[Any]) -> dict[str, Any]:
    return {"count": total, "limit": paging.limit, "offset": paging.offset,
            "results": results}


def rendered(request: HttpRequest, data: Any) -> HttpResponse:
    """A 200 answer of `data` as the API renders every answer, without ninja checking it
    against the endpoint's response schema first: for a long list built from plain values
    whose shape the tests check against that schema (the check cost as much as building
    the list). The OpenAPI document still names the schema."""
    from twinplan.api.api import api  # the API object imports the routers, which import this

    return api.create_response(request, data, status=200)


def decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: HttpResponse, version: int) -> None:
    response["ETag"] = etag(version)


def expected_version(if_match: str | None) -> int:
    """The version an If-Match header names: `"7"`, `W/"7"` or `7`. Missing: 428; not a
    version: 400."""
    if if_match is None or not if_match.strip():
        raise ApiError(
            428,
            _("Send the version you changed as If-Match (the ETag of the object), so that "
              "nobody's edit is overwritten."),
            errors=[{"path": "header.If-Match", "message": _("Missing.")}],
        )
    value = if_match.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit() or len(value) > 9:
        raise ApiError(
            400, _("If-Match must be the ETag of the object, such as \"3\"."),
            errors=[{"path": "header.If-Match", "message": _("Not a version.")}],
        )
    return int(value)


def stale(current: dict[str, Any], version: int) -> ApiError:
    return ApiError(
        412,
        _("Someone changed the object since version %(version)s; it is now at version "
          "%(current)s. Nothing was saved: apply your change to the current state and send "
          "it again with its ETag.") % {"version": version, "current": current["version"]},
        body={"current": current},
        headers={"ETag": etag(current["version"])},
    )


@contextmanager
def service_call(names: dict[str, str] | None = None) -> Iterator[None]:
    """Run a service (atomically); its ValidationError becomes a 422 with the fields'
    paths."""
    try:
        with transaction.atomic():
            yield
    except ValidationError as exc:
        raise ApiError(422, _("Nothing was saved: the input breaks a rule."),
                       errors=field_errors(exc, names=names)) from exc


def write_or_stale(
    call: Callable[[], T], *, version: int, current: Callable[[], dict[str, Any]],
    names: dict[str, str] | None = None,
) -> T:
    """An update that knows its expected version: a conflict (someone saved between the
    read and the lock) is the same 412 as a stale If-Match."""
    try:
        with service_call(names):
            return call()
    except EditConflict as exc:
        raise stale(current(), version) from exc


def versioned_update(
    obj: Any, *, allowed: bool, if_match: str | None, shown: Callable[[Any], dict[str, Any]],
    update: Callable[[int], T], reload: Callable[[], Any],
    names: dict[str, str] | None = None,
) -> T:
    """A PATCH under optimistic locking, the same for every kind the API writes: 403 when
    the caller may not edit `obj`, 428 or 400 for a missing or unreadable If-Match, 412
    with the current state (`shown` of `reload()`) when the version is stale before the
    write or someone saves during it. `update(version)` calls the service; its result is
    returned."""
    if not allowed:
        raise forbidden()
    version = expected_version(if_match)
    if version != obj.version:
        raise stale(shown(obj), version)
    return write_or_stale(lambda: update(version), version=version, names=names,
                          current=lambda: shown(reload()))


def unknown(path: str, message: str) -> ApiError:
    return ApiError(422, _("Nothing was saved: the input names something unknown."),
                    errors=[{"path": path, "message": message}])


def not_found() -> ApiError:
    return ApiError(404, _("Not found, or not visible to you."))


def forbidden() -> ApiError:
    return ApiError(403, _("You may not do this here: your roles do not allow it."))

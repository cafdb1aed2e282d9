"""The API object: its routers (one per app), its error handlers, its OpenAPI document."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from twinplan.api.errors import ApiError, pydantic_path
from twinplan.api.routers import (
    adaptation,
    climate,
    events,
    indicators,
    municipalities,
    partnerships,
    programmes,
    reference,
    reports,
)

DESCRIPTION = """\
The joint action programmes of twinplan's municipal partnerships as JSON.

**Reading** needs no token: published content only. With a personal API token
(`Authorization: Bearer tp_…`, made under "API tokens" in the workspace) you also read the
drafts your roles let you read, and **write** measures, progress entries, measured values
and events, exactly as the editor pages let you.

Texts come in the language asked for (`?lang=` or `Accept-Language`, any content language),
each with the language it is really in and its translation state. Lists are paged
(`limit` ≤ 200, `offset`) in a stable order, with the total `count`.

Changes need the version you read: send the object's `ETag` as `If-Match` (428 without
it; 412 with the current state when someone saved meanwhile). Every refusal is JSON:
`{"detail": …, "errors": [{"path": …, "message": …}]}`.
"""


class TwinplanApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> OpenAPISchema:
        """Reads take a token but do not need one: their security lists "none" too."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for methods in schema.get("paths", {}).values():
            for method, operation in methods.items():
                if method == "get" and operation.get("security"):
                    operation["security"] = [*operation["security"], {}]
        return schema


api = TwinplanApi(
    title="twinplan API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _error(request: HttpRequest, status: int, data: dict[str, Any],
           headers: dict[str, str] | None = None) -> HttpResponse:
    response = api.create_response(request, data, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _error(request, exc.status, exc.as_data(), exc.headers)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        loc = error.get("loc", ())
        message = str(error.get("msg", ""))
        if error.get("type") == "extra_forbidden":
            message = _("Unknown field: this endpoint does not take it.")
        elif error.get("type") == "missing":
            message = _("Required.")
        errors.append({"path": pydantic_path(loc), "message": message})
    return _error(request, 422, {"detail": _("The request is not valid; see errors."),
                                 "errors": errors})


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, {"detail": _("This needs a personal API token: "
                                             "Authorization: Bearer tp_…"), "errors": []},
                  {"WWW-Authenticate": 'Bearer realm="twinplan"'})


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja's own refusals, such as a body that is not JSON.
    detail = str(exc)
    if exc.status_code == 400:
        detail = _("The request body is not valid JSON.")
    return _error(request, exc.status_code, {"detail": detail, "errors": []})


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, {"detail": _("Not found, or not visible to you."),
                                 "errors": []})


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, {"detail": _("You may not do this here."), "errors": []})


@api.exception_handler(SuspiciousOperation)
def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return _error(request, 413, {
            "detail": _("The request body is too large: at most %(bytes)d bytes.")
            % {"bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}, "errors": []})
    return _error(request, 400, {"detail": _("The request is not valid."), "errors": []})


@api.exception_handler(DatabaseError)
def _busy(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
    return _error(request, 503, {"detail": _("The database is busy; nothing was saved. "
                                             "Try again in a moment."), "errors": []},
                  {"Retry-After": "5"})


for module in (reference, municipalities, partnerships, programmes, events, indicators,
               climate, reports, adaptation):
    api.add_router("/", module.router)

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext as _

from twinplan.api.api import api


def unknown_endpoint(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse({"detail": _("There is no such endpoint. The endpoints are listed "
                                     "at /api/v1/docs."), "errors": []}, status=404)


def api_root(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    """/api/v1/ itself: where the description and the docs are (ninja's own root view
    answers with an HTML 404)."""
    return JsonResponse({"openapi": request.build_absolute_uri("openapi.json"),
                         "docs": request.build_absolute_uri("docs")})


def _has_null_character(request: HttpRequest) -> bool:
    return "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists())


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every endpoint: a null character in the path or query is a 400 (PostgreSQL cannot
    compare with it, which would be a 5xx); ninja's plain-text 405 for a method the
    endpoint does not take becomes JSON, as every refusal of the API is."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _has_null_character(request):
            return JsonResponse({"detail": _("Null characters are not allowed."),
                                 "errors": []}, status=400)
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            refusal = JsonResponse({
                "detail": _("This endpoint does not take %(method)s; it takes %(allowed)s.")
                % {"method": request.method, "allowed": response["Allow"]},
                "errors": []}, status=405)
            refusal["Allow"] = response["Allow"]
            return refusal
        return response

    return wrapped


def _api_patterns() -> tuple[list[Any], str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = (api_root if pattern.name == "api-root"
                                else api_view(pattern.callback))
    return patterns, app_name, namespace


urlpatterns = [
    path("v1/", _api_patterns()),
    re_path(r"^(?P<rest>.*)$", unknown_endpoint),
]

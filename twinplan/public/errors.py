"""Error pages in the site's layout and the language of the URL prefix, each saying what
happened and offering a way back. The 500 page is rendered without context processors
and without touching the database, so it still works when those are what failed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation


def _language(request: HttpRequest) -> str:
    """The URL prefix's language; without a prefix (/admin/, /static/) the one the locale
    middleware chose."""
    return (translation.get_language_from_path(request.path_info)
            or translation.get_language() or settings.LANGUAGE_CODE)


def _render(request: HttpRequest, template: str, status: int,
            context: dict[str, Any] | None = None) -> HttpResponse:
    with translation.override(_language(request)):
        return render(request, template, context or {}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The workspace raises PermissionDenied with a translated sentence meant for people.
    reason = str(exception) if exception is not None and exception.args else ""
    return _render(request, "403.html", 403, {"reason": reason})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(request, "403.html", 403, {"csrf_failed": True})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    with translation.override(_language(request)):
        # A plain context: no context processor (session, user, messages) runs.
        html = loader.get_template("500.html").render({"request": request})
    return HttpResponse(html, status=500)

"""Redirect targets taken from a request are followed only when they stay on this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str, *, field: str = "next") -> str:
    """The `next` of the request (POST first, then GET) when it points to this site over the
    request's scheme; otherwise `fallback`. `https://evil.example/`, `//evil.example` and
    `javascript:` URLs all give the fallback."""
    target = request.POST.get(field) or request.GET.get(field) or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback

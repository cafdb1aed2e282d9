"""The page cache of the public pages: anonymous GETs served from Django's cache.

`public_page` wraps a public view. A response is stored under a key made of the page's
path with its query, the interface language (the URL prefix), the content language the
reader chose (kept in the session), the day (pages count from today), the map tile URL
(docs/maps.md) and the generation
of the public content (`twinplan.core.pagecache`), so every write that can show on a public
page retires every stored page at once; stored pages also expire after
`TWINPLAN_PAGE_CACHE_SECONDS` (10 minutes by default; 0 turns the cache off).

Never cached, and never served from the cache:
- a signed-in reader (their pages name them and carry the log-out form's CSRF token);
- a request that changes the session (`?content=…`), or whose session holds anything but
  the chosen content language (messages waiting to be shown, for instance);
- a response that is not a plain 200, sets a cookie, or used a CSRF token while rendering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from twinplan.core.context_processors import SESSION_KEY
from twinplan.core.pagecache import public_generation

View = Callable[..., HttpResponse]

# Response headers a stored page keeps (the middlewares add the rest on every request).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")
HIT_HEADER = "X-Twinplan-Cache"


def _timeout() -> int:
    return int(getattr(settings, "TWINPLAN_PAGE_CACHE_SECONDS", 600))


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or "content" in request.GET:
        return False
    if request.user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if (
        session is not None
        and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and set(session.keys()) - {SESSION_KEY}
    ):
        return False
    return not request.COOKIES.get("messages")


def page_key(request: HttpRequest) -> str:
    """The cache key of this request's page (computed before the view reads any data, so a
    page rendered while a write commits is stored under the generation it predates)."""
    session = getattr(request, "session", None)
    content = session.get(SESSION_KEY, "") if session is not None else ""
    parts = "\n".join([
        public_generation(),
        request.get_full_path(),
        get_language() or "",
        str(content),
        timezone.localdate().isoformat(),
        # The map tile layer (docs/maps.md): a changed setting never serves the old map.
        getattr(settings, "TWINPLAN_MAP_TILE_URL", ""),
    ])
    return "twinplan:page:" + hashlib.sha256(parts.encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_twinplan_no_cache", False)
        and not getattr(getattr(request, "session", None), "modified", False)
    )


def public_page(view: View) -> View:
    """Serve `view` from the page cache for anonymous readers (see the module's note)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        timeout = _timeout()
        if timeout <= 0 or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), timeout)
            response[HIT_HEADER] = "miss"
        return response

    return wrapped

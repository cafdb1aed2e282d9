"""The language content is read in: the interface language unless the reader chose another
content language (one that may have no interface translation yet, e.g. Spanish)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language

from twinplan.core.languages import content_language_choices, content_language_codes

SESSION_KEY = "content_language"


def content_language_of(request: HttpRequest) -> str:
    """`?content=es` chooses (and remembers for the session), `?content=` forgets."""
    codes = content_language_codes()
    interface = get_language() or "en"
    if "content" in request.GET:
        chosen = request.GET["content"]
        if chosen in codes and chosen != interface:
            request.session[SESSION_KEY] = chosen
            return chosen
        request.session.pop(SESSION_KEY, None)
        return interface
    remembered = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return remembered if remembered in codes else interface


def content_language(request: HttpRequest) -> dict[str, object]:
    return {
        "content_language": content_language_of(request),
        "content_languages": content_language_choices(),
    }

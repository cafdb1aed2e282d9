"""The public library of measures and the search page (routed in twinplan.public.urls)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from twinplan.search.selectors import headline_indicator, library, search


def library_page(request: HttpRequest) -> HttpResponse:
    """Published measures of every published partnership, filtered by a GET form."""
    shelf = library(request.GET, page=request.GET.get("page"),
                    language=get_language() or "en")
    rows = [(measure, headline_indicator(measure)) for measure in shelf.page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "search/library.html", {
        "library": shelf, "rows": rows, "filters": shelf.filters,
        "query_string": params.urlencode(),
    })


def search_page(request: HttpRequest) -> HttpResponse:
    results = search(request.GET.get("q", ""))
    return render(request, "search/search.html", {"results": results})

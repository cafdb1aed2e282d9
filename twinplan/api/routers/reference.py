"""SDG reference data: the 17 goals and their targets, named in the language asked for
(English where a name is not known in it)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router

from twinplan.api.auth import READ
from twinplan.api.common import PagingQuery, envelope, page
from twinplan.api.language import requested_language
from twinplan.api.schemas.common import Error
from twinplan.api.schemas.reference import SdgPage
from twinplan.reference.models import SdgGoal, SdgTarget

router = Router(tags=["reference data"], auth=READ)


def _named(names: dict[str, str], language: str) -> tuple[str, str]:
    if names.get(language):
        return names[language], language
    return names.get("en", ""), "en"


@router.get("/sdgs", response={200: SdgPage, 400: Error, 401: Error, 422: Error, 429: Error},
            summary="SDGs with their targets")
def sdg_list(request: HttpRequest, paging: PagingQuery, lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    goals = SdgGoal.objects.order_by("code").prefetch_related(
        Prefetch("targets", queryset=SdgTarget.objects.order_by("sort_key", "id"))
    )
    total, rows = page(goals, paging)
    results = []
    for goal in rows:
        name, name_language = _named(goal.names, language)
        targets = []
        for target in goal.targets.all():
            title, title_language = _named(target.titles, language)
            targets.append({"code": target.code, "title": title, "language": title_language})
        results.append({"code": goal.code, "name": name, "language": name_language,
                        "colour": goal.colour, "targets": targets})
    return envelope(total, paging, results)

"""Public pages: published content only, in the language of the URL prefix."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from twinplan.climate.selectors import impact_report, measure_factor_lines, measure_impact_line
from twinplan.core.templatetags.twinplan import SourceNotes
from twinplan.events.selectors import events_for_measure, events_published
from twinplan.glossary.selectors import glossary_for
from twinplan.indicators.selectors import indicators_for_measure
from twinplan.money.selectors import measure_money, with_resources
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import (
    partnership_facts,
    partnership_page_or_none,
    partnership_published_or_none,
    partnerships_published,
)
from twinplan.programmes.selectors import (
    challenges_published,
    measure_published_or_none,
    measures_published,
    programme_published_or_none,
    programme_tree,
)
from twinplan.reference.models import SdgGoal


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"partnerships": partnerships_published()})


def partnership_directory(request: HttpRequest) -> HttpResponse:
    return render(
        request, "public/partnership_directory.html", {"partnerships": partnerships_published()}
    )


def _or_404(partnership: Partnership | None) -> Partnership:
    if partnership is None:
        raise Http404("No published partnership with this address.")
    return partnership


def partnership_page(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _or_404(partnership_page_or_none(slug))
    programme = programme_published_or_none(partnership)
    tree = None
    sdg_goals: list[SdgGoal] = []
    if programme is not None:
        tree = programme_tree(programme, list(measures_published(programme)))
        sdg_goals = sorted(
            {goal for measure in tree.measures for goal in measure.sdg_goals.all()},
            key=lambda goal: goal.code,
        )
    visible_measure_ids = {m.pk for m in tree.measures} if tree else set()
    return render(
        request,
        "public/partnership.html",
        {
            "partnership": partnership,
            "facts": partnership_facts(partnership),
            "programme": programme,
            "tree": tree,
            "sdg_goals": sdg_goals,
            "events": events_published(partnership),
            "challenges": challenges_published(partnership),
            "visible_measure_ids": visible_measure_ids,
            "impact_summary": impact_report(
                partnership, today=timezone.localdate(), with_money=False
            ),
            "glossary": glossary_for(partnership, get_language() or "en"),
            "sources": SourceNotes(),
        },
    )


def partnership_impact(request: HttpRequest, slug: str) -> HttpResponse:
    """The impact balance: measures, travel, municipal shares, money, every factor's source."""
    partnership = _or_404(partnership_published_or_none(slug))
    return render(
        request,
        "public/partnership_impact.html",
        {
            "partnership": partnership,
            "report": impact_report(partnership, today=timezone.localdate()),
            "sources": SourceNotes(),
        },
    )


def measure_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _or_404(partnership_published_or_none(slug))
    measure = measure_published_or_none(partnership, pk)
    if measure is None:
        raise Http404("No published measure with this address.")
    with_resources([measure])
    impact_line = measure_impact_line(measure, partnership)
    return render(
        request,
        "public/measure.html",
        {
            "partnership": partnership,
            "measure": measure,
            "indicators": indicators_for_measure(measure),
            "events": events_for_measure(measure),
            "impact_line": impact_line,
            "impact_factors": measure_factor_lines(impact_line) if impact_line else [],
            "money": measure_money(measure, partnership, today=timezone.localdate()),
            "glossary": glossary_for(partnership, get_language() or "en"),
            "sources": SourceNotes(),
        },
    )

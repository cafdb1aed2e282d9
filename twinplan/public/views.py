"""Public pages: published content only, in the language of the URL prefix."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from twinplan.adaptation.selectors import adaptation_report, measure_adaptation, measure_effects
from twinplan.climate.selectors import impact_report, measure_factor_lines, measure_impact_line
from twinplan.core.context_processors import content_language_of
from twinplan.core.templatetags.twinplan import SourceNotes
from twinplan.events.selectors import (
    event_published_or_none,
    events_for_measure,
    events_published,
)
from twinplan.glossary.selectors import glossary_for
from twinplan.indicators.selectors import indicators_for_measure
from twinplan.media.selectors import agreement_documents, cover_for, media_for, with_media
from twinplan.money.selectors import measure_money, with_resources
from twinplan.network.dashboard import dashboard_context, dashboard_csv
from twinplan.network.selectors import PUBLIC
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import (
    partnership_facts,
    partnership_page_or_none,
    partnership_published_or_none,
    partnerships_published,
)
from twinplan.partnerships.services import phase_current
from twinplan.programmes.models import ActionProgramme, Measure
from twinplan.programmes.selectors import (
    FieldNode,
    ProgrammeTree,
    challenges_published,
    edition_changes,
    measure_published_or_none,
    measures_published,
    programme_published_or_none,
    programme_tree,
)
from twinplan.public import charts
from twinplan.public.cache import public_page
from twinplan.public.charts import partnership_charts
from twinplan.public.impact_lines import impact_lines_page
from twinplan.public.maps import directory_context, partnership_map
from twinplan.reference.models import SdgGoal


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"partnerships": partnerships_published()})


@public_page
def partnership_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "public/partnership_directory.html", directory_context(request))


def _or_404(partnership: Partnership | None) -> Partnership:
    if partnership is None:
        raise Http404("No published partnership with this address.")
    return partnership


@public_page
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
    facts = partnership_facts(partnership)
    impact_summary = impact_report(partnership, today=timezone.localdate())
    return render(
        request,
        "public/partnership.html",
        {
            "partnership": partnership,
            "facts": facts,
            "partnership_map": partnership_map(facts),
            **partnership_charts(tree, impact_summary, content_language_of(request)),
            "programme": programme,
            "tree": tree,
            "sdg_goals": sdg_goals,
            "events": with_media(events_published(partnership)),
            "cover": cover_for(partnership),
            "agreement_documents": agreement_documents(partnership),
            "challenges": challenges_published(partnership),
            "visible_measure_ids": visible_measure_ids,
            "programme_fields": _fields_with_measures(tree) if tree else [],
            "impact_summary": impact_summary,
            "adaptation": adaptation_report(partnership, today=timezone.localdate()),
            "glossary": glossary_for(partnership, get_language() or "en"),
            "sources": SourceNotes(),
            **_process(partnership, programme),
        },
    )


def _fields_with_measures(tree: ProgrammeTree) -> list[dict[str, Any]]:
    """Each field of action with its goals and its measures, every measure once (under the
    field it belongs to, whatever the number of goals it serves)."""
    by_field: dict[int | None, list[Measure]] = {}
    for measure in tree.measures:
        by_field.setdefault(measure.field_of_action_id, []).append(measure)
    rows: list[dict[str, Any]] = []
    for node in tree.fields:
        key = node.field_of_action.pk if node.field_of_action else None
        rows.append({"node": node, "measures": by_field.pop(key, [])})
    rest = [measure for measures in by_field.values() for measure in measures]
    if rest:
        rows.append({"node": FieldNode(field_of_action=None), "measures": rest})
    return [row for row in rows if row["measures"] or row["node"].goals]


def _process(partnership: Partnership, programme: ActionProgramme | None) -> dict[str, Any]:
    """Where the partnership stands (its phases) and what changed in the edition shown
    since the previous one."""
    phases = list(partnership.phases.all())
    return {
        "phases": phases,
        "current_phase": phase_current(partnership, phases),
        "edition_changes": edition_changes(programme) if programme is not None else None,
    }


@public_page
def partnership_impact(request: HttpRequest, slug: str) -> HttpResponse:
    """The impact balance: measures, travel, municipal shares, money, every factor's source."""
    partnership = _or_404(partnership_published_or_none(slug))
    today = timezone.localdate()
    report = impact_report(partnership, today=today)
    lines = impact_lines_page(report, request.GET.get("page"))
    return render(
        request,
        "public/partnership_impact.html",
        {
            "partnership": partnership,
            "report": report,
            "lines": lines,
            "page_obj": lines.page_obj,
            "impact_chart": charts.impact_balance(report),
            # The programme and the towns the impact report read, not read again.
            "adaptation": adaptation_report(
                partnership, today=today, programme=report.programme,
                towns=[line.municipality for line in report.municipalities],
            ),
            "sources": SourceNotes(),
        },
    )


@public_page
def measure_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _or_404(partnership_published_or_none(slug))
    measure = measure_published_or_none(partnership, pk)
    if measure is None:
        raise Http404("No published measure with this address.")
    with_resources([measure])
    impact_line = measure_impact_line(measure, partnership)
    indicators = indicators_for_measure(measure)
    return render(
        request,
        "public/measure.html",
        {
            "partnership": partnership,
            "measure": measure,
            "indicators": indicators,
            "indicator_charts": charts.indicator_charts(indicators, content_language_of(request)),
            "events": events_for_measure(measure),
            "media": media_for(measure),
            "impact_line": impact_line,
            "impact_factors": measure_factor_lines(impact_line) if impact_line else [],
            "money": measure_money(measure, partnership, today=timezone.localdate()),
            "adaptation": measure_adaptation(measure),
            "adaptation_effects": measure_effects(measure),
            "glossary": glossary_for(partnership, get_language() or "en"),
            "sources": SourceNotes(),
        },
    )


@public_page
def event_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One published event of a published partnership: what happened, who came, what came
    of it, its photos and documents."""
    partnership = _or_404(partnership_published_or_none(slug))
    event = event_published_or_none(partnership, pk)
    if event is None:
        raise Http404("No published event with this address.")
    return render(
        request,
        "public/event.html",
        {
            "partnership": partnership,
            "event": event,
            "media": media_for(event),
            "glossary": glossary_for(partnership, get_language() or "en"),
            "sources": SourceNotes(),
        },
    )


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    """What twinplan keeps about people, why, and how to have it exported or erased."""
    return render(request, "public/privacy.html", {"operator": _operator()})


@public_page
def impressum(request: HttpRequest) -> HttpResponse:
    """Who runs this installation, from the TWINPLAN_OPERATOR_* settings."""
    return render(request, "public/impressum.html", {"operator": _operator()})


def _operator() -> dict[str, str]:
    return {
        "name": settings.TWINPLAN_OPERATOR_NAME,
        "address": settings.TWINPLAN_OPERATOR_ADDRESS,
        "email": settings.TWINPLAN_OPERATOR_EMAIL,
        "responsible": settings.TWINPLAN_OPERATOR_RESPONSIBLE,
    }


@public_page
def network_dashboard(request: HttpRequest) -> HttpResponse:
    """Every published partnership with its phase, measures, money, SDGs and last update:
    sortable and filterable by GET parameters (twinplan.network)."""
    return render(request, "public/network_dashboard.html",
                  dashboard_context(request, PUBLIC))


def network_dashboard_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's rows, with its filters and order, as CSV."""
    return dashboard_csv(
        request, PUBLIC, filename="twinplan-network.csv",
        url_of=lambda row: request.build_absolute_uri(
            reverse("public:partnership", args=[row.partnership.slug])),
    )
@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (the EU model statement, Implementing Decision (EU)
    2018/1523) with the feedback address from TWINPLAN_ACCESSIBILITY_CONTACT."""
    return render(request, "public/accessibility.html", {
        "contact": settings.TWINPLAN_ACCESSIBILITY_CONTACT,
        "operator": _operator(),
        "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED_ON,
        "reviewed_on": ACCESSIBILITY_STATEMENT_REVIEWED_ON,
    })


# When the statement was prepared and last reviewed against the machine checks and by hand
# (docs/accessibility.md); change both when the statement's content changes.
ACCESSIBILITY_STATEMENT_PREPARED_ON = date(2026, 12, 2)
ACCESSIBILITY_STATEMENT_REVIEWED_ON = date(2026, 12, 2)

# Where robots may not go: the workspace and the login (in every language prefix), the
# admin and the API, except the API's documentation page.
_ROBOTS_DISALLOWED = ["/admin/", "/api/", "/i18n/"]


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /api/v1/docs"]
    lines += [f"Disallow: {path}" for path in _ROBOTS_DISALLOWED]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/workspace/", f"Disallow: /{code}/accounts/"]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, which browsers ask for whatever the page links: the SVG icon."""
    return HttpResponsePermanentRedirect(static("twinplan/favicon.svg"))

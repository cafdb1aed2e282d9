"""Public pages: published content only, in the language of the URL prefix."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import Context
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from twinplan.adaptation.selectors import (
    adaptation_inputs_present,
    adaptation_report,
    measure_adaptation,
    measure_effects,
    measure_has_adaptation,
)
from twinplan.climate.selectors import (
    MEASURE_IMPACT_RELATED,
    impact_inputs_present,
    impact_report,
    measure_factor_lines,
    measure_impact_line,
    partnership_has_factors,
)
from twinplan.core.context_processors import content_language_of
from twinplan.core.paging import page_nearest
from twinplan.core.templatetags.twinplan import SourceNotes, tr
from twinplan.events.models import Event
from twinplan.events.selectors import (
    event_published_or_none,
    events_for_measure,
    events_timeline,
    measure_has_events,
)
from twinplan.glossary.selectors import Glossary, glossary_for, glossary_present
from twinplan.indicators.selectors import indicators_for_measure, measure_has_indicators
from twinplan.media.selectors import (
    measure_has_media,
    media_for,
    media_present,
    page_media,
)
from twinplan.money.selectors import measure_has_resources, measure_money, with_resources
from twinplan.network.dashboard import dashboard_context, dashboard_csv
from twinplan.network.selectors import PUBLIC
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import (
    partnership_facts,
    partnership_page_or_none,
    partnership_published_or_none,
)
from twinplan.partnerships.services import phase_current
from twinplan.programmes.models import ActionProgramme, FieldOfAction
from twinplan.programmes.selectors import (
    PROGRAMME_PAGE_SIZE,
    challenges_present,
    challenges_published,
    edition_changes,
    measure_page_or_none,
    outline_page,
    outline_previews,
    programme_chart_counts,
    programme_outline,
    programme_published_or_none,
    programme_sdg_counts,
)
from twinplan.public import charts
from twinplan.public.cache import public_page
from twinplan.public.charts import partnership_charts
from twinplan.public.impact_lines import impact_lines_page
from twinplan.public.maps import directory_context, home_cards, partnership_map
from twinplan.reference.models import SdgGoal
from twinplan.reports.selectors import editions_public, editions_public_present


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """A few partnerships (`HOME_CARDS`) and the link to the directory of them all."""
    return render(request, "public/home.html", {"cards": home_cards()})


@public_page
def partnership_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "public/partnership_directory.html", directory_context(request))


def _or_404(partnership: Partnership | None) -> Partnership:
    if partnership is None:
        raise Http404("No published partnership with this address.")
    return partnership


# What the partnership page asks of the partnership's data besides its own, read with the
# partnership (`Exists` flags): the sections and report inputs it has none of are not
# read. The reports' inputs are named "<report>:<input>".
_PAGE_PRESENT: dict[str, Exists] = {
    **{f"impact:{name}": flag for name, flag in impact_inputs_present().items()},
    **{f"adaptation:{name}": flag for name, flag in adaptation_inputs_present().items()},
    "media": media_present(),
    "challenges": challenges_present(),
    "glossary": glossary_present(),
    "editions": editions_public_present(),
}


def _absent(present: dict[str, bool], report: str) -> set[str]:
    """The inputs of `report` the partnership has none of."""
    prefix = f"{report}:"
    return {name.removeprefix(prefix) for name, found in present.items()
            if name.startswith(prefix) and not found}


@public_page
def partnership_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The partnership with its programme in summary: per field of action its goals, its
    counts per status and its first measures; every measure is on the programme page."""
    partnership = _or_404(partnership_page_or_none(slug, present=_PAGE_PRESENT))
    present: dict[str, bool] = partnership.present  # type: ignore[attr-defined]
    programme = programme_published_or_none(partnership)
    today = timezone.localdate()
    # The reports count the newest published edition: when that is the one shown, they
    # take it (and the members) instead of reading them again, and the programme's sums
    # are counted from the measures the impact report loaded.
    newest: dict[str, Any] = (
        {"programme": programme}
        if programme is None or programme.is_newest  # type: ignore[attr-defined]
        else {})
    impact_summary = impact_report(partnership, today=today, **newest,
                                   absent=_absent(present, "impact"))
    outline = None
    status_rows: list[tuple[FieldOfAction | None, dict[str, int]]] = []
    sdg_counts: list[tuple[SdgGoal, int]] = []
    if programme is not None:
        published = impact_summary.counted_measures if newest else None
        outline = programme_outline(programme, published=published)
        if outline.count:
            outline_previews(outline, published=published)
            status_rows = programme_chart_counts(outline)
            sdg_counts = programme_sdg_counts(programme)
    events = events_timeline(partnership)
    media = page_media(partnership, events, found=present["media"])
    facts = partnership_facts(partnership)
    language = get_language() or "en"
    return render(
        request,
        "public/partnership.html",
        {
            "partnership": partnership,
            "facts": facts,
            "partnership_map": partnership_map(facts),
            **partnership_charts(status_rows, sdg_counts, impact_summary,
                                 content_language_of(request),
                                 demo=outline is not None and outline.any_demo),
            "programme": programme,
            "outline": outline,
            "measure_path": _measure_path(partnership),
            "sdg_goals": [goal for goal, _count in sdg_counts],
            "events": events,
            "cover": media.cover,
            "agreement_documents": media.agreement_documents,
            "challenges": challenges_published(partnership) if present["challenges"] else [],
            "visible_measure_ids": _measures_linked(programme, events),
            "impact_summary": impact_summary,
            "adaptation": adaptation_report(partnership, today=today,
                                            towns=facts.municipalities, **newest,
                                            absent=_absent(present, "adaptation")),
            "glossary": (glossary_for(partnership, language) if present["glossary"]
                         else Glossary([], language)),
            "editions": editions_public(partnership) if present["editions"] else [],
            "sources": SourceNotes(),
            **_process(partnership, programme),
        },
    )


def _measure_path(partnership: Partnership) -> str:
    """The path of the partnership's measure pages up to the measure's id (`…/measures/`),
    reversed once per page instead of once per listed measure."""
    return reverse("public:measure", args=[partnership.slug, 0]).removesuffix("0/")


def _measures_linked(programme: ActionProgramme | None, events: list[Event]) -> set[int]:
    """Which of the measures the events' outcomes and ideas name are published measures of
    the programme shown (those are linked), read off the measures the events' prefetch
    brought: the programme and its partnership are published, as the page is."""
    if programme is None:
        return set()
    named = [measure for event in events for outcome in event.outcomes.all()
             for measure in outcome.measures.all()]
    named += [idea.measure for event in events for idea in event.ideas.all()
              if idea.measure is not None]
    return {measure.pk for measure in named
            if measure.is_published and measure.programme_id == programme.pk}


@public_page
def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole programme tree: fields of action → goals → measures, a page of
    PROGRAMME_PAGE_SIZE measures at a time, in the programme's order."""
    partnership = _or_404(partnership_published_or_none(slug))
    programme = programme_published_or_none(partnership, with_details=False)
    outline = programme_outline(programme) if programme is not None else None
    paginator = Paginator(range(outline.count if outline else 0), PROGRAMME_PAGE_SIZE)
    # A bad page number gives the nearest page, as on every list (a link kept from a
    # programme that has since grown shorter still leads somewhere).
    page = page_nearest(paginator, request.GET.get("page"))
    page_fields = outline_page(outline, page.number) if outline else []
    reading = Context({"content_language": content_language_of(request)})
    for row in outline.fields if outline else []:
        for goal in row.goals:  # each goal's title made once, however many measures name it
            goal.title_html = tr(reading, goal, "title")  # type: ignore[attr-defined]
    return render(
        request,
        "public/partnership_programme.html",
        {
            "partnership": partnership,
            "programme": programme,
            "outline": outline,
            "page_fields": page_fields,
            "measure_path": _measure_path(partnership),
            "page_obj": page,
        },
    )


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
    # The partnership comes with the measure (one query, its members prefetched for the
    # money and the impact line): an unpublished or unknown partnership is a 404 as well.
    # The impact estimate joins it too, and the measure's query says which of the lists
    # below have rows: those without are empty without a query.
    lists: dict[str, Exists | Q] = {
        "resources": measure_has_resources(),
        "own_factors": partnership_has_factors(),
        "indicators": measure_has_indicators(),
        "events": measure_has_events(),
        "media": measure_has_media(),
        "adaptation": measure_has_adaptation(),
    }
    measure = measure_page_or_none(slug, pk, related=[MEASURE_IMPACT_RELATED], has_rows=lists)
    if measure is None:
        raise Http404("No published measure with this address.")
    has = {name: bool(getattr(measure, f"has_{name}")) for name in lists}
    partnership = measure.programme.partnership
    with_resources([measure], known_empty=not has["resources"])
    impact_line = measure_impact_line(measure, partnership, own_factors=has["own_factors"])
    indicators = list(indicators_for_measure(measure)) if has["indicators"] else []
    adaptation = measure_adaptation(measure) if has["adaptation"] else None
    return render(
        request,
        "public/measure.html",
        {
            "partnership": partnership,
            "measure": measure,
            "indicators": indicators,
            "indicator_charts": charts.indicator_charts(indicators, content_language_of(request)),
            "events": events_for_measure(measure) if has["events"] else [],
            "media": media_for(measure) if has["media"] else [],
            "impact_line": impact_line,
            "impact_factors": measure_factor_lines(impact_line) if impact_line else [],
            "money": measure_money(measure, partnership, today=timezone.localdate()),
            "adaptation": adaptation,
            # Shown within the adaptation entry only (adaptation/partials/measure.html).
            "adaptation_effects": measure_effects(measure) if adaptation else [],
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

"""`make bench`: how fast twinplan's pages are against their floor (docs/performance.md).

Outside the test suite. Two bench databases are generated once and reused
(`./manage.py generate_network --first-partnership-measures 200`): a small network
(2 partnerships, 250 measures) and a large one (500 partnerships, 25,150 measures;
`QUICK=1`: 20 partnerships, 1,150 measures). In both the measured partnership gen-1 holds
200 measures, so its page rows and the PDF are those of a 200-measure partnership and growth
is the network's size alone. SQLite files var/bench-<partnerships>.sqlite3 by default; with
DATABASE_URL (PostgreSQL) the databases are DATABASE_URL's name with `_p<partnerships>`
appended, made when missing.

For every page: the CPU time (`time.process_time`) and the wall time of a Django
test-client GET (median of BENCH_REPEAT runs, after one warm-up), from the page cache
too; its floor measured in the same process (the `.values()` fetch of the columns the page
shows, and the raw SQL of that fetch beside it); the queries per request; growth (large
network against small). Then the results-report PDF of gen-1 against WeasyPrint rendering
a bare document of as many pages, the import of a 5,000-row measure plan against openpyxl
reading it in read-only mode, and the throughput under BENCH_CLIENTS concurrent clients
for BENCH_SECONDS against gunicorn with the production settings. The table shows CPU
time (the machine is shared: wall time is stretched by the others' load) with wall time
beside it. One row per figure; "missed" where a goal is missed.

    make bench                          # full size (generating the large network takes minutes)
    make bench QUICK=1                  # a few minutes once the networks exist
    BENCH_ONLY=partnership,api make bench QUICK=1
    DATABASE_URL=postgres://… make bench

BENCH_ONLY (comma-separated) picks figures: layout, partnership, programme, measure, impact,
api, dashboard, directory, home, translations, overview, pdf, import, load. "layout" is the privacy
page: no data, so its time is the fixed cost every page pays (middleware, context
processors, the base layout); it has no floor, and its queries are those a bare page makes.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE = Path(__file__).resolve().parent.parent
QUICK = os.environ.get("QUICK", "") not in ("", "0")
REPEAT = int(os.environ.get("BENCH_REPEAT", "3" if QUICK else "7"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10" if QUICK else "30"))
PORT = int(os.environ.get("BENCH_PORT", "8191"))
SIZES = {"small": 2, "large": 20 if QUICK else 500}
FIRST_MEASURES = 200  # gen-1, the measured partnership, in every network
MEASURES = 50  # each other partnership
IMPORT_ROWS = 5000
PROGRAMME_PAGE = 50  # measures a page of the programme page shows (PROGRAMME_PAGE_SIZE)
IMPACT_LINES = 10  # the impact page's lines a page (twinplan.public.impact_lines)
OVERVIEW_PAGE = 50  # measures a page of the workspace overview (OVERVIEW_PAGE_SIZE)
PAGE_KEYS = {
    "layout (privacy page)": "layout", "partnership page": "partnership",
    "programme page (200 measures)": "programme",
    "measure page": "measure", "impact page": "impact", "API measure list (100)": "api",
    "network dashboard": "dashboard", "directory with map data": "directory",
    "home page": "home", "translation workspace": "translations",
    "workspace overview": "overview",
}
KEYS = {*PAGE_KEYS.values(), "pdf", "import", "load"}
# Pages whose table must show this many rows (a full page): else the bench refuses.
ROWS_EXPECTED = {"translation workspace": 50}
ONLY = {key.strip() for key in os.environ.get("BENCH_ONLY", "").split(",") if key.strip()}


def wanted(key: str) -> bool:
    return not ONLY or key in ONLY


def measures_in(size: str) -> int:
    return FIRST_MEASURES + (SIZES[size] - 1) * MEASURES


def _database_url(size: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{BASE / 'var' / f'bench-{SIZES[size]}.sqlite3'}"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + f"_p{SIZES[size]}"))


def _env(size: str, settings: str = "config.settings.dev") -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": _database_url(size),
            "DJANGO_SETTINGS_MODULE": settings}


def _manage(size: str, *args: str, settings: str = "config.settings.dev") -> None:
    subprocess.run([sys.executable, str(BASE / "manage.py"), *args],  # noqa: S603 - fixed
                   env=_env(size, settings), check=True, cwd=BASE)


_NETWORK_STATE = """
from twinplan.demo.network import network_exists
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure
print(network_exists(), Partnership.objects.filter(slug__startswith="gen-").count(),
      Measure.objects.filter(programme__partnership__slug="gen-1").count())
"""


def prepare(size: str) -> None:
    """Migrate and generate the network of `size` unless it is there already."""
    url = _database_url(size)
    if url.startswith("postgres"):
        _create_postgres_database(url)
    (BASE / "var").mkdir(exist_ok=True)
    _manage(size, "migrate", "--no-input", "-v0")
    command = [sys.executable, str(BASE / "manage.py"), "shell", "--no-imports", "-c",
               _NETWORK_STATE]
    state = subprocess.run(command, env=_env(size), cwd=BASE, check=True,  # noqa: S603 - fixed
                           capture_output=True, text=True).stdout.split()
    exists, partnerships, first = state[0] == "True", int(state[1]), int(state[2])
    if exists and (partnerships, first) != (SIZES[size], FIRST_MEASURES):
        raise SystemExit(
            f"{url} holds a generated network of {partnerships} partnerships with {first} "
            f"measures in gen-1; the bench wants {SIZES[size]} and {FIRST_MEASURES}. Delete "
            "that database (it is the bench's own) and run again.")
    if not exists:
        started, cpu = time.monotonic(), _children_cpu()
        _manage(size, "generate_network", "--partnerships", str(SIZES[size]), "--seed", "1",
                "--measures-per-partnership", str(MEASURES),
                "--first-partnership-measures", str(FIRST_MEASURES), "-v0")
        print(f"# generated the {size} network ({SIZES[size]} partnerships, "
              f"{measures_in(size):,} measures) in {time.monotonic() - started:.0f} s wall, "
              f"{_children_cpu() - cpu:.0f} s CPU", flush=True)


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _create_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                   [name]).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{name}"')


# --- in-process measurements (one database per process: Django is set up once) ----------


@dataclass
class Row:
    figure: str
    value: str
    wall: str = ""
    floor: str = ""
    ratio: str = ""
    goal: str = ""
    verdict: str = ""


def _timed(fn: Callable[[], Any], repeat: int = REPEAT, warm_up: bool = True
           ) -> dict[str, float]:
    """Median CPU and wall milliseconds of `repeat` calls (after one warm-up call)."""
    if warm_up:
        fn()
    cpu, wall = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return {"cpu": statistics.median(cpu), "wall": statistics.median(wall)}


class Recorder:
    """Every statement run while active (an execute wrapper: independent of DEBUG)."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def _record(fn: Callable[[], Any]) -> list[tuple[str, Any]]:
    from django.db import connection

    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        fn()
    return recorder.statements


def _raw(fn: Callable[[], Any]) -> Callable[[], Any]:
    """The same fetches as raw SQL on the cursor (the SQL recorded from `fn` once)."""
    from django.db import connection

    statements = _record(fn)

    def run() -> None:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
    return run


def measure_pages(size: str) -> dict[str, dict[str, Any]]:
    """Run in a child process with the database of `size`: returns the figures of each
    chosen page (printed as JSON by main)."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = _database_url(size)
    django.setup()
    from django.conf import settings
    from django.db.models import Count, F, Q, Sum, Window
    from django.db.models.functions import RowNumber
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import Resolver404, resolve

    from twinplan.accounts.models import User
    from twinplan.climate.models import TravelLeg
    from twinplan.demo.network import coordinator_username
    from twinplan.events.models import Event, EventOutcome, Idea
    from twinplan.glossary.models import GlossaryTerm
    from twinplan.media.models import MediaItem
    from twinplan.money.models import Resource
    from twinplan.municipalities.models import Municipality, MunicipalityFact
    from twinplan.partnerships.models import (
        Agreement,
        AwardAmount,
        Partnership,
        PartnershipMember,
        Phase,
    )
    from twinplan.programmes.models import (
        ActionProgramme,
        FieldOfAction,
        Goal,
        Measure,
        MeasureActor,
    )

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    partnership = Partnership.objects.get(slug="gen-1")
    measure = Measure.objects.filter(programme__partnership=partnership).order_by("pk").first()
    assert measure is not None
    published = Measure.objects.published()
    ours = published.filter(programme__partnership=partnership)

    # The programme as the partnership page sums it up: per field its goals, its counts per
    # status and its first three measures; the SDGs the measures name.
    fields = FieldOfAction.objects.filter(programme__partnership=partnership)
    goals = Goal.objects.filter(programme__partnership=partnership)
    per_field_and_status = ours.order_by().values("field_of_action_id", "status").annotate(
        n=Count("id"))
    sdgs = Measure.sdg_goals.through.objects.filter(measure__in=ours.values("pk")).order_by()

    def floor_partnership() -> Any:
        first_three = ours.annotate(rank=Window(
            RowNumber(), partition_by=F("field_of_action_id"),
            order_by=(F("code").asc(), F("id").asc()))).filter(rank__lte=3)
        return [
            list(fields.values("id", "title", "translations")),
            list(goals.values("id", "title", "translations", "field_of_action_id")),
            list(per_field_and_status),
            list(first_three.values("id", "code", "title", "translations", "status",
                                    "field_of_action_id")),
            list(sdgs.values("sdggoal__code", "sdggoal__names").annotate(n=Count("id"))),
            list(Event.objects.filter(partnership=partnership, is_published=True).values(
                "id", "title", "kind", "start_date", "end_date", "place_name", "translations")),
            list(Municipality.objects.filter(memberships__partnership=partnership).values(
                "id", "name", "names", "country", "population", "population_year",
                "population_source")),
        ]

    def floor_programme() -> Any:
        # The first page of the programme page: its fields and goals, the counts per field
        # and status (the contents), the page's 50 measures.
        return [
            list(fields.values("id", "title", "translations")),
            list(goals.values("id", "title", "translations", "field_of_action_id")),
            list(per_field_and_status),
            list(ours.order_by("field_of_action__position", "field_of_action_id", "code", "id")
                 .values("id", "code", "title", "translations", "status",
                         "field_of_action_id", "progress_percent", "planned_start",
                         "planned_end", "lead_municipality__name")[:PROGRAMME_PAGE]),
        ]

    def floor_impact() -> Any:
        # The totals read every measure's impact inputs and status; the page shows the
        # lines of 10 measures (twinplan/public/impact_lines.py), their titles and sources.
        return [
            list(ours.values("id", "status", "impact__impact_type", "impact__parameters",
                             "impact__municipality_id")),
            list(ours.order_by("code", "id").values(
                "id", "code", "title", "translations", "impact__parameters_source",
                "impact__parameters_year")[:IMPACT_LINES]),
        ]

    def floor_measure() -> Any:
        return [list(Measure.objects.filter(pk=measure.pk).values()),
                list(measure.resources.values()), list(measure.indicators.values())]

    # Every partnership's sort columns and measures by status (the sort and the chart
    # need all rows); for the 50 rows of the page shown, their towns, SDGs and money.
    def floor_dashboard() -> Any:
        listed = Partnership.objects.filter(is_published=True).order_by("title", "pk")
        shown = listed[:50]
        return [
            list(listed.values("id", "slug", "title", "kind", "translations", "updated_at")),
            list(published.values("programme__partnership_id", "status")
                 .annotate(n=Count("id"))),
            list(PartnershipMember.objects.filter(partnership__in=shown).values(
                "partnership_id", "municipality__name", "municipality__names",
                "municipality__country")),
            list(published.filter(programme__partnership__in=shown)
                 .values("programme__partnership_id", "sdg_goals__code").distinct()),
            list(Resource.objects.filter(measure__in=published,
                                         measure__programme__partnership__in=shown)
                 .values("measure__programme__partnership_id", "currency")
                 .annotate(planned=Sum("planned_amount"), spent=Sum("spent_amount"))),
        ]

    # The page's partnerships (the first 50 in title order), and for the map every
    # partnership's towns, in title order.
    def floor_directory() -> Any:
        listed = Partnership.objects.filter(is_published=True).order_by("title", "pk")
        return [list(listed.values("id", "slug", "title", "summary", "kind", "start_date",
                                   "original_language", "translations")[:50]),
                list(listed.values("id", "members__municipality_id",
                                   "members__municipality__name",
                                   "members__municipality__names",
                                   "members__municipality__latitude",
                                   "members__municipality__longitude"))]

    # The first 6 partnerships in title order with their towns' names.
    def floor_home() -> Any:
        listed = Partnership.objects.filter(is_published=True).order_by("title", "pk")
        return [list(listed.values("id", "slug", "title", "summary", "kind", "start_date",
                                   "original_language", "translations")[:6]),
                list(PartnershipMember.objects.filter(partnership__in=listed[:6])
                     .values("partnership_id", "municipality__name", "municipality__names"))]

    def floor_api() -> Any:
        # The columns /api/v1/measures returns (every field of MeasureOut) for its first
        # 100 rows in its order, the total count, and the five related lists of those rows.
        shown = published.filter(programme__is_published=True,
                                 programme__partnership__is_published=True).order_by(
            "programme__partnership__slug", "programme__edition", "code", "id")
        rows = list(shown.values(
            "id", "version", "programme_id", "programme__partnership__slug", "code",
            "title", "summary", "original_language", "translations", "status", "is_pilot",
            "weight", "progress_percent", "planned_start", "planned_end", "actual_start",
            "actual_end", "field_of_action_id", "lead_municipality__slug", "dac_sector",
            "covenant_sector", "energy_saved_mwh_per_year", "renewable_energy_mwh_per_year",
            "co2_reduced_t_per_year", "reported_figures_source", "is_published",
            "programme__is_published", "programme__partnership__is_published",
            "is_demo_content", "updated_at")[:100])
        ids = [row["id"] for row in rows]
        return [
            shown.count(), rows,
            list(Measure.goals.through.objects.filter(measure_id__in=ids)
                 .order_by("goal_id").values_list("measure_id", "goal_id")),
            list(Measure.implementing_municipalities.through.objects.filter(
                measure_id__in=ids).order_by("municipality__slug")
                .values_list("measure_id", "municipality__slug")),
            list(Measure.sdg_goals.through.objects.filter(measure_id__in=ids)
                 .order_by("sdggoal__code").values_list("measure_id", "sdggoal__code")),
            list(Measure.sdg_targets.through.objects.filter(measure_id__in=ids)
                 .order_by("sdgtarget__sort_key").values_list("measure_id", "sdgtarget__code")),
            list(MeasureActor.objects.filter(measure_id__in=ids).values_list(
                "measure_id", "kind")),
        ]

    def floor_translations() -> Any:
        # The counts above the table read every text with its translations (a translation
        # is outdated when its original's fingerprint changed): every measure's and event's
        # translatable columns; the table shows 50 rows of them.
        mine = Measure.objects.filter(programme__partnership=partnership)
        return [
            list(mine.values("id", "code", "title", "summary", "original_language",
                             "translations").order_by("pk")[:50]),
            list(mine.values("id", "original_language", "translations",
                             *Measure.translatable_fields)),
            list(Event.objects.filter(partnership=partnership).values(
                "id", "original_language", "translations", *Event.translatable_fields)),
        ]

    def floor_overview() -> Any:
        # The workspace overview of gen-1, every measure of it (drafts too): the editions
        # and their measures counted per field and status, the latest edition's fields and
        # goals, its first page of 50 measures with the goals they serve; the towns with
        # their facts, the events with their outcomes, travel legs and ideas, agreements,
        # awards with their amounts, phases, the glossary and the media items.
        editions = ActionProgramme.objects.filter(partnership=partnership)
        latest = editions.order_by("-edition").first()
        mine = Measure.objects.filter(programme=latest)
        page = list(mine.order_by("field_of_action__position", "field_of_action_id", "code",
                                  "id")
                    .values("id", "code", "title", "translations", "original_language",
                            "status", "is_published", "field_of_action_id")[:OVERVIEW_PAGE])
        events = Event.objects.filter(partnership=partnership)
        towns = Municipality.objects.filter(memberships__partnership=partnership)
        return [
            list(editions.values("id", "title", "translations", "edition", "status",
                                 "is_published")),
            list(Measure.objects.filter(programme__partnership=partnership).order_by()
                 .values("programme_id", "field_of_action_id", "status")
                 .annotate(n=Count("id"))),
            list(FieldOfAction.objects.filter(programme=latest).values(
                "id", "title", "translations")),
            list(Goal.objects.filter(programme=latest).values(
                "id", "title", "translations", "field_of_action_id")),
            page,
            list(Measure.goals.through.objects.filter(
                measure_id__in=[row["id"] for row in page]).values_list("measure_id",
                                                                       "goal_id")),
            list(towns.values("id", "name", "names", "population")),
            list(MunicipalityFact.objects.filter(municipality__in=towns).values(
                "id", "municipality_id", "text", "translations")),
            list(events.values("id", "title", "translations", "start_date", "is_published")),
            list(EventOutcome.objects.filter(event__in=events).values(
                "id", "event_id", "kind", "text", "translations")),
            list(TravelLeg.objects.filter(event__in=events).values(
                "id", "event_id", "origin_name", "destination_name")),
            list(Idea.objects.filter(event__in=events).values(
                "id", "event_id", "title", "translations", "fate", "review_state")),
            list(Agreement.objects.filter(partnership=partnership).values(
                "id", "title", "translations", "signed_on")),
            list(AwardAmount.objects.filter(award__partnership=partnership).values(
                "id", "award__name", "award__translations", "amount", "currency",
                "recipient__name")),
            list(Phase.objects.filter(partnership=partnership).values(
                "id", "title", "translations", "status", "start_date", "end_date")),
            list(GlossaryTerm.objects.filter(Q(partnership=partnership)
                                             | Q(partnership__isnull=True))
                 .values("id", "term", "definition", "translations")),
            list(MediaItem.objects.filter(partnership=partnership).values(
                "id", "caption", "translations", "event_id", "measure_id", "agreement_id")),
        ]

    slug = partnership.slug
    pages: dict[str, tuple[str, Callable[[], Any] | None, bool]] = {
        # No data shown: no floor; its time is the fixed cost of every page.
        "layout (privacy page)": ("/en/privacy/", None, False),
        "partnership page": (f"/en/partnerships/{slug}/", floor_partnership, False),
        "programme page (200 measures)": (f"/en/partnerships/{slug}/programme/",
                                          floor_programme, False),
        "measure page": (f"/en/partnerships/{slug}/measures/{measure.pk}/", floor_measure,
                         False),
        "impact page": (f"/en/partnerships/{slug}/impact/", floor_impact, False),
        "API measure list (100)": ("/api/v1/measures?limit=100", floor_api, False),
        "network dashboard": ("/en/network/", floor_dashboard, False),
        "directory with map data": ("/en/partnerships/", floor_directory, False),
        "home page": ("/en/", floor_home, False),
        # German: gen-1 writes in English (the default language), so the page without a
        # language shows no row at all; in German it has its 50 rows (texts machine-translated
        # and missing).
        "translation workspace": (f"/en/workspace/{slug}/translations/?language=de",
                                  floor_translations, True),
        # Signed in as gen-1's coordinator; each request after the warm-up is a return
        # visit (the partner's changes since the previous one are read too).
        "workspace overview": (f"/en/workspace/{slug}/", floor_overview, True),
    }

    figures: dict[str, dict[str, Any]] = {}
    anonymous = Client()
    coordinator = Client()
    coordinator.force_login(User.objects.get(username=coordinator_username(1)))
    for name, (path, floor, signed_in) in pages.items():
        if not wanted(PAGE_KEYS[name]):
            continue
        try:
            resolve(urlsplit(path).path)
        except Resolver404:
            figures[name] = {"missing": True}
            continue
        client = coordinator if signed_in else anonymous

        def get(path: str = path, client: Client = client) -> Any:
            return client.get(path)

        with override_settings(TWINPLAN_PAGE_CACHE_SECONDS=0):
            response = get()
            if response.status_code != 200:
                figures[name] = {"status": response.status_code}
                continue
            rows = ROWS_EXPECTED.get(name)
            if rows is not None and response.content.count(b"<tr>") != rows + 1:
                raise SystemExit(f"{name}: {path} shows "
                                 f"{response.content.count(b'<tr>') - 1} table rows, not "
                                 f"{rows}: the bench would measure the wrong page.")
            queries = _record(get)
            server = _timed(get)
        cached = None
        if not signed_in and not path.startswith("/api/"):
            with override_settings(TWINPLAN_PAGE_CACHE_SECONDS=600):
                cached = _timed(get)
        figures[name] = {
            "server": server, "cached": cached, "queries": len(queries),
            "bytes": len(response.content),
            "floor": _timed(floor) if floor else None,
            "raw": _timed(_raw(floor)) if floor else None,
        }
    if size == "small":
        if wanted("pdf"):
            figures["results-report PDF"] = _pdf(partnership)
        if wanted("import"):
            figures["import"] = _import()
    return figures


def _pdf_pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _pdf(partnership: Any) -> dict[str, Any]:
    """The results report of `partnership` as PDF against WeasyPrint rendering a bare
    document of as many pages (text paragraphs only: no style sheet, tables or charts).
    The bare document's length is found by rendering it: first with as much text as the
    report holds, then scaled to the report's page count."""
    from django.utils import timezone

    from twinplan.reports.models import DocumentFormat, DocumentKind, EditionScope
    from twinplan.reports.render import document, html_to_pdf

    def report() -> bytes:
        return document(partnership, kind=DocumentKind.RESULTS, languages=["en"],
                        scope=EditionScope.PUBLIC, today=timezone.localdate(),
                        file_format=DocumentFormat.PDF)

    html = document(partnership, kind=DocumentKind.RESULTS, languages=["en"],
                    scope=EditionScope.PUBLIC, today=timezone.localdate(),
                    file_format=DocumentFormat.HTML).decode()
    pages = _pdf_pages(report())
    body = re.sub(r"(?s)<(style|script|svg)\b.*?</\1>", " ", html)
    text = re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", body))
    paragraph = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 4 + "</p>"

    def bare(count: int) -> str:
        return ("<!doctype html><html lang='en'><title>Bare</title><body>"
                + paragraph * max(1, count) + "</body></html>")

    count = max(1, len(text) // (len(paragraph) - 7))
    bare_pages = _pdf_pages(html_to_pdf(bare(count)))
    for _ in range(3):
        if bare_pages == pages:
            break
        count = max(1, round(count * pages / bare_pages))
        bare_pages = _pdf_pages(html_to_pdf(bare(count)))
    repeat = 1 if QUICK else 3
    return {"server": _timed(report, repeat, warm_up=False),
            "floor": _timed(lambda: html_to_pdf(bare(count)), repeat, warm_up=False),
            "pages": pages, "bare_pages": bare_pages, "html_chars": len(html),
            "text_chars": len(text)}


def _import() -> dict[str, Any]:
    """`import_measures` of a 5,000-row plan (the rows of gen-2's export, repeated under new
    references) into a draft edition of gen-2, each run in a transaction rolled back,
    against openpyxl reading the same file in read-only mode."""
    import io

    from django.db import transaction
    from openpyxl import load_workbook

    from twinplan.partnerships.models import Partnership
    from twinplan.programmes.services import programme_edition_start
    from twinplan.spreadsheets.columns import MEASURES_SHEET
    from twinplan.spreadsheets.export import _add_table, _save, _workbook, tables
    from twinplan.spreadsheets.importer import import_measures

    programme = Partnership.objects.get(slug="gen-2").programmes.order_by("-edition").first()
    assert programme is not None
    columns, rows = tables(programme, "en")["measures"]
    code = next(i for i, column in enumerate(columns) if column.key == "code")
    plan = []
    for i in range(IMPORT_ROWS):
        row = list(rows[i % len(rows)])
        row[code] = f"B{i + 1}"
        plan.append(row)
    book = _workbook("en")
    _add_table(book, str(MEASURES_SHEET), columns, plan, "en")
    content = _save(book)
    cpu: list[float] = []
    wall: list[float] = []
    created = 0
    for _ in range(1 if QUICK else 3):
        with transaction.atomic():
            draft = programme_edition_start(programme, by=None)
            started, started_cpu = time.perf_counter(), time.process_time()
            report = import_measures(programme=draft, content=content, by=None)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
            if report.problems:
                raise SystemExit("The bench's import was refused: "
                                 + "; ".join(str(p) for p in report.problems[:5]))
            created = len(report.created)
            transaction.set_rollback(True)

    def read() -> None:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        for sheet in workbook.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        workbook.close()

    return {"server": {"cpu": statistics.median(cpu), "wall": statistics.median(wall)},
            "floor": _timed(read, 1 if QUICK else 3), "rows": IMPORT_ROWS, "created": created}


# --- concurrency against gunicorn ---------------------------------------------------------


# As the reverse proxy asks (HTTPS ended there): without it the production settings
# answer every request with a redirect to https://.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
LOAD_PATHS = ["/en/", "/en/partnerships/", "/en/partnerships/gen-1/",
              "/en/partnerships/gen-2/impact/", "/de/partnerships/gen-3/", "/en/network/"]


def concurrency(size: str) -> dict[str, float]:
    env = {**_env(size, "config.settings.production"),
           "TWINPLAN_SECRET_KEY": os.environ.get("TWINPLAN_SECRET_KEY", "bench-only-key"),
           "TWINPLAN_ALLOWED_HOSTS": "127.0.0.1", "TWINPLAN_LOG_LEVEL": "warning"}
    for args in (["createcachetable"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([sys.executable, str(BASE / "manage.py"), *args], env=env, check=True,  # noqa: S603 - fixed arguments
                       cwd=BASE)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(gunicorn), "--config", "config/gunicorn.py", "--bind", f"127.0.0.1:{PORT}",
         "--access-logfile", "/dev/null"], env=env, cwd=BASE)
    peaks: dict[int, float] = {}
    try:
        for _ in range(120):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
                probe.request("GET", "/en/", headers=PROXY_HEADERS)
                probe.getresponse().read()
                break
            except (OSError, http.client.HTTPException):
                time.sleep(0.5)
        # Every page once, so the page cache is warm as it is on a running site.
        for path in LOAD_PATHS:
            warm = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            warm.request("GET", path, headers=PROXY_HEADERS)
            warm.getresponse().read()
        latencies: list[float] = []
        errors = 0
        lock = threading.Lock()
        deadline = time.monotonic() + SECONDS

        def client(number: int) -> None:
            nonlocal errors
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            i = number
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    connection.request("GET", LOAD_PATHS[i % len(LOAD_PATHS)],
                                       headers=PROXY_HEADERS)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                with lock:
                    if ok:
                        latencies.append((time.perf_counter() - started) * 1000)
                    else:
                        errors += 1
                i += 1

        def sample() -> None:
            # Workers are replaced after max_requests: each one's peak is read while alive.
            while time.monotonic() < deadline + 1:
                peaks.update(_worker_peak_rss_mb(server.pid))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample)
        sampler.start()
        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(client, range(CLIENTS)))
        sampler.join()
        load_average = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(30)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] if latencies else 0.0
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else 0.0
    return {"rps": len(latencies) / SECONDS, "p50": p50, "p99": p99, "errors": errors,
            "rss_mb": max(peaks.values(), default=0.0), "workers": len(peaks),
            "load": load_average}


def _worker_peak_rss_mb(master: int) -> dict[int, float]:
    """The peak resident memory (VmHWM) of each worker of `master` alive now."""
    peaks: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master):
            peaks[int(entry.name)] = int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    return peaks


# --- the table ----------------------------------------------------------------------------


def _child(size: str) -> dict[str, dict[str, Any]]:
    # The child is given this process's environment: it works out its database itself
    # (handing it DATABASE_URL of `size` would have the suffix appended twice).
    done = subprocess.run([sys.executable, __file__, "--pages", size], cwd=BASE,  # noqa: S603
                          capture_output=True, text=True, env=dict(os.environ))
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"Measuring the {size} network failed (above).")
    figures: dict[str, dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _ms(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:,.1f} s"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def _verdict(ok: bool) -> str:
    return "" if ok else "missed"


def table(small: dict[str, dict[str, Any]], large: dict[str, dict[str, Any]],
          load: dict[str, float] | None) -> list[Row]:
    rows: list[Row] = []
    for name, key in PAGE_KEYS.items():
        if not wanted(key):
            continue
        s, big = small.get(name, {}), large.get(name, {})
        if s.get("missing"):
            rows.append(Row(name, "no such page yet", verdict="missed"))
            continue
        if "status" in s or "status" in big:
            rows.append(Row(name, f"HTTP {s.get('status', big.get('status'))}",
                            verdict="missed"))
            continue
        for label, data in (("small", s), ("large", big)):
            if "server" not in data:
                continue
            if data["floor"] is None:
                # The fixed cost of every page: no data shown, so no floor to compare with.
                rows.append(Row(f"{name} ({label})", _ms(data["server"]["cpu"]),
                                _ms(data["server"]["wall"]), "none (fixed cost)"))
                if data["cached"] is not None:
                    rows.append(Row(f"  from the cache ({label})", _ms(data["cached"]["cpu"]),
                                    _ms(data["cached"]["wall"]), goal="≤ 5 ms",
                                    verdict=_verdict(data["cached"]["cpu"] <= 5)))
                rows.append(Row(f"  queries, size ({label})",
                                f"{data['queries']}, {data['bytes'] / 1024:,.0f} kB",
                                goal="0", verdict=_verdict(data["queries"] == 0)))
                continue
            ratio = data["server"]["cpu"] / data["floor"]["cpu"]
            rows.append(Row(f"{name} ({label})", _ms(data["server"]["cpu"]),
                            _ms(data["server"]["wall"]),
                            f"{_ms(data['floor']['cpu'])} (raw {_ms(data['raw']['cpu'])})",
                            f"{ratio:.1f}×", "≤ 3×", _verdict(ratio <= 3)))
            if data["cached"] is None:
                pass
            else:
                rows.append(Row(f"  from the cache ({label})", _ms(data["cached"]["cpu"]),
                                _ms(data["cached"]["wall"]), goal="≤ 5 ms",
                                verdict=_verdict(data["cached"]["cpu"] <= 5)))
            rows.append(Row(f"  queries, size ({label})",
                            f"{data['queries']}, {data['bytes'] / 1024:,.0f} kB", goal="≤ 12",
                            verdict=_verdict(data["queries"] <= 12)))
        if "server" in s and "server" in big:
            growth = big["server"]["cpu"] / s["server"]["cpu"]
            linear = key in ("directory", "dashboard")
            limit = measures_in("large") / measures_in("small") if linear else 1.2
            rows.append(Row(f"  growth large/small ({measures_in('large'):,} vs "
                            f"{measures_in('small')} measures)", f"{growth:.2f}×",
                            goal="≤ linear" if linear else "≤ 1.2×",
                            verdict=_verdict(growth <= limit)))
            rows.append(Row("  queries large vs small", f"{big['queries']} vs {s['queries']}",
                            goal="equal", verdict=_verdict(big["queries"] == s["queries"])))
    def against_floor(figure: str, data: dict[str, Any], floor: str, limit: float) -> Row:
        ratio = data["server"]["cpu"] / data["floor"]["cpu"]
        return Row(figure, _ms(data["server"]["cpu"]), _ms(data["server"]["wall"]),
                   f"{_ms(data['floor']['cpu'])} ({floor})", f"{ratio:.1f}×",
                   f"≤ {limit:g}×", _verdict(ratio <= limit))

    pdf = small.get("results-report PDF")
    if pdf:
        rows.append(against_floor(
            f"results-report PDF, {FIRST_MEASURES} measures, {pdf['pages']} pages", pdf,
            f"bare, {pdf['bare_pages']} pages", 1.5))
    imported = small.get("import")
    if imported:
        rows.append(against_floor(
            f"import of {imported['rows']:,} rows ({imported['created']:,} created)", imported,
            "openpyxl read-only", 5))
    if load is not None:
        rows.append(Row(f"{CLIENTS} clients {SECONDS:.0f} s (large): throughput",
                        f"{load['rps']:.1f} req/s", "wall",
                        goal=f"load avg {load['load']:.1f} at the end"))
        rows.append(Row("  p50 / p99", f"{load['p50']:.0f} / {load['p99']:.0f} ms", "wall",
                        ratio=f"{load['p99'] / max(load['p50'], 0.001):.1f}×"))
        rows.append(Row("  errors", f"{load['errors']:.0f}", goal="0",
                        verdict=_verdict(load["errors"] == 0)))
        rows.append(Row(f"  peak RSS per worker ({load['workers']:.0f} seen)",
                        f"{load['rss_mb']:.0f} MB"))
    return rows


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--pages":
        sys.path.insert(0, str(BASE))
        print(json.dumps(measure_pages(sys.argv[2])))
        return
    unknown = ONLY - KEYS
    if unknown:
        raise SystemExit(f"BENCH_ONLY: unknown {', '.join(sorted(unknown))}; choose from "
                         f"{', '.join(sorted(KEYS))}.")
    started = time.monotonic()
    pages = any(wanted(key) for key in PAGE_KEYS.values())
    small_needed = pages or wanted("pdf") or wanted("import")
    large_needed = pages or wanted("load")
    for size, needed in (("small", small_needed), ("large", large_needed)):
        if needed:
            prepare(size)
    small = _child("small") if small_needed else {}
    large = _child("large") if pages else {}
    load = concurrency("large") if wanted("load") else None
    rows = table(small, large, load)
    fields = ("figure", "value", "wall", "floor", "ratio", "goal")
    header = Row("figure", "CPU", "wall", "floor (CPU)", "ratio", "goal", "")
    widths = [max(len(getattr(r, f)) for r in [header, *rows]) for f in fields]
    print(f"# twinplan bench: {'QUICK, ' if QUICK else ''}small {SIZES['small']} / large "
          f"{SIZES['large']} partnerships ({measures_in('small'):,} / "
          f"{measures_in('large'):,} measures; gen-1 measured, {FIRST_MEASURES} measures), "
          f"median of {REPEAT}, database "
          f"{'PostgreSQL' if _database_url('small').startswith('postgres') else 'SQLite'}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print("# times: CPU of the measuring process (time.process_time), wall beside it; "
          "ratios and verdicts on CPU")
    for row in [header, *rows]:
        print("  ".join(getattr(row, f).ljust(w) for f, w in zip(fields, widths, strict=True))
              + ("  " + row.verdict if row.verdict else ""))
    print(f"# {time.monotonic() - started:.0f} s in all")


if __name__ == "__main__":
    main()

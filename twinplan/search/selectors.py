"""Reads of the search app: the library of published measures across partnerships, with
its filters, and the results of a full-text search, each in a fixed number of queries
whatever the size of the network."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from twinplan.climate.parameters import ImpactTypeChoice
from twinplan.core.paging import page_nearest
from twinplan.events.models import Event
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership, PartnershipMember
from twinplan.programmes.models import ActionProgramme, FieldOfAction, Measure, MeasureStatus
from twinplan.reference.models import SdgGoal
from twinplan.reference.names import country_name
from twinplan.search.index import published_measures
from twinplan.search.models import DocumentKind
from twinplan.search.query import ReadQuery, ranked_documents, read_query

LIBRARY_PAGE_SIZE = 50


# --- the library -------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryFilters:
    """What the visitor chose; a value that is not one of the choices counts as none."""

    field: int | None = None
    sdg: int | None = None
    impact: str = ""
    country: str = ""
    status: str = ""
    q: str = ""

    @property
    def any(self) -> bool:
        return bool(self.field or self.sdg or self.impact or self.country or self.status
                    or self.q)


def _number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def library_filters(params: Mapping[str, str]) -> LibraryFilters:
    """The filters from a query string, unknown values dropped (never an error)."""
    impact = params.get("impact", "")
    status = params.get("status", "")
    country = (params.get("country", "") or "").strip().upper()
    return LibraryFilters(
        field=_number(params.get("field")),
        sdg=_number(params.get("sdg")),
        impact=impact if impact in ImpactTypeChoice.values else "",
        country=country if len(country) == 2 and country.isalpha() else "",
        status=status if status in MeasureStatus.values else "",
        q=(params.get("q", "") or "")[:1000],
    )


@dataclass
class LibraryOptions:
    fields: list[tuple[Partnership, list[FieldOfAction]]]  # by partnership
    sdgs: list[SdgGoal]
    countries: list[tuple[str, str]]
    impacts: list[tuple[str, str]]
    statuses: list[tuple[str, str]]


@dataclass
class Library:
    page: Page[Measure]
    options: LibraryOptions
    filters: LibraryFilters
    query: ReadQuery
    total: int = 0
    notes: list[str] = field(default_factory=list)


def _options(language: str) -> LibraryOptions:
    """The choices of the filter form: the fields of action of published editions, by
    partnership; the SDGs; the countries of published partnerships' towns (3 queries)."""
    fields: dict[int, tuple[Partnership, list[FieldOfAction]]] = {}
    for item in (FieldOfAction.objects
                 .filter(programme__in=ActionProgramme.objects.published())
                 .select_related("programme__partnership")
                 .order_by("programme__partnership__title", "programme__edition", "position",
                           "id")):
        partnership = item.programme.partnership
        fields.setdefault(partnership.pk, (partnership, []))[1].append(item)
    codes = set(PartnershipMember.objects.filter(partnership__is_published=True)
                .values_list("municipality__country", flat=True))
    countries = sorted(((code, country_name(code, language)) for code in codes),
                       key=lambda pair: pair[1])
    return LibraryOptions(
        fields=list(fields.values()), sdgs=list(SdgGoal.objects.all()), countries=countries,
        impacts=[(value, str(label)) for value, label in ImpactTypeChoice.choices],
        statuses=[(value, str(label)) for value, label in MeasureStatus.choices],
    )


def library_measures(filters: LibraryFilters, found: tuple[str, ...] = ()) -> QuerySet[Measure]:
    """The published measures of every published partnership (each once: the current
    edition's where an edition was carried on), filtered, with what the library shows of
    them prefetched."""
    measures: QuerySet[Measure] = published_measures()  # type: ignore[assignment]
    if filters.field:
        measures = measures.filter(field_of_action=filters.field)
    if filters.sdg:
        measures = measures.filter(sdg_goals=filters.sdg)
    if filters.impact:
        measures = measures.filter(impact__impact_type=filters.impact)
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.country:
        measures = measures.filter(Exists(PartnershipMember.objects.filter(
            partnership=OuterRef("programme__partnership"),
            municipality__country=filters.country,
        )))
    if found:
        hits = [doc.object_id for doc in ranked_documents(found, kind=DocumentKind.MEASURE,
                                                          limit=2000)]
        measures = measures.filter(pk__in=hits)
    approved = IndicatorValue.objects.filter(review_state="approved").order_by("-date", "-id")
    return (
        measures.select_related("programme__partnership", "field_of_action", "impact")
        .prefetch_related(
            "sdg_goals",
            Prefetch("programme__partnership__members",
                     queryset=PartnershipMember.objects.select_related("municipality")),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
                Prefetch("values", queryset=approved))),
        )
        .order_by("programme__partnership__title", "programme__edition", "code", "id")
    )


def library(params: Mapping[str, str], *, page: str | None, language: str) -> Library:
    """One page (50) of the library with the filter choices, in a fixed number of
    queries."""
    filters = library_filters(params)
    query = read_query(filters.q)
    measures = library_measures(filters, query.words)
    if filters.q and not query.words:
        measures = measures.none()
    paginator = Paginator(measures, LIBRARY_PAGE_SIZE)
    page_obj = page_nearest(paginator, page)
    return Library(page=page_obj, options=_options(language), filters=filters, query=query,
                   total=paginator.count)


def headline_indicator(measure: Measure) -> tuple[Indicator, IndicatorValue] | None:
    """The measure's first indicator with an approved value, and its latest value (from
    the prefetched rows)."""
    for indicator in measure.indicators.all():
        values = list(indicator.values.all())
        if values:
            return indicator, values[0]
    return None


# --- full-text search --------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    obj: Any
    partnership: Partnership
    url_name: str
    url_args: tuple[Any, ...]


@dataclass
class SearchResults:
    query: ReadQuery
    hits: list[Hit]
    text: str


KIND_LABELS: dict[str, Any] = {
    DocumentKind.PARTNERSHIP: _("Partnership"),
    DocumentKind.MEASURE: _("Measure"),
    DocumentKind.EVENT: _("Event"),
    DocumentKind.MUNICIPALITY: _("Municipality"),
}


def search(text: str) -> SearchResults:
    """Ranked hits for `text` among published content; each hit is looked up again as
    published (what the index holds is never shown unchecked). At most six queries."""
    query = read_query(text)
    documents = ranked_documents(query.words)
    ids: dict[str, set[int]] = {}
    for doc in documents:
        ids.setdefault(doc.kind, set()).add(doc.object_id)
        ids.setdefault(DocumentKind.PARTNERSHIP + "+", set()).add(doc.partnership_id)
    partnerships = {p.pk: p for p in Partnership.objects.published()
                    .filter(pk__in=ids.get(DocumentKind.PARTNERSHIP + "+", set()))}
    measures = {m.pk: m for m in published_measures().filter(  # type: ignore[attr-defined]
        pk__in=ids.get(DocumentKind.MEASURE, set())).select_related("programme")}
    events = {e.pk: e for e in Event.objects.published()
              .filter(pk__in=ids.get(DocumentKind.EVENT, set()))}
    towns = {t.pk: t for t in Municipality.objects
             .filter(pk__in=ids.get(DocumentKind.MUNICIPALITY, set()))}
    hits: list[Hit] = []
    for doc in documents:
        partnership = partnerships.get(doc.partnership_id)
        if partnership is None:
            continue
        label = str(KIND_LABELS.get(doc.kind, doc.kind))
        if doc.kind == DocumentKind.PARTNERSHIP:
            hits.append(Hit(doc.kind, label, partnership, partnership, "public:partnership",
                            (partnership.slug,)))
        elif doc.kind == DocumentKind.MEASURE and doc.object_id in measures:
            measure = measures[doc.object_id]
            if measure.programme.partnership_id == partnership.pk:
                hits.append(Hit(doc.kind, label, measure, partnership, "public:measure",
                                (partnership.slug, measure.pk)))
        elif doc.kind == DocumentKind.EVENT and doc.object_id in events:
            event = events[doc.object_id]
            if event.partnership_id == partnership.pk:
                hits.append(Hit(doc.kind, label, event, partnership, "public:event",
                                (partnership.slug, event.pk)))
        elif doc.kind == DocumentKind.MUNICIPALITY and doc.object_id in towns:
            hits.append(Hit(doc.kind, label, towns[doc.object_id], partnership,
                            "public:partnership", (partnership.slug,)))
    return SearchResults(query=query, hits=hits[:50], text=text)

"""Maps of the public pages, drawn by `twinplan.maps` from vendored Natural Earth data:
the partner towns with the line between them on a partnership's page, every published
partnership on the directory's world map with its filters (country, kind, SDG)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from twinplan import maps
from twinplan.core.paging import page_nearest
from twinplan.maps.tiles import tile_layer_problems, tile_map_data
from twinplan.municipalities.models import Municipality
from twinplan.network.forms import PlainSelect
from twinplan.partnerships.models import Partnership, PartnershipKind, PartnershipMember
from twinplan.partnerships.querysets import PartnershipQuerySet
from twinplan.partnerships.selectors import PartnershipFacts, partnerships_published
from twinplan.programmes.models import Goal, Measure
from twinplan.programmes.selectors import with_demo_content_flag
from twinplan.reference.models import SdgGoal
from twinplan.reference.names import country_name, sort_key


@dataclass(frozen=True)
class TileLayer:
    """What the tile map's script draws (public/_map_tiles.html, static
    twinplan/map-tiles.js): present only when TWINPLAN_MAP_TILE_URL is set and usable."""

    url: str
    attribution: str
    title: str
    places: str  # JSON: [{"name", "lat", "lon"}, …]
    lines: str  # JSON: [[[lat, lon], …], …], the great circles
    frame: str  # "fit" (cropped to the towns) or "world"


@dataclass(frozen=True)
class RenderedMap:
    svg: SafeString
    text: str  # the text equivalent, also the SVG's description
    tiles: TileLayer | None = None


def tile_layer(spec: maps.MapSpec) -> TileLayer | None:
    """The tile layer's data for this map, or None without a (usable) tile setting: the
    SVG alone then, as `manage.py check` reports the setting."""
    url = getattr(settings, "TWINPLAN_MAP_TILE_URL", "")
    attribution = getattr(settings, "TWINPLAN_MAP_TILE_ATTRIBUTION", "")
    if not url or tile_layer_problems(url, attribution):
        return None
    data = tile_map_data(spec)
    return TileLayer(url=url, attribution=attribution, title=spec.title,
                     places=json.dumps(data["places"], ensure_ascii=False),
                     lines=json.dumps(data["lines"]), frame=data["frame"])


def _km(value: float) -> str:
    return number_format(round(value), 0, use_l10n=True, force_grouping=True)


def _town(municipality: Municipality, language: str) -> str:
    return _("%(town)s (%(country)s)") % {
        "town": municipality.name_in(language),
        "country": country_name(municipality.country, language),
    }


def partnership_map(facts: PartnershipFacts) -> RenderedMap | None:
    """Both towns, the great circle between them and its length, cropped to the towns;
    None when fewer than two members have coordinates."""
    language = get_language() or "en"
    located = [m for m in facts.municipalities if m.has_location]
    if len(located) < 2:
        return None
    index = {m.pk: i for i, m in enumerate(located)}
    sentences = [
        _("%(a)s – %(b)s: %(km)s km") % {
            "a": _town(d.a, language), "b": _town(d.b, language), "km": _km(d.distance_km)}
        for d in facts.distances
    ]
    text = "; ".join(sentences)
    spec = maps.MapSpec(
        title=_("Map of the partner towns"),
        description=text,
        places=tuple(maps.Place(m.name_in(language), m.latitude, m.longitude)  # type: ignore[arg-type]
                     for m in located),
        connections=tuple(
            maps.Connection(index[d.a.pk], index[d.b.pk], f"{_km(d.distance_km)} km")
            for d in facts.distances
        ),
        frame="fit",
    )
    return RenderedMap(mark_safe(maps.render_svg(spec)), text,  # noqa: S308 - escaped
                       tile_layer(spec))


# --- the directory --------------------------------------------------------------------


class DirectoryFilter(forms.Form):
    """The directory's filters (GET, works without JavaScript); every field may be empty."""

    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False,
                                widget=PlainSelect)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False, widget=PlainSelect)
    sdg = forms.TypedChoiceField(label=gettext_lazy("SDG"), required=False, coerce=int,
                                 empty_value=None, widget=PlainSelect)

    def __init__(self, *args: Any, countries: list[tuple[str, str]],
                 sdgs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("all"))]
        country, kind, sdg = (self.fields[name] for name in ("country", "kind", "sdg"))
        assert isinstance(country, forms.ChoiceField)
        assert isinstance(kind, forms.ChoiceField)
        assert isinstance(sdg, forms.ChoiceField)
        country.choices = every + countries
        kind.choices = every + [(k, str(v)) for k, v in PartnershipKind.choices]
        sdg.choices = [("", _("all")), *sdgs]

    @property
    def active(self) -> bool:
        return self.is_bound and self.is_valid() and any(
            self.cleaned_data.get(name) for name in ("country", "kind", "sdg"))


def _filter_choices(language: str) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    codes = set(
        PartnershipMember.objects.filter(partnership__in=Partnership.objects.published())
        .values_list("municipality__country", flat=True)
    )
    countries = sorted(((c, country_name(c, language)) for c in codes if c),
                       key=lambda pair: sort_key(pair[1]))
    sdgs = [(g.code, _("SDG %(number)s: %(name)s") % {"number": g.code, "name": g.name})
            for g in SdgGoal.objects.order_by("code")]
    return countries, sdgs


def directory_filtered(form: DirectoryFilter) -> PartnershipQuerySet:
    """The published partnerships the valid filters keep (all of them when the form is
    empty or wrong: the form then shows its error at the field)."""
    partnerships = Partnership.objects.published()
    if not form.is_bound or not form.is_valid():
        return partnerships
    data = form.cleaned_data
    if data.get("country"):
        partnerships = partnerships.filter(
            pk__in=PartnershipMember.objects.filter(
                municipality__country=data["country"]).values("partnership"))
    if data.get("kind"):
        partnerships = partnerships.filter(kind=data["kind"])
    if data.get("sdg"):
        with_measures = Measure.objects.published().filter(
            sdg_goals__code=data["sdg"]).values("programme__partnership")
        with_goals = Goal.objects.filter(
            programme__is_published=True, sdg_goals__code=data["sdg"]
        ).values("programme__partnership")
        partnerships = partnerships.filter(Q(pk__in=with_measures) | Q(pk__in=with_goals))
    return partnerships


DIRECTORY_PAGE_SIZE = 50


@dataclass(frozen=True)
class Town:
    """A member town as the directory shows it: read with `values()`, not as a model."""

    pk: int
    name: str
    names: Any
    latitude: float | None
    longitude: float | None

    def name_in(self, language: str | None) -> str:
        return Municipality.name_in(self, language)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.name_in(get_language())

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Card:
    """A partnership of the list (public/partials/partnership_card.html) with its towns."""

    partnership: Partnership
    towns: Sequence[Town | Municipality]


def directory_towns(partnerships: PartnershipQuerySet) -> dict[int, list[Town]]:
    """partnership id → its member towns in their order, for every partnership of
    `partnerships` in title order (those without members too): one query of the columns
    the map and the cards show."""
    rows = (
        partnerships.order_by("title", "pk", "members__position", "members__id")
        .values_list("pk", "members__municipality_id", "members__municipality__name",
                     "members__municipality__names", "members__municipality__latitude",
                     "members__municipality__longitude")
    )
    towns: dict[int, list[Town]] = {}
    for partnership_id, pk, name, names, latitude, longitude in rows:
        listed = towns.setdefault(partnership_id, [])
        if pk is not None:
            listed.append(Town(pk, name, names, latitude, longitude))
    return towns


def directory_map(towns_of: list[list[Town]]) -> RenderedMap | None:
    """Every partnership of the list (all its pages) on one world map: its towns (each
    once) and the lines between them."""
    places: list[maps.Place] = []
    index: dict[int, int] = {}
    connections = []
    sentences = []
    for members in towns_of:
        located = [m for m in members if m.has_location]
        for municipality in located:
            if municipality.pk not in index:
                index[municipality.pk] = len(places)
                places.append(maps.Place(str(municipality), municipality.latitude,  # type: ignore[arg-type]
                                         municipality.longitude))  # type: ignore[arg-type]
        for a, b in combinations(located, 2):
            connections.append(maps.Connection(index[a.pk], index[b.pk]))
        if located:
            sentences.append(" – ".join(str(m) for m in members))
    if not places:
        return None
    text = ngettext("Map of %(count)s partnership: %(list)s",
                    "Map of %(count)s partnerships: %(list)s", len(sentences)) % {
        "count": len(sentences), "list": "; ".join(sentences)}
    spec = maps.MapSpec(title=_("Map of the published partnerships"), description=text,
                        places=tuple(places), connections=tuple(connections), frame="world")
    svg, tiles = _world_map_drawn(spec, getattr(settings, "TWINPLAN_MAP_TILE_URL", ""),
                                  getattr(settings, "TWINPLAN_MAP_TILE_ATTRIBUTION", ""))
    return RenderedMap(svg, text, tiles)


@lru_cache(maxsize=16)
def _world_map_drawn(spec: maps.MapSpec, tile_url: str,
                     tile_attribution: str) -> tuple[SafeString, TileLayer | None]:
    """The directory's world map drawn once per process for the same data (the map is
    the same on every page of the list and in every language that names the towns
    alike): drawing 1,000 towns and their great circles takes about 100 ms, building the
    spec that keys it a few. The tile setting is part of the key, as it is read inside."""
    del tile_url, tile_attribution  # the key only: tile_layer reads the settings
    return (mark_safe(maps.render_svg(spec)),  # noqa: S308 - escaped by render_svg
            tile_layer(spec))


# The home page shows a few partnerships; the directory lists them all, page by page.
HOME_CARDS = 6


def home_cards() -> list[Card]:
    """The first `HOME_CARDS` published partnerships in title order (2 queries)."""
    return [Card(partnership, [member.municipality for member in partnership.members.all()])
            for partnership in with_demo_content_flag(partnerships_published())[:HOME_CARDS]]


# The columns a card shows (public/partials/partnership_card.html).
CARD_COLUMNS = ("slug", "title", "summary", "kind", "start_date", "original_language",
                "translations")


def directory_context(request: HttpRequest) -> dict[str, Any]:
    """The directory's context: the filter form, one page of the partnerships it keeps
    (`DIRECTORY_PAGE_SIZE`), the map of all of them. Four queries: the filters' choices
    (2), the towns of every partnership kept (1), the cards of the page (1)."""
    countries, sdgs = _filter_choices(get_language() or "en")
    form = DirectoryFilter(request.GET or None, countries=countries, sdgs=sdgs)
    towns = directory_towns(directory_filtered(form))
    page: Page[int] = page_nearest(Paginator(list(towns), DIRECTORY_PAGE_SIZE),
                                   request.GET.get("page"))
    shown = with_demo_content_flag(
        Partnership.objects.filter(pk__in=list(page.object_list)).only(*CARD_COLUMNS))
    by_pk = {partnership.pk: partnership for partnership in shown}
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "cards": [Card(by_pk[pk], towns[pk]) for pk in page.object_list if pk in by_pk],
        "partnership_count": len(towns),
        "page": page,
        "page_query": params.urlencode(),
        "directory_filter": form,
        "directory_map": directory_map(list(towns.values())),
    }

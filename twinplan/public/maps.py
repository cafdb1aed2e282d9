"""Maps of the public pages, drawn by `twinplan.maps` from vendored Natural Earth data:
the partner towns with the line between them on a partnership's page, every published
partnership on the directory's world map with its filters (country, kind, SDG)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from twinplan import maps
from twinplan.maps.tiles import tile_layer_problems, tile_map_data
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership, PartnershipKind, PartnershipMember
from twinplan.partnerships.querysets import PartnershipQuerySet
from twinplan.partnerships.selectors import PartnershipFacts, partnerships_published
from twinplan.programmes.models import Goal, Measure
from twinplan.reference.models import SdgGoal
from twinplan.reference.names import country_name


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

    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    sdg = forms.TypedChoiceField(label=gettext_lazy("SDG"), required=False, coerce=int,
                                 empty_value=None)

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
                       key=lambda pair: pair[1].casefold())
    sdgs = [(g.code, _("SDG %(number)s: %(name)s") % {"number": g.code, "name": g.name})
            for g in SdgGoal.objects.order_by("code")]
    return countries, sdgs


def directory_filtered(form: DirectoryFilter) -> PartnershipQuerySet:
    """The published partnerships the valid filters keep (all of them when the form is
    empty or wrong: the form then shows its error at the field)."""
    partnerships = partnerships_published()
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


def directory_map(partnerships: list[Partnership]) -> RenderedMap | None:
    """Every listed partnership on one world map: its towns (each once) and the lines
    between them. Reads the members prefetched with the partnerships."""
    places: list[maps.Place] = []
    index: dict[int, int] = {}
    connections = []
    sentences = []
    for partnership in partnerships:
        members = [m.municipality for m in partnership.members.all()]
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
    return RenderedMap(mark_safe(maps.render_svg(spec)), text,  # noqa: S308 - escaped
                       tile_layer(spec))


def directory_context(request: HttpRequest) -> dict[str, Any]:
    """The directory's context: the filter form, the partnerships it keeps, their map."""
    countries, sdgs = _filter_choices(get_language() or "en")
    form = DirectoryFilter(request.GET or None, countries=countries, sdgs=sdgs)
    partnerships = list(directory_filtered(form))
    return {
        "partnerships": partnerships,
        "directory_filter": form,
        "directory_map": directory_map(partnerships),
    }

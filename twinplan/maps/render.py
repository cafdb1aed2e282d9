"""A map as one self-contained ``<svg>`` string: countries, towns, the lines between them.

What the caller gives (a ``MapSpec``) is already translated and formatted: the title, the
description (the text equivalent), the town labels and the labels of the lines. The map
is drawn in the Natural Earth projection, either the whole world (without Antarctica) or
cropped to the towns and the lines between them with a margin. Coordinates are rounded
to whole pixels of the drawing and written as relative path steps, which keeps a world
map near 30 kB.

Accessibility: ``role="img"`` with ``<title>`` and ``<desc>`` named by
``aria-labelledby``; each town is a dark dot with a white ring (3:1 against land and
sea), its label has a white halo; no inline ``style`` (presentation attributes only, so
a CSP without ``'unsafe-inline'`` is fine).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape
from typing import Literal

from twinplan.maps.projection import great_circle, natural_earth, split_at_antimeridian
from twinplan.maps.topojson import country_at, world_countries

WIDTH = 640
FONT = 13
CHAR_PX = 7.4
SEA = "#dcebf5"
LAND = "#eeeeee"
LAND_PARTNER = "#c9d8c5"
BORDER = "#9a9a9a"
INK = "#1a1a1a"
LINE = "#1f5f8b"
DOT = "#a50f15"
WORLD_NORTH, WORLD_SOUTH = 84.0, -58.0  # the world view leaves out Antarctica


class MapError(ValueError):
    """The data cannot be drawn: a coordinate out of range, a line to a missing town."""


@dataclass(frozen=True)
class Place:
    label: str
    latitude_deg: float
    longitude_deg: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude_deg) and -90 <= self.latitude_deg <= 90):
            raise MapError(f"{self.label}: latitude {self.latitude_deg!r} is not within ±90°.")
        if not (math.isfinite(self.longitude_deg) and -180 <= self.longitude_deg <= 180):
            raise MapError(f"{self.label}: longitude {self.longitude_deg!r} is not within ±180°.")


@dataclass(frozen=True)
class Connection:
    """A line between two places (indexes into ``MapSpec.places``), along the great
    circle; ``label`` (e.g. the distance) is written at its middle."""

    a: int
    b: int
    label: str = ""


@dataclass(frozen=True)
class MapSpec:
    title: str
    places: tuple[Place, ...]
    connections: tuple[Connection, ...] = ()
    description: str = ""
    frame: Literal["world", "fit"] = "fit"
    labels: bool = True  # town labels (left out where they would overlap another)
    highlight_countries: bool = True  # shade the countries the places lie in

    def __post_init__(self) -> None:
        for connection in self.connections:
            for index in (connection.a, connection.b):
                if not 0 <= index < len(self.places):
                    raise MapError(f"{self.title}: a line names place {index}, which is missing.")


@dataclass(frozen=True)
class Frame:
    """The part of the projected plane shown: left, top (north), width, height, in
    projected units; the drawing is ``WIDTH`` pixels wide."""

    x: float
    y: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        return WIDTH / self.width

    @property
    def pixel_height(self) -> int:
        return round(self.height * self.scale)

    def pixel(self, lon: float, lat: float) -> tuple[int, int]:
        px, py = natural_earth(lon, lat)
        return round((px - self.x) * self.scale), round((self.y - py) * self.scale)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _e(text: str) -> str:
    return escape(_NOT_XML.sub("", text), quote=True)


def world_frame() -> Frame:
    left, _ = natural_earth(-180, 0)
    _, top = natural_earth(0, WORLD_NORTH)
    _, bottom = natural_earth(0, WORLD_SOUTH)
    return Frame(left, top, -2 * left, top - bottom)


def _lines(spec: MapSpec) -> list[list[list[tuple[float, float]]]]:
    """Each connection as great-circle pieces (lon, lat), cut at the antimeridian."""
    out = []
    for connection in spec.connections:
        a, b = spec.places[connection.a], spec.places[connection.b]
        try:
            points = great_circle((a.longitude_deg, a.latitude_deg),
                                  (b.longitude_deg, b.latitude_deg))
        except ValueError:
            points = [(a.longitude_deg, a.latitude_deg), (b.longitude_deg, b.latitude_deg)]
        out.append(split_at_antimeridian(points))
    return out


def fit_frame(points: Sequence[tuple[float, float]], aspect: float = 0.6,
              margin: float = 0.2, min_span: float = 0.25) -> Frame:
    """The smallest frame of the given height/width ``aspect`` around the points (lon,
    lat), with ``margin`` of the span on each side and at least ``min_span`` projected
    units (about 14° of latitude) across, kept inside the world view where it fits."""
    projected = [natural_earth(lon, lat) for lon, lat in points]
    xs = [p[0] for p in projected]
    ys = [p[1] for p in projected]
    width = max(max(xs) - min(xs), min_span)
    height = max(max(ys) - min(ys), min_span * aspect)
    width, height = width * (1 + 2 * margin), height * (1 + 2 * margin)
    if height / width > aspect:
        width = height / aspect
    else:
        height = width * aspect
    world = world_frame()
    width = min(width, world.width)
    height = min(height, world.width * aspect)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, world.x), world.x + world.width - width)
    top = cy + height / 2
    return Frame(x, top, width, height)


ProjectedRing = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class _ProjectedCountry:
    name: str
    rings: tuple[ProjectedRing, ...]
    box: tuple[float, float, float, float]  # min x, min y, max x, max y (projected)


def _unwrapped(ring: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring as drawn: one that jumps across ±180° (Fiji, the far east of Russia) is made
    continuous past 180° and drawn twice, once shifted by 360°, so both edges show it."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(ring)):
        return [list(ring)]
    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return [east, [(lon - 360, lat) for lon, lat in east]]


@cache
def _projected_world() -> tuple[_ProjectedCountry, ...]:
    """Every country's rings in projected units, computed once per process."""
    out = []
    for country in world_countries():
        rings = []
        for polygon in country.polygons:
            for ring in polygon:
                for piece in _unwrapped(ring):
                    rings.append(tuple(natural_earth(lon, lat) for lon, lat in piece))
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        if rings:
            out.append(_ProjectedCountry(country.name, tuple(rings),
                                         (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def _ring_path(frame: Frame, ring: ProjectedRing) -> str:
    scale, left, top = frame.scale, frame.x, frame.y
    steps: list[str] = []
    start = previous = (round((ring[0][0] - left) * scale), round((top - ring[0][1]) * scale))
    for px, py in ring[1:]:
        point = (round((px - left) * scale), round((top - py) * scale))
        dx, dy = point[0] - previous[0], point[1] - previous[1]
        if dx or dy:
            steps.append(f"{dx} {dy}")
            previous = point
    if len(steps) < 2:
        return ""  # smaller than a pixel at this scale
    return f"M{start[0]} {start[1]}l" + " ".join(steps) + "z"


@lru_cache(maxsize=64)
def _frame_paths(frame: Frame) -> tuple[tuple[str, str], ...]:
    """(country name, path data) of each country in the frame; the world frame and the
    frames of recently drawn partnerships are kept, as the drawing costs most."""
    right, bottom = frame.x + frame.width, frame.y - frame.height
    out = []
    for country in _projected_world():
        x0, y0, x1, y1 = country.box
        if x1 < frame.x or x0 > right or y1 < bottom or y0 > frame.y:
            continue
        d = "".join(_ring_path(frame, ring) for ring in country.rings)
        if d:
            out.append((country.name, d))
    return tuple(out)


def _country_paths(frame: Frame, partner: set[str]) -> list[str]:
    return [
        f'<path d="{d}" fill="{LAND_PARTNER if name in partner else LAND}"/>'
        for name, d in _frame_paths(frame)
    ]


Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label(x: int, y: int, text: str, taken: list[Box], height: int) -> str:
    """The label beside its dot, on the first side where it fits and overlaps nothing."""
    width = len(text) * CHAR_PX
    candidates = (
        (x + 8, y + 4, "start", (x + 6, y - 10, x + 10 + width, y + 6)),
        (x - 8, y + 4, "end", (x - 10 - width, y - 10, x - 6, y + 6)),
        (x, y - 10, "middle", (x - width / 2, y - 24, x + width / 2, y - 8)),
        (x, y + 20, "middle", (x - width / 2, y + 6, x + width / 2, y + 22)),
    )
    for tx, ty, anchor, box in candidates:
        if box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > height:
            continue
        if any(_overlaps(box, other) for other in taken):
            continue
        taken.append(box)
        return (f'<text x="{tx}" y="{ty}" text-anchor="{anchor}" stroke="#fff" '
                f'stroke-width="3" paint-order="stroke">{_e(text)}</text>')
    return ""


def _map_id(spec: MapSpec) -> str:
    return "map" + hashlib.sha1(repr(spec).encode(), usedforsecurity=False).hexdigest()[:10]


def render_svg(spec: MapSpec) -> str:
    """The map as one ``<svg>`` element, the same string for the same data."""
    lines = _lines(spec)
    crosses = any(len(pieces) > 1 for pieces in lines)
    points = [(p.longitude_deg, p.latitude_deg) for p in spec.places]
    points += [pt for pieces in lines for piece in pieces for pt in piece]
    frame = fit_frame(points) if spec.frame == "fit" and points and not crosses else world_frame()
    height = frame.pixel_height
    prefix = _map_id(spec)
    partner: set[str] = set()
    if spec.highlight_countries:
        for place in spec.places:
            found = country_at(world_countries(), place.longitude_deg, place.latitude_deg)
            if found is not None:
                partner.add(found.name)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{prefix}-t {prefix}-d" '
        f'font-family="Noto Sans, DejaVu Sans, sans-serif" font-size="{FONT}" fill="{INK}">'
        f'<title id="{prefix}-t">{_e(spec.title)}</title>'
        f'<desc id="{prefix}-d">{_e(spec.description or spec.title)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="{SEA}"/>'
        f'<g stroke="{BORDER}" stroke-width="0.5" stroke-linejoin="round">',
        *_country_paths(frame, partner),
        "</g>",
    ]
    taken: list[Box] = []
    for connection, pieces in zip(spec.connections, lines, strict=True):
        d = ""
        for piece in pieces:
            pixels = [frame.pixel(lon, lat) for lon, lat in piece]
            d += f"M{pixels[0][0]} {pixels[0][1]}" + "".join(
                f"L{x} {y}" for x, y in pixels[1:])
        parts.append(f'<path d="{d}" fill="none" stroke="{LINE}" stroke-width="2"/>')
        if connection.label:
            mid = pieces[0][len(pieces[0]) // 2] if len(pieces) == 1 else pieces[0][-1]
            mx, my = frame.pixel(*mid)
            label = _label(mx, my, connection.label, taken, height)
            parts.append(label)
    dots = []
    pixels_of = [frame.pixel(p.longitude_deg, p.latitude_deg) for p in spec.places]
    for place, (x, y) in zip(spec.places, pixels_of, strict=True):
        taken.append((x - 6, y - 6, x + 6, y + 6))
        dots.append(f'<circle cx="{x}" cy="{y}" r="5" fill="{DOT}" stroke="#fff" '
                    f'stroke-width="2"><title>{_e(place.label)}</title></circle>')
    parts.extend(dots)
    if spec.labels:
        for place, (x, y) in zip(spec.places, pixels_of, strict=True):
            parts.append(_label(x, y, place.label, taken, height))
    parts.append("</svg>")
    return "".join(parts)

"""Decoding TopoJSON (https://github.com/topojson/topojson-specification) into rings of
longitude/latitude pairs: quantized, delta-encoded arcs, shared between neighbours and
reversed where an index is negative (``~i``)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LonLat = tuple[float, float]
Ring = tuple[LonLat, ...]

DATA = Path(__file__).parent / "data"


class TopologyError(ValueError):
    """The file is not TopoJSON this decoder understands."""


@dataclass(frozen=True)
class Country:
    """One country of the Natural Earth file: its name (English, as in the data), its ISO
    3166-1 numeric code where it has one, and its polygons (outer ring first, then holes)."""

    name: str
    numeric_code: str
    polygons: tuple[tuple[Ring, ...], ...]

    def box(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the outer rings (degrees)."""
        points = [p for polygon in self.polygons if polygon for p in polygon[0]]
        if not points:
            return (0.0, 0.0, 0.0, 0.0)
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        return (min(lons), min(lats), max(lons), max(lats))


def decode_arcs(topology: Mapping[str, Any]) -> list[list[LonLat]]:
    """Every arc as absolute positions: undo the delta encoding and apply the transform."""
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise TopologyError("A topology needs a list of arcs.")
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in arcs]
    sx, sy = (float(v) for v in transform["scale"])
    tx, ty = (float(v) for v in transform["translate"])
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for position in arc:
            x += int(position[0])
            y += int(position[1])
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring(arcs: Sequence[Sequence[LonLat]], indexes: Sequence[int]) -> Ring:
    """One ring from arc indexes; ``~i`` (a negative index) walks arc ``i`` backwards.
    Consecutive arcs share their meeting point, which is kept once."""
    points: list[LonLat] = []
    for index in indexes:
        try:
            arc = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        except IndexError as exc:
            raise TopologyError(f"Arc {index} does not exist.") from exc
        points.extend(arc[1:] if points else arc)
    return tuple(points)


def _polygons(geometry: Mapping[str, Any], arcs: Sequence[Sequence[LonLat]]
              ) -> tuple[tuple[Ring, ...], ...]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return (tuple(ring(arcs, r) for r in geometry["arcs"]),)
    if kind == "MultiPolygon":
        return tuple(tuple(ring(arcs, r) for r in polygon) for polygon in geometry["arcs"])
    if kind is None:  # a feature without geometry (allowed by the specification)
        return ()
    raise TopologyError(f"Geometry type {kind!r} is not a polygon.")


def countries_from(topology: Mapping[str, Any], name: str = "countries") -> tuple[Country, ...]:
    """The features of the geometry collection ``name`` as countries."""
    if topology.get("type") != "Topology":
        raise TopologyError("Not a TopoJSON topology.")
    try:
        collection = topology["objects"][name]
    except KeyError as exc:
        raise TopologyError(f"The topology has no object {name!r}.") from exc
    arcs = decode_arcs(topology)
    return tuple(
        Country(
            name=str(geometry.get("properties", {}).get("name", "")),
            numeric_code=str(geometry.get("id") or ""),
            polygons=_polygons(geometry, arcs),
        )
        for geometry in collection.get("geometries", [])
    )


@cache
def world_countries() -> tuple[Country, ...]:
    """The vendored Natural Earth 1:110m countries (world-atlas 2.0.2), decoded once."""
    with (DATA / "countries-110m.json").open(encoding="utf-8") as handle:
        return countries_from(json.load(handle))


_BOXES: dict[int, tuple[float, float, float, float]] = {}


def _box(country: Country) -> tuple[float, float, float, float]:
    # Keyed by identity: the world's countries live for the whole process (``cache``).
    key = id(country)
    if key not in _BOXES:
        _BOXES[key] = country.box()
    return _BOXES[key]


def ring_contains(points: Ring, lon: float, lat: float) -> bool:
    """Whether the point lies inside the ring (even-odd rule, on the plane of degrees)."""
    inside = False
    j = len(points) - 1
    for i in range(len(points)):
        xi, yi = points[i]
        xj, yj = points[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def country_at(countries: Sequence[Country], lon: float, lat: float) -> Country | None:
    """The country whose polygons contain the point (outer ring in, no hole around it)."""
    for country in countries:
        west, south, east, north = _box(country)
        if not (west <= lon <= east and south <= lat <= north):
            continue
        for polygon in country.polygons:
            if polygon and ring_contains(polygon[0], lon, lat) and not any(
                ring_contains(hole, lon, lat) for hole in polygon[1:]
            ):
                return country
    return None

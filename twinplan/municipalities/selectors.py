"""Reads about municipalities that other apps and views share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from twinplan.impact.geo import Coordinates, geodesic_distance_km
from twinplan.municipalities.models import Municipality


@dataclass(frozen=True)
class Distance:
    a: Municipality
    b: Municipality
    distance_km: float
    source: str


def distances_between(municipalities: Sequence[Municipality]) -> list[Distance]:
    """Geodesic (WGS-84) distance between each pair that has coordinates."""
    located = [
        (m, Coordinates(latitude_deg=m.latitude, longitude_deg=m.longitude))
        for m in municipalities
        if m.latitude is not None and m.longitude is not None
    ]
    result = []
    for (a, a_point), (b, b_point) in combinations(located, 2):
        km = geodesic_distance_km(a_point, b_point)
        sources = sorted({a.location_source, b.location_source} - {""})
        result.append(Distance(a=a, b=b, distance_km=km, source="; ".join(sources)))
    return result

"""Geodesic distances between places on the WGS-84 ellipsoid (via geopy)."""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass

from twinplan.impact.errors import InvalidParameterError

# geopy ships no type information: load it as a module object and keep the untyped
# surface to the single call below, whose result is converted to float.
_geopy_distance = importlib.import_module("geopy.distance")


@dataclass(frozen=True, slots=True)
class Coordinates:
    """A point given by latitude and longitude in decimal degrees (WGS-84)."""

    latitude_deg: float
    longitude_deg: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude_deg) and -90 <= self.latitude_deg <= 90):
            raise InvalidParameterError(
                "latitude_deg", self.latitude_deg, "must be between -90 and 90"
            )
        if not (math.isfinite(self.longitude_deg) and -180 <= self.longitude_deg <= 180):
            raise InvalidParameterError(
                "longitude_deg", self.longitude_deg, "must be between -180 and 180"
            )


def geodesic_distance_km(a: Coordinates, b: Coordinates) -> float:
    """The shortest distance over the WGS-84 ellipsoid between two points, in km.

    Uses geopy's ``geodesic`` (Karney's algorithm), accurate to well under a metre.
    """
    distance = _geopy_distance.geodesic(
        (a.latitude_deg, a.longitude_deg), (b.latitude_deg, b.longitude_deg)
    )
    return float(distance.km)

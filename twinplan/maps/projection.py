"""Projections and great circles, in radians inside and degrees at the edges."""

from __future__ import annotations

import itertools
import math

LonLat = tuple[float, float]


def natural_earth(lon_deg: float, lat_deg: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič, Jenny, Patterson, Petrovič, Hurni 2011), in
    the polynomial form d3-geo uses; y grows northwards, both in units of the earth's
    radius (x within ±2.7367 at the equator)."""
    lam = math.radians(lon_deg)
    phi = math.radians(lat_deg)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2
               + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085
                                  + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def _vector(lon_deg: float, lat_deg: float) -> tuple[float, float, float]:
    lam, phi = math.radians(lon_deg), math.radians(lat_deg)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def great_circle(a: LonLat, b: LonLat, steps: int = 64) -> list[LonLat]:
    """``steps + 1`` points (lon, lat in degrees) along the shorter great circle from
    ``a`` to ``b``, both ends included (spherical linear interpolation)."""
    va, vb = _vector(*a), _vector(*b)
    dot = max(-1.0, min(1.0, sum(p * q for p, q in zip(va, vb, strict=True))))
    omega = math.acos(dot)
    if omega < 1e-9:
        return [a, b]
    if math.pi - omega < 1e-9:
        raise ValueError("Antipodal points: the great circle between them is not unique.")
    points = []
    for step in range(steps + 1):
        t = step / steps
        wa = math.sin((1 - t) * omega) / math.sin(omega)
        wb = math.sin(t * omega) / math.sin(omega)
        x, y, z = (wa * p + wb * q for p, q in zip(va, vb, strict=True))
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        points.append((math.degrees(math.atan2(y, x)), lat))
    points[0], points[-1] = a, b
    return points


def split_at_antimeridian(points: list[LonLat]) -> list[list[LonLat]]:
    """The line cut where it crosses ±180° longitude, so no segment spans the whole map."""
    parts: list[list[LonLat]] = [[points[0]]] if points else []
    for previous, point in itertools.pairwise(points):
        if abs(point[0] - previous[0]) > 180:
            parts.append([point])
        else:
            parts[-1].append(point)
    return parts

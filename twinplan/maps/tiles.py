"""The optional tile layer under the maps (`TWINPLAN_MAP_TILE_URL`): which URL templates
are accepted, the Content-Security-Policy source the tiles need, and the data a tiled map
is drawn from (the towns and the great circles between them, in latitude/longitude).

Pure Python like the rest of `twinplan.maps`: the settings module and the system check
both read `tile_layer_problems` and `tile_csp_source`, so a URL the check refuses never
opens the CSP."""

from __future__ import annotations

import re
from typing import TypedDict
from urllib.parse import urlsplit

from twinplan.maps.projection import great_circle
from twinplan.maps.render import MapSpec

# A host label, or "{s}" (Leaflet's subdomain placeholder) as the first label only.
_HOST_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
_PLACEHOLDERS = ("{z}", "{x}", "{y}")


def tile_layer_problems(url: str, attribution: str) -> list[str]:
    """What is wrong with this tile setting, in sentences for the operator; [] when the
    URL is empty (no tile layer) or usable."""
    url = url.strip()
    if not url:
        return []
    problems = []
    parts = urlsplit(url)
    if parts.scheme != "https":
        problems.append(
            f"TWINPLAN_MAP_TILE_URL={url!r} must start with https:// (tiles over plain "
            "HTTP would make every map page mixed content).")
    if not _host_ok(parts.hostname or ""):
        problems.append(
            f"TWINPLAN_MAP_TILE_URL={url!r} needs a host name (only its first label may "
            "be {s}).")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        problems.append(f"TWINPLAN_MAP_TILE_URL={url!r} has a port that is not a number.")
    if parts.username or parts.password:
        problems.append(f"TWINPLAN_MAP_TILE_URL={url!r} must not carry a user name or password.")
    missing = [p for p in _PLACEHOLDERS if p not in url]
    if missing:
        problems.append(
            f"TWINPLAN_MAP_TILE_URL={url!r} lacks {', '.join(missing)} (a tile URL template "
            "such as https://tile.example.org/{z}/{x}/{y}.png).")
    if not attribution.strip():
        problems.append(
            "TWINPLAN_MAP_TILE_ATTRIBUTION must be set when TWINPLAN_MAP_TILE_URL is: tile "
            "providers require their credit (for example “© OpenStreetMap contributors”).")
    return problems


def _host_ok(host: str) -> bool:
    labels = host.split(".")
    if len(labels) < 2:
        return host == "localhost"
    if labels[0] == "{s}":
        labels = labels[1:]
    return all(_HOST_LABEL.match(label) for label in labels)


def tile_csp_source(url: str) -> str | None:
    """The CSP source (`img-src`) the tiles of this URL come from, e.g.
    ``https://*.tile.example.org`` for ``https://{s}.tile.example.org/{z}/{x}/{y}.png``;
    None when there is no URL or it is not usable (see `tile_layer_problems`)."""
    url = url.strip()
    if not url or tile_layer_problems(url, "-"):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").replace("{s}", "*", 1)
    port = f":{parts.port}" if parts.port else ""
    return f"https://{host}{port}"


class TilePlace(TypedDict):
    name: str
    lat: float
    lon: float


class TileMapData(TypedDict):
    places: list[TilePlace]
    lines: list[list[tuple[float, float]]]  # (lat, lon), longitudes unwrapped past ±180°
    frame: str


def tile_map_data(spec: MapSpec, steps: int = 32) -> TileMapData:
    """The towns and lines of a map for the tile layer's script: each line is its great
    circle as (latitude, longitude) points, longitudes kept continuous across ±180° so
    the script draws it without a streak across the map."""
    places: list[TilePlace] = [
        {"name": p.label, "lat": round(p.latitude_deg, 5), "lon": round(p.longitude_deg, 5)}
        for p in spec.places
    ]
    lines = []
    for connection in spec.connections:
        a, b = spec.places[connection.a], spec.places[connection.b]
        try:
            points = great_circle((a.longitude_deg, a.latitude_deg),
                                  (b.longitude_deg, b.latitude_deg), steps)
        except ValueError:  # antipodes: no single line to draw
            continue
        line: list[tuple[float, float]] = []
        offset = 0.0
        for lon, lat in points:
            if line:
                previous = line[-1][1]
                while lon + offset - previous > 180:
                    offset -= 360
                while lon + offset - previous < -180:
                    offset += 360
            line.append((round(lat, 4), round(lon + offset, 4)))
        lines.append(line)
    return {"places": places, "lines": lines, "frame": spec.frame}

"""`manage.py check` (and every server start) refuses an unusable tile layer setting:
a TWINPLAN_MAP_TILE_URL without https, without {z}/{x}/{y}, or without
TWINPLAN_MAP_TILE_ATTRIBUTION (docs/maps.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from twinplan.maps.tiles import tile_layer_problems


def check_map_tiles(**kwargs: Any) -> list[checks.CheckMessage]:
    problems = tile_layer_problems(getattr(settings, "TWINPLAN_MAP_TILE_URL", ""),
                                   getattr(settings, "TWINPLAN_MAP_TILE_ATTRIBUTION", ""))
    return [checks.Error(problem, id="public.E001") for problem in problems]

"""Maps drawn as SVG strings on the server, in pure Python, from vendored Natural Earth data.

``render_svg(MapSpec(title, places=(Place(label, lat, lon), …), connections=(…)))`` draws
the countries of Natural Earth 1:110m (world-atlas 2.0.2, decoded by ``topojson``) in the
Natural Earth projection, the towns as dots with labels and great circles between them,
cropped to the towns (``frame="fit"``) or the whole world (``frame="world"``). Texts come
in already translated and formatted. No Django, no other part of the project.
"""

from twinplan.maps.projection import great_circle, natural_earth
from twinplan.maps.render import Connection, MapError, MapSpec, Place, render_svg
from twinplan.maps.topojson import Country, TopologyError, countries_from, world_countries

__all__ = [
    "Connection",
    "Country",
    "MapError",
    "MapSpec",
    "Place",
    "TopologyError",
    "countries_from",
    "great_circle",
    "natural_earth",
    "render_svg",
    "world_countries",
]

"""The optional tile layer (TWINPLAN_MAP_TILE_URL): absent by default, with nothing on the
page and nothing in the CSP; when set, the maps link the vendored Leaflet and carry their
towns and lines for it, the CSP lets the tiles' host into img-src and nowhere else; a bad
setting fails `manage.py check`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

pytestmark = pytest.mark.django_db

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
CREDIT = "© OpenStreetMap contributors"


def _policy(response) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:]
            for part in response["Content-Security-Policy"].split(";") if part.strip()}


def _settings_with(**env: str) -> dict:
    """CONTENT_SECURITY_POLICY as the settings module builds it from this environment."""
    code = ("import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.CONTENT_SECURITY_POLICY))")
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env})
    return json.loads(result.stdout)


def test_without_the_setting_no_page_references_leaflet_and_the_csp_is_unchanged(
        client, partnership):
    assert settings.TWINPLAN_MAP_TILE_URL == ""
    for path in (f"/en/partnerships/{partnership.slug}/", "/en/partnerships/"):
        response = client.get(path)
        html = response.content.decode()
        assert "<svg" in html
        assert "leaflet" not in html.lower()
        assert "map-tiles" not in html
        assert _policy(response)["img-src"] == ["'self'", "data:"]


def test_without_the_setting_the_settings_build_the_csp_as_before():
    policy = _settings_with(TWINPLAN_MAP_TILE_URL="")
    assert policy["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


def test_with_the_setting_img_src_and_only_img_src_names_the_tile_host():
    directives = _settings_with(TWINPLAN_MAP_TILE_URL=OSM,
                                TWINPLAN_MAP_TILE_ATTRIBUTION=CREDIT)["DIRECTIVES"]
    assert directives["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    others = {name: value for name, value in directives.items() if name != "img-src"}
    assert "tile.openstreetmap.org" not in json.dumps(others)


def test_a_url_that_is_not_https_opens_no_csp():
    directives = _settings_with(TWINPLAN_MAP_TILE_URL="http://tile.example.org/{z}/{x}/{y}.png",
                                TWINPLAN_MAP_TILE_ATTRIBUTION=CREDIT)["DIRECTIVES"]
    assert directives["img-src"] == ["'self'", "data:"]


def _tiled():
    policy = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
    policy["DIRECTIVES"]["img-src"].append("https://tile.openstreetmap.org")
    return override_settings(TWINPLAN_MAP_TILE_URL=OSM, TWINPLAN_MAP_TILE_ATTRIBUTION=CREDIT,
                             CONTENT_SECURITY_POLICY=policy)


def _container(html: str) -> dict[str, str]:
    match = re.search(r'<div class="map-tiles[^"]*"([^>]*)>', html)
    assert match, "no tile map container"
    attributes = {name: unescape(value)
                  for name, value in re.findall(r'\s([a-z-]+)="([^"]*)"', match.group(1))}
    if re.search(r"\shidden[\s>]", match.group(1) + ">"):
        attributes["hidden"] = ""
    return attributes


def test_with_the_setting_the_partnership_map_links_leaflet_and_carries_its_data(
        client, partnership):
    with _tiled():
        response = client.get(f"/de/partnerships/{partnership.slug}/")
    html = response.content.decode()
    for name in ("vendor/leaflet-1.9.4/leaflet.css", "vendor/leaflet-1.9.4/leaflet.js",
                 "twinplan/map-tiles.js"):
        assert f'/static/{name}"' in html
        assert finders.find(name), name  # the vendored file is there to be served
    assert "https://tile.openstreetmap.org" in _policy(response)["img-src"]
    data = _container(html)
    assert "hidden" in data  # shown by the script only, so without it the SVG stays alone
    assert data["data-tile-url"] == OSM
    assert data["data-tile-attribution"] == CREDIT
    assert data["aria-label"] == "Karte der Partnerstädte"
    places = json.loads(data["data-places"])
    assert {p["name"] for p in places} == {"Wernigerode", "Hội An"}
    (line,) = json.loads(data["data-lines"])
    start, end = ({"lat": p["lat"], "lon": p["lon"]} for p in places)
    assert line[0] == [pytest.approx(start["lat"], abs=1e-4), pytest.approx(start["lon"], abs=1e-4)]
    assert line[-1] == [pytest.approx(end["lat"], abs=1e-4), pytest.approx(end["lon"], abs=1e-4)]
    assert len(line) > 2  # the great circle, drawn as such on the tiles
    # The SVG and its text equivalent stay for readers without JavaScript.
    assert 'role="img"' in html
    assert "Wernigerode (Deutschland) – Hội An (Vietnam): 9.143 km" in html


def test_with_the_setting_the_directory_map_carries_every_listed_town(client, partnership):
    with _tiled():
        html = client.get("/en/partnerships/").content.decode()
    data = _container(html)
    assert data["data-frame"] == "world"
    assert len(json.loads(data["data-places"])) == 2
    assert len(json.loads(data["data-lines"])) == 1


def test_the_vendored_leaflet_keeps_its_licence_and_version():
    licence = finders.find("vendor/leaflet-1.9.4/LICENSE")
    assert licence
    with open(licence, encoding="utf-8") as file:
        assert "BSD 2-Clause" in file.read()
    script = finders.find("vendor/leaflet-1.9.4/leaflet.js")
    with open(script, encoding="utf-8") as file:
        assert "Leaflet 1.9.4, a JS library" in file.read()
    for image in ("marker-icon.png", "marker-shadow.png", "layers.png"):
        assert finders.find(f"vendor/leaflet-1.9.4/images/{image}"), image


@pytest.mark.parametrize(("url", "attribution"), [
    ("http://tile.openstreetmap.org/{z}/{x}/{y}.png", CREDIT),
    (OSM, ""),
    ("https://tile.openstreetmap.org/", CREDIT),
])
def test_a_bad_setting_fails_the_check_and_draws_no_tiles(client, partnership, url,
                                                          attribution):
    with override_settings(TWINPLAN_MAP_TILE_URL=url, TWINPLAN_MAP_TILE_ATTRIBUTION=attribution):
        with pytest.raises(SystemCheckError, match=r"public\.E001"):
            call_command("check")
        html = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert "leaflet" not in html.lower()
    assert "<svg" in html


def test_a_good_setting_passes_the_check():
    with override_settings(TWINPLAN_MAP_TILE_URL=OSM, TWINPLAN_MAP_TILE_ATTRIBUTION=CREDIT):
        call_command("check")


def test_a_changed_tile_setting_never_serves_a_page_stored_with_the_other_map(rf):
    from twinplan.public.cache import page_key

    request = rf.get("/en/partnerships/")
    without = page_key(request)
    with override_settings(TWINPLAN_MAP_TILE_URL=OSM):
        assert page_key(request) != without
    assert page_key(request) == without

/* The optional tile layer under the public maps (docs/maps.md): draws the tiles of
   TWINPLAN_MAP_TILE_URL with the vendored Leaflet, the towns and the great circles read
   from the container's data attributes (public/_map_tiles.html). Only then is the
   server-drawn SVG beside it hidden: without JavaScript, or when Leaflet did not load,
   the SVG stays. No inline script or style (the CSP has neither). */
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function parse(value) {
    try {
      var data = JSON.parse(value || "[]");
      return Array.isArray(data) ? data : [];
    } catch (error) {
      return [];
    }
  }

  function draw(container) {
    var L = window.L;
    var url = container.getAttribute("data-tile-url");
    if (!L || !url) {
      return;
    }
    var places = parse(container.getAttribute("data-places"));
    var lines = parse(container.getAttribute("data-lines"));
    var world = container.getAttribute("data-frame") === "world";
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false, worldCopyJump: true });
    L.tileLayer(url, {
      maxZoom: 18,
      // Leaflet writes the credit as HTML: the setting is text, so it is escaped here.
      attribution: escapeHtml(container.getAttribute("data-tile-attribution") || "")
    }).addTo(map);
    var bounds = [];
    lines.forEach(function (line) {
      L.polyline(line, { color: "#1d4f91", weight: 3, interactive: false }).addTo(map);
      bounds = bounds.concat(line);
    });
    places.forEach(function (place) {
      var point = [place.lat, place.lon];
      L.circleMarker(point, {
        radius: 6, color: "#ffffff", weight: 2, fillColor: "#9b1c1c", fillOpacity: 1
      }).bindTooltip(escapeHtml(place.name), {
        permanent: !world, direction: "right", offset: [8, 0]
      }).addTo(map);
      bounds.push(point);
    });
    if (world || bounds.length < 2) {
      map.setView([25, 10], 1);
    } else {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 10 });
    }
    var figure = container.closest("figure");
    var picture = figure && figure.querySelector(".map-picture");
    if (picture) {
      picture.hidden = true;
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".map-tiles[data-tile-url]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Cartes du portail : amélioration progressive d'une page qui liste déjà les mêmes lieux.
 *
 * <div class="map" data-geojson-url="…" [data-lines-url="…"] data-basemap-url="…">
 * Le serveur produit le GeoJSON (points : name, url, kind "fr" | "partner", popup) ;
 * le navigateur dessine un fond de carte vectoriel (Natural Earth, servi par le portail,
 * sans serveur de tuiles) et les marqueurs regroupés (leaflet.markercluster).
 */
(function () {
  "use strict";
  if (!window.L || !window.fetch) { return; }

  var basemaps = {};
  var COLORS = { fr: "#00467f", partner: "#b34700" };
  var ANTARCTICA = "010";  // ISO 3166-1 numeric code, the id of the world-atlas features
  // Never closer than a region's scale: a single point keeps its neighbouring countries and cities around it.
  var MAX_FIT_ZOOM = 5;
  // What the world view shows: inhabited latitudes only (no empty polar bands).
  var WORLD_BOUNDS = [[-58, -540], [84, 540]];

  function loadBasemap(url) {
    if (!basemaps[url]) {
      basemaps[url] = fetch(url).then(function (r) { return r.json(); }).then(function (topo) {
        if (!window.topojson) { return null; }
        var world = window.topojson.feature(topo, topo.objects.countries);
        // Antarctica's ring runs along the -90° parallel: in Web Mercator it is drawn as a band across
        // the whole map. No partnership lies there; leaving it out removes the stripes of the world view.
        world.features = world.features.filter(function (f) { return String(f.id) !== ANTARCTICA; });
        world.features.forEach(unwrapAntimeridian);
        return world;
      });
    }
    return basemaps[url];
  }

  /* A ring that touches both +180° and -180° (Russia's far east, Fiji) would be drawn straight across
   * the map as a horizontal stripe; moving its western points by 360° draws it whole, east of 180°. */
  function unwrapRing(ring) {
    var min = Infinity, max = -Infinity;
    ring.forEach(function (p) { if (p[0] < min) { min = p[0]; } if (p[0] > max) { max = p[0]; } });
    if (max - min <= 180) { return ring; }
    return ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; });
  }

  function unwrapAntimeridian(feature) {
    var g = feature.geometry;
    if (!g) { return; }
    if (g.type === "Polygon") { g.coordinates = g.coordinates.map(unwrapRing); }
    if (g.type === "MultiPolygon") {
      g.coordinates = g.coordinates.map(function (polygon) { return polygon.map(unwrapRing); });
    }
  }

  function popupContent(props) {
    var box = document.createElement("div");
    var title = document.createElement(props.url ? "a" : "strong");
    title.textContent = props.name || "";
    if (props.url) { title.href = props.url; }
    box.appendChild(title);
    if (props.popup) {
      var text = document.createElement("p");
      text.textContent = props.popup;
      box.appendChild(text);
    }
    return box;
  }

  function pointLayer(feature, latlng) {
    var kind = (feature.properties && feature.properties.kind) || "fr";
    return L.circleMarker(latlng, {
      radius: 7, weight: 2, color: "#fff", fillColor: COLORS[kind] || COLORS.fr, fillOpacity: 0.95
    });
  }

  function init(el) {
    el.innerHTML = "";
    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 13, zoomSnap: 0.5, fadeAnimation: false,
      maxBounds: WORLD_BOUNDS, maxBoundsViscosity: 1 }).setView([30, 10], 2);
    map.attributionControl.setPrefix(false);
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    map.attributionControl.addAttribution("Fond de carte : Natural Earth");
    el._portalMap = map;

    if (el.dataset.basemapUrl) {
      loadBasemap(el.dataset.basemapUrl).then(function (world) {
        if (!world) { return; }
        L.geoJSON(world, {
          interactive: false,
          style: { color: "#8c9aab", weight: 0.6, fillColor: "#f7f5ef", fillOpacity: 1 }
        }).addTo(map).bringToBack();
      });
    }

    var requests = [fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })];
    if (el.dataset.linesUrl) {
      requests.push(fetch(el.dataset.linesUrl).then(function (r) { return r.json(); }));
    }
    Promise.all(requests).then(function (collections) {
      var points = L.markerClusterGroup
        ? L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45 })
        : L.featureGroup();
      var lines = L.featureGroup();
      var count = 0;
      collections.forEach(function (fc) {
        L.geoJSON(fc, {
          pointToLayer: pointLayer,
          style: function () { return { color: "#5b3a8c", weight: 1.5, opacity: 0.7 }; },
          onEachFeature: function (feature, layer) {
            if (feature.geometry.type === "Point") {
              layer.bindPopup(popupContent(feature.properties || {}));
              points.addLayer(layer);
              count += 1;
            } else {
              lines.addLayer(layer);
            }
          }
        });
      });
      lines.addTo(map);
      points.addTo(map);
      var bounds = points.getBounds ? points.getBounds() : null;
      if (bounds && bounds.isValid()) { map.fitBounds(bounds.pad(0.15), { maxZoom: MAX_FIT_ZOOM, animate: false }); }
      el.dataset.markers = String(count);
      el.classList.add("map-ready");
    }).catch(function () {
      el.dataset.markers = "0";
      el.classList.add("map-error");
      var msg = document.createElement("p");
      msg.className = "map-fallback";
      msg.textContent = "La carte n'a pas pu être chargée ; la liste de la page présente les mêmes informations.";
      el.appendChild(msg);
    });
  }

  function start() { document.querySelectorAll(".map[data-geojson-url]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

/* Cartes du portail : amélioration progressive d'une page qui liste déjà les mêmes lieux.
 *
 * <div class="map" data-geojson-url="…" [data-lines-url="…"] data-basemap-url="…">
 * Le serveur produit le GeoJSON (points : name, url, kind "fr" | "partner", popup) ;
 * ou, pour la carte de toutes les collectivités, <div class="map" data-points-url="…" data-point-url="…/0.json">
 * des points compacts {"fr": [lon, lat, id, …], "partner": […]} dont la bulle (nom, lien, nombre de
 * projets) n'est demandée au clic ;
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

  function clusterGroup(onDone) {
    if (!L.markerClusterGroup) { return L.featureGroup(); }
    return L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
      chunkProgress: function (processed, total) { if (processed === total && onDone) { onDone(); } }
    });
  }

  function fit(map, bounds) {
    if (bounds && bounds.isValid()) { map.fitBounds(bounds.pad(0.15), { maxZoom: MAX_FIT_ZOOM, animate: false }); }
  }

  function ready(el, count) {
    el.dataset.markers = String(count);
    el.classList.add("map-ready");
    el.dispatchEvent(new CustomEvent("portal:map-ready", { bubbles: true }));
  }

  /* Work that can wait until the markers are on screen (the basemap, other maps of the page): run after
   * the next frame is painted, so that it never delays the markers. */
  function afterPaint(callback) {
    window.requestAnimationFrame(function () { window.setTimeout(callback, 0); });
  }

  function failed(el) {
    el.dataset.markers = "0";
    el.classList.add("map-error");
    el.dispatchEvent(new CustomEvent("portal:map-ready", { bubbles: true }));
    var msg = document.createElement("p");
    msg.className = "map-fallback";
    msg.textContent = "La carte n'a pas pu être chargée ; la liste de la page présente les mêmes informations.";
    el.appendChild(msg);
  }

  /* Popup of a compact point: one popup for the map, its content asked to the server when opened
   * (14,000 bound popups would cost more than the markers themselves). */
  function openPoint(map, point, template) {
    var popup = L.popup().setLatLng(point.latlng).setContent("Chargement…").openOn(map);
    fetch(template.replace(/0\.json$/, point.id + ".json"))
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (props) { popup.setContent(popupContent(props)); })
      .catch(function () { popup.setContent("Informations indisponibles."); });
  }

  /* Every collectivity of the Atlas (about 15,000 points) as dots on one canvas, drawn in a single loop
   * after each move or zoom: creating a Leaflet layer per point, or clustering them, costs seconds at
   * that size. A click finds the nearest dot and opens one popup, filled from the server. */
  var DotsLayer = L.Layer.extend({
    initialize: function (data, onClick) { this._data = data; this._onClick = onClick; },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "map-dots leaflet-zoom-hide");
      this._canvas.setAttribute("aria-hidden", "true");
      map.getPanes().overlayPane.appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._draw, this);
      map.on("click", this._click, this);
      this._draw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._draw, this);
      map.off("click", this._click, this);
    },
    getBounds: function () {
      var south = 90, west = 180, north = -90, east = -180, data = this._data;
      ["fr", "partner"].forEach(function (kind) {
        var flat = data[kind] || [];
        for (var i = 0; i + 2 < flat.length; i += 3) {
          if (flat[i] < west) { west = flat[i]; } if (flat[i] > east) { east = flat[i]; }
          if (flat[i + 1] < south) { south = flat[i + 1]; } if (flat[i + 1] > north) { north = flat[i + 1]; }
        }
      });
      return north < south ? L.latLngBounds([]) : L.latLngBounds([south, west], [north, east]);
    },
    /* Container pixels of every point, by the Web Mercator formulas of the map's CRS (EPSG:3857) with
     * plain numbers: 15,000 LatLng and Point objects per redraw would cost more than the drawing. */
    _pixels: function (flat) {
      var map = this._map, scale = 256 * Math.pow(2, map.getZoom()), origin = map.getPixelOrigin();
      var pane = map.containerPointToLayerPoint([0, 0]), out = new Float64Array(flat.length / 3 * 2);
      var maxLat = 85.0511287798, d = Math.PI / 180;
      for (var i = 0, j = 0; i + 2 < flat.length; i += 3, j += 2) {
        var lat = Math.max(Math.min(flat[i + 1], maxLat), -maxLat), sin = Math.sin(lat * d);
        out[j] = scale * (flat[i] / 360 + 0.5) - origin.x - pane.x;
        out[j + 1] = scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) - origin.y - pane.y;
      }
      return out;
    },
    _draw: function () {
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var canvas = this._canvas, ctx = canvas.getContext("2d"), data = this._data, self = this;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x * ratio; canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 1; ctx.strokeStyle = "#fff";
      // At world zoom thousands of dots fall on the same pixel (4,800 French collectivities in a few
      // hundred): each pixel gets one dot, which looks the same and spares the browser most of the drawing.
      var width = size.x + 11, taken = new Uint8Array(width * (size.y + 11));
      ["partner", "fr"].forEach(function (kind) {
        var flat = data[kind] || [];
        var px = self._pixels(flat);
        taken.fill(0);
        ctx.fillStyle = COLORS[kind];
        ctx.beginPath();
        for (var j = 0; j < px.length; j += 2) {
          var x = px[j], y = px[j + 1];
          if (x < -5 || y < -5 || x > size.x + 5 || y > size.y + 5) { continue; }
          var cell = Math.round(x) + 5 + (Math.round(y) + 5) * width;
          if (taken[cell]) { continue; }
          taken[cell] = 1;
          ctx.moveTo(x + 4, y);
          ctx.arc(x, y, 4, 0, 2 * Math.PI);
        }
        ctx.fill();
        ctx.stroke();
      });
    },
    _click: function (e) {
      var best = null, bestDistance = 64, data = this._data;  // within 8 px
      var self = this;
      ["fr", "partner"].forEach(function (kind) {
        var flat = data[kind] || [], px = self._pixels(flat);
        for (var i = 0, j = 0; i + 2 < flat.length; i += 3, j += 2) {
          var dx = px[j] - e.containerPoint.x, dy = px[j + 1] - e.containerPoint.y, d = dx * dx + dy * dy;
          if (d < bestDistance) { bestDistance = d; best = { latlng: L.latLng(flat[i + 1], flat[i]), id: flat[i + 2] }; }
        }
      });
      if (best) { this._onClick(best); }
    }
  });

  function requestJSON(url, options) {
    return fetch(url, options).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function loadPoints(el, map, request, then) {
    var template = el.dataset.pointUrl || "";
    request.then(function (data) {
      var dots = new DotsLayer(data, function (point) { openPoint(map, point, template); });
      fit(map, dots.getBounds());  // before the layer is added: the dots are drawn once, in place
      dots.addTo(map);
      ready(el, ((data.fr || []).length + (data.partner || []).length) / 3);
    }).catch(function () { failed(el); }).then(then);
  }

  /* The countries under the markers, fetched, converted and drawn once the markers are on screen, a few
   * dozen per task so that the page stays responsive (one layer of 177 SVG countries is a long task). */
  var BASEMAP_BATCH = 30;
  function addBasemap(el, map) {
    if (!el.dataset.basemapUrl) { return; }
    return function () {
      afterPaint(function () {
        loadBasemap(el.dataset.basemapUrl).then(function (shapes) {
          if (!shapes) { return; }
          var layer = L.geoJSON(null, {
            interactive: false,
            style: { color: "#8c9aab", weight: 0.6, fillColor: "#f7f5ef", fillOpacity: 1 }
          }).addTo(map);
          var pane = map.getPanes().overlayPane, next = 0, features = shapes.features;
          // The countries' SVG joins the overlay pane after the canvas of dots: put the dots back on top.
          [].forEach.call(pane.querySelectorAll("canvas.map-dots"), function (c) { pane.appendChild(c); });
          (function batch() {
            var end = Math.min(next + BASEMAP_BATCH, features.length);
            for (; next < end; next += 1) { layer.addData(features[next]); }
            layer.bringToBack();
            if (next < features.length) { window.setTimeout(batch, 0); }
          })();
        });
      });
    };
  }

  function init(el, request) {
    el.innerHTML = "";
    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 13, zoomSnap: 0.5, fadeAnimation: false,
      maxBounds: WORLD_BOUNDS, maxBoundsViscosity: 1 }).setView([30, 10], 2);
    map.attributionControl.setPrefix(false);
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    map.attributionControl.addAttribution("Fond de carte : Natural Earth");
    el._portalMap = map;
    var basemap = addBasemap(el, map) || function () {};

    if (el.dataset.pointsUrl) { loadPoints(el, map, request, basemap); return; }

    var requests = [requestJSON(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })];
    if (el.dataset.linesUrl) {
      requests.push(fetch(el.dataset.linesUrl).then(function (r) { return r.json(); }));
    }
    Promise.all(requests).then(function (collections) {
      var points = clusterGroup(null);
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
      fit(map, points.getBounds());
      ready(el, count);
    }).catch(function () { failed(el); }).then(basemap);
  }

  // The data of the light maps is asked for now (or taken from the page's preload), before Leaflet builds
  // the maps and while the browser may still be loading the page's other files.
  var pointRequests = {};
  function pointsRequest(url) {
    if (!pointRequests[url]) { pointRequests[url] = requestJSON(url); pointRequests[url].catch(function () {}); }
    return pointRequests[url];
  }
  document.querySelectorAll(".map[data-points-url]").forEach(function (el) { pointsRequest(el.dataset.pointsUrl); });

  function start() {
    document.querySelectorAll(".map[data-geojson-url], .map[data-points-url]").forEach(function (el) {
      init(el, el.dataset.pointsUrl ? pointsRequest(el.dataset.pointsUrl) : null);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

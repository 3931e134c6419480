/* Choropleths: colours the vendored basemap (Natural Earth 1:110m, served by the portal) with the classes
 * the server computed (atlas.choropleth), over a legend and a table that already give every figure.
 *
 * <div class="map choropleth-map" data-choropleth="<id of a json_script>" data-basemap-url="…">
 * data: {"colours": [...], "countries": {"<ISO numeric>": [class, "label", "url"]}}
 * Countries with a figure are focusable (Tab), read their label on focus, open their page with Enter.
 */
(function () {
  "use strict";
  if (!window.L || !window.fetch || !window.topojson) { return; }

  function init(el) {
    var source = document.getElementById(el.dataset.choropleth);
    if (!source || el.dataset.started) { return; }  // the script may be included by several choropleths
    el.dataset.started = "1";
    var data = JSON.parse(source.textContent);
    el.innerHTML = "";
    var map = L.map(el, { minZoom: 1, maxZoom: 6, zoomSnap: 0.5, scrollWheelZoom: false }).setView([20, 10], 1.5);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Fond de carte : Natural Earth");
    fetch(el.dataset.basemapUrl).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (topo) {
        var count = 0;
        var layer = L.geoJSON(topojson.feature(topo, topo.objects.countries), {
          style: function (feature) {
            var d = data.countries[feature.id];
            return { color: "#8c9aab", weight: 0.6, fillOpacity: 1,
                     fillColor: d ? data.colours[d[0]] : "#f7f5ef" };
          },
          onEachFeature: function (feature, country) {
            var d = data.countries[feature.id];
            if (!d) { return; }
            country.bindTooltip(d[1], { sticky: true });
            if (d[2]) { country.on("click", function () { window.location.href = d[2]; }); }
          }
        }).addTo(map);
        layer.eachLayer(function (country) {
          var d = data.countries[country.feature.id];
          var path = country.getElement && country.getElement();
          if (!d || !path) { return; }
          count += 1;
          path.setAttribute("tabindex", "0");
          path.setAttribute("role", d[2] ? "link" : "img");
          path.setAttribute("aria-label", d[1]);
          path.addEventListener("focus", function () { country.openTooltip(country.getBounds().getCenter()); });
          path.addEventListener("blur", function () { country.closeTooltip(); });
          path.addEventListener("keydown", function (event) {
            if (event.key === "Enter" && d[2]) { window.location.href = d[2]; }
          });
        });
        el.dataset.countries = String(count);
        el.classList.add("map-ready");
      }).catch(function () {
        el.classList.add("map-error");
        var msg = document.createElement("p");
        msg.className = "map-fallback";
        msg.textContent = "La carte n'a pas pu être chargée ; le tableau donne les mêmes chiffres.";
        el.appendChild(msg);
      });
  }

  /* A choropleth comes after the page's map of markers (static/js/map.js): it is drawn once those markers
   * are on screen (event portal:map-ready), so that its hundreds of SVG countries never delay them. */
  var MARKER_MAPS = ".map[data-points-url], .map[data-geojson-url]";
  function markersPending() {
    return [].some.call(document.querySelectorAll(MARKER_MAPS), function (m) {
      return !m.classList.contains("map-ready") && !m.classList.contains("map-error");
    });
  }

  function drawAll() { document.querySelectorAll(".choropleth-map[data-choropleth]").forEach(init); }

  function start() {
    if (!markersPending()) { drawAll(); return; }
    var done = false;
    function go() {
      if (done || markersPending()) { return; }
      done = true;
      window.requestAnimationFrame(function () { window.setTimeout(drawAll, 0); });
    }
    document.addEventListener("portal:map-ready", go);
    window.setTimeout(function () { if (!done) { done = true; drawAll(); } }, 5000);  // a map that never answers
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

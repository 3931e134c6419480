/* Administration : choisir des coordonnées sur une carte.
 *
 * Le widget CoordinatesMapWidget (atlas/widgets.py) place après le champ longitude un
 * <div class="coordinates-map" data-latitude-input data-longitude-input data-basemap-url hidden>.
 * Sans JavaScript, les deux champs numériques suffisent ; avec, la carte s'affiche, un clic remplit
 * les champs et le marqueur suit ce qui est saisi à la main.
 */
(function () {
  "use strict";

  function number(input) {
    var value = parseFloat((input.value || "").replace(",", "."));
    return isNaN(value) ? null : value;
  }

  function init(el) {
    var lat = document.getElementById(el.dataset.latitudeInput);
    var lon = document.getElementById(el.dataset.longitudeInput);
    if (!lat || !lon || !window.L) { return; }
    el.hidden = false;
    var help = el.nextElementSibling;
    if (help && help.classList.contains("coordinates-map-help")) { help.hidden = false; }

    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([30, 10], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Fond de carte : Natural Earth");
    if (el.dataset.basemapUrl && window.fetch) {
      fetch(el.dataset.basemapUrl).then(function (r) { return r.json(); }).then(function (topo) {
        if (!window.topojson) { return; }
        L.geoJSON(window.topojson.feature(topo, topo.objects.countries), {
          interactive: false,
          style: { color: "#8c9aab", weight: 0.6, fillColor: "#f7f5ef", fillOpacity: 1 }
        }).addTo(map).bringToBack();
      });
    }

    var marker = null;
    function show(center) {
      var y = number(lat), x = number(lon);
      if (y === null || x === null || y < -90 || y > 90 || x < -180 || x > 180) {
        if (marker) { map.removeLayer(marker); marker = null; }
        return;
      }
      if (!marker) {
        marker = L.circleMarker([y, x], { radius: 8, weight: 2, color: "#fff", fillColor: "#00467f", fillOpacity: 0.95 }).addTo(map);
      } else {
        marker.setLatLng([y, x]);
      }
      if (center) { map.setView([y, x], Math.max(map.getZoom(), 5)); }
    }

    map.on("click", function (event) {
      var point = event.latlng.wrap();
      lat.value = point.lat.toFixed(5);
      lon.value = point.lng.toFixed(5);
      lat.dispatchEvent(new Event("change", { bubbles: true }));
      lon.dispatchEvent(new Event("change", { bubbles: true }));
      show(false);
    });
    lat.addEventListener("input", function () { show(true); });
    lon.addEventListener("input", function () { show(true); });
    show(true);
    el._coordinatesMap = map;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".coordinates-map[data-latitude-input]"), init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

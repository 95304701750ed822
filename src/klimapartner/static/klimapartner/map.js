// The partner map: draws the directory's current results; drawn again when htmx has swapped them in.
(function () {
  var map = null;
  function draw() {
    var el = document.getElementById("partner-map");
    if (!el || typeof L === "undefined") return;
    if (map) { map.remove(); map = null; }
    var current = L.map(el, { scrollWheelZoom: false }).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], 10);
    map = current;
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(current);
    }
    fetch(el.dataset.geojson, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        // Two quick searches draw twice: only the latest map gets its markers, never the one before it.
        if (map !== current) return;
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 7, color: "#004b10", fillColor: "#008139", fillOpacity: 0.8, weight: 1 });
          },
          onEachFeature: function (feature, marker) {
            var a = document.createElement("a");
            a.href = feature.properties.url;
            a.textContent = feature.properties.name;
            var p = document.createElement("div");
            p.appendChild(a);
            p.appendChild(document.createTextNode(", " + feature.properties.town));
            marker.bindPopup(p);
          }
        }).addTo(current);
        // No zoom animation: the markers are where they belong as soon as the count says the map is drawn.
        if (data.features.length) current.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20], animate: false });
        el.dataset.count = String(data.features.length);
      });
  }
  document.addEventListener("DOMContentLoaded", draw);
  // After the settle, not the swap: htmx's settle step puts back the server's class attribute on an element
  // with the same id, which would strip Leaflet's classes from a map drawn earlier and spill it over the page.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.querySelector("#partner-map")) draw();
  });
})();

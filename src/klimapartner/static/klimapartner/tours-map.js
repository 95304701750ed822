// A tour's route on the map: numbered stops, legs drawn between consecutive stops, depot first and last.
(function () {
  function draw() {
    var el = document.getElementById("tour-map");
    var data = document.getElementById("tour-map-data");
    if (!el || !data || typeof L === "undefined") return;
    var route = JSON.parse(data.textContent);
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.25 });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
    }
    var latlngs = route.points.map(function (p) { return [p.lat, p.lon]; });
    var legs = L.layerGroup().addTo(map);
    for (var i = 1; i < latlngs.length; i++) {
      L.polyline([latlngs[i - 1], latlngs[i]], { color: "#0059b3", weight: 4, opacity: 0.8 }).addTo(legs);
    }
    route.points.slice(0, -1).forEach(function (p) {
      var marker = L.marker([p.lat, p.lon], {
        icon: L.divIcon({ className: "tour-stop", html: p.label, iconSize: [26, 26] }),
        title: p.label + ". " + p.name, alt: p.label + ". " + p.name
      });
      marker.bindPopup(document.createTextNode(p.label + ". " + p.name));
      marker.addTo(map);
    });
    el.dataset.legs = String(latlngs.length - 1);
    map.fitBounds(L.latLngBounds(latlngs), { padding: [24, 24], maxZoom: 13 });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();

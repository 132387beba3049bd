/* The coverage map: neighbourhood circles and facilities from the JSON the page carries.
   Works without tiles (plain background); a tile layer is drawn only when configured. */
(function () {
  "use strict";
  var element = document.getElementById("dashboard-map");
  var source = document.getElementById("dashboard-map-data");
  if (!element || !source || !window.L) {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Colour, outline and dash pattern differ per band: the legend names each one.
  var styles = {
    none: { color: "#4a5560", fillColor: "#d0d7de", dashArray: "2 4" },
    unmet: { color: "#a4161a", fillColor: "#e8847c", dashArray: null },
    thin: { color: "#7a5a00", fillColor: "#f3c94d", dashArray: "8 4" },
    covered: { color: "#1f6e3a", fillColor: "#5fb37a", dashArray: null }
  };
  var map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(data.tiles.url) });
  if (data.tiles.url) {
    L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
  }
  // Data goes into the map as text, never as HTML: Leaflet sets a string tooltip as markup, so
  // names (a facility called "<img onerror=…>") are wrapped in an element holding text only.
  function asText(value, className) {
    var span = document.createElement("span");
    span.textContent = String(value);
    if (className) {
      span.className = className;
    }
    return span;
  }
  var bounds = [];
  data.areas.forEach(function (area) {
    var style = styles[area.band] || styles.none;
    var circle = L.circle([area.lat, area.lon], {
      radius: 250 + 150 * Math.sqrt(area.open_slots),
      color: style.color,
      fillColor: style.fillColor,
      fillOpacity: 0.45,
      weight: area.band === "covered" ? 4 : 2,
      dashArray: style.dashArray
    });
    circle.bindTooltip(asText(area.text)).addTo(map);
    // Every neighbourhood is named on the map itself, not only on hover.
    L.marker([area.lat, area.lon], {
      icon: L.divIcon({ className: "map-label", html: asText(area.name), iconSize: null }),
      interactive: false,
      keyboard: false
    }).addTo(map);
    bounds.push([area.lat, area.lon]);
  });
  data.facilities.forEach(function (facility) {
    L.circleMarker([facility.lat, facility.lon], {
      radius: 4, color: "#1b1f24", weight: 2, fillColor: "#ffffff", fillOpacity: 1
    }).bindTooltip(asText(facility.name)).addTo(map);
    bounds.push([facility.lat, facility.lon]);
  });
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  } else {
    map.setView([51.963, 7.6287], 11);
  }
  L.control.scale({ imperial: false }).addTo(map);
})();

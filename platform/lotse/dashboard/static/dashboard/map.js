/* The coverage map: district boundaries, neighbourhood circles and facilities from the JSON the
   page carries, every name written on the map without overlaps. Works without tiles (plain
   background); a tile layer is drawn only when configured. */
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
  var map = L.map(element, {
    scrollWheelZoom: false, attributionControl: Boolean(data.tiles.url), zoomSnap: 0.25
  });
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
  var labels = []; // {marker, priority}: drawn in order, the lower ones hidden where they collide
  function label(lat, lon, text, className, priority) {
    var marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: className, html: asText(text), iconSize: null }),
      interactive: false,
      keyboard: false
    }).addTo(map);
    labels.push({ marker: marker, priority: priority });
  }
  // District boundaries from the city data (optional), drawn under the circles.
  (data.districts || []).forEach(function (district) {
    if (district.boundary) {
      var rings = district.boundary.map(function (polygon) {
        return polygon.map(function (ring) {
          return ring.map(function (position) { return [position[1], position[0]]; });
        });
      });
      var outline = L.polygon(rings, {
        color: "#3d4a57", weight: 2, dashArray: "6 3", fillColor: "#ffffff", fillOpacity: 0.5,
        interactive: false
      }).addTo(map);
      var box = outline.getBounds();
      bounds.push(box.getSouthWest(), box.getNorthEast());
    }
    if (district.lat !== null && district.lon !== null) {
      label(district.lat, district.lon, district.name, "map-label map-label-district", Infinity);
    }
  });
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
    // Every neighbourhood is named on the map itself, not only on hover; where names would
    // overlap, those with fewer open slots give way (all are in the table below the map).
    label(area.lat, area.lon, area.name, "map-label", area.open_slots);
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

  // Collision avoidance: districts first, then neighbourhoods by open slots (then by name, for
  // a stable picture); a label that overlaps one already shown is hidden.
  labels.sort(function (a, b) {
    if (a.priority !== b.priority) {
      return a.priority > b.priority ? -1 : 1;
    }
    return a.marker.getElement().textContent.localeCompare(b.marker.getElement().textContent);
  });
  function overlaps(a, b) {
    var gap = 2;
    return a.left < b.right + gap && b.left < a.right + gap &&
      a.top < b.bottom + gap && b.top < a.bottom + gap;
  }
  function declutter() {
    var shown = [];
    labels.forEach(function (item) {
      var element = item.marker.getElement();
      element.classList.remove("map-label-hidden");
      var rect = element.firstChild.getBoundingClientRect();
      var clash = shown.some(function (other) { return overlaps(rect, other); });
      if (clash) {
        element.classList.add("map-label-hidden");
      } else {
        shown.push(rect);
      }
    });
  }
  map.on("zoomend moveend resize", declutter);
  declutter();
})();

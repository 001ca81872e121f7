// The public map of partner cities: Leaflet with the offline country layer
// (world-atlas), markers from the portal's GeoJSON of published partner cities, and
// tiles only when the deployment names a tile server. No inline script: everything
// comes from the map element's data-* attributes.
(function () {
  "use strict";
  var element = document.getElementById("portal-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var data = element.dataset;
  var focus = data.focus ? Number(data.focus) : null;
  var map = L.map(element, {
    worldCopyJump: true,
    scrollWheelZoom: false,
    minZoom: 1,
    maxZoom: data.tiles ? 18 : 8,
  }).setView([30, 10], 2);

  if (data.tiles) {
    L.tileLayer(data.tiles, { attribution: data.attribution || "", maxZoom: 18 }).addTo(map);
  } else if (data.countries && typeof topojson !== "undefined") {
    fetch(data.countries)
      .then(function (response) { return response.json(); })
      .then(function (world) {
        var countries = topojson.feature(world, world.objects.countries);
        // Antarctica is a band along the bottom edge on a flat map: leave it out.
        countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
        countries.features.forEach(unwrapFeature);
        L.geoJSON(countries, {
          style: { color: "#7b8495", weight: 0.6, fillColor: "#eef2f6", fillOpacity: 1 },
          interactive: false,
        }).addTo(map).bringToBack();
      })
      .catch(function () { /* the markers still show without the country layer */ });
  }

  // Rings crossing the antimeridian (Russia, Fiji) jump from +180 to -180 and would be
  // drawn as bands across the map: keep each ring's longitudes continuous instead.
  function unwrapRing(ring) {
    var offset = 0;
    for (var i = 1; i < ring.length; i++) {
      var step = ring[i][0] + offset - ring[i - 1][0];
      if (step > 180) { offset -= 360; } else if (step < -180) { offset += 360; }
      ring[i][0] += offset;
    }
  }

  function unwrapFeature(feature) {
    var geometry = feature.geometry;
    if (!geometry) { return; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates]
      : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (polygon) { polygon.forEach(unwrapRing); });
  }

  function text(tag, content) {
    var node = document.createElement(tag);
    node.textContent = content;
    return node;
  }

  function popup(feature) {
    var props = feature.properties;
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("h3");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    title.appendChild(link);
    title.appendChild(document.createTextNode(" (" + props.country_name + ")"));
    box.appendChild(title);
    if (props.partnerships.length) {
      box.appendChild(text("strong", data.labelPartnerships || "Partnerships"));
      var list = document.createElement("ul");
      props.partnerships.forEach(function (p) {
        var item = document.createElement("li");
        var a = document.createElement("a");
        a.href = p.url;
        a.textContent = p.kind + " – " + p.local_government;
        item.appendChild(a);
        item.appendChild(document.createTextNode(" · " + p.status + (p.signed_on ? " · " + p.signed_on.slice(0, 4) : "")));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  fetch(data.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var markers = [];
      var focused = null;
      L.geoJSON(collection, {
        pointToLayer: function (feature, latlng) {
          var isFocus = focus !== null && feature.id === focus;
          return L.circleMarker(latlng, {
            radius: isFocus ? 9 : 7,
            color: isFocus ? "#7a1b14" : "#0b3d91",
            weight: 2,
            fillColor: isFocus ? "#d93025" : "#1f6feb",
            fillOpacity: 0.9,
          });
        },
        onEachFeature: function (feature, layer) {
          layer.bindPopup(popup(feature));
          layer.bindTooltip(feature.properties.name);
          markers.push(layer);
          if (focus !== null && feature.id === focus) {
            focused = layer;
          }
        },
      }).addTo(map);
      element.dataset.markers = String(markers.length);
      element.classList.add("map-ready");
      if (focused) {
        map.setView(focused.getLatLng(), 4);
      } else if (markers.length > 1) {
        map.fitBounds(L.featureGroup(markers).getBounds().pad(0.15), { maxZoom: 5 });
      } else if (markers.length === 1) {
        map.setView(markers[0].getLatLng(), 4);
      }
    })
    .catch(function () {
      element.dataset.markers = "0";
    });
})();

// The map of partner cities: Leaflet with an offline country layer (Natural Earth
// 1:110m from world-atlas), and tiles only when the deployment names a tile server.
// The points come from data-points (a JSON address, fetched) or a json_script block
// with the id map-points; the rest from data-* attributes: no inline script.
(function () {
  "use strict";
  var element = document.getElementById("partner-map");
  var dataBlock = document.getElementById("map-points");
  if (!element || typeof L === "undefined" || (!dataBlock && !element.dataset.points)) {
    return;
  }
  var map = L.map(element, {
    worldCopyJump: true,
    scrollWheelZoom: false,
    minZoom: 1,
    maxBounds: [[-70, -200], [85, 230]],
    maxZoom: element.dataset.tiles ? 18 : 8,
  }).setView([30, 10], 1);

  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution || "",
      maxZoom: 18,
    }).addTo(map);
  } else if (element.dataset.countries && typeof topojson !== "undefined") {
    fetch(element.dataset.countries)
      .then(function (response) { return response.json(); })
      .then(function (world) {
        var countries = topojson.feature(world, world.objects.countries);
        // Antarctica's ring runs along the edge of the projection: leave it out.
        countries.features = countries.features.filter(function (feature) {
          return feature.id !== "010";
        });
        // Rings that cross the antimeridian (Russia, Fiji) would be drawn as lines
        // across the whole map: move their western half beyond 180°.
        countries.features.forEach(function (feature) {
          var geometry = feature.geometry;
          if (!geometry) {
            return;
          }
          var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
          polygons.forEach(function (polygon) {
            polygon.forEach(function (ring) {
              var lons = ring.map(function (point) { return point[0]; });
              if (Math.max.apply(null, lons) - Math.min.apply(null, lons) > 180) {
                ring.forEach(function (point) {
                  if (point[0] < 0) {
                    point[0] += 360;
                  }
                });
              }
            });
          });
        });
        L.geoJSON(countries, {
          style: { color: "#7b8495", weight: 0.6, fillColor: "#e8edf3", fillOpacity: 1 },
          interactive: false,
        }).addTo(map).bringToBack();
      })
      .catch(function () { /* the markers still show without the country layer */ });
  }

  function drawPoints(points) {
    var markers = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lng], {
        radius: 6,
        color: "#0b3d91",
        weight: 2,
        fillColor: "#1f6feb",
        fillOpacity: 0.85,
      });
      var link = document.createElement(point.url ? "a" : "span");
      if (point.url) {
        link.href = point.url;
      }
      link.textContent = point.name + " (" + point.country + ")";
      marker.bindPopup(link);
      marker.bindTooltip(point.name);
      marker.addTo(map);
      markers.push(marker);
    });
    if (markers.length > 1) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 5 });
    } else if (markers.length === 1) {
      map.setView(markers[0].getLatLng(), 4);
    }
    element.dataset.markers = String(markers.length);
  }

  if (dataBlock) {
    drawPoints(JSON.parse(dataBlock.textContent));
  } else {
    fetch(element.dataset.points, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.json();
      })
      .then(drawPoints)
      .catch(function () { element.dataset.markers = "0"; });
  }
})();

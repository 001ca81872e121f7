// The territory diagnosis map: Leaflet with the offline country layer (Natural Earth
// 1:110m from world-atlas, as static/js/map.js), each country filled with the colour
// of its class for the chosen measure. The colours, names and values come from the
// json_script block "territory-data" (computed by the server, which also writes the
// legend and the table); tiles only when the deployment names a tile server.
// Changing "Colour the map by" submits the filter form: no inline script.
(function () {
  "use strict";
  var form = document.getElementById("territory-filters");
  var measure = form && form.querySelector("select[name=measure]");
  if (measure) {
    measure.addEventListener("change", function () { form.submit(); });
  }

  var element = document.getElementById("territory-map");
  var dataBlock = document.getElementById("territory-data");
  if (!element || !dataBlock || typeof L === "undefined" || typeof topojson === "undefined") {
    return;
  }
  var data = JSON.parse(dataBlock.textContent);
  var byId = {};
  data.countries.forEach(function (country) { byId[country.id] = country; });

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
  }

  // Rings that cross the antimeridian (Russia, Fiji) would be drawn as lines across
  // the whole map: move their western half beyond 180°.
  function unwrap(feature) {
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
  }

  fetch(element.dataset.countries)
    .then(function (response) { return response.json(); })
    .then(function (world) {
      var countries = topojson.feature(world, world.objects.countries);
      // Antarctica's ring runs along the edge of the projection: leave it out.
      countries.features = countries.features.filter(function (feature) {
        return feature.id !== "010";
      });
      countries.features.forEach(unwrap);
      var coloured = 0;
      L.geoJSON(countries, {
        style: function (feature) {
          var country = byId[feature.id];
          if (country && country.colour !== data.nothing) {
            coloured += 1;
          }
          return {
            color: country && country.gaps ? "#b42318" : "#7b8495",
            weight: country && country.gaps ? 1.6 : 0.6,
            fillColor: country ? country.colour : data.nothing,
            fillOpacity: 1,
          };
        },
        onEachFeature: function (feature, layer) {
          var country = byId[feature.id];
          if (country) {
            layer.bindTooltip(country.name + ": " + country.value + " (" + data.measure + ")");
          }
        },
      }).addTo(map).bringToBack();
      element.dataset.coloured = String(coloured);
      element.classList.add("map-ready");
    })
    .catch(function () { element.dataset.coloured = "0"; });
})();

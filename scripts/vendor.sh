#!/usr/bin/env bash
# Copy the front-end libraries from the npm registry into static/vendor/ (committed),
# so that the quick start and production need no node and no CDN.
# Run after changing package.json: `bash scripts/vendor.sh`, then commit static/vendor.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

NM=node_modules
OUT=static/vendor
rm -rf "$OUT"
mkdir -p "$OUT/pico" "$OUT/leaflet/images" "$OUT/world-atlas" "$OUT/topojson-client"

# Pico CSS: the class-based build, blue theme (contrast AA on its default colours).
cp "$NM/@picocss/pico/css/pico.blue.min.css" "$OUT/pico/"
cp "$NM/@picocss/pico/LICENSE.md" "$OUT/pico/"

# Leaflet: the script, its source map (whitenoise's manifest storage follows the
# sourceMappingURL comment and fails without it), the stylesheet and its images.
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.js.map" "$NM/leaflet/dist/leaflet.css" \
  "$OUT/leaflet/"
cp "$NM"/leaflet/dist/images/*.png "$OUT/leaflet/images/"
cp "$NM/leaflet/LICENSE" "$OUT/leaflet/"

# The offline country layer: Natural Earth 1:110m countries as TopoJSON.
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/LICENSE" "$OUT/world-atlas/"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$NM/topojson-client/LICENSE" \
  "$OUT/topojson-client/"

# axe-core is only for the accessibility checks of the browser tests; it is never
# served to users.
mkdir -p tests/browser/vendor
cp "$NM/axe-core/axe.min.js" tests/browser/vendor/
cp "$NM/axe-core/LICENSE" tests/browser/vendor/axe-core-LICENSE

echo "Vendored into $OUT and tests/browser/vendor."

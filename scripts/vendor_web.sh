#!/usr/bin/env bash
# Rebuild the web page's vendored map data (rasd/web/static/vendor/) from npm packages.
#
#   bash scripts/vendor_web.sh
#
# Installs world-atlas (Natural Earth country outlines as TopoJSON) and topojson-client into a temporary
# folder, decodes the 1:10m countries with topojson-client, clips them to the region the project covers
# (the Arab world: the Maghreb, Egypt, Sudan and the Horn, the Levant, Iraq, the Gulf), rounds coordinates and writes one small
# GeoJSON file. Only that file, the packages' LICENSE files and NOTICE.md are kept. Needs node and npm;
# the page itself needs neither (it loads the GeoJSON from its own server).
set -euo pipefail
cd "$(dirname "$0")/.."
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
DEST=rasd/web/static/vendor
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

(cd "$TMP" && npm init -y >/dev/null && \
  npm install --no-audit --no-fund --silent "world-atlas@$WORLD_ATLAS" "topojson-client@$TOPOJSON_CLIENT" >/dev/null)

mkdir -p "$DEST"
cat > "$TMP/crop.js" <<'JS'
// Decode countries-10m.json, clip every ring to the region's box, round, write GeoJSON.
const fs = require("fs");
const topojson = require("topojson-client");
const [src, out] = process.argv.slice(2);
const BOX = { w: -18, s: -5, e: 66, n: 44 };  // lon/lat: Morocco and Mauritania to Iran, Somalia to Anatolia
const topo = JSON.parse(fs.readFileSync(src, "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);

function clipEdge(pts, inside, cross) {
  const res = [];
  for (let i = 0; i < pts.length; i++) {
    const cur = pts[i], prev = pts[(i + pts.length - 1) % pts.length];
    const ci = inside(cur), pi = inside(prev);
    if (ci) { if (!pi) res.push(cross(prev, cur)); res.push(cur); }
    else if (pi) res.push(cross(prev, cur));
  }
  return res;
}
const atX = (x) => (a, b) => [x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])];
const atY = (y) => (a, b) => [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y];
function clipRing(ring) {  // Sutherland-Hodgman against the box (convex), open ring in, closed out
  let p = ring.slice(0, -1);
  p = clipEdge(p, (q) => q[0] >= BOX.w, atX(BOX.w));
  p = clipEdge(p, (q) => q[0] <= BOX.e, atX(BOX.e));
  p = clipEdge(p, (q) => q[1] >= BOX.s, atY(BOX.s));
  p = clipEdge(p, (q) => q[1] <= BOX.n, atY(BOX.n));
  const r = [];
  for (const q of p) {
    const v = [Math.round(q[0] * 100) / 100, Math.round(q[1] * 100) / 100];
    const last = r[r.length - 1];
    // drop points within ~3 km of the last one kept: finer than the page ever draws
    if (!last || Math.abs(last[0] - v[0]) + Math.abs(last[1] - v[1]) >= 0.03) r.push(v);
  }
  if (r.length < 3) return null;
  r.push(r[0]);
  return r;
}
const features = [];
for (const f of fc.features) {
  if (!f.geometry) continue;
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = [];
  for (const poly of polys) {
    const outer = clipRing(poly[0]);
    if (!outer) continue;
    kept.push([outer, ...poly.slice(1).map(clipRing).filter(Boolean)]);
  }
  if (kept.length) {
    features.push({ type: "Feature", id: f.id, properties: { name: f.properties.name },
                    geometry: { type: "MultiPolygon", coordinates: kept } });
  }
}
const meta = { source: "world-atlas countries-10m.json (Natural Earth 1:10m, v4.1.0)", bbox: [BOX.w, BOX.s, BOX.e, BOX.n] };
fs.writeFileSync(out, JSON.stringify({ type: "FeatureCollection", rasd: meta, features }));
console.log(`${features.length} countries written to ${out}`);
JS
NODE_PATH="$TMP/node_modules" node "$TMP/crop.js" "$TMP/node_modules/world-atlas/countries-10m.json" "$DEST/region-countries.geojson"

cp "$TMP/node_modules/world-atlas/LICENSE" "$DEST/LICENSE.world-atlas"
cp "$TMP/node_modules/topojson-client/LICENSE" "$DEST/LICENSE.topojson-client"
cat > "$DEST/NOTICE.md" <<MD
# Vendored data of the web page

Made by \`scripts/vendor_web.sh\`; do not edit by hand.

| file | from | version | licence |
|---|---|---|---|
| \`region-countries.geojson\` | npm \`world-atlas\` (\`countries-10m.json\`), a redistribution of Natural Earth 1:10m admin-0 countries (v4.1.0); decoded with npm \`topojson-client\`, clipped to lon -18..66, lat -5..44, coordinates rounded to 0.01° and thinned to about 3 km | world-atlas $WORLD_ATLAS, topojson-client $TOPOJSON_CLIENT | Natural Earth data: public domain; world-atlas: ISC (\`LICENSE.world-atlas\`); topojson-client: ISC (\`LICENSE.topojson-client\`) |

Country outlines and names are Natural Earth's and show de facto boundaries as Natural Earth draws
them; they are a backdrop, not a statement about any border.
MD
ls -la "$DEST"

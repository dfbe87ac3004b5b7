// The event map: Natural Earth country outlines (vendored, see static/vendor/NOTICE.md) drawn as SVG in a
// Mercator projection under a second SVG in screen pixels that holds the markers: one circle per
// real-world event (colour: event type, area: people killed); markers that would overlap at the present
// zoom are drawn as one bubble with their count. Wheel, drag, buttons and keys (arrows, + and -, 0) move
// it; hover or focus shows a card; the view can be written to and read from the address.
import { get } from "./api.js";
import { h, put, svg, clear } from "./dom.js";
import { TYPE_SHORT, fmtWindow, placeText, plural, typeClass, typeColour, EVENT_TYPES } from "./format.js";

const RAD = Math.PI / 180;
const MAX_LAT = 80;

// Projected coordinates are in "degrees": x = longitude, y = -Mercator(latitude) (so north is up).
export function project(lon, lat) {
  const phi = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * RAD;
  return [lon, -Math.log(Math.tan(Math.PI / 4 + phi / 2)) / RAD];
}

let countriesPromise = null;
function countries() {
  if (!countriesPromise) countriesPromise = get("/static/vendor/region-countries.geojson");
  return countriesPromise;
}

function ringPath(ring) {
  let d = "";
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = project(ring[i][0], ring[i][1]);
    d += (i ? "L" : "M") + x.toFixed(3) + " " + y.toFixed(3);
  }
  return d + "Z";
}

export function radiusPx(fatalities) {
  if (fatalities === null || fatalities === undefined) return 3.5;
  return Math.min(22, 4 + 2.4 * Math.sqrt(Math.max(0, fatalities)));
}

const KM_PER_DEG = 111.32;
const PAN_PX = 80;

function niceKm(km) {
  const p = Math.pow(10, Math.floor(Math.log10(km)));
  for (const m of [5, 2, 1]) if (m * p <= km) return m * p;
  return p;
}

function tollWords(n) {
  return n === null || n === undefined ? "toll not reported" : `${n.toLocaleString("en")} killed`;
}

export class EventMap {
  // onView({lon, lat, zoom}): called after the reader moves the map (not after fit()).
  // onLayer("events" | "provinces"): the reader switched layers; onProvince(code): a province was picked.
  constructor(container, { onView, onLayer, onProvince } = {}) {
    this.container = container;
    this.onView = onView;
    this.onLayer = onLayer;
    this.onProvince = onProvince;
    this.layer = "events";
    this.provinces = [];
    this.provMarks = [];
    this.state = null; // {cx, cy, k}: centre in projected units, k projected units per pixel
    this.bounds = null; // projected box of the base map
    this.points = [];
    this.labels = [];
    this.groupsK = null;
    this.markers = [];
    this.build();
  }

  build() {
    const c = clear(this.container);
    this.svg = svg("svg", { class: "map-svg", "aria-hidden": "true", preserveAspectRatio: "none" });
    this.gLand = svg("g", { class: "land-layer" });
    this.gLabels = svg("g", { class: "label-layer" });
    this.svg.append(svg("rect", { class: "sea", x: -1000, y: -1000, width: 2000, height: 2000 }), this.gLand, this.gLabels);
    this.msvg = svg("svg", { class: "marker-svg", role: "group", "aria-label": "Events on the map" });
    this.gMarkers = svg("g", { class: "marker-layer" });
    this.gProv = svg("g", { class: "province-layer", hidden: true });
    this.msvg.append(this.gMarkers, this.gProv);
    // the buttons are for the mouse (out of the Tab order): the focused map takes + − 0 and arrows
    const zoomIn = h("button", { type: "button", class: "map-btn", title: "Zoom in (+)", "aria-label": "Zoom in", tabindex: "-1" }, "+");
    const zoomOut = h("button", { type: "button", class: "map-btn", title: "Zoom out (−)", "aria-label": "Zoom out", tabindex: "-1" }, "−");
    const fit = h("button", { type: "button", class: "map-btn fit", title: "Fit the events (0)", "aria-label": "Fit the events", tabindex: "-1" }, "⤢");
    zoomIn.addEventListener("click", () => this.zoomBy(1 / 1.6, undefined, undefined, true));
    zoomOut.addEventListener("click", () => this.zoomBy(1.6, undefined, undefined, true));
    fit.addEventListener("click", () => this.fit());
    this.layerBtn = h("button", { type: "button", class: "map-btn layer", title: "Events per province (the province's capital); key P",
      "aria-label": "Events per province", "aria-pressed": "false", tabindex: "-1" }, "▦");
    this.layerBtn.addEventListener("click", () => {
      const next = this.layer === "provinces" ? "events" : "provinces";
      this.setLayer(next);
      if (this.onLayer) this.onLayer(next);
    });
    this.note = h("div", { class: "map-note" });
    this.pop = h("div", { class: "map-pop", role: "tooltip", id: "map-pop", hidden: true });
    this.scale = h("div", { class: "map-scale", "aria-hidden": "true" }, this.scaleBar = h("span", { class: "map-scale-bar" }),
      this.scaleText = h("span", { class: "map-scale-text" }));
    this.legend = h("div", { class: "map-legend", "aria-hidden": "true" });
    // the frame takes the keys: one Tab stop for the map, and one for its current marker
    this.frame = h("div", { class: "map-frame", tabindex: "0", role: "application",
      "aria-label": "Map of the events. Arrow keys move it, + and − zoom, 0 fits the events, P shows events per province; Tab goes to its markers.",
      "aria-describedby": "map-pop" }, this.svg, this.msvg);
    c.append(this.frame, h("div", { class: "map-controls" }, zoomIn, zoomOut, fit, this.layerBtn), this.note, this.legend, this.scale,
      this.pop, h("div", { class: "map-credit" }, "Outlines: Natural Earth"));
    this.drawLegend();
    this.bindGestures();
    this.bindKeys();
    this.ready = countries().then((geo) => this.drawLand(geo)).catch(() => {
      this.note.textContent = "Base map unavailable";
      this.note.hidden = false;
    });
    // a view the page fitted (not one the reader chose) is fitted again when the map's size changes
    this.resizeObserver = new ResizeObserver(() => (this.fitted ? this.fit() : this.apply()));
    this.resizeObserver.observe(this.frame);
  }

  drawLegend() {
    const sizes = [1, 10, 50];
    const W = 118, H = 50;
    const g = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}` });
    let x = 10;
    for (const n of sizes) {
      const r = radiusPx(n);
      g.append(svg("circle", { class: "legend-circle", cx: x + r, cy: 30 - r + 10, r }),
        svg("text", { class: "legend-text", x: x + r, y: H - 1, "text-anchor": "middle" }, String(n)));
      x += 2 * r + 10;
    }
    put(this.legend, h("div", { class: "map-legend-title" }, "Killed per event"), g,
      h("div", { class: "map-legend-row" }, h("span", { class: "legend-bubble" }, "3"), " overlapping events"));
  }

  drawLand(geo) {
    const box = (geo.rasd && geo.rasd.bbox) || [-18, -5, 66, 44];
    const [x0, y1] = project(box[0], box[1]);
    const [x1, y0] = project(box[2], box[3]);
    this.bounds = { x0, y0, x1, y1 };
    for (const f of geo.features || []) {
      let d = "";
      let best = null;
      for (const poly of f.geometry.coordinates) {
        for (const ring of poly) d += ringPath(ring);
        const xs = poly[0].map((p) => p[0]);
        const ys = poly[0].map((p) => p[1]);
        const area = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
        if (!best || area > best.area) best = { area, xs, ys };
      }
      const name = (f.properties && f.properties.name) || "";
      this.gLand.append(svg("path", { class: "land", d, "data-name": name }));
      if (best && name) {
        const [lx, ly] = project((Math.min(...best.xs) + Math.max(...best.xs)) / 2, (Math.min(...best.ys) + Math.max(...best.ys)) / 2);
        const [ax] = project(Math.min(...best.xs), 0);
        const [bx] = project(Math.max(...best.xs), 0);
        const t = svg("text", { class: "country-label", x: lx, y: ly, "text-anchor": "middle" }, name);
        this.gLabels.append(t);
        this.labels.push({ el: t, width: bx - ax });
      }
    }
    if (!this.state || this.fitted) this.fit();
    else this.apply();
  }

  // points: {cluster_id, latitude, longitude, fatalities, event_type, ...} (from /api/map).
  // view: {lon, lat, zoom} to show instead of fitting the points.
  setPoints(points, { total = points.length, view = null } = {}) {
    this.points = points.filter((e) => typeof e.latitude === "number" && typeof e.longitude === "number").map((e) => {
      const [x, y] = project(e.longitude, e.latitude);
      return { e, x, y, r: radiusPx(e.fatalities) };
    });
    this.groupsK = null;
    this.current = null;
    const parts = [];
    if (total > points.length) parts.push(`${points.length} of ${total} events drawn`);
    this.note.textContent = parts.join(" · ");
    this.note.hidden = parts.length === 0;
    if (view && this.setView(view)) return;
    this.fit();
  }

  setLayer(layer) {
    this.layer = layer === "provinces" ? "provinces" : "events";
    const prov = this.layer === "provinces";
    this.layerBtn.setAttribute("aria-pressed", String(prov));
    this.layerBtn.classList.toggle("on", prov);
    this.legend.hidden = prov;
    if (prov) {
      this.gMarkers.setAttribute("hidden", "");
      this.gProv.removeAttribute("hidden");
    } else {
      this.gProv.setAttribute("hidden", "");
      this.gMarkers.removeAttribute("hidden");
    }
    this.hidePop();
  }

  // provinces: [{code, name, latitude, longitude, events, fatalities}] (from /api/provinces): one disc
  // per province at its point, its area and its shade by the number of events.
  setProvinces(list) {
    clear(this.gProv);
    this.provMarks = [];
    const placed = (list || []).filter((p) => typeof p.latitude === "number" && typeof p.longitude === "number");
    const max = Math.max(1, ...placed.map((p) => p.events));
    placed.sort((a, b) => b.events - a.events);
    for (const p of placed) {
      const [x, y] = project(p.longitude, p.latitude);
      const r = Math.min(30, 9 + 3 * Math.sqrt(p.events));
      const shade = Math.min(9, Math.round((p.events / max) * 9));
      const label = `${p.name}: ${plural(p.events, "event")}, ${p.fatalities.toLocaleString("en")} killed`;
      const a = svg("a", { href: "#/", class: "prov-link", tabindex: "-1", "aria-label": label + ". Enter: show only this province",
        "data-code": p.code, "data-count": String(p.events) },
      svg("circle", { class: ["prov", "s" + shade], r: r.toFixed(1) }),
      svg("text", { class: "prov-n", "text-anchor": "middle", dy: "0.35em" }, String(p.events)));
      const g = { x, y, r, p, el: a, members: [] };
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        if (this.onProvince) this.onProvince(p.code);
      });
      const show = () => {
        this.popFor = g;
        put(clear(this.pop), h("div", { class: "pop-type" }, p.name),
          h("div", null, plural(p.events, "event")), h("div", { class: p.fatalities > 0 ? "dead" : null }, `${p.fatalities.toLocaleString("en")} killed`),
          h("div", { class: "pop-hint muted" }, "Click to show only this province"));
        this.pop.hidden = false;
        this.positionPop(g);
      };
      a.addEventListener("pointerenter", show);
      a.addEventListener("focus", show);
      a.addEventListener("pointerleave", () => this.hidePop());
      a.addEventListener("blur", () => this.hidePop());
      this.gProv.append(a);
      this.provMarks.push(g);
    }
    // one Tab stop: the province with most events
    if (this.provMarks.length) this.provMarks[0].el.setAttribute("tabindex", "0");
    for (const g of [...this.provMarks].reverse()) this.gProv.append(g.el); // large last
    if (this.state) this.place();
  }

  size() {
    const r = this.frame.getBoundingClientRect();
    return { w: Math.max(50, r.width), h: Math.max(50, r.height) };
  }

  view() {
    if (!this.state) return null;
    const s = this.state;
    const lat = (2 * Math.atan(Math.exp(-s.cy * RAD)) - Math.PI / 2) / RAD;
    return { lon: s.cx, lat, zoom: Math.log2(1 / s.k) };
  }

  setView({ lon, lat, zoom }) {
    if (![lon, lat, zoom].every(Number.isFinite)) return false;
    const [cx, cy] = project(lon, lat);
    this.fitted = false;
    this.state = { cx, cy, k: this.clampK(Math.pow(2, -zoom)) };
    this.apply();
    return true;
  }

  fit() {
    this.fitted = true;
    const { w, h: hh } = this.size();
    let box;
    if (this.points.length) {
      const xs = this.points.map((c) => c.x);
      const ys = this.points.map((c) => c.y);
      box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
      const minSpan = 1.5;
      const cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
      const sx = Math.max(minSpan, box.x1 - box.x0), sy = Math.max(minSpan, box.y1 - box.y0);
      // room for the markers' radius and the controls: 40 px on every side
      const k = Math.max(sx / Math.max(50, w - 80), sy / Math.max(50, hh - 80));
      this.state = { cx, cy, k: this.clampK(k) };
      this.apply();
      return;
    } else if (this.bounds) {
      const [x0, y0] = project(25, 38);
      const [x1, y1] = project(60, 12);
      box = { x0, y0, x1, y1 };
    } else {
      return;
    }
    const k = Math.max((box.x1 - box.x0) / w, (box.y1 - box.y0) / hh);
    this.state = { cx: (box.x0 + box.x1) / 2, cy: (box.y0 + box.y1) / 2, k: this.clampK(k) };
    this.apply();
  }

  zoomBy(f, px, py, byReader = true) {
    if (!this.state) return;
    const { w, h: hh } = this.size();
    const s = this.state;
    const k = this.clampK(s.k * f);
    if (px !== undefined) {
      // keep the point under the cursor where it is
      const mx = s.cx + (px - w / 2) * s.k;
      const my = s.cy + (py - hh / 2) * s.k;
      s.cx = mx - (px - w / 2) * k;
      s.cy = my - (py - hh / 2) * k;
    }
    s.k = k;
    this.apply();
    if (byReader) this.moved();
  }

  panBy(dx, dy) {
    if (!this.state) return;
    this.state.cx += dx * this.state.k;
    this.state.cy += dy * this.state.k;
    this.apply();
    this.moved();
  }

  moved() {
    this.fitted = false;
    clearTimeout(this.viewTimer);
    this.viewTimer = setTimeout(() => {
      if (this.onView && this.state) this.onView(this.view());
    }, 250);
  }

  clampK(k) {
    const { w } = this.size();
    const maxK = this.bounds ? (this.bounds.x1 - this.bounds.x0) / w : 0.2;
    return Math.max(0.0015, Math.min(maxK, k));
  }

  apply() {
    if (!this.state) return;
    const { w, h: hh } = this.size();
    const s = this.state;
    if (this.bounds) {
      // keep the view over the base map
      const b = this.bounds;
      const hw = (w * s.k) / 2, hh2 = (hh * s.k) / 2;
      s.cx = Math.min(Math.max(s.cx, b.x0 + hw), b.x1 - hw);
      if (b.x1 - b.x0 < 2 * hw) s.cx = (b.x0 + b.x1) / 2;
      s.cy = Math.min(Math.max(s.cy, b.y0 + hh2), b.y1 - hh2);
      if (b.y1 - b.y0 < 2 * hh2) s.cy = (b.y0 + b.y1) / 2;
    }
    const vb = [s.cx - (w * s.k) / 2, s.cy - (hh * s.k) / 2, w * s.k, hh * s.k];
    this.origin = { x: vb[0], y: vb[1] };
    this.svg.setAttribute("viewBox", vb.map((v) => v.toFixed(5)).join(" "));
    const fs = 11 * s.k;
    for (const l of this.labels) {
      const show = l.width / s.k > 70;
      l.el.setAttribute("font-size", fs.toFixed(5));
      l.el.style.display = show ? "" : "none";
    }
    if (this.groupsK !== s.k) this.group();
    this.place();
    this.drawScale();
  }

  screen(p) {
    return [(p.x - this.origin.x) / this.state.k, (p.y - this.origin.y) / this.state.k];
  }

  // Markers whose circles would overlap at this zoom become one bubble (single-link: a chain of
  // overlapping circles is one group), again and again until no bubble overlaps another: nothing is
  // hidden under anything. Redone when the zoom changes, not when the map only moves.
  group() {
    const k = this.state.k;
    this.groupsK = k;
    const make = (members) => {
      members.sort((a, b) => (b.e.fatalities || 0) - (a.e.fatalities || 0) || String(a.e.cluster_id).localeCompare(String(b.e.cluster_id)));
      const x = members.reduce((s, m) => s + m.x, 0) / members.length;
      const y = members.reduce((s, m) => s + m.y, 0) / members.length;
      const dead = members.reduce((s, m) => s + (m.e.fatalities || 0), 0);
      const r = members.length === 1 ? members[0].r : Math.min(26, 10 + 3 * Math.sqrt(members.length));
      return { members, x, y, r, dead };
    };
    let groups = this.points.map((p) => make([p]));
    for (let round = 0; round < 50; round++) {
      const parent = groups.map((_, i) => i);
      const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
      const cell = 56;
      const grid = new Map();
      let merged = false;
      groups.forEach((p, i) => {
        const gx = Math.floor(p.x / k / cell), gy = Math.floor(p.y / k / cell);
        for (let dx = -1; dx <= 1; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            for (const j of grid.get(`${gx + dx},${gy + dy}`) || []) {
              const q = groups[j];
              if (Math.hypot((p.x - q.x) / k, (p.y - q.y) / k) < p.r + q.r - 1 && find(i) !== find(j)) {
                parent[find(i)] = find(j);
                merged = true;
              }
            }
          }
        }
        const key = `${gx},${gy}`;
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(i);
      });
      if (!merged) break;
      const byRoot = new Map();
      groups.forEach((g, i) => {
        const r = find(i);
        if (!byRoot.has(r)) byRoot.set(r, []);
        byRoot.get(r).push(...g.members);
      });
      groups = [...byRoot.values()].map(make);
    }
    // small first, large last
    this.groups = groups.sort((a, b) => a.r - b.r || a.dead - b.dead);
    this.drawMarkers();
  }

  drawMarkers() {
    const keep = this.current && this.current.members[0].e.cluster_id;
    const hadFocus = this.msvg.contains(document.activeElement);
    clear(this.gMarkers);
    this.markers = [];
    for (const g of this.groups) {
      const single = g.members.length === 1;
      const e = g.members[0].e;
      const label = single ? this.describe(e) : `${g.members.length} events here, ${g.dead.toLocaleString("en")} killed: zoom in to tell them apart`;
      const shape = single
        ? svg("circle", { class: "ev", r: g.r.toFixed(2), fill: typeColour(e.event_type), "data-type": String(EVENT_TYPES.indexOf(e.event_type)) })
        : svg("g", { class: "bubble" }, svg("circle", { class: "ev-bubble", r: g.r.toFixed(2) }),
          svg("text", { class: "bubble-n", "text-anchor": "middle", dy: "0.35em" }, String(g.members.length)));
      const a = svg("a", {
        href: single ? "#/cluster/" + encodeURIComponent(e.cluster_id) : "#/",
        class: single ? "ev-link" : "ev-link group-link", tabindex: "-1", "aria-label": label,
        "data-cluster-id": single ? e.cluster_id : null, "data-count": String(g.members.length),
      }, shape);
      if (!single) {
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          this.openGroup(g);
        });
      }
      a.addEventListener("pointerenter", () => this.showPop(g, a));
      a.addEventListener("pointerleave", () => this.hidePop());
      a.addEventListener("focus", () => {
        this.setCurrent(g);
        this.showPop(g, a);
      });
      a.addEventListener("blur", () => this.hidePop());
      g.el = a;
      this.gMarkers.append(a);
      this.markers.push(g);
    }
    // the roving Tab stop: the deadliest group, or the one that had it
    const cur = (keep && this.groups.find((g) => g.members.some((m) => m.e.cluster_id === keep))) ||
      [...this.groups].sort((a, b) => b.dead - a.dead || b.members.length - a.members.length)[0];
    if (cur) this.setCurrent(cur);
    if (hadFocus && cur) cur.el.focus({ preventScroll: true });
  }

  setCurrent(g) {
    if (this.current && this.current.el) this.current.el.setAttribute("tabindex", "-1");
    this.current = g;
    g.el.setAttribute("tabindex", "0");
  }

  place() {
    const { w, h: hh } = this.size();
    this.msvg.setAttribute("width", String(w));
    this.msvg.setAttribute("height", String(hh));
    for (const g of this.markers) {
      const [sx, sy] = this.screen(g);
      g.sx = sx;
      g.sy = sy;
      g.el.setAttribute("transform", `translate(${sx.toFixed(1)} ${sy.toFixed(1)})`);
    }
    for (const g of this.provMarks) {
      const [sx, sy] = this.screen(g);
      g.sx = sx;
      g.sy = sy;
      g.el.setAttribute("transform", `translate(${sx.toFixed(1)} ${sy.toFixed(1)})`);
    }
    if (this.popFor) this.positionPop(this.popFor);
  }

  drawScale() {
    const lat = this.view().lat;
    const kmPerPx = this.state.k * KM_PER_DEG * Math.cos(lat * RAD);
    const km = niceKm(kmPerPx * 110);
    const px = km / kmPerPx;
    this.scaleBar.className = "map-scale-bar";
    this.scaleBar.setAttribute("data-px", px.toFixed(1));
    // a width without a style attribute (CSP): the bar is an SVG line
    clear(this.scaleBar).append(svg("svg", { width: Math.ceil(px) + 2, height: 8 },
      svg("path", { class: "scale-line", d: `M1 1V7H${(px + 1).toFixed(1)}V1` })));
    this.scaleText.textContent = km >= 1 ? `${km.toLocaleString("en")} km` : `${Math.round(km * 1000)} m`;
  }

  describe(e) {
    const toll = tollWords(e.fatalities);
    return `${e.sub_event_type || e.event_type}, ${placeText(e)}, ${fmtWindow(e.event_date, e.date_end)}, ${toll}, ` +
      `${plural(e.n_reports || 1, "report")} from ${plural(e.n_sources || 1, "outlet")}`;
  }

  showPop(g, a) {
    this.popFor = g;
    const pop = clear(this.pop);
    if (g.members.length === 1) {
      const e = g.members[0].e;
      put(pop,
        h("div", { class: "pop-type" }, h("span", { class: ["dot", typeClass(e.event_type)] }),
          " ", e.sub_event_type || e.event_type),
        h("div", { class: "pop-place" }, placeText(e)),
        h("div", { class: "pop-date" }, fmtWindow(e.event_date, e.date_end)),
        h("div", { class: ["pop-toll", e.fatalities > 0 ? "dead" : null] }, tollWords(e.fatalities)),
        h("div", { class: "pop-src muted" }, `${plural(e.n_reports || 1, "report")} from ${plural(e.n_sources || 1, "outlet")}`),
        h("div", { class: "pop-hint muted" }, "Click to open its reports"));
    } else {
      const shown = g.members.slice(0, 6);
      put(pop,
        h("div", { class: "pop-type" }, `${g.members.length} events here · ${g.dead.toLocaleString("en")} killed`),
        h("ul", { class: "pop-list" }, shown.map((m) => h("li", null,
          `${TYPE_SHORT[m.e.event_type] || m.e.event_type} · ${m.e.location || m.e.admin1 || ""} · ${fmtWindow(m.e.event_date, m.e.date_end)} · ${tollWords(m.e.fatalities)}`))),
        g.members.length > shown.length ? h("div", { class: "muted" }, `and ${g.members.length - shown.length} more`) : null,
        h("div", { class: "pop-hint muted" }, this.separable(g) ? "Click to zoom in" : "Click to list them"));
    }
    pop.hidden = false;
    this.positionPop(g);
    void a;
  }

  positionPop(g) {
    const { w, h: hh } = this.size();
    const pw = this.pop.offsetWidth || 220, ph = this.pop.offsetHeight || 100;
    let x = g.sx + g.r + 8, y = g.sy - ph / 2;
    if (x + pw > w - 6) x = g.sx - g.r - 8 - pw;
    y = Math.max(6, Math.min(hh - ph - 6, y));
    x = Math.max(6, x);
    // positions by class steps would be coarse; a transform is set through the CSSOM, which CSP allows
    this.pop.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }

  hidePop() {
    this.popFor = null;
    this.pop.hidden = true;
  }

  // Can zooming in tell a group's events apart? Not when they share one spot.
  separable(g) {
    const xs = g.members.map((m) => m.x), ys = g.members.map((m) => m.y);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    return span > 0.002 && this.state.k > this.clampK(0);
  }

  openGroup(g) {
    if (this.separable(g)) {
      const xs = g.members.map((m) => m.x), ys = g.members.map((m) => m.y);
      const { w, h: hh } = this.size();
      const sx = Math.max(...xs) - Math.min(...xs), sy = Math.max(...ys) - Math.min(...ys);
      const k = this.clampK(Math.min(this.state.k / 2, Math.max(sx / Math.max(50, w - 160), sy / Math.max(50, hh - 160))));
      this.state = { cx: (Math.max(...xs) + Math.min(...xs)) / 2, cy: (Math.max(...ys) + Math.min(...ys)) / 2, k };
      this.apply();
      this.moved();
      return;
    }
    // one spot: a list of links, keyboard reachable, closed by Escape
    const pop = clear(this.pop);
    const close = h("button", { type: "button", class: "pop-close", "aria-label": "Close" }, "×");
    close.addEventListener("click", () => {
      this.hidePop();
      g.el.focus({ preventScroll: true });
    });
    put(pop, h("div", { class: "pop-type" }, `${g.members.length} events at this spot`), close,
      h("ul", { class: "pop-list" }, g.members.map((m) => h("li", null, h("a", { href: "#/cluster/" + encodeURIComponent(m.e.cluster_id) },
        `${m.e.sub_event_type || m.e.event_type} · ${fmtWindow(m.e.event_date, m.e.date_end)} · ${tollWords(m.e.fatalities)}`)))));
    pop.hidden = false;
    this.popFor = g;
    this.positionPop(g);
    const first = pop.querySelector("a");
    if (first) first.focus();
  }

  bindKeys() {
    const zoomKey = (ev) => {
      if (ev.key === "+" || ev.key === "=") return 1 / 1.6;
      if (ev.key === "-" || ev.key === "−" || ev.key === "_") return 1.6;
      return null;
    };
    this.frame.addEventListener("keydown", (ev) => {
      if (ev.target !== this.frame || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      const step = { ArrowLeft: [-PAN_PX, 0], ArrowRight: [PAN_PX, 0], ArrowUp: [0, -PAN_PX], ArrowDown: [0, PAN_PX] }[ev.key];
      const z = zoomKey(ev);
      if (step) this.panBy(step[0], step[1]);
      else if (z) this.zoomBy(z);
      else if (ev.key === "0") this.fit();
      else if (ev.key === "p" || ev.key === "P") this.layerBtn.click();
      else return;
      ev.preventDefault();
    });
    // on a marker, arrows go to the nearest marker that way; + and - zoom around it
    this.msvg.addEventListener("keydown", (ev) => {
      const g = this.markers.find((m) => m.el === ev.target.closest("a"));
      if (!g) return;
      const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[ev.key];
      const z = zoomKey(ev);
      if (dir) {
        let best = null, bestD = Infinity;
        for (const m of this.markers) {
          if (m === g) continue;
          const dx = m.sx - g.sx, dy = m.sy - g.sy;
          const along = dx * dir[0] + dy * dir[1];
          if (along <= 0) continue;
          const d = along + 2 * Math.abs(dx * dir[1] - dy * dir[0]);
          if (d < bestD) { best = m; bestD = d; }
        }
        if (best) {
          this.setCurrent(best);
          best.el.focus({ preventScroll: true });
        }
      } else if (z) {
        this.zoomBy(z, g.sx, g.sy);
      } else if (ev.key === " ") {
        g.el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
      } else {
        return;
      }
      ev.preventDefault();
    });
    this.pop.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape" && this.popFor) {
        const g = this.popFor;
        this.hidePop();
        if (g.el) g.el.focus({ preventScroll: true });
      }
    });
  }

  bindGestures() {
    const el = this.frame;
    let start = null;
    let dragged = false;
    el.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = el.getBoundingClientRect();
      this.zoomBy(ev.deltaY > 0 ? 1.25 : 0.8, ev.clientX - r.left, ev.clientY - r.top);
    }, { passive: false });
    el.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0 || !this.state) return;
      start = { x: ev.clientX, y: ev.clientY, cx: this.state.cx, cy: this.state.cy, id: ev.pointerId };
      dragged = false;
    });
    el.addEventListener("pointermove", (ev) => {
      if (!start || ev.pointerId !== start.id) return;
      const dx = ev.clientX - start.x, dy = ev.clientY - start.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!dragged) {
        dragged = true;
        el.setPointerCapture(ev.pointerId);
        el.classList.add("dragging");
        this.hidePop();
      }
      this.fitted = false;
      this.state.cx = start.cx - dx * this.state.k;
      this.state.cy = start.cy - dy * this.state.k;
      this.apply();
    });
    const end = () => {
      if (start && dragged) this.moved();
      start = null;
      el.classList.remove("dragging");
    };
    el.addEventListener("pointerup", end);
    el.addEventListener("pointercancel", end);
    // a drag that ends on a marker is not a click on it
    el.addEventListener("click", (ev) => {
      if (dragged) {
        ev.preventDefault();
        ev.stopPropagation();
        dragged = false;
      }
    }, true);
    el.addEventListener("dblclick", (ev) => {
      if (ev.target.closest && ev.target.closest("a")) return;
      ev.preventDefault();
      const r = el.getBoundingClientRect();
      this.zoomBy(0.5, ev.clientX - r.left, ev.clientY - r.top);
    });
  }

  destroy() {
    clearTimeout(this.viewTimer);
    this.resizeObserver.disconnect();
  }
}

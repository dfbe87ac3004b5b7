// The event map: Natural Earth country outlines (vendored, see static/vendor/NOTICE.md) drawn as SVG in a
// Mercator projection, one circle per event (colour: event type, area: fatalities), wheel/drag/button zoom.
import { get } from "./api.js";
import { h, svg, clear } from "./dom.js";
import { fmtWindow, placeText, typeColour, EVENT_TYPES } from "./format.js";

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

export class EventMap {
  constructor(container) {
    this.container = container;
    this.state = null; // {cx, cy, k}: centre in projected units, k projected units per pixel
    this.bounds = null; // projected box of the base map
    this.circles = [];
    this.labels = [];
    this.build();
  }

  build() {
    const c = clear(this.container);
    this.svg = svg("svg", { class: "map-svg", role: "img", "aria-label": "Map of events", preserveAspectRatio: "none" });
    this.gLand = svg("g", { class: "land-layer" });
    this.gLabels = svg("g", { class: "label-layer", "aria-hidden": "true" });
    this.gEvents = svg("g", { class: "event-layer" });
    this.svg.append(svg("rect", { class: "sea", x: -1000, y: -1000, width: 2000, height: 2000 }), this.gLand, this.gLabels, this.gEvents);
    const zoomIn = h("button", { type: "button", class: "map-btn", title: "Zoom in", "aria-label": "Zoom in" }, "+");
    const zoomOut = h("button", { type: "button", class: "map-btn", title: "Zoom out", "aria-label": "Zoom out" }, "−");
    const fit = h("button", { type: "button", class: "map-btn fit", title: "Fit the events", "aria-label": "Fit the events" }, "⤢");
    zoomIn.addEventListener("click", () => this.zoomBy(1 / 1.6));
    zoomOut.addEventListener("click", () => this.zoomBy(1.6));
    fit.addEventListener("click", () => this.fit());
    this.note = h("div", { class: "map-note" });
    c.append(this.svg, h("div", { class: "map-controls" }, zoomIn, zoomOut, fit), this.note,
      h("div", { class: "map-credit" }, "Outlines: Natural Earth"));
    this.bindGestures();
    this.ready = countries().then((geo) => this.drawLand(geo)).catch(() => {
      this.note.textContent = "Base map unavailable";
    });
    this.resizeObserver = new ResizeObserver(() => this.apply());
    this.resizeObserver.observe(this.svg);
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
    if (!this.state) this.fit();
    else this.apply();
  }

  // events: records with latitude/longitude. total: how many matched the filters in all.
  setEvents(events, { total = events.length, fit = true } = {}) {
    clear(this.gEvents);
    this.circles = [];
    const placed = events.filter((e) => typeof e.latitude === "number" && typeof e.longitude === "number");
    // big circles first, so that small ones stay clickable on top
    placed.sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    for (const e of placed) {
      const [x, y] = project(e.longitude, e.latitude);
      const r = radiusPx(e.fatalities);
      const label = `${fmtWindow(e.event_date, e.date_end)} · ${e.sub_event_type || e.event_type} · ${placeText(e)}` +
        (e.fatalities !== null && e.fatalities !== undefined ? ` · ${e.fatalities} killed` : "");
      const circle = svg("circle", {
        class: "ev", cx: x.toFixed(4), cy: y.toFixed(4), r: 1,
        fill: typeColour(e.event_type), "data-type": String(EVENT_TYPES.indexOf(e.event_type)),
      }, svg("title", null, label));
      const a = svg("a", { href: "#/event/" + encodeURIComponent(e.event_id), class: "ev-link", "aria-label": label,
        "data-event-id": e.event_id }, circle);
      this.gEvents.append(a);
      this.circles.push({ el: circle, r, x, y });
    }
    this.placed = placed;
    const missing = events.length - placed.length;
    const parts = [];
    if (total > events.length) parts.push(`${events.length} of ${total} events drawn`);
    if (missing > 0) parts.push(`${missing} without coordinates`);
    this.note.textContent = parts.join(" · ");
    this.note.hidden = parts.length === 0;
    if (fit) this.fit();
    else this.apply();
  }

  size() {
    const r = this.svg.getBoundingClientRect();
    return { w: Math.max(50, r.width), h: Math.max(50, r.height) };
  }

  fit() {
    const { w, h: hh } = this.size();
    let box;
    if (this.circles.length) {
      const xs = this.circles.map((c) => c.x);
      const ys = this.circles.map((c) => c.y);
      box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
      const minSpan = 3;
      const cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
      const sx = Math.max(minSpan, (box.x1 - box.x0) * 1.3), sy = Math.max(minSpan, (box.y1 - box.y0) * 1.3);
      box = { x0: cx - sx / 2, x1: cx + sx / 2, y0: cy - sy / 2, y1: cy + sy / 2 };
    } else if (this.bounds) {
      const [x0, y0] = project(25, 38);
      const [x1, y1] = project(60, 12);
      box = { x0, y0, x1, y1 };
    } else {
      return;
    }
    const k = Math.max((box.x1 - box.x0) / w, (box.y1 - box.y0) / hh);
    this.state = { cx: (box.x0 + box.x1) / 2, cy: (box.y0 + box.y1) / 2, k };
    this.apply();
  }

  zoomBy(f, px, py) {
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
    this.svg.setAttribute("viewBox", vb.map((v) => v.toFixed(5)).join(" "));
    for (const c of this.circles) c.el.setAttribute("r", (c.r * s.k).toFixed(5));
    const fs = 11 * s.k;
    for (const l of this.labels) {
      const show = l.width / s.k > 70;
      l.el.setAttribute("font-size", fs.toFixed(5));
      l.el.style.display = show ? "" : "none";
    }
  }

  bindGestures() {
    const el = this.svg;
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
      }
      this.state.cx = start.cx - dx * this.state.k;
      this.state.cy = start.cy - dy * this.state.k;
      this.apply();
    });
    const end = () => {
      start = null;
      el.classList.remove("dragging");
    };
    el.addEventListener("pointerup", end);
    el.addEventListener("pointercancel", end);
    // a drag that ends on a circle is not a click on it
    el.addEventListener("click", (ev) => {
      if (dragged) {
        ev.preventDefault();
        ev.stopPropagation();
        dragged = false;
      }
    }, true);
    el.addEventListener("dblclick", (ev) => {
      ev.preventDefault();
      const r = el.getBoundingClientRect();
      this.zoomBy(0.5, ev.clientX - r.left, ev.clientY - r.top);
    });
  }

  destroy() {
    this.resizeObserver.disconnect();
  }
}

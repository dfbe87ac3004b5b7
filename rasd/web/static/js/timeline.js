// Events (or deaths) per day or week as SVG bars stacked by event type, drawn at the container's width.
// A click on a bar, or a drag across bars (the brush), narrows the dates; one Tab stop, arrow keys move
// between bars, Enter picks one.
import { clear, svg } from "./dom.js";
import { EVENT_TYPES, TYPE_SHORT, fmtDay, typeColour } from "./format.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = 86400000;

function parse(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

function iso(t) {
  return new Date(t).toISOString().slice(0, 10);
}

// Fill the gaps between periods with empty bars so that the axis is time.
export function continuous(rows, granularity) {
  const pts = rows.map((r) => ({ ...r, t: parse(r.period) })).filter((r) => r.t !== null).sort((a, b) => a.t - b.t);
  if (!pts.length) return [];
  const step = granularity === "week" ? 7 * DAY : DAY;
  const first = pts[0].t;
  const n = Math.min(3000, Math.round((pts[pts.length - 1].t - first) / step) + 1);
  const out = [];
  for (let i = 0; i < n; i++) out.push({ period: iso(first + i * step), t: first + i * step, events: 0, fatalities: 0, types: {} });
  for (const p of pts) {
    const b = out[Math.min(n - 1, Math.round((p.t - first) / step))];
    b.events += p.events || 0;
    b.fatalities += p.fatalities || 0;
    for (const [t, v] of Object.entries(p.types || {})) {
      const slot = b.types[t] || (b.types[t] = { events: 0, fatalities: 0 });
      slot.events += v.events || 0;
      slot.fatalities += v.fatalities || 0;
    }
  }
  return out;
}

export class Timeline {
  // onPick(from, to): a bar or a brushed range was chosen. unit: what one count is ("event").
  constructor(container, { onPick, unit = "event" } = {}) {
    this.container = container;
    this.onPick = onPick;
    this.unit = unit;
    this.rows = [];
    this.granularity = "day";
    this.measure = "events";
    this.width = 0;
    this.focusIndex = null;
    this.resizeObserver = new ResizeObserver(() => {
      const w = Math.round(this.container.getBoundingClientRect().width);
      if (w && w !== this.width) this.draw();
    });
    this.resizeObserver.observe(container);
  }

  set(rows, granularity, measure = this.measure) {
    this.rows = continuous(rows || [], granularity);
    this.granularity = granularity;
    this.measure = measure;
    this.focusIndex = null;
    this.draw();
  }

  label(r) {
    const per = this.granularity === "week" ? "Week of " : "";
    const parts = EVENT_TYPES.filter((t) => r.types[t] && r.types[t][this.measure])
      .map((t) => `${TYPE_SHORT[t] || t} ${r.types[t][this.measure]}`);
    return `${per}${fmtDay(r.period)}: ${r.events} ${this.unit}${r.events === 1 ? "" : "s"}, ${r.fatalities || 0} killed` +
      (parts.length > 1 ? ` (${parts.join(", ")})` : "");
  }

  draw() {
    const c = clear(this.container);
    const W = Math.max(200, Math.round(c.getBoundingClientRect().width) || 600);
    this.width = W;
    const H = 140;
    const m = { l: 34, r: 8, t: 8, b: 22 };
    const rows = this.rows;
    const what = this.measure === "fatalities" ? "People killed" : `${this.unit[0].toUpperCase()}${this.unit.slice(1)}s`;
    const root = svg("svg", { class: "timeline-svg", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "group",
      "aria-label": `${what} per ${this.granularity}, by event type. Arrow keys move between bars, Enter shows only that ${this.granularity}; drag across bars to pick a range.` });
    if (!rows.length) {
      root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tl-empty" }, "No dated events"));
      c.append(root);
      return;
    }
    const val = (r) => r[this.measure] || 0;
    const max = Math.max(1, ...rows.map(val));
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    const bw = iw / rows.length;
    const gap = bw > 4 ? Math.min(2, bw * 0.2) : 0;
    const y = (v) => m.t + ih - (v / max) * ih;
    const ticks = max >= 4 ? [0, Math.round(max / 2), max] : [...new Set([0, max])];
    for (const v of ticks) {
      root.append(svg("line", { class: "tl-grid", x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
      root.append(svg("text", { class: "tl-axis", x: m.l - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)));
    }
    const pickRange = (i0, i1) => {
      if (!this.onPick) return;
      const a = Math.min(i0, i1), b = Math.max(i0, i1);
      const end = rows[b].t + (this.granularity === "week" ? 6 * DAY : 0);
      this.onPick(iso(rows[a].t), iso(end));
    };
    this.bars = [];
    rows.forEach((r, i) => {
      const x = m.l + i * bw + gap / 2;
      const bwid = Math.max(1, bw - gap);
      if (!val(r)) return;
      const label = this.label(r);
      const bar = svg("g", { class: "tl-bar", "data-period": r.period, "data-index": String(i), tabindex: "-1", role: "button",
        "aria-label": label + ". Enter: show only this " + this.granularity });
      let acc = 0;
      const types = [...EVENT_TYPES, ...Object.keys(r.types).filter((t) => !EVENT_TYPES.includes(t))];
      for (const t of types) {
        const v = r.types[t] ? r.types[t][this.measure] || 0 : 0;
        if (!v) continue;
        const y1 = y(acc + v), y0 = y(acc);
        bar.append(svg("rect", { class: "tl-seg", x: x.toFixed(2), y: y1.toFixed(2), width: bwid.toFixed(2),
          height: Math.max(1, y0 - y1).toFixed(2), fill: typeColour(t), "data-type": t }));
        acc += v;
      }
      // the whole column is the target, so a thin bar is easy to hit
      bar.append(svg("rect", { class: "tl-hit", x: (m.l + i * bw).toFixed(2), y: m.t, width: bw.toFixed(2), height: ih }));
      bar.append(svg("title", null, label));
      bar.addEventListener("keydown", (ev) => {
        const k = this.bars.indexOf(bar);
        if (ev.key === "Enter" || ev.key === " ") pickRange(i, i);
        else if (ev.key === "ArrowRight" || ev.key === "ArrowLeft" || ev.key === "Home" || ev.key === "End") {
          const n = ev.key === "Home" ? 0 : ev.key === "End" ? this.bars.length - 1
            : Math.max(0, Math.min(this.bars.length - 1, k + (ev.key === "ArrowRight" ? 1 : -1)));
          this.focusBar(n, true);
        } else return;
        ev.preventDefault();
      });
      root.append(bar);
      this.bars.push(bar);
    });
    // the brush: press on the plot, drag, release; a press without a drag picks the bar under it
    const brush = svg("rect", { class: "tl-brush", x: 0, y: m.t, width: 0, height: ih, hidden: true });
    root.append(brush);
    const indexAt = (ev) => {
      const rect = root.getBoundingClientRect();
      const px = ev.clientX - rect.left;
      return Math.max(0, Math.min(rows.length - 1, Math.floor((px - m.l) / bw)));
    };
    let from = null;
    root.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      from = { i: indexAt(ev), x: ev.clientX, moved: false };
      root.setPointerCapture(ev.pointerId);
    });
    root.addEventListener("pointermove", (ev) => {
      if (!from) return;
      if (Math.abs(ev.clientX - from.x) > 4) from.moved = true;
      if (!from.moved) return;
      const j = indexAt(ev);
      const a = Math.min(from.i, j), b = Math.max(from.i, j);
      brush.removeAttribute("hidden");
      brush.setAttribute("x", (m.l + a * bw).toFixed(2));
      brush.setAttribute("width", ((b - a + 1) * bw).toFixed(2));
    });
    root.addEventListener("pointerup", (ev) => {
      if (!from) return;
      const j = indexAt(ev);
      const f = from;
      from = null;
      brush.setAttribute("hidden", "");
      if (f.moved) pickRange(f.i, j);
      else if (val(rows[f.i])) pickRange(f.i, f.i);
    });
    root.addEventListener("pointercancel", () => {
      from = null;
      brush.setAttribute("hidden", "");
    });
    // x axis: month starts (or years when the span is long), thinned to fit
    const first = rows[0].t, last = rows[rows.length - 1].t;
    const spanDays = (last - first) / DAY;
    const marks = [];
    const d0 = new Date(first);
    let yy = d0.getUTCFullYear(), mm = d0.getUTCMonth();
    const stepM = spanDays > 1500 ? 12 : spanDays > 700 ? 6 : spanDays > 300 ? 3 : 1;
    mm = Math.ceil(mm / stepM) * stepM;
    while (mm > 11) { mm -= 12; yy += 1; }
    for (let n = 0; n < 400; n++) {
      const t = Date.UTC(yy, mm, 1);
      if (t > last + DAY) break;
      if (t >= first) marks.push(t);
      mm += stepM;
      while (mm > 11) { mm -= 12; yy += 1; }
    }
    const xOf = (t) => m.l + ((t - first) / Math.max(DAY, last - first + (this.granularity === "week" ? 7 : 1) * DAY)) * iw;
    let lastX = -100;
    for (const t of marks) {
      const x = xOf(t);
      const d = new Date(t);
      const withYear = d.getUTCMonth() === 0 || marks.length < 3 || stepM >= 12 || lastX < 0;
      const lab = stepM >= 12 ? String(d.getUTCFullYear()) : withYear ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
      if (x - lastX < lab.length * 6.5 + 10 || x > W - m.r - 20) continue;
      lastX = x;
      root.append(svg("line", { class: "tl-tick", x1: x, x2: x, y1: m.t + ih, y2: m.t + ih + 4 }));
      root.append(svg("text", { class: "tl-axis", x: x + 2, y: H - 6 }, lab));
    }
    if (!marks.length || xOf(marks[0]) > m.l + 60) {
      root.append(svg("text", { class: "tl-axis", x: m.l, y: H - 6 }, fmtDay(rows[0].period)));
    }
    root.append(svg("line", { class: "tl-base", x1: m.l, x2: W - m.r, y1: m.t + ih, y2: m.t + ih }));
    c.append(root);
    this.focusBar(this.focusIndex === null ? this.bars.length - 1 : Math.min(this.focusIndex, this.bars.length - 1), false);
  }

  // one bar at a time is in the Tab order (a roving tabindex)
  focusBar(n, focus) {
    if (!this.bars || !this.bars.length) return;
    for (const b of this.bars) b.setAttribute("tabindex", "-1");
    const bar = this.bars[Math.max(0, n)];
    bar.setAttribute("tabindex", "0");
    this.focusIndex = Math.max(0, n);
    if (focus) bar.focus();
  }

  destroy() {
    this.resizeObserver.disconnect();
  }
}

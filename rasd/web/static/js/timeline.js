// Events per day or week as SVG bars, drawn at the container's width. A click on a bar narrows the dates.
import { clear, svg } from "./dom.js";
import { fmtDay } from "./format.js";

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
  for (let i = 0; i < n; i++) out.push({ period: iso(first + i * step), t: first + i * step, events: 0, fatalities: 0 });
  for (const p of pts) {
    const b = out[Math.min(n - 1, Math.round((p.t - first) / step))];
    b.events += p.events || 0;
    b.fatalities += p.fatalities || 0;
  }
  return out;
}

export class Timeline {
  constructor(container, { onPick } = {}) {
    this.container = container;
    this.onPick = onPick;
    this.rows = [];
    this.granularity = "day";
    this.width = 0;
    this.resizeObserver = new ResizeObserver(() => {
      const w = Math.round(this.container.getBoundingClientRect().width);
      if (w && w !== this.width) this.draw();
    });
    this.resizeObserver.observe(container);
  }

  set(rows, granularity) {
    this.rows = continuous(rows || [], granularity);
    this.granularity = granularity;
    this.draw();
  }

  draw() {
    const c = clear(this.container);
    const W = Math.max(200, Math.round(c.getBoundingClientRect().width) || 600);
    this.width = W;
    const H = 132;
    const m = { l: 34, r: 8, t: 8, b: 22 };
    const rows = this.rows;
    const root = svg("svg", { class: "timeline-svg", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img",
      "aria-label": `Events per ${this.granularity}` });
    if (!rows.length) {
      root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tl-empty" }, "No dated events"));
      c.append(root);
      return;
    }
    const max = Math.max(1, ...rows.map((r) => r.events));
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    const bw = iw / rows.length;
    const gap = bw > 4 ? Math.min(2, bw * 0.2) : 0;
    const y = (v) => m.t + ih - (v / max) * ih;
    // y axis: 0, half, max
    const ticks = max >= 4 ? [0, Math.round(max / 2), max] : [...new Set([0, max])];
    for (const v of ticks) {
      root.append(svg("line", { class: "tl-grid", x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
      root.append(svg("text", { class: "tl-axis", x: m.l - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)));
    }
    // bars
    rows.forEach((r, i) => {
      if (!r.events) return;
      const x = m.l + i * bw + gap / 2;
      const label = `${this.granularity === "week" ? "Week of " : ""}${fmtDay(r.period)}: ${r.events} event${r.events === 1 ? "" : "s"}` +
        `, ${r.fatalities || 0} killed`;
      const bar = svg("rect", { class: "tl-bar", x: x.toFixed(2), y: y(r.events).toFixed(2), width: Math.max(1, bw - gap).toFixed(2),
        height: Math.max(1, ih - (y(r.events) - m.t)).toFixed(2), "data-period": r.period, tabindex: "0", role: "button",
        "aria-label": label }, svg("title", null, label + " — click to show only this " + this.granularity));
      const pick = () => {
        if (!this.onPick) return;
        const start = parse(r.period);
        const end = start + (this.granularity === "week" ? 6 * DAY : 0);
        this.onPick(iso(start), iso(end));
      };
      bar.addEventListener("click", pick);
      bar.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          pick();
        }
      });
      root.append(bar);
    });
    // x axis: month starts (or years when the span is long), thinned to fit
    const first = rows[0].t, last = rows[rows.length - 1].t;
    const spanDays = (last - first) / DAY;
    const marks = [];
    const d0 = new Date(first);
    let yy = d0.getUTCFullYear(), mm = d0.getUTCMonth();
    const stepM = spanDays > 1500 ? 12 : spanDays > 700 ? 6 : spanDays > 300 ? 3 : 1;
    mm = Math.ceil(mm / stepM) * stepM; // ticks on January, July, quarters or months
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
  }

  destroy() {
    this.resizeObserver.disconnect();
  }
}

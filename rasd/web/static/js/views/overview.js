// Overview: filters (kept in the URL hash), map, timeline and a paged list, all driven by one filter set.
import { get, pickFilters, query } from "../api.js";
import { clear, h, put } from "../dom.js";
import { EVENT_TYPES, TYPE_SHORT, fmtDay, fmtWindow, placeText, plural, typeChip, typeClass } from "../format.js";
import { EventMap } from "../map.js";
import { Timeline } from "../timeline.js";
import { eventsTable } from "./common.js";

const PAGE = 25;
const MAP_LIMIT = 500;
const STORIES = 8;

const COUNTRY_NAMES = {
  SY: "Syria", IQ: "Iraq", LB: "Lebanon", JO: "Jordan", PS: "Palestine", IL: "Israel", TR: "Turkey", IR: "Iran",
  SA: "Saudi Arabia", YE: "Yemen", OM: "Oman", AE: "United Arab Emirates", QA: "Qatar", BH: "Bahrain", KW: "Kuwait",
  EG: "Egypt", SD: "Sudan", SS: "South Sudan", LY: "Libya", TN: "Tunisia", DZ: "Algeria", MA: "Morocco",
  MR: "Mauritania", SO: "Somalia", DJ: "Djibouti", ER: "Eritrea", ET: "Ethiopia", ML: "Mali", NE: "Niger",
  TD: "Chad", KM: "Comoros",
};

function countryOption(c) {
  if (c && typeof c === "object") {
    const code = c.code || c.iso || c.iso2 || c.name;
    return { code, name: c.name || COUNTRY_NAMES[code] || code };
  }
  return { code: c, name: COUNTRY_NAMES[c] || c };
}

export class OverviewView {
  constructor(state) {
    this.state = state;
    this.params = {};
    this.token = 0;
    this.facets = null;
  }

  async mount(root, _id, params) {
    this.root = root;
    this.buildForm();
    this.map = null;
    const mapBox = h("div", { class: "map" });
    const tlBox = h("div", { class: "timeline" });
    this.summary = h("div", { class: "summary" });
    this.listHead = h("div", { class: "list-head" });
    this.list = h("div", { class: "list" });
    this.pager = h("nav", { class: "pager", "aria-label": "Pages" });
    this.tlTitle = h("h2", { class: "card-title" }, "Events per day");
    this.granButtons = ["day", "week"].map((g) => {
      const b = h("button", { type: "button", class: "seg", "data-granularity": g }, g === "day" ? "Day" : "Week");
      b.addEventListener("click", () => this.navigate({ ...this.params, granularity: g }, { keepPage: true }));
      return b;
    });
    this.exports = h("span", { class: "exports" });
    this.sortSel = h("select", { class: "sort", "aria-label": "Sort" },
      h("option", { value: "-event_date" }, "Newest first"),
      h("option", { value: "event_date" }, "Oldest first"),
      h("option", { value: "-fatalities" }, "Most killed"));
    this.sortSel.addEventListener("change", () => this.navigate({ ...this.params, sort: this.sortSel.value }));
    put(root,
      this.form,
      h("div", { class: "ov-grid" },
        h("section", { class: "card map-card", "aria-label": "Map" }, mapBox),
        h("section", { class: "card summary-card", "aria-label": "Summary" }, this.summary)),
      h("section", { class: "card timeline-card", "aria-label": "Timeline" },
        h("div", { class: "card-head" }, this.tlTitle, h("div", { class: "segmented", role: "group", "aria-label": "Bar per" }, this.granButtons)),
        tlBox),
      this.storiesCard = h("section", { class: "card stories-card", "aria-label": "Stories told by several outlets", hidden: true }),
      h("section", { class: "card list-card", "aria-label": "Events" },
        h("div", { class: "card-head" }, this.listHead, h("div", { class: "list-tools" }, this.sortSel, this.exports)),
        this.list, this.pager));
    this.map = new EventMap(mapBox);
    this.timeline = new Timeline(tlBox, {
      onPick: (from, to) => this.navigate({ ...this.params, date_from: from, date_to: to }),
    });
    this.loadFacets();
    await this.update(params);
  }

  destroy() {
    this.token++;
    if (this.map) this.map.destroy();
    if (this.timeline) this.timeline.destroy();
  }

  // ----------------------------------------------------------------- filters
  buildForm() {
    const input = (name, attrs) => h("input", { name, id: "f-" + name, ...attrs });
    this.inputs = {
      date_from: input("date_from", { type: "date", "aria-label": "From date" }),
      date_to: input("date_to", { type: "date", "aria-label": "To date" }),
      country: h("select", { name: "country", id: "f-country" }, h("option", { value: "" }, "All countries")),
      admin1: h("select", { name: "admin1", id: "f-admin1" }, h("option", { value: "" }, "All provinces")),
      type: h("select", { name: "type", id: "f-type" }, h("option", { value: "" }, "All event types")),
      actor: input("actor", { type: "search", placeholder: "e.g. Islamic State, داعش", list: "actor-names", autocomplete: "off", dir: "auto" }),
      q: input("q", { type: "search", placeholder: "words in notes, evidence, places", autocomplete: "off", dir: "auto" }),
    };
    for (const t of EVENT_TYPES) {
      this.inputs.type.append(h("option", { value: "t:" + t }, t));
    }
    this.actorList = h("datalist", { id: "actor-names" });
    const lab = (text, el, cls) => h("label", { class: ["filter", cls], for: el.id }, h("span", { class: "filter-label" }, text), el);
    const reset = h("button", { type: "button", class: "reset", title: "Clear every filter" }, "Clear");
    reset.addEventListener("click", () => this.navigate({ granularity: this.params.granularity, sort: this.params.sort }));
    this.form = h("form", { class: "filters card", role: "search", "aria-label": "Filters" },
      h("div", { class: "filter dates" },
        h("span", { class: "filter-label" }, "Dates"),
        h("span", { class: "date-pair" }, this.inputs.date_from, h("span", { class: "muted" }, "to"), this.inputs.date_to,
          this.quick = h("span", { class: "quick-dates", role: "group", "aria-label": "Recent days" }))),
      lab("Country", this.inputs.country),
      lab("Province", this.inputs.admin1),
      lab("Event type", this.inputs.type, "wide"),
      lab("Actor", this.inputs.actor),
      lab("Text", this.inputs.q),
      h("div", { class: "filter buttons" }, reset),
      this.actorList);
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.fromForm();
    });
    for (const k of ["date_from", "date_to", "country", "admin1", "type"]) {
      this.inputs[k].addEventListener("change", () => {
        if (k === "country") this.inputs.admin1.value = "";
        this.fromForm();
      });
    }
    for (const k of ["actor", "q"]) {
      let timer = null;
      this.inputs[k].addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.fromForm(), 450);
      });
      this.inputs[k].addEventListener("change", () => {
        clearTimeout(timer);
        this.fromForm();
      });
    }
  }

  // "7 d" / "30 d": the days up to the latest dated report in the store (not today: a store may be old)
  async loadQuickDates() {
    let latest;
    try {
      const r = await get("/api/events", { sort: "-event_date", limit: 1 }, { cached: true });
      latest = r.items && r.items[0] && r.items[0].event_date;
    } catch (e) {
      return;
    }
    if (!latest) return;
    const end = Date.parse(latest + "T00:00:00Z");
    for (const days of [7, 30]) {
      const from = new Date(end - (days - 1) * 86400000).toISOString().slice(0, 10);
      const b = h("button", { type: "button", class: "quick", title: `The ${days} days up to the latest report (${latest})` }, `${days} d`);
      b.addEventListener("click", () => this.navigate({ ...this.params, date_from: from, date_to: latest }));
      this.quick.append(b);
    }
  }

  async loadFacets() {
    this.loadQuickDates();
    try {
      this.facets = await get("/api/facets", null, { cached: true });
    } catch (e) {
      return;
    }
    const f = this.facets;
    for (const c of (f.countries || []).map(countryOption).sort((a, b) => a.name.localeCompare(b.name))) {
      this.inputs.country.append(h("option", { value: c.code }, c.name));
    }
    this.fillProvinces();
    const types = f.event_types || {};
    clear(this.inputs.type).append(h("option", { value: "" }, "All event types"));
    const order = [...EVENT_TYPES, ...Object.keys(types).filter((t) => !EVENT_TYPES.includes(t))];
    for (const t of order) {
      const subs = types[t] || [];
      const g = h("optgroup", { label: t }, h("option", { value: "t:" + t }, "All " + t));
      for (const s of subs) g.append(h("option", { value: "s:" + t + "|" + s }, s));
      this.inputs.type.append(g);
    }
    for (const a of f.actors || []) this.actorList.append(h("option", { value: typeof a === "string" ? a : a.name }));
    this.toForm();
  }

  fillProvinces() {
    if (!this.facets) return;
    const sel = this.inputs.admin1;
    const country = this.params.country || "";
    clear(sel).append(h("option", { value: "" }, "All provinces"));
    const rows = (this.facets.admin1 || []).filter((a) => a && a.code && (!country || a.code.startsWith(country + "-")));
    const byCountry = new Map();
    for (const a of rows) {
      const cc = a.code.split("-")[0];
      if (!byCountry.has(cc)) byCountry.set(cc, []);
      byCountry.get(cc).push(a);
    }
    const groups = [...byCountry.entries()].sort((a, b) => countryOption(a[0]).name.localeCompare(countryOption(b[0]).name));
    for (const [cc, list] of groups) {
      const g = h("optgroup", { label: countryOption(cc).name });
      for (const a of list.sort((x, y) => String(x.name).localeCompare(String(y.name)))) {
        g.append(h("option", { value: a.code }, `${a.name || a.code} (${a.code})`));
      }
      sel.append(g);
    }
  }

  toForm() {
    const p = this.params;
    const set = (el, v) => {
      if (document.activeElement !== el && el.value !== (v || "")) el.value = v || "";
    };
    set(this.inputs.date_from, p.date_from);
    set(this.inputs.date_to, p.date_to);
    set(this.inputs.country, p.country);
    this.fillProvinces();
    this.inputs.admin1.value = p.admin1 || "";
    if (p.admin1 && this.inputs.admin1.value !== p.admin1) {
      // a code the facets do not list: keep it selectable
      this.inputs.admin1.append(h("option", { value: p.admin1 }, p.admin1));
      this.inputs.admin1.value = p.admin1;
    }
    let tv = "";
    if (p.sub_event_type) tv = "s:" + (p.event_type || "") + "|" + p.sub_event_type;
    else if (p.event_type) tv = "t:" + p.event_type;
    this.inputs.type.value = tv;
    if (tv && this.inputs.type.value !== tv && p.sub_event_type) {
      const found = [...this.inputs.type.options].find((o) => o.value.endsWith("|" + p.sub_event_type));
      if (found) this.inputs.type.value = found.value;
    }
    set(this.inputs.actor, p.actor);
    set(this.inputs.q, p.q);
    this.sortSel.value = p.sort || "-event_date";
  }

  fromForm() {
    const v = (k) => this.inputs[k].value.trim();
    const next = {
      date_from: v("date_from"), date_to: v("date_to"), country: v("country"), admin1: v("admin1"),
      actor: v("actor"), q: v("q"), granularity: this.params.granularity, sort: this.params.sort,
    };
    const t = this.inputs.type.value;
    if (t.startsWith("t:")) next.event_type = t.slice(2);
    else if (t.startsWith("s:")) {
      const [et, sub] = t.slice(2).split("|");
      if (et) next.event_type = et;
      next.sub_event_type = sub;
    }
    this.navigate(next);
  }

  navigate(params, { keepPage = false } = {}) {
    const p = { ...params };
    if (!keepPage) delete p.page;
    for (const k of Object.keys(p)) if (p[k] === "" || p[k] === null || p[k] === undefined) delete p[k];
    const hash = "#/" + query(p);
    if (hash !== window.location.hash) window.location.hash = hash;
  }

  // ----------------------------------------------------------------- data
  async update(params) {
    const prev = this.params;
    this.params = { ...params };
    this.toForm();
    const filters = pickFilters(this.params);
    const filtersChanged = query(pickFilters(prev)) !== query(filters) || !this.loadedOnce;
    const token = ++this.token;
    const page = Math.max(1, parseInt(this.params.page || "1", 10) || 1);
    const sort = this.params.sort || "-event_date";
    this.renderExports(filters);
    this.list.classList.add("stale");
    const listP = get("/api/events", { ...filters, sort, limit: PAGE, offset: (page - 1) * PAGE });
    let mapP = null, tlP = null;
    if (filtersChanged) this.loadStories(filters, token, STORIES);
    if (filtersChanged || this.params.granularity !== prev.granularity) {
      mapP = get("/api/events", { ...filters, limit: MAP_LIMIT, sort: "-fatalities" });
      tlP = mapP.then((m) => {
        const g = this.params.granularity || this.autoGranularity(m.items);
        return get("/api/timeline", { ...filters, granularity: g }).then((rows) => ({ rows, g }));
      });
    }
    try {
      const [list, mapData, tl] = await Promise.all([listP, mapP, tlP]);
      if (token !== this.token) return;
      this.loadedOnce = true;
      this.renderList(list, page);
      if (mapData) {
        this.map.ready.then(() => {
          if (token === this.token) this.map.setEvents(mapData.items, { total: mapData.total });
        });
        this.renderSummary(mapData);
      }
      if (tl) {
        this.tlTitle.textContent = tl.g === "week" ? "Events per week" : "Events per day";
        for (const b of this.granButtons) b.classList.toggle("on", b.dataset.granularity === tl.g);
        this.timeline.set(tl.rows, tl.g);
      }
    } catch (e) {
      if (token !== this.token) return;
      put(clear(this.list), h("p", { class: "error" }, "Could not load events: " + (e.detail || e.message)));
    } finally {
      if (token === this.token) this.list.classList.remove("stale");
    }
  }

  // Real-world events that several reports tell (clusters), newest first, with their disagreements.
  async loadStories(filters, token, limit) {
    let data;
    try {
      data = await get("/api/clusters", { ...filters, min_reports: 2, limit, sort: "-event_date" });
    } catch (e) {
      return;
    }
    if (token !== this.token && limit === STORIES) return;
    const card = clear(this.storiesCard);
    card.hidden = !data.total;
    if (!data.total) return;
    const rows = (data.items || []).map((c) => {
      const k = c.consensus || {};
      const href = "#/cluster/" + encodeURIComponent(c.cluster_id);
      const nc = (c.contradictions || []).length;
      const tr = h("tr", { class: "story-row", "data-cluster-id": c.cluster_id },
        h("td", { class: "date" }, h("a", { href }, fmtWindow(k.event_date, k.date_end))),
        h("td", { class: "type" }, typeChip(k.event_type, k.sub_event_type)),
        h("td", { class: "where" }, placeText(k)),
        h("td", { class: "num" }, `${c.n_reports} reports · ${(c.sources || []).length} outlets`),
        h("td", { class: "num toll" }, k.fatalities === null || k.fatalities === undefined ? "—"
          : (k.fatalities_high !== null && k.fatalities_high !== undefined && k.fatalities_high !== k.fatalities
            ? `${k.fatalities}–${k.fatalities_high}` : String(k.fatalities))),
        h("td", null, nc ? h("span", { class: "conflict-pill", title: (c.contradictions || []).map((x) => x.text).join("\n") },
          `${nc} disagreement${nc === 1 ? "" : "s"}`) : h("span", { class: "agree-pill" }, "agree")));
      tr.addEventListener("click", (e) => {
        if (!e.target.closest("a")) window.location.hash = href;
      });
      return tr;
    });
    const more = data.total > rows.length
      ? h("button", { type: "button", class: "more" }, `Show all ${data.total}`) : null;
    if (more) more.addEventListener("click", () => this.loadStories(filters, this.token, Math.min(500, data.total)));
    put(card,
      h("div", { class: "card-head" },
        h("h2", { class: "card-title" }, `${plural(data.total, "story", "stories")} told by several outlets`),
        h("span", { class: "muted small" }, "Open one to compare its reports side by side")),
      h("div", { class: "table-wrap" }, h("table", { class: "events-table stories-table" },
        h("thead", null, h("tr", null, h("th", null, "Date"), h("th", null, "Type"), h("th", null, "Place"),
          h("th", { class: "num" }, "Reports"), h("th", { class: "num", title: "Most conservative figure – highest report" }, "Killed"),
          h("th", null, "Sources agree?"))),
        h("tbody", null, rows))),
      more ? h("div", { class: "pager" }, more) : null);
  }

  autoGranularity(items) {
    const days = items.map((e) => e.event_date).filter(Boolean).sort();
    if (days.length < 2) return "day";
    const span = (Date.parse(days[days.length - 1]) - Date.parse(days[0])) / 86400000;
    return span > 120 ? "week" : "day";
  }

  renderExports(filters) {
    const q = query(filters);
    put(clear(this.exports),
      h("span", { class: "muted" }, "Export "),
      h("a", { href: "/export/events.csv" + q, download: "rasd-events.csv", title: "ACLED's 31 columns" }, "CSV"),
      " · ",
      h("a", { href: "/export/events.geojson" + q, download: "rasd-events.geojson" }, "GeoJSON"),
      " · ",
      h("a", { href: "/export/events.jsonl" + q, download: "rasd-events.jsonl" }, "JSONL"));
  }

  renderSummary(data) {
    const items = data.items || [];
    const partial = data.total > items.length;
    const dead = items.reduce((s, e) => s + (e.fatalities || 0), 0);
    const byType = new Map(EVENT_TYPES.map((t) => [t, { n: 0, dead: 0 }]));
    for (const e of items) {
      if (!byType.has(e.event_type)) byType.set(e.event_type, { n: 0, dead: 0 });
      const b = byType.get(e.event_type);
      b.n += 1;
      b.dead += e.fatalities || 0;
    }
    const days = items.map((e) => e.event_date).filter(Boolean).sort();
    const clusters = new Set(items.map((e) => e.cluster_id || e.event_id));
    const outlets = new Set(items.map((e) => e.source || (e.document && e.document.source)).filter(Boolean));
    const max = Math.max(1, ...[...byType.values()].map((b) => b.n));
    const activeType = this.params.event_type;
    const legend = h("ul", { class: "type-legend" });
    for (const [t, b] of byType) {
      const li = h("li", { class: ["legend-row", typeClass(t), activeType === t ? "active" : null, b.n ? null : "zero"] },
        h("button", { type: "button", class: "legend-btn", title: activeType === t ? "Show every type" : "Show only " + t },
          h("span", { class: "dot", "aria-hidden": "true" }),
          h("span", { class: "legend-name" }, TYPE_SHORT[t] || t),
          h("span", { class: "legend-bar", "aria-hidden": "true" }, h("span", { class: ["fill", "w" + Math.round((b.n / max) * 20)] })),
          h("span", { class: "legend-n" }, String(b.n))));
      li.querySelector("button").addEventListener("click", () => {
        const p = { ...this.params };
        delete p.sub_event_type;
        if (activeType === t) delete p.event_type;
        else p.event_type = t;
        this.navigate(p);
      });
      legend.append(li);
    }
    put(clear(this.summary),
      h("div", { class: "stats" },
        stat(data.total, data.total === 1 ? "event report" : "event reports"),
        stat(clusters.size, clusters.size === 1 ? "distinct event" : "distinct events", partial),
        stat(dead, "killed, all reports", partial, "dead"),
        stat(outlets.size, outlets.size === 1 ? "outlet" : "outlets", partial)),
      h("p", { class: "range muted" }, days.length ? `${fmtDay(days[0])} – ${fmtDay(days[days.length - 1])}` : "No dated events"),
      h("h3", { class: "mini-title" }, "By event type"),
      legend,
      h("p", { class: "muted small" }, "Circle area: people killed. Click a circle, a bar or a row for details."),
      partial ? h("p", { class: "muted small" }, `Counts from the ${items.length} deadliest of ${data.total} reports.`) : null);
  }

  renderList(data, page) {
    const total = data.total || 0;
    const pages = Math.max(1, Math.ceil(total / PAGE));
    const from = total ? (page - 1) * PAGE + 1 : 0;
    const to = Math.min(total, page * PAGE);
    put(clear(this.listHead), h("h2", { class: "card-title" }, plural(total, "event report")),
      total ? h("span", { class: "muted" }, ` showing ${from}–${to}`) : null);
    clear(this.list);
    if (!data.items || !data.items.length) {
      this.list.append(h("p", { class: "empty" }, total ? "No events on this page." : "No events match these filters."));
    } else {
      this.list.append(eventsTable(data.items, { caption: "Events" }));
    }
    clear(this.pager);
    if (pages > 1) {
      const go = (n) => this.navigate({ ...this.params, page: String(n) }, { keepPage: true });
      const prev = h("button", { type: "button", class: "page-prev", disabled: page <= 1 }, "‹ Previous");
      const next = h("button", { type: "button", class: "page-next", disabled: page >= pages }, "Next ›");
      prev.addEventListener("click", () => go(page - 1));
      next.addEventListener("click", () => go(page + 1));
      this.pager.append(prev, h("span", { class: "page-of" }, `Page ${page} of ${pages}`), next);
    }
  }
}

function stat(n, label, approx = false, cls = "") {
  return h("div", { class: ["stat", cls] },
    h("span", { class: "stat-n" }, (approx ? "≥ " : "") + Number(n || 0).toLocaleString("en")),
    h("span", { class: "stat-label" }, label));
}

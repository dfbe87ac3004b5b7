// Overview: filters (kept in the URL hash), headline figures, map, timeline and a paged list. The unit is
// the real-world event (a cluster of reports, with its consensus date, place and toll); the reports are
// one click away (a cluster's page, or the "Reports" list). News by default; recalled events on request.
import { get, pickFilters, query, salienceOf } from "../api.js";
import { clear, h, put } from "../dom.js";
import {
  EVENT_TYPES, TYPE_SHORT, actorLabels, actorsLine, fmtDay, fmtWindow, placeText, plural, typeChip, typeClass,
} from "../format.js";
import { EventMap } from "../map.js";
import { go, note } from "../nav.js";
import { Timeline } from "../timeline.js";
import { eventsTable } from "./common.js";

const PAGE = 25;

const COUNTRY_NAMES = {
  SY: "Syria", IQ: "Iraq", LB: "Lebanon", JO: "Jordan", PS: "Palestine", IL: "Israel", TR: "Turkey", IR: "Iran",
  SA: "Saudi Arabia", YE: "Yemen", OM: "Oman", AE: "United Arab Emirates", QA: "Qatar", BH: "Bahrain", KW: "Kuwait",
  EG: "Egypt", SD: "Sudan", SS: "South Sudan", LY: "Libya", TN: "Tunisia", DZ: "Algeria", MA: "Morocco",
  MR: "Mauritania", SO: "Somalia", DJ: "Djibouti", ER: "Eritrea", ET: "Ethiopia", ML: "Mali", NE: "Niger",
  TD: "Chad", KM: "Comoros",
};

const ACTOR_TYPE_NAMES = {
  state: "State forces", rebel: "Rebel groups", political_militia: "Political militias",
  identity_militia: "Identity militias", rioters: "Rioters", protesters: "Protesters", civilians: "Civilians",
  external: "External/other forces", unknown: "Unidentified",
};
const PRECISION_NAMES = { 1: "A town or finer", 2: "Near a town, or a district", 3: "A province or coarser" };
const SALIENCE_NAMES = { news: "News", recalled: "Recalled", all: "All" };
const SALIENCE_WORDS = { news: "reported as news", recalled: "recalled from the past (background)", all: "news and recalled" };
const DAY = 86400000;

function countryName(code) {
  return COUNTRY_NAMES[code] || code;
}

function countryOption(c) {
  if (c && typeof c === "object") {
    const code = c.code || c.iso || c.iso2 || c.name;
    return { code, name: c.name || countryName(code) };
  }
  return { code: c, name: countryName(c) };
}

// Weeks start on Saturday (ACLED's weeks), as /api/timeline?granularity=week does.
function toWeeks(rows) {
  const out = new Map();
  for (const r of rows) {
    const t = Date.parse(r.period + "T00:00:00Z");
    const d = new Date(t);
    const sat = new Date(t - ((d.getUTCDay() + 1) % 7) * DAY).toISOString().slice(0, 10);
    const slot = out.get(sat) || { period: sat, events: 0, fatalities: 0, types: {} };
    slot.events += r.events;
    slot.fatalities += r.fatalities;
    for (const [k, v] of Object.entries(r.types || {})) {
      const s = slot.types[k] || (slot.types[k] = { events: 0, fatalities: 0 });
      s.events += v.events;
      s.fatalities += v.fatalities;
    }
    out.set(sat, slot);
  }
  return [...out.values()].sort((a, b) => a.period.localeCompare(b.period));
}

function parseView(s) {
  const p = String(s || "").split(",").map(Number);
  return p.length === 3 && p.every(Number.isFinite) ? { lon: p[0], lat: p[1], zoom: p[2] } : null;
}

export class OverviewView {
  constructor(state) {
    this.state = state;
    this.params = {};
    this.token = 0;
    this.facets = null;
    this.typing = null; // the text box whose typing made the present history entry
  }

  async mount(root, _id, params) {
    this.root = root;
    this.buildForm();
    const mapBox = h("div", { class: "map" });
    const tlBox = h("div", { class: "timeline" });
    this.summary = h("div", { class: "summary", "aria-live": "polite" });
    this.listHead = h("div", { class: "list-head" });
    this.list = h("div", { class: "list" });
    this.pager = h("nav", { class: "pager", "aria-label": "Pages" });
    this.tlTitle = h("h2", { class: "card-title" }, "Events per day");
    const seg = (group, values, names, onClick) => values.map((v) => {
      const b = h("button", { type: "button", class: "seg", [`data-${group}`]: v, "aria-pressed": "false" }, names[v]);
      b.addEventListener("click", () => onClick(v));
      return b;
    });
    this.granButtons = seg("granularity", ["day", "week"], { day: "Day", week: "Week" },
      (g) => this.navigate({ ...this.params, granularity: g }, { keep: true }));
    this.measureButtons = seg("measure", ["events", "fatalities"], { events: "Events", fatalities: "Deaths" },
      (m) => this.navigate({ ...this.params, measure: m === "events" ? "" : m }, { keep: true }));
    this.salienceButtons = seg("salience", ["news", "recalled", "all"], SALIENCE_NAMES,
      (s) => this.navigate({ ...this.params, salience: s === "news" ? "" : s }));
    this.listButtons = seg("list", ["events", "reports"], { events: "Events", reports: "Reports" },
      (l) => this.navigate({ ...this.params, list: l === "events" ? "" : l, page: "" }, { keep: true }));
    this.exports = h("span", { class: "exports" });
    this.sortSel = h("select", { class: "sort", "aria-label": "Sort" },
      h("option", { value: "-event_date" }, "Newest first"),
      h("option", { value: "event_date" }, "Oldest first"),
      h("option", { value: "-fatalities" }, "Most killed"));
    this.sortSel.addEventListener("change", () => this.navigate({ ...this.params, sort: this.sortSel.value }, { keep: true }));
    this.errorBox = h("div", { class: "filter-error", role: "alert", hidden: true });
    this.listTitleId = "events-list";
    put(root,
      h("div", { class: "ov-top" }, this.filtersToggle, this.chips,
        h("div", { class: "segmented salience-switch", role: "group", "aria-label": "Which events: news or recalled" }, this.salienceButtons)),
      this.form,
      this.errorBox,
      h("div", { class: "ov-grid" },
        h("section", { class: "card map-card", "aria-label": "Map" }, mapBox),
        h("section", { class: "card summary-card", "aria-label": "Summary" }, this.summary)),
      h("section", { class: "card timeline-card", "aria-label": "Timeline" },
        h("div", { class: "card-head" }, this.tlTitle,
          h("div", { class: "segmented", role: "group", "aria-label": "Bar height" }, this.measureButtons),
          h("div", { class: "segmented", role: "group", "aria-label": "Bar per" }, this.granButtons)),
        tlBox,
        h("p", { class: "muted small tl-hint" }, "Colours: event types. Click a bar, or drag across bars, to show only those dates.")),
      h("section", { class: "card list-card", "aria-labelledby": this.listTitleId },
        h("div", { class: "card-head" }, this.listHead,
          h("div", { class: "segmented", role: "group", "aria-label": "List" }, this.listButtons),
          h("div", { class: "list-tools" }, this.sortSel, this.exports)),
        this.list, this.pager));
    this.map = new EventMap(mapBox, {
      onView: (v) => this.noteView(v),
      onLayer: (layer) => this.navigate({ ...this.params, layer: layer === "provinces" ? "provinces" : "" }, { keep: true }),
      onProvince: (code) => this.navigate({ ...this.params, country: code.split("-")[0], admin1: code, layer: "" }),
    });
    this.timeline = new Timeline(tlBox, {
      onPick: (from, to) => this.navigate({ ...this.params, date_from: from, date_to: to }),
    });
    this.loadFacets();
    await this.update(params);
  }

  destroy() {
    this.token++;
    clearTimeout(this.typeTimer);
    if (this.map) this.map.destroy();
    if (this.timeline) this.timeline.destroy();
  }

  // ----------------------------------------------------------------- filters
  buildForm() {
    const input = (name, attrs) => h("input", { name, id: "f-" + name, ...attrs });
    const select = (name, first, options) => h("select", { name, id: "f-" + name },
      h("option", { value: "" }, first), options.map(([v, t]) => h("option", { value: v }, t)));
    const types = Object.keys(ACTOR_TYPE_NAMES).map((t) => [t, ACTOR_TYPE_NAMES[t]]);
    this.inputs = {
      date_from: input("date_from", { type: "date", "aria-label": "From date" }),
      date_to: input("date_to", { type: "date", "aria-label": "To date" }),
      country: select("country", "All countries", []),
      admin1: select("admin1", "All provinces", []),
      type: select("type", "All event types", []),
      actor: input("actor", { type: "search", placeholder: "e.g. Islamic State, داعش", list: "actor-names", autocomplete: "off", dir: "auto" }),
      q: input("q", { type: "search", placeholder: "words in notes, evidence, places", autocomplete: "off", dir: "auto" }),
      min_fatalities: input("min_fatalities", { type: "number", min: "0", step: "1", inputmode: "numeric", placeholder: "0" }),
      disorder_type: select("disorder_type", "Any", [["Political violence", "Political violence"], ["Demonstrations", "Demonstrations"],
        ["Strategic developments", "Strategic developments"]]),
      actor_type: select("actor_type", "Any", types),
      inter_a: select("inter_a", "Any", types),
      inter_b: select("inter_b", "Any", types),
      outlet: select("outlet", "All outlets", []),
      geo_precision: select("geo_precision", "Any", [["1", PRECISION_NAMES[1]], ["2", "Town or district"], ["3", "Any known place"]]),
      person: input("person", { type: "search", placeholder: "a name, Arabic or English", autocomplete: "off", dir: "auto" }),
      several: h("input", { type: "checkbox", id: "f-several", name: "min_reports" }),
    };
    for (const t of EVENT_TYPES) this.inputs.type.append(h("option", { value: "t:" + t }, t));
    this.actorList = h("datalist", { id: "actor-names" });
    const lab = (text, el, cls) => h("label", { class: ["filter", cls], for: el.id }, h("span", { class: "filter-label" }, text), el);
    const reset = h("button", { type: "button", class: "reset", title: "Clear every filter" }, "Clear");
    reset.addEventListener("click", () => this.navigate({ granularity: this.params.granularity, sort: this.params.sort, list: this.params.list }));
    this.quick = h("span", { class: "quick-dates", role: "group", "aria-label": "Recent days" });
    this.more = h("details", { class: "more-filters" },
      h("summary", null, "More filters"),
      h("div", { class: "more-grid" },
        lab("Minimum deaths", this.inputs.min_fatalities),
        lab("Disorder type", this.inputs.disorder_type),
        lab("Actor type", this.inputs.actor_type),
        h("div", { class: "filter interaction" }, h("span", { class: "filter-label", id: "inter-label" }, "Interaction"),
          h("span", { class: "pair", role: "group", "aria-labelledby": "inter-label" },
            this.inputs.inter_a, h("span", { class: "muted" }, "with"), this.inputs.inter_b)),
        lab("Outlet", this.inputs.outlet),
        lab("Located to", this.inputs.geo_precision),
        lab("Person", this.inputs.person),
        h("label", { class: "filter check", for: "f-several" }, this.inputs.several, " Told by several reports")));
    this.inputs.inter_a.setAttribute("aria-label", "Interaction: one actor's type");
    this.inputs.inter_b.setAttribute("aria-label", "Interaction: the other actor's type");
    this.form = h("form", { class: "filters card", role: "search", "aria-label": "Filters", id: "filters" },
      h("div", { class: "filters-main" },
        h("div", { class: "filter dates" },
          h("span", { class: "filter-label" }, "Dates"),
          h("span", { class: "date-pair" }, this.inputs.date_from, h("span", { class: "muted" }, "to"), this.inputs.date_to, this.quick)),
        lab("Country", this.inputs.country),
        lab("Province", this.inputs.admin1, "province"),
        lab("Event type", this.inputs.type, "wide"),
        lab("Actor", this.inputs.actor),
        lab("Text", this.inputs.q),
        h("div", { class: "filter buttons" }, reset)),
      this.more,
      this.actorList);
    this.filtersToggle = h("button", { type: "button", class: "filters-toggle", "aria-controls": "filters", "aria-expanded": "false" }, "Filters");
    this.filtersToggle.addEventListener("click", () => {
      const open = !this.form.classList.contains("open");
      this.form.classList.toggle("open", open);
      this.filtersToggle.setAttribute("aria-expanded", String(open));
    });
    this.chips = h("div", { class: "active-filters", "aria-label": "Active filters" });
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.fromForm();
    });
    for (const k of ["date_from", "date_to", "country", "admin1", "type", "disorder_type", "actor_type", "inter_a", "inter_b",
      "outlet", "geo_precision", "several"]) {
      this.inputs[k].addEventListener("change", () => {
        if (k === "country") this.inputs.admin1.value = "";
        this.fromForm();
      });
    }
    // Typing: one history entry per text box and visit, replaced while the reader types on
    for (const k of ["actor", "q", "person", "min_fatalities"]) {
      const el = this.inputs[k];
      el.addEventListener("input", () => {
        clearTimeout(this.typeTimer);
        this.typeTimer = setTimeout(() => this.fromForm(k), 450);
      });
      el.addEventListener("change", () => {
        clearTimeout(this.typeTimer);
        this.fromForm(k);
      });
      el.addEventListener("blur", () => {
        if (this.typing === k) this.typing = null;
      });
    }
  }

  quickDates(latest) {
    clear(this.quick);
    if (!latest) return;
    const end = Date.parse(latest + "T00:00:00Z");
    for (const days of [7, 30]) {
      const from = new Date(end - (days - 1) * DAY).toISOString().slice(0, 10);
      const b = h("button", { type: "button", class: "quick", title: `The ${days} days up to the latest event (${latest})` }, `${days} d`);
      b.addEventListener("click", () => this.navigate({ ...this.params, date_from: from, date_to: latest }));
      this.quick.append(b);
    }
  }

  async loadFacets() {
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
    for (const o of [...(f.outlets || [])].sort((a, b) => a.localeCompare(b))) this.inputs.outlet.append(h("option", { value: o }, o));
    for (const a of f.actors || []) this.actorList.append(h("option", { value: typeof a === "string" ? a : a.name }));
    this.toForm(true);
    this.renderChips();
  }

  provinceName(code) {
    const a = this.facets && (this.facets.admin1 || []).find((x) => x.code === code);
    return a ? a.name : code;
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
    const groups = [...byCountry.entries()].sort((a, b) => countryName(a[0]).localeCompare(countryName(b[0])));
    for (const [cc, list] of groups) {
      const g = h("optgroup", { label: countryName(cc) });
      for (const a of list.sort((x, y) => String(x.name).localeCompare(String(y.name)))) {
        g.append(h("option", { value: a.code, title: a.code }, a.name || a.code));
      }
      sel.append(g);
    }
  }

  // force: also the box that has the focus (Back or Forward, not the reader's own typing)
  toForm(force = false) {
    const p = this.params;
    const set = (el, v) => {
      if ((force || document.activeElement !== el) && el.value !== (v || "")) el.value = v || "";
    };
    set(this.inputs.date_from, p.date_from);
    set(this.inputs.date_to, p.date_to);
    this.inputs.country.value = p.country || "";
    this.fillProvinces();
    this.inputs.admin1.value = p.admin1 || "";
    if (p.admin1 && this.inputs.admin1.value !== p.admin1) {
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
    for (const k of ["actor", "q", "person", "min_fatalities"]) set(this.inputs[k], p[k]);
    for (const k of ["disorder_type", "actor_type", "outlet", "geo_precision"]) this.inputs[k].value = p[k] || "";
    const [ia, ib] = (p.interaction || "").split("-");
    this.inputs.inter_a.value = p.interaction ? ia : "";
    this.inputs.inter_b.value = p.interaction ? ib || "" : "";
    this.inputs.several.checked = Number(p.min_reports) >= 2;
    this.sortSel.value = p.sort || "-event_date";
    const extra = ["min_fatalities", "disorder_type", "actor_type", "interaction", "outlet", "geo_precision", "person", "min_reports"];
    if (extra.some((k) => p[k])) this.more.open = true;
  }

  fromForm(typedIn = null) {
    const v = (k) => this.inputs[k].value.trim();
    const next = {
      ...this.keepParams(),
      date_from: v("date_from"), date_to: v("date_to"), country: v("country"), admin1: v("admin1"),
      actor: v("actor"), q: v("q"), person: v("person"), min_fatalities: v("min_fatalities"),
      disorder_type: v("disorder_type"), actor_type: v("actor_type"), outlet: v("outlet"), geo_precision: v("geo_precision"),
      min_reports: this.inputs.several.checked ? "2" : "",
      salience: this.params.salience,
    };
    const a = v("inter_a"), b = v("inter_b");
    if (a && b) next.interaction = `${a}-${b}`;
    const t = this.inputs.type.value;
    if (t.startsWith("t:")) next.event_type = t.slice(2);
    else if (t.startsWith("s:")) {
      const [et, sub] = t.slice(2).split("|");
      if (et) next.event_type = et;
      next.sub_event_type = sub;
    }
    // the first pause in a box makes a new entry; the next ones, in the same box, replace it
    const replace = typedIn !== null && this.typing === typedIn;
    if (typedIn !== null) this.typing = typedIn;
    this.navigate(next, { replace, typed: typedIn !== null });
  }

  // what a change of filters keeps: how the page shows them, not where the map was or which page
  keepParams() {
    const p = this.params;
    return { granularity: p.granularity, sort: p.sort, list: p.list, measure: p.measure, layer: p.layer };
  }

  // keep: the filters are the same (page, sort, list, bars): keep the map where it is
  navigate(params, { keep = false, replace = false, typed = false } = {}) {
    const p = { ...params };
    if (!keep) {
      delete p.page;
      delete p.map;
    }
    for (const k of Object.keys(p)) if (p[k] === "" || p[k] === null || p[k] === undefined) delete p[k];
    const hash = "#/" + query(p);
    if (!typed) this.typing = null;
    this.ownHash = typed ? hash : null;
    go(hash, { replace });
  }

  noteView(v) {
    const p = { ...this.params, map: `${v.lon.toFixed(3)},${v.lat.toFixed(3)},${v.zoom.toFixed(2)}` };
    this.params = p;
    const hash = "#/" + query(p);
    note(hash);
    this.state.overviewHash = hash;
  }

  renderChips() {
    const p = this.params;
    const chips = [];
    const add = (keys, label, value) => {
      const b = h("button", { type: "button", class: "chip-x", "aria-label": `Remove the filter ${label}: ${value}`, title: "Remove this filter" }, "×");
      b.addEventListener("click", () => {
        const next = { ...this.params };
        for (const k of keys) delete next[k];
        this.navigate(next);
      });
      chips.push(h("span", { class: "filter-chip", "data-filter": keys[0] }, h("span", { class: "chip-label" }, label + ": "),
        h("span", { class: "chip-value", dir: "auto" }, value), b));
    };
    if (p.date_from || p.date_to) add(["date_from", "date_to"], "Dates", `${p.date_from ? fmtDay(p.date_from) : "…"} – ${p.date_to ? fmtDay(p.date_to) : "…"}`);
    if (p.country) add(["country", "admin1"], "Country", countryName(p.country));
    if (p.admin1) add(["admin1"], "Province", this.provinceName(p.admin1));
    if (p.sub_event_type) add(["sub_event_type"], "Sub-event type", p.sub_event_type);
    if (p.event_type) add(["event_type", "sub_event_type"], "Event type", p.event_type);
    if (p.disorder_type) add(["disorder_type"], "Disorder type", p.disorder_type);
    if (p.actor) add(["actor"], "Actor", p.actor);
    if (p.actor_type) add(["actor_type"], "Actor type", ACTOR_TYPE_NAMES[p.actor_type] || p.actor_type);
    if (p.interaction) add(["interaction"], "Interaction", p.interaction.split("-").map((t) => ACTOR_TYPE_NAMES[t] || t).join(" with "));
    if (p.person) add(["person"], "Person", p.person);
    if (p.q) add(["q"], "Text", p.q);
    if (p.min_fatalities) add(["min_fatalities"], "Minimum deaths", p.min_fatalities);
    if (p.outlet) add(["outlet"], "Outlet", p.outlet);
    if (p.geo_precision) add(["geo_precision"], "Located to", PRECISION_NAMES[p.geo_precision] || p.geo_precision);
    if (p.min_reports) add(["min_reports"], "Reports", `at least ${p.min_reports}`);
    put(clear(this.chips), chips);
    this.chips.hidden = !chips.length;
    this.filtersToggle.textContent = chips.length ? `Filters (${chips.length})` : "Filters";
  }

  // ----------------------------------------------------------------- data
  async update(params) {
    const prev = this.params;
    this.params = { ...params };
    // Back or Forward (not the reader's own typing) puts every box back, the focused one too
    const own = this.ownHash && this.ownHash === window.location.hash;
    this.toForm(!own);
    if (!own) this.typing = null;
    this.renderChips();
    const sal = salienceOf(this.params);
    for (const b of this.salienceButtons) {
      b.classList.toggle("on", b.dataset.salience === sal);
      b.setAttribute("aria-pressed", String(b.dataset.salience === sal));
    }
    const listKind = this.params.list === "reports" ? "reports" : "events";
    for (const b of this.listButtons) {
      b.classList.toggle("on", b.dataset.list === listKind);
      b.setAttribute("aria-pressed", String(b.dataset.list === listKind));
    }
    const filters = pickFilters(this.params);
    const cf = { ...filters, min_reports: this.params.min_reports };
    const filtersChanged = query(cf) !== query({ ...pickFilters(prev), min_reports: prev.min_reports }) || !this.loadedOnce;
    const token = ++this.token;
    const page = Math.max(1, parseInt(this.params.page || "1", 10) || 1);
    const sort = this.params.sort || "-event_date";
    this.setTitle();
    this.renderExports(filters);
    this.list.classList.add("stale");
    const listP = listKind === "reports"
      ? get("/api/events", { ...filters, min_reports: undefined, sort, limit: PAGE, offset: (page - 1) * PAGE, counts: "true" })
      : get("/api/clusters", { ...cf, sort, limit: PAGE, offset: (page - 1) * PAGE });
    let sumP = null, mapP = null, tlP = null;
    const tlChanged = this.params.granularity !== prev.granularity || this.params.measure !== prev.measure;
    if (filtersChanged) {
      sumP = get("/api/summary", cf);
      mapP = get("/api/map", cf);
    }
    const layer = this.params.layer === "provinces" ? "provinces" : "events";
    const provP = layer === "provinces" && (filtersChanged || prev.layer !== this.params.layer)
      ? get("/api/provinces", cf) : null;
    if (filtersChanged || tlChanged) {
      tlP = filtersChanged || !this.tlRows
        ? get("/api/timeline", { ...cf, unit: "clusters", granularity: "day" }) : Promise.resolve(this.tlRows);
    }
    // each part is drawn as soon as its answer comes (the list first, usually); a bad value is said once
    const labels = actorLabels();
    const mine = (fn) => (v) => {
      if (token === this.token) fn(v);
    };
    const parts = [
      Promise.all([listP, labels]).then(mine(([list]) => {
        this.errorBox.hidden = true;
        this.renderList(list, page, listKind);
      })),
      mapP && mapP.then(mine((mapData) => {
        this.mapData = mapData;
        // the markers need only the map's size: they do not wait for the outlines
        this.map.setPoints(mapData.items, { total: mapData.total, view: parseView(this.params.map) });
        if (this.sum) this.renderSummary(this.sum, mapData);
      })),
      sumP && sumP.then(mine((sum) => {
        this.sum = sum;
        this.renderSummary(sum, this.mapData);
        if (!this.quick.firstChild) this.quickDates(sum.date_to);
      })),
      tlP && tlP.then(mine((tl) => this.drawTimeline(tl))),
      provP && provP.then(mine((prov) => this.map.setProvinces(prov))),
    ];
    if (sumP) this.mapData = null;
    this.map.setLayer(layer);
    try {
      await Promise.all(parts);
      if (token === this.token) this.loadedOnce = true;
    } catch (e) {
      if (token !== this.token) return;
      const text = e.status === 422 ? e.detail : "Could not load events: " + (e.detail || e.message);
      put(clear(this.errorBox), h("p", null, text),
        e.status === 422 ? h("p", { class: "small" }, "Change or remove that filter (the × on its chip above, or Clear).") : null);
      this.errorBox.hidden = false;
      put(clear(this.list), h("p", { class: "empty" }, "No events shown: a filter has a value the server cannot use."));
      clear(this.listHead);
      clear(this.pager);
      clear(this.summary);
      this.map.setPoints([]);
      this.timeline.set([], "day");
    } finally {
      if (token === this.token) this.list.classList.remove("stale");
    }
  }

  drawTimeline(tl) {
    this.tlRows = tl;
    const g = this.params.granularity || this.autoGranularity(tl);
    const measure = this.params.measure === "fatalities" ? "fatalities" : "events";
    this.tlTitle.textContent = `${measure === "fatalities" ? "People killed" : "Events"} per ${g}`;
    for (const b of this.granButtons) {
      b.classList.toggle("on", b.dataset.granularity === g);
      b.setAttribute("aria-pressed", String(b.dataset.granularity === g));
    }
    for (const b of this.measureButtons) {
      b.classList.toggle("on", b.dataset.measure === measure);
      b.setAttribute("aria-pressed", String(b.dataset.measure === measure));
    }
    this.timeline.set(g === "week" ? toWeeks(tl) : tl, g, measure);
  }

  setTitle() {
    const p = this.params;
    const bits = [];
    if (p.admin1) bits.push(this.provinceName(p.admin1));
    else if (p.country) bits.push(countryName(p.country));
    if (p.event_type) bits.push(p.sub_event_type || p.event_type);
    if (p.actor) bits.push(p.actor);
    if (p.q) bits.push(`“${p.q}”`);
    const sal = salienceOf(p);
    document.title = ["Events", ...bits, sal === "news" ? null : SALIENCE_NAMES[sal].toLowerCase(), "rasd"].filter(Boolean).join(" · ");
  }

  autoGranularity(rows) {
    if (rows.length < 2) return "day";
    const span = (Date.parse(rows[rows.length - 1].period) - Date.parse(rows[0].period)) / DAY;
    return span > 120 ? "week" : "day";
  }

  renderExports(filters) {
    const q = query(filters);
    put(clear(this.exports),
      h("span", { class: "muted" }, "Export reports "),
      h("a", { href: "/export/events.csv" + q, download: "rasd-events.csv", title: "ACLED's 31 columns, one row per report" }, "CSV"),
      " · ",
      h("a", { href: "/export/events.geojson" + q, download: "rasd-events.geojson" }, "GeoJSON"),
      " · ",
      h("a", { href: "/export/events.jsonl" + q, download: "rasd-events.jsonl" }, "JSONL"));
  }

  renderSummary(s, mapData) {
    const sal = salienceOf(this.params);
    const max = Math.max(1, ...EVENT_TYPES.map((t) => (s.by_type[t] || {}).events || 0));
    const activeType = this.params.event_type;
    const legend = h("ul", { class: "type-legend" });
    const types = [...EVENT_TYPES, ...Object.keys(s.by_type).filter((t) => !EVENT_TYPES.includes(t))];
    for (const t of types) {
      const b = s.by_type[t] || { events: 0, fatalities: 0 };
      const li = h("li", { class: ["legend-row", typeClass(t), activeType === t ? "active" : null, b.events ? null : "zero"] },
        h("button", { type: "button", class: "legend-btn", title: (activeType === t ? "Show every type" : "Show only " + t) + ` · ${b.fatalities} killed` },
          h("span", { class: "dot", "aria-hidden": "true" }),
          h("span", { class: "legend-name" }, TYPE_SHORT[t] || t),
          h("span", { class: "legend-bar", "aria-hidden": "true" }, h("span", { class: ["fill", "w" + Math.round((b.events / max) * 20)] })),
          h("span", { class: "legend-n" }, String(b.events))));
      li.querySelector("button").addEventListener("click", () => {
        const p = { ...this.params };
        delete p.sub_event_type;
        if (activeType === t) delete p.event_type;
        else p.event_type = t;
        this.navigate(p);
      });
      legend.append(li);
    }
    // one Tab stop for the legend: arrows move between its types
    const btns = [...legend.querySelectorAll("button")];
    const cur = Math.max(0, types.indexOf(activeType));
    btns.forEach((b, i) => {
      b.setAttribute("tabindex", i === cur ? "0" : "-1");
      b.addEventListener("keydown", (ev) => {
        const d = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[ev.key];
        if (!d) return;
        ev.preventDefault();
        const next = btns[(i + d + btns.length) % btns.length];
        for (const x of btns) x.setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        next.focus();
      });
    });
    const unlocated = s.events - s.located;
    put(clear(this.summary),
      h("div", { class: "stats" },
        stat(s.events, s.events === 1 ? "event" : "events", `real-world events, ${SALIENCE_WORDS[sal]}; one event told by several outlets counts once`, "events"),
        stat(s.fatalities, "killed", "each event's consensus toll, counted once", "dead"),
        stat(s.reports, s.reports === 1 ? "report" : "reports", "articles telling these events", "reports"),
        stat(s.outlets, s.outlets === 1 ? "outlet" : "outlets", "that published them", "outlets")),
      h("p", { class: "words" }, `${plural(s.events, "event")} ${SALIENCE_WORDS[sal]}, told in ${plural(s.reports, "report")} by ${plural(s.outlets, "outlet")}; `,
        h("strong", null, `${s.fatalities.toLocaleString("en")} killed`),
        ` counting each event once, with its most conservative toll (${s.with_fatalities} of ${s.events} give one).`),
      h("p", { class: "range muted" }, s.date_from ? `${fmtDay(s.date_from)} – ${fmtDay(s.date_to)}` : "No dated events"),
      h("h3", { class: "mini-title" }, "Events by type"),
      legend,
      h("p", { class: "muted small" }, "Map: one marker per event, area by people killed; a number is several events at one spot.",
        unlocated > 0 ? ` ${plural(unlocated, "event")} without a place ${unlocated === 1 ? "is" : "are"} not on the map.` : null,
        mapData && mapData.total > mapData.items.length ? ` The ${mapData.items.length} deadliest of ${mapData.total} are drawn.` : null));
  }

  renderList(data, page, kind) {
    const total = data.total || 0;
    const pages = Math.max(1, Math.ceil(total / PAGE));
    const from = total ? (page - 1) * PAGE + 1 : 0;
    const to = Math.min(total, page * PAGE);
    put(clear(this.listHead), h("h2", { class: "card-title", id: this.listTitleId, tabindex: "-1" },
      plural(total, kind === "reports" ? "report" : "event")),
    total ? h("span", { class: "muted" }, ` showing ${from}–${to}`) : null,
    h("span", { class: "muted small" }, kind === "reports" ? " · one row per article's account" : " · one row per real-world event; open one for its reports"));
    clear(this.list);
    if (!data.items || !data.items.length) {
      this.list.append(h("p", { class: "empty" }, total ? "Nothing on this page." : "No events match these filters."));
    } else if (kind === "reports") {
      this.list.append(eventsTable(data.items, { caption: "Reports" }));
    } else {
      this.list.append(clustersTable(data.items));
    }
    clear(this.pager);
    if (pages > 1) {
      const goPage = (n) => this.navigate({ ...this.params, page: String(n) }, { keep: true });
      const prev = h("button", { type: "button", class: "page-prev", disabled: page <= 1 }, "‹ Previous");
      const next = h("button", { type: "button", class: "page-next", disabled: page >= pages }, "Next ›");
      prev.addEventListener("click", () => goPage(page - 1));
      next.addEventListener("click", () => goPage(page + 1));
      this.pager.append(prev, h("span", { class: "page-of" }, `Page ${page} of ${pages}`), next);
    }
  }
}

function consensusToll(k) {
  if (k.fatalities === null || k.fatalities === undefined) return "—";
  return k.fatalities_high !== null && k.fatalities_high !== undefined && k.fatalities_high !== k.fatalities
    ? `${k.fatalities}–${k.fatalities_high}` : String(k.fatalities);
}

// Real-world events: consensus date, type, place, actors and toll; how many reports; whether they agree.
function clustersTable(items) {
  const tbody = h("tbody");
  for (const c of items) {
    const k = c.consensus || {};
    const href = "#/cluster/" + encodeURIComponent(c.cluster_id);
    const nc = (c.contradictions || []).length;
    const ns = (c.sources || []).length;
    const tr = h("tr", { class: ["cl-row", k.salience === "background" ? "background" : null], "data-cluster-id": c.cluster_id },
      h("td", { class: "date" }, h("a", { href, class: "row-link" }, fmtWindow(k.event_date, k.date_end)),
        k.salience === "background" ? h("span", { class: "tag", title: "An earlier event an article recalls" }, "recalled") : null),
      h("td", { class: "type" }, typeChip(k.event_type, k.sub_event_type)),
      h("td", { class: "where" }, placeText(k)),
      h("td", { class: "who" }, actorsLine(k)),
      h("td", { class: ["num", "toll", k.fatalities > 0 ? "dead" : null] }, consensusToll(k)),
      h("td", { class: "num reports", title: `${plural(c.n_reports, "report")} from ${plural(ns, "outlet")}` },
        c.n_reports > 1 ? h("span", { class: "multi" }, `${c.n_reports} · ${ns}`) : "1"),
      h("td", { class: "agree" }, c.n_reports < 2 ? h("span", { class: "muted" }, "one report")
        : nc ? h("span", { class: "conflict-pill", title: (c.contradictions || []).map((x) => x.text).join("\n") }, `${nc} disagreement${nc === 1 ? "" : "s"}`)
          : h("span", { class: "agree-pill" }, "agree")));
    tr.addEventListener("click", (e) => {
      if (e.target.closest("a")) return;
      if (window.getSelection && String(window.getSelection())) return;
      window.location.hash = href;
    });
    tbody.append(tr);
  }
  return h("div", { class: "table-wrap" }, h("table", { class: "events-table clusters-table" },
    h("caption", { class: "sr-only" }, "Events"),
    h("thead", null, h("tr", null,
      h("th", { scope: "col" }, "Date"),
      h("th", { scope: "col" }, "Type"),
      h("th", { scope: "col" }, "Place"),
      h("th", { scope: "col" }, "Actors"),
      h("th", { scope: "col", class: "num", title: "The event's consensus toll: the most conservative figure of its reports (– the highest)" }, "Killed"),
      h("th", { scope: "col", class: "num", title: "Reports · outlets" }, "Reports"),
      h("th", { scope: "col" }, "Sources agree?"))),
    tbody));
}

function stat(n, label, explain, cls = "") {
  return h("div", { class: ["stat", cls], title: explain },
    h("span", { class: "stat-n" }, Number(n || 0).toLocaleString("en")),
    h("span", { class: "stat-label" }, label),
    h("span", { class: "stat-explain" }, explain));
}


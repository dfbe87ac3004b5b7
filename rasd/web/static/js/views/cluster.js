// One real-world event: what the reports agree on, where they disagree, and every report side by side.
import { get } from "../api.js";
import { ar, auto, h, put } from "../dom.js";
import { actorNode, eventTitle, fmtWindow, placeText, tollText, typeChip } from "../format.js";
import { actorLabels } from "../format.js";
import { card, crumbs, fields, idText, personLine, reportedBy, uniquePersons } from "./common.js";

// Contradiction fields (rasd.link._contradictions) -> the rows of the comparison they concern.
const CONFLICT_ROWS = {
  event_type: ["type"],
  date: ["date"],
  place: ["place", "province"],
  actor1: ["actor1"],
  actor2: ["actor2"],
  fatalities: ["fatalities"],
  injuries: ["injuries"],
};

export class ClusterView {
  constructor(state) {
    this.state = state;
  }

  async mount(root, id) {
    const [c] = await Promise.all([get("/api/clusters/" + encodeURIComponent(id)), actorLabels()]);
    const cons = c.consensus || {};
    const records = c.records || [];
    const contradictions = c.contradictions || [];
    document.title = `${eventTitle(cons)} · ${records.length} reports · rasd`;
    const conflictRows = new Set();
    for (const x of contradictions) for (const r of CONFLICT_ROWS[x.field] || [x.field]) conflictRows.add(r);

    put(root,
      crumbs(this.state, h("span", null, "Cluster "), idText(c.cluster_id)),
      h("header", { class: "page-head" },
        typeChip(cons.event_type, cons.sub_event_type),
        h("h1", null, eventTitle(cons)),
        h("p", { class: "subtitle" },
          `${records.length} report${records.length === 1 ? "" : "s"} from ${(c.sources || []).length} outlet${(c.sources || []).length === 1 ? "" : "s"}`,
          " · ", fmtWindow(cons.event_date, cons.date_end), " · ", placeText(cons))),
      contradictions.length ? contradictionsBox(contradictions) : h("p", { class: "agree-note" }, "The reports do not contradict each other on type, date, place, actors or tolls."),
      card("Consensus", { class: "card consensus-card" },
        h("p", { class: "muted small" }, "What rasd takes from all reports: the most common type and actors, the date window they share, the most precise place, and the most conservative toll."),
        fields([
          ["Event type", cons.event_type ? `${cons.event_type} / ${cons.sub_event_type || "?"}` : null, conflictRows.has("type") ? { class: "field conflict" } : null],
          ["Date", fmtWindow(cons.event_date, cons.date_end), conflictRows.has("date") ? { class: "field conflict" } : null],
          ["Place", placeText(cons), conflictRows.has("place") ? { class: "field conflict" } : null],
          ["Actor 1", cons.actor1 ? actorNode(cons.actor1) : null, conflictRows.has("actor1") ? { class: "field conflict" } : null],
          ["Actor 2", cons.actor2 ? actorNode(cons.actor2) : null, conflictRows.has("actor2") ? { class: "field conflict" } : null],
          ["Killed", consensusToll(cons), conflictRows.has("fatalities") ? { class: "field conflict" } : null],
          ["Injured", cons.injuries, conflictRows.has("injuries") ? { class: "field conflict" } : null],
          ["Salience", cons.salience],
        ], "fields consensus")),
      compareCard(records, conflictRows),
      (c.persons || []).length ? card("Persons", null, h("ul", { class: "plain persons" },
        uniquePersons(c.persons).map((p) => h("li", null, personLine({ title: p.title, name: p.name, name_ar: p.name_ar, affiliation: p.affiliation }, p.person_id),
          (p.roles || []).map((r) => [" ", h("span", { class: "tag role-" + r }, r)]))))) : null);
  }
}

function consensusToll(c) {
  if (c.fatalities === null || c.fatalities === undefined) return "—";
  const parts = [h("strong", { class: c.fatalities > 0 ? "dead" : null }, String(c.fatalities)), " (most conservative)"];
  if (c.fatalities_best !== null && c.fatalities_best !== undefined && c.fatalities_best !== c.fatalities) parts.push(` · best estimate ${c.fatalities_best}`);
  if (c.fatalities_low !== c.fatalities_high && c.fatalities_high !== null && c.fatalities_high !== undefined) {
    parts.push(` · reports range ${c.fatalities_low}–${c.fatalities_high}`);
  }
  return h("span", null, parts);
}

function contradictionsBox(list) {
  return h("section", { class: "card contradictions", role: "alert", "aria-label": "Contradictions" },
    h("h2", { class: "card-title" }, `⚠ The sources disagree on ${list.length} point${list.length === 1 ? "" : "s"}`),
    h("ul", { class: "contradiction-list" }, list.map((x) => h("li", { class: "contradiction", "data-field": x.field },
      h("span", { class: "contradiction-text", dir: "auto" }, x.text || x.field)))));
}

// What is compared in a row where the sources disagree (null: the report says nothing).
const COMPARE_KEYS = {
  type: (r) => r.event_type || null,
  date: (r) => (r.event_date ? `${r.event_date}/${r.date_end || r.event_date}` : null),
  place: (r) => r.admin1_code || null,
  province: (r) => r.admin1_code || null,
  actor1: (r) => (r.actor1 ? r.actor1.name : null),
  actor2: (r) => (r.actor2 ? r.actor2.name : null),
  fatalities: (r) => (r.fatalities === null || r.fatalities === undefined ? null : String(r.fatalities)),
  injuries: (r) => (r.injuries === null || r.injuries === undefined ? null : String(r.injuries)),
};

function mostCommon(keys) {
  const n = new Map();
  for (const k of keys) if (k !== null) n.set(k, (n.get(k) || 0) + 1);
  let best = null;
  for (const [k, c] of n) if (best === null || c > n.get(best)) best = k;
  return best;
}

function compareCard(records, conflictRows) {
  const rows = [
    ["type", "Event type", (r) => typeChip(r.event_type, r.sub_event_type)],
    ["date", "Date", (r) => fmtWindow(r.event_date, r.date_end)],
    ["date_text", "Date as written", (r) => (r.date_text ? ar(r.date_text) : null)],
    ["place", "Place", (r) => h("span", null, auto(r.location || "—"), r.location_ar ? [" ", ar(r.location_ar, "span", "aside")] : null)],
    ["province", "Province", (r) => (r.admin1 ? `${r.admin1}${r.admin1_code ? " (" + r.admin1_code + ")" : ""}` : null)],
    ["actor1", "Actor 1", (r) => actorNode(r.actor1)],
    ["actor2", "Actor 2", (r) => (r.actor2 ? actorNode(r.actor2) : null)],
    ["assoc", "Associated", (r) => ((r.assoc_actors || []).length ? h("span", { class: "stack" }, r.assoc_actors.map((a) => actorNode(a))) : null)],
    ["fatalities", "Killed", (r) => h("span", { class: r.fatalities > 0 ? "dead" : null }, tollText(r))],
    ["injuries", "Injured", (r) => (r.injuries ?? "—")],
    ["persons", "Persons", (r) => ((r.persons || []).length ? h("span", { class: "stack" }, uniquePersons(r.persons).map((p) => personLine(p))) : null)],
    ["reported_by", "Reported by", (r) => reportedBy(r.reported_by)],
    ["salience", "Salience", (r) => (r.salience === "background" ? h("span", { class: "tag tag-warn" }, "recalled") : "news")],
    ["evidence", "Evidence", (r) => h("div", { class: "stack" }, (r.evidence || []).map((sp) => h("blockquote", { class: "evidence-quote", lang: "ar", dir: "rtl" }, sp.text)))],
  ];
  const head = h("tr", null, h("th", { scope: "col", class: "rowhead corner" }, "Report"),
    records.map((r, i) => h("th", { scope: "col", class: "report-head", "data-event-id": r.event_id },
      h("div", { class: "report-n" }, `Report ${i + 1}`),
      h("div", { class: "report-source" }, h("a", { href: "#/document/" + encodeURIComponent(r.doc_id) }, auto(r.source || r.doc_id))),
      h("div", { class: "muted small" }, r.published ? "published " + String(r.published).slice(0, 10) : "publication date unknown"),
      h("div", { class: "small" }, h("a", { href: "#/event/" + encodeURIComponent(r.event_id) }, "Open this report →")))));
  const body = h("tbody");
  for (const [key, label, fn] of rows) {
    const vals = records.map(fn);
    if (vals.every((v) => v === null || v === undefined)) continue;
    const conflict = conflictRows.has(key);
    // in a row where the sources disagree, the values that differ from the most common one stand out
    const keys = conflict && COMPARE_KEYS[key] ? records.map(COMPARE_KEYS[key]) : records.map(() => null);
    const common = mostCommon(keys);
    body.append(h("tr", { class: ["cmp-row", "row-" + key, conflict ? "conflict" : null], "data-row": key },
      h("th", { scope: "row", class: "rowhead" }, label, conflict ? h("span", { class: "conflict-badge", title: "The sources disagree here" }, "≠") : null),
      vals.map((v, i) => h("td", {
        class: [conflict ? "conflict" : null, conflict && keys[i] !== null && keys[i] !== common ? "odd" : null],
        title: conflict && keys[i] !== null && keys[i] !== common ? "Differs from what most reports say" : null,
      }, v === null || v === undefined ? h("span", { class: "muted" }, "—") : v))));
  }
  return h("section", { class: "card compare-card", "aria-label": "Reports side by side" },
    h("div", { class: "card-head" }, h("h2", { class: "card-title" }, "Every report side by side"),
      h("span", { class: "muted small" }, "One column per report. Red rows: the sources disagree; bold red: a value that differs from most reports.")),
    h("div", { class: "compare-wrap" }, h("table", { class: ["compare", "n" + Math.min(records.length, 6)] }, h("thead", null, head), body)));
}


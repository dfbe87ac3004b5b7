// Pieces the views share.
import { ar, auto, h } from "../dom.js";
import { actorsLine, fmtWindow, placeNode, tollText, typeChip } from "../format.js";
import { previousHash } from "../nav.js";

// "← Events": back to the overview as it was; when the overview is the entry before this one, by going
// back (so that the next Back leaves the overview instead of returning here).
export function backToEvents(state, label = "← Events") {
  const a = h("a", { href: state.overviewHash || "#/", class: "back-to-events" }, label);
  a.addEventListener("click", (ev) => {
    const prev = previousHash();
    if (prev && prev === (state.overviewHash || "#/")) {
      ev.preventDefault();
      window.history.back();
    }
  });
  return a;
}

export function crumbs(state, ...items) {
  return h("nav", { class: "crumbs", "aria-label": "Breadcrumb" },
    backToEvents(state),
    items.map((it) => [h("span", { class: "sep", "aria-hidden": "true" }, " / "), it]));
}

export function errorView(title, detail, state) {
  return h("div", { class: "card error-card" },
    h("h1", null, title),
    h("p", null, detail || ""),
    h("p", null, h("a", { href: (state && state.overviewHash) || "#/" }, "Back to the events")));
}

// Persons as a reader should see them: the name (with the title, where the record has one), the Arabic
// beside it, and the same person written twice shown once.
export function uniquePersons(list) {
  const seen = new Set();
  const out = [];
  for (const p of list || []) {
    const key = [p.title || "", p.name || "", p.name_ar || "", p.role || "", p.affiliation || ""].join("\u0001");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

export function card(title, attrs, ...children) {
  return h("section", { class: "card", ...(attrs || {}) },
    title ? h("h2", { class: "card-title" }, title) : null,
    ...children);
}

// <dl> of [label, value] rows; rows whose value is null/undefined/"" are left out.
export function fields(rows, cls = "fields") {
  const dl = h("dl", { class: cls });
  for (const [label, value, attrs] of rows) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
    dl.append(h("div", { class: "field", ...(attrs || {}) }, h("dt", null, label), h("dd", null, value)));
  }
  return dl;
}

export function idText(id) {
  return h("code", { class: "id" }, id);
}

function sourcesCell(ev) {
  const td = h("td", { class: "num sources" }, h("span", { class: "muted" }, "…"));
  const direct = ev.n_sources ?? ev.n_reports ?? (Array.isArray(ev.sources) ? ev.sources.length : null);
  const fill = (nSources, nReports) => {
    td.textContent = "";
    if (nSources === null || nSources === undefined) {
      td.append(h("span", { class: "muted" }, "—"));
      return;
    }
    const label = `${nReports ?? nSources} report${(nReports ?? nSources) === 1 ? "" : "s"} from ${nSources} outlet${nSources === 1 ? "" : "s"}`;
    const el = ev.cluster_id && (nReports ?? nSources) > 1
      ? h("a", { href: "#/cluster/" + encodeURIComponent(ev.cluster_id), title: label, class: "multi" }, String(nSources))
      : h("span", { title: label }, String(nSources));
    td.append(el);
  };
  // the list asks /api/events?counts=true: the counts come with the page, never one request per row
  if (direct !== null && direct !== undefined) fill(direct, ev.n_reports);
  else if (!ev.cluster_id) fill(1, 1);
  else fill(null);
  return td;
}

// The table of events used by the overview and the person page.
export function eventsTable(events, { caption } = {}) {
  const table = h("table", { class: "events-table" },
    caption ? h("caption", { class: "sr-only" }, caption) : null,
    h("thead", null, h("tr", null,
      h("th", { scope: "col" }, "Date"),
      h("th", { scope: "col" }, "Type"),
      h("th", { scope: "col" }, "Place"),
      h("th", { scope: "col" }, "Actors"),
      h("th", { scope: "col", class: "num", title: "Fatalities (conservative figure of this report)" }, "Killed"),
      h("th", { scope: "col", class: "num", title: "Outlets that reported this event" }, "Sources"))));
  const tbody = h("tbody");
  for (const ev of events) {
    const href = "#/event/" + encodeURIComponent(ev.event_id);
    const tr = h("tr", { class: ["ev-row", ev.salience === "background" ? "background" : null], "data-event-id": ev.event_id },
      h("td", { class: "date" }, h("a", { href, class: "row-link" }, fmtWindow(ev.event_date, ev.date_end)),
        ev.salience === "background" ? h("span", { class: "tag", title: "An earlier event the article recalls" }, "recalled") : null),
      h("td", { class: "type" }, typeChip(ev.event_type, ev.sub_event_type)),
      h("td", { class: "where" }, placeNode(ev)),
      h("td", { class: "who" }, actorsLine(ev)),
      h("td", { class: ["num", "toll", ev.fatalities > 0 ? "dead" : null] }, tollText(ev)),
      sourcesCell(ev));
    tr.addEventListener("click", (e) => {
      if (e.target.closest("a")) return;
      if (window.getSelection && String(window.getSelection())) return;
      window.location.hash = href;
    });
    tbody.append(tr);
  }
  table.append(tbody);
  return h("div", { class: "table-wrap" }, table);
}

export function personLine(p, personId) {
  const name = p.name || p.name_ar || "?";
  const main = personId ? h("a", { href: "#/person/" + encodeURIComponent(personId) }, auto(name)) : auto(name);
  return h("span", { class: "person" },
    p.title ? [h("span", { class: "person-title" }, auto(p.title)), " "] : null,
    main,
    p.name_ar && p.name_ar !== p.name ? [" ", ar(p.name_ar, "span", "aside")] : null,
    p.role ? [" ", h("span", { class: "tag role-" + p.role }, p.role)] : null,
    p.affiliation ? [" ", h("span", { class: "muted" }, "· ", auto(p.affiliation))] : null);
}

export function sourceLink(doc) {
  if (!doc) return null;
  return h("span", { class: "source" },
    h("a", { href: "#/document/" + encodeURIComponent(doc.id || doc.doc_id) }, auto(doc.source || doc.id || doc.doc_id)),
    doc.published ? h("span", { class: "muted" }, " · published " + String(doc.published).slice(0, 10)) : null);
}

export function externalLink(url) {
  if (!url) return null;
  let ok = false;
  try {
    const u = new URL(url);
    ok = u.protocol === "http:" || u.protocol === "https:";
  } catch (e) {
    ok = false;
  }
  if (!ok) return h("span", { class: "url", dir: "ltr" }, url);
  return h("a", { href: url, class: "url", dir: "ltr", rel: "noopener noreferrer nofollow", target: "_blank",
    referrerpolicy: "no-referrer", title: "Original article (opens the outlet's site)" }, url);
}

export function reportedBy(list) {
  if (!list || !list.length) return null;
  return h("span", { class: "chips" }, list.map((s) => h("span", { class: "tag" }, auto(s))));
}

export function chipFor(r) {
  return typeChip(r.event_type, r.sub_event_type);
}

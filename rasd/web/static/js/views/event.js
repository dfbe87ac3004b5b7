// One event as one document reports it: every field, and the article with its evidence highlighted.
import { get } from "../api.js";
import { ar, auto, h, put } from "../dom.js";
import { GEO_PRECISION, PRECISION, actorNode, eventTitle, fmtWindow, placeText, tollText, typeChip } from "../format.js";
import { highlightedText } from "../highlight.js";
import { actorLabels } from "../format.js";
import { card, crumbs, externalLink, fields, idText, personLine, reportedBy, sourceLink, uniquePersons } from "./common.js";

export class EventView {
  constructor(state) {
    this.state = state;
  }

  async mount(root, id) {
    const [ev] = await Promise.all([get("/api/events/" + encodeURIComponent(id)), actorLabels()]);
    const doc = ev.document || { id: ev.doc_id, source: ev.source, url: ev.url, published: ev.published };
    document.title = `${eventTitle(ev)} · rasd`;
    const docP = get("/api/documents/" + encodeURIComponent(doc.id || ev.doc_id)).catch((e) => ({ error: e }));
    const clusterP = ev.cluster_id
      ? get("/api/clusters/" + encodeURIComponent(ev.cluster_id), null, { cached: true }).catch(() => null)
      : Promise.resolve(null);

    const clusterSlot = h("div", { class: "cluster-slot" });
    const personsSlot = h("div", { class: "persons-slot" }, personsList(ev.persons, null));
    const articleSlot = h("div", { class: "article-slot" }, h("p", { class: "muted" }, "Loading the article…"));

    put(root,
      crumbs(this.state, h("span", null, "Event "), idText(ev.event_id)),
      h("header", { class: "page-head" },
        typeChip(ev.event_type, ev.sub_event_type),
        h("h1", null, eventTitle(ev)),
        h("p", { class: "subtitle" },
          h("span", null, fmtWindow(ev.event_date, ev.date_end)), " · ", h("span", null, placeText(ev)),
          ev.location_ar ? [" ", ar(ev.location_ar, "span", "aside")] : null,
          " · ", h("span", { class: ["tag", ev.salience === "background" ? "tag-warn" : null] },
            ev.salience === "background" ? "recalled (background)" : "reported as news"))),
      clusterSlot,
      h("div", { class: "event-grid" },
        h("div", { class: "event-side" },
          card("What, when, where", null, fields([
            ["Event type", ev.event_type],
            ["Sub-event type", ev.sub_event_type],
            ["Date", fmtWindow(ev.event_date, ev.date_end)],
            ["Precision", ev.time_precision ? `${ev.time_precision} — ${PRECISION[ev.time_precision] || ""}` : null],
            ["As written", ev.date_text ? ar(ev.date_text) : null],
            ["Place", ev.location ? h("span", null, auto(ev.location), ev.location_ar ? [" ", ar(ev.location_ar, "span", "aside")] : null) : null],
            ["District", ev.admin2],
            ["Province", ev.admin1 ? `${ev.admin1}${ev.admin1_code ? " (" + ev.admin1_code + ")" : ""}` : null],
            ["Country", ev.country ? `${ev.country}${ev.iso ? " (" + ev.iso + ")" : ""}` : null],
            ["Coordinates", typeof ev.latitude === "number" ? `${ev.latitude.toFixed(4)}, ${ev.longitude.toFixed(4)}` : null],
            ["Geo precision", ev.geo_precision ? `${ev.geo_precision} — ${GEO_PRECISION[ev.geo_precision] || ""}` : null],
          ])),
          card("Who", null, fields([
            ["Actor 1", ev.actor1 ? actorNode(ev.actor1, { withType: true }) : h("span", { class: "muted" }, "—")],
            ["Actor 2", ev.actor2 ? actorNode(ev.actor2, { withType: true }) : null],
            ["Associated", (ev.assoc_actors || []).length
              ? h("span", { class: "stack" }, ev.assoc_actors.map((a) => h("span", null, actorNode(a, { withType: true })))) : null],
            ["Persons", personsSlot],
          ])),
          card("Toll", null, fields([
            ["Killed", h("span", { class: ev.fatalities > 0 ? "dead" : null }, tollText(ev))],
            ["Injured", ev.injuries ?? "—"],
          ], "fields tolls")),
          card("Sources", null, fields([
            ["Outlet", sourceLink(doc)],
            ["Reported by", reportedBy(ev.reported_by)],
            ["Original", externalLink(doc.url)],
            ["Notes", ev.notes ? h("span", { class: "notes" }, ev.notes) : null],
            ["Ids", h("span", { class: "stack" },
              h("span", null, "event ", idText(ev.event_id)),
              h("span", null, "document ", idText(ev.doc_id)),
              ev.cluster_id ? h("span", null, "cluster ", idText(ev.cluster_id)) : null)],
          ]))),
        h("div", { class: "event-main" }, articleSlot)));

    const [docData, cluster] = await Promise.all([docP, clusterP]);
    // the real-world event this report belongs to
    if (cluster) {
      const others = (cluster.n_reports || (cluster.event_ids || []).length) - 1;
      const srcs = cluster.sources || [];
      clusterSlot.append(h("a", { class: ["cluster-banner", others > 0 ? null : "single", (cluster.contradictions || []).length ? "has-conflict" : null],
        href: "#/cluster/" + encodeURIComponent(ev.cluster_id) },
      h("span", { class: "cluster-banner-main" }, others > 0
        ? `Reported by ${srcs.length} outlet${srcs.length === 1 ? "" : "s"} in ${others + 1} reports — compare them side by side →`
        : "No other report of this event so far"),
      (cluster.contradictions || []).length
        ? h("span", { class: "conflict-count" }, `${cluster.contradictions.length} disagreement${cluster.contradictions.length === 1 ? "" : "s"} between sources`)
        : null));
      const mine = (cluster.persons || []).filter((p) => (p.event_ids || []).includes(ev.event_id));
      if (mine.length || (ev.persons || []).length) {
        personsSlot.replaceChildren(personsList(ev.persons, mine));
      }
    } else if (ev.cluster_id) {
      clusterSlot.append(h("a", { class: "cluster-banner", href: "#/cluster/" + encodeURIComponent(ev.cluster_id) }, "Open this event's cluster →"));
    }
    articleSlot.replaceChildren(articleCard(ev, doc, docData));
  }
}

// The persons of the record, linked to the person registry where it knows them.
function personsList(persons, registry) {
  persons = uniquePersons(persons);
  if (!persons.length) return h("span", { class: "muted" }, "none named");
  const find = (p) => {
    if (!registry) return null;
    const hit = registry.find((r) => r.name_ar === p.name_ar || (r.aliases || []).includes(p.name_ar)) ||
      registry.find((r) => p.name && r.name === p.name);
    return hit ? hit.person_id : null;
  };
  return h("ul", { class: "plain persons" }, persons.map((p) => h("li", null, personLine(p, find(p)),
    (p.aliases || []).length ? h("div", { class: "aliases" }, "also: ", p.aliases.map((a, i) => [i ? "، " : "", ar(a)])) : null)));
}

function articleCard(ev, doc, data) {
  if (!data || data.error) {
    return card("Article", null, h("p", { class: "error" }, "The article text could not be loaded" +
      (data && data.error ? ": " + (data.error.detail || data.error.message) : ".")));
  }
  const text = typeof data.text === "string" ? data.text : "";
  const others = [];
  for (const e of data.events || []) {
    if (e.event_id === ev.event_id) continue;
    for (const sp of e.evidence || []) {
      others.push({ ...sp, event_id: e.event_id, label: [e.event_type, e.sub_event_type].filter(Boolean).join(" / ") });
    }
  }
  const { node, marks, missing } = highlightedText(text, ev.evidence || [], others);
  const evidenceList = h("ol", { class: "evidence-list" }, (ev.evidence || []).map((sp, i) => {
    const b = h("button", { type: "button", class: "evidence-jump", title: "Show in the article" }, ar(sp.text, "span"));
    b.addEventListener("click", () => {
      const m = marks.find((x) => Number(x.dataset.start) <= sp.start && Number(x.dataset.end) >= sp.end) || marks[i];
      if (m) {
        m.scrollIntoView({ block: "center", behavior: "smooth" });
        m.classList.add("flash");
        setTimeout(() => m.classList.remove("flash"), 1200);
      }
    });
    return h("li", null, b);
  }));
  const head = h("div", { class: "card-head" },
    h("h2", { class: "card-title" }, "Article"),
    h("span", { class: "muted" }, auto(data.source || doc.source || data.id), data.published ? " · " + String(data.published).slice(0, 10) : "",
      data.version ? ` · version ${data.version}` : ""),
    h("a", { href: "#/document/" + encodeURIComponent(data.id) }, "Whole document →"));
  return h("section", { class: "card article-card" }, head,
    h("p", { class: "legend-line" },
      h("mark", { class: "evidence sample" }, "highlighted"), " the sentences this event was read from",
      others.length ? [" · ", h("mark", { class: "evidence-other sample" }, "underlined"), " other events in the same article"] : null),
    missing.length ? h("p", { class: "warn" }, `${missing.length} evidence sentence(s) are not in this version of the text.`) : null,
    h("h3", { class: "mini-title" }, "Evidence"),
    evidenceList,
    h("h3", { class: "mini-title" }, "Text"),
    node);
}

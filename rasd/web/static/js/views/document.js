// One article: where it came from, the events read from it, and its text with every evidence sentence marked.
import { get } from "../api.js";
import { auto, h, put } from "../dom.js";
import { highlightedText } from "../highlight.js";
import { typeChip } from "../format.js";
import { card, crumbs, externalLink, fields, idText } from "./common.js";

export class DocumentView {
  constructor(state) {
    this.state = state;
  }

  async mount(root, id) {
    const d = await get("/api/documents/" + encodeURIComponent(id));
    document.title = `${d.source || d.id} · rasd`;
    const text = typeof d.text === "string" ? d.text : "";
    const spans = [];
    for (const e of d.events || []) {
      for (const sp of e.evidence || []) spans.push({ ...sp, event_id: e.event_id, label: [e.event_type, e.sub_event_type].filter(Boolean).join(" / ") });
    }
    // every event's evidence in the secondary style, each linked to its event
    const { node } = highlightedText(text, [], spans);
    put(root,
      crumbs(this.state, h("span", null, "Document "), idText(d.id)),
      h("header", { class: "page-head" },
        h("h1", null, auto(d.source || d.id)),
        h("p", { class: "subtitle" }, d.published ? "Published " + String(d.published).slice(0, 10) : "Publication date unknown",
          ` · ${(d.events || []).length} event${(d.events || []).length === 1 ? "" : "s"} read from it`)),
      h("div", { class: "event-grid" },
        h("div", { class: "event-side" },
          card("Document", null, fields([
            ["Outlet", d.source ? auto(d.source) : null],
            ["Published", d.published],
            ["Original", externalLink(d.url)],
            ["Version", d.version],
            ["Id", idText(d.id)],
          ])),
          card("Events in this article", null, (d.events || []).length
            ? h("ul", { class: "plain doc-events" }, d.events.map((e) => h("li", null,
              h("a", { href: "#/event/" + encodeURIComponent(e.event_id) }, typeChip(e.event_type, e.sub_event_type)),
              " ", h("span", { class: "muted small" }, `${(e.evidence || []).length} sentence${(e.evidence || []).length === 1 ? "" : "s"}`))))
            : h("p", { class: "muted" }, "No event was read from this article."))),
        h("div", { class: "event-main" },
          h("section", { class: "card article-card" },
            h("div", { class: "card-head" }, h("h2", { class: "card-title" }, "Text"),
              h("span", { class: "muted small" }, "Underlined: sentences events were read from (click one to open its event)")),
            node))));
  }
}

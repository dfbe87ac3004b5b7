// A person: canonical names (English and Arabic), aliases, affiliation, roles and events; and the list.
import { get } from "../api.js";
import { ar, auto, clear, h, put } from "../dom.js";
import { card, crumbs, eventsTable, fields, idText } from "./common.js";

const PAGE = 50;

export class PersonView {
  constructor(state) {
    this.state = state;
  }

  async mount(root, id) {
    const p = await get("/api/persons/" + encodeURIComponent(id));
    document.title = `${p.name || p.name_ar} · rasd`;
    const events = [...(p.events || [])].sort((a, b) => String(b.event_date || "").localeCompare(String(a.event_date || "")));
    put(root,
      crumbs(this.state, h("a", { href: "#/persons" }, "Persons"), idText(p.person_id)),
      h("header", { class: "page-head person-head" },
        h("div", { class: "names-line" },
          h("h1", null, auto(p.name || p.name_ar)),
          p.name_ar ? ar(p.name_ar, "p", "name-ar") : null),
        h("p", { class: "subtitle" },
          (p.roles || []).map((r) => [h("span", { class: "tag role-" + r }, r), " "]),
          p.affiliation ? h("span", null, "affiliated with ", h("a", { href: "#/?actor=" + encodeURIComponent(p.affiliation) }, auto(p.affiliation))) : null)),
      h("div", { class: "person-grid" },
        card("Names", null, fields([
          ["English", p.name ? auto(p.name) : null],
          ["Arabic", p.name_ar ? ar(p.name_ar) : null],
          ["Also written", (p.aliases || []).length ? h("ul", { class: "plain aliases-list" }, p.aliases.map((a) => h("li", null, ar(a)))) : h("span", { class: "muted" }, "no other spelling seen")],
          ["Affiliation", p.affiliation ? auto(p.affiliation) : h("span", { class: "muted" }, "unknown")],
          ["Roles", (p.roles || []).join(", ")],
          ["Clusters", (p.cluster_ids || []).length ? h("span", { class: "chips" }, p.cluster_ids.map((c) => h("a", { href: "#/cluster/" + encodeURIComponent(c), class: "tag" }, c))) : null],
        ])),
        h("section", { class: "card" },
          h("h2", { class: "card-title" }, `${events.length} event report${events.length === 1 ? "" : "s"} naming this person`),
          events.length ? eventsTable(events, { caption: "Events naming this person" }) : h("p", { class: "empty" }, "No events."))));
  }
}

export class PersonsView {
  constructor(state) {
    this.state = state;
    this.token = 0;
  }

  async mount(root, _id, params) {
    document.title = "Persons · rasd";
    this.input = h("input", { type: "search", id: "persons-q", placeholder: "name, in Arabic or English", dir: "auto", autocomplete: "off" });
    let timer = null;
    this.input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const q = this.input.value.trim();
        window.location.hash = "#/persons" + (q ? "?q=" + encodeURIComponent(q) : "");
      }, 350);
    });
    this.head = h("h2", { class: "card-title" }, "Persons");
    this.body = h("div");
    this.pager = h("nav", { class: "pager" });
    put(root,
      crumbs(this.state, h("span", null, "Persons")),
      h("section", { class: "card" },
        h("div", { class: "card-head" }, this.head,
          h("label", { class: "filter inline", for: "persons-q" }, h("span", { class: "filter-label" }, "Search"), this.input)),
        this.body, this.pager));
    await this.update(params);
  }

  async update(params) {
    const token = ++this.token;
    const q = params.q || "";
    if (document.activeElement !== this.input) this.input.value = q;
    const page = Math.max(1, parseInt(params.page || "1", 10) || 1);
    const data = await get("/api/persons", { q, limit: PAGE, offset: (page - 1) * PAGE });
    if (token !== this.token) return;
    this.head.textContent = `${data.total} person${data.total === 1 ? "" : "s"}${q ? " matching" : ""}`;
    // the same name, Arabic name, title and affiliation twice is shown once (its records linked from it)
    const same = new Map();
    for (const p of data.items || []) {
      const key = [p.title || "", p.name || "", p.name_ar || "", p.affiliation || ""].join("\u0001");
      if (!same.has(key)) same.set(key, []);
      same.get(key).push(p);
    }
    const rows = [...same.values()].map((ps) => {
      const p = ps[0];
      const roles = [...new Set(ps.flatMap((x) => x.roles || []))];
      const n = new Set(ps.flatMap((x) => x.event_ids || [])).size;
      return h("tr", { class: "person-row" },
        h("td", null, p.title ? [h("span", { class: "person-title" }, auto(p.title)), " "] : null,
          h("a", { href: "#/person/" + encodeURIComponent(p.person_id) }, auto(p.name || p.name_ar)),
          ps.length > 1 ? h("span", { class: "muted small" }, ` (${ps.length} records: `,
            ps.map((x, i) => [i ? ", " : "", h("a", { href: "#/person/" + encodeURIComponent(x.person_id) }, String(i + 1))]), ")") : null),
        h("td", { class: "ar-cell" }, p.name_ar ? ar(p.name_ar) : null),
        h("td", null, roles.map((r) => [h("span", { class: "tag role-" + r }, r), " "])),
        h("td", null, p.affiliation ? auto(p.affiliation) : h("span", { class: "muted" }, "—")),
        h("td", { class: "num" }, String(n)));
    });
    put(clear(this.body), rows.length
      ? h("div", { class: "table-wrap" }, h("table", { class: "events-table persons-table" },
        h("thead", null, h("tr", null, h("th", null, "Name"), h("th", null, "Arabic"), h("th", null, "Roles"),
          h("th", null, "Affiliation"), h("th", { class: "num" }, "Events"))),
        h("tbody", null, rows)))
      : h("p", { class: "empty" }, "No persons."));
    clear(this.pager);
    const pages = Math.ceil((data.total || 0) / PAGE);
    if (pages > 1) {
      const go = (n) => {
        window.location.hash = "#/persons?" + new URLSearchParams({ ...(q ? { q } : {}), page: String(n) });
      };
      const prev = h("button", { type: "button", disabled: page <= 1 }, "‹ Previous");
      const next = h("button", { type: "button", disabled: page >= pages }, "Next ›");
      prev.addEventListener("click", () => go(page - 1));
      next.addEventListener("click", () => go(page + 1));
      this.pager.append(prev, h("span", { class: "page-of" }, `Page ${page} of ${pages}`), next);
    }
  }
}

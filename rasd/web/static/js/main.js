// rasd web page: hash routes, one view at a time.
//   #/?filters          overview: map, timeline, filters, list of events
//   #/event/ID          one event as one outlet reported it, with its article and evidence highlighted
//   #/cluster/ID        one real-world event: consensus, every report side by side, contradictions
//   #/person/ID         one person: names, affiliation, roles, events
//   #/persons?q=        persons
//   #/document/ID       one article with every event read from it
import { clear, h } from "./dom.js";
import { errorView } from "./views/common.js";
import { OverviewView } from "./views/overview.js";
import { EventView } from "./views/event.js";
import { ClusterView } from "./views/cluster.js";
import { PersonView, PersonsView } from "./views/person.js";
import { DocumentView } from "./views/document.js";
import { numberEntry } from "./nav.js";
import { loadActorLabels } from "./format.js";

const TITLE = "rasd · conflict events from Arabic news";
loadActorLabels();

const ROUTES = {
  "": { view: OverviewView, nav: "overview" },
  event: { view: EventView, nav: "overview" },
  cluster: { view: ClusterView, nav: "overview" },
  document: { view: DocumentView, nav: "overview" },
  person: { view: PersonView, nav: "persons" },
  persons: { view: PersonsView, nav: "persons" },
};

export function parseHash(hash) {
  const raw = (hash || "").replace(/^#/, "") || "/";
  const qi = raw.indexOf("?");
  const path = qi >= 0 ? raw.slice(0, qi) : raw;
  const qs = qi >= 0 ? raw.slice(qi + 1) : "";
  const params = {};
  for (const [k, v] of new URLSearchParams(qs)) params[k] = v;
  let parts;
  try {
    parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch (e) {
    parts = ["?"];
  }
  return { parts, params };
}

const app = document.getElementById("app");
let current = null; // {key, id, view}
export const state = { overviewHash: "#/" };

async function route() {
  numberEntry();
  const { parts, params } = parseHash(window.location.hash);
  const key = parts[0] || "";
  const r = ROUTES[key];
  for (const a of document.querySelectorAll(".topnav a[data-nav]")) {
    a.classList.toggle("active", r ? a.dataset.nav === r.nav : false);
  }
  if (key === "") state.overviewHash = window.location.hash || "#/";
  if (!r || (key !== "" && key !== "persons" && !parts[1])) {
    if (current && current.view.destroy) current.view.destroy();
    current = null;
    clear(app).append(errorView("Nothing here", "This address is not a page of rasd.", state));
    return;
  }
  if (current && current.key === key && current.id === parts[1] && current.view.update) {
    current.view.update(params);
    return;
  }
  if (current && current.view.destroy) current.view.destroy();
  document.title = TITLE; // each view names itself; none keeps the last one's name
  const view = new r.view(state);
  current = { key, id: parts[1], view };
  clear(app);
  const root = h("div", { class: "view view-" + (key || "overview") });
  app.append(root);
  window.scrollTo(0, 0);
  try {
    await view.mount(root, parts[1], params);
  } catch (e) {
    if (current && current.view === view) {
      clear(root).append(errorView(e.status === 404 ? "Not found" : "Could not load this page", e.detail || e.message, state));
    }
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("rasd:route", route);

// The skip link moves the focus to the list without touching the address (the hash is the route).
document.addEventListener("click", (ev) => {
  const a = ev.target.closest && ev.target.closest("a.skip-link");
  if (!a) return;
  ev.preventDefault();
  // the list's heading comes into view; the focus goes to its first row (or the heading, when empty)
  const head = document.getElementById(a.dataset.target);
  const first = document.querySelector(".list a.row-link");
  if (head) head.scrollIntoView({ block: "start" });
  const target = first || head || document.getElementById("app");
  target.focus({ preventScroll: !!head });
});

route();

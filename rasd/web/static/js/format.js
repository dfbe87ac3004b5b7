// How values look: event type colours, dates, places, actors, tolls.
import { get } from "./api.js";
import { ar, auto, h } from "./dom.js";

// Each actor's own Arabic name (from /api/facets, which reads rasd/data/actors.tsv). A record's
// actor.name_ar is the article's wording (with its prefixes: "للجيش العراقي"); that belongs to the
// evidence, not to a label.
let ACTOR_AR = {};
let labelsP = null;
export function loadActorLabels() {
  if (!labelsP) {
    labelsP = get("/api/facets", null, { cached: true })
      .then((f) => { ACTOR_AR = (f && f.actor_names_ar) || {}; })
      .catch(() => {});
  }
  return labelsP;
}
export const actorLabels = loadActorLabels;

export function actorArabic(a) {
  return (a && ACTOR_AR[a.name]) || "";
}

export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
];

// One class per type; the colours live in style.css (.t-battles ...) and in TYPE_COLOURS for SVG.
export const TYPE_COLOURS = {
  "Battles": "#c23b22",
  "Explosions/Remote violence": "#e08a00",
  "Violence against civilians": "#7b3fa0",
  "Protests": "#1f77b4",
  "Riots": "#8c6d1f",
  "Strategic developments": "#4f6d7a",
};

export const TYPE_SHORT = {
  "Battles": "Battle",
  "Explosions/Remote violence": "Explosion / remote",
  "Violence against civilians": "Violence vs civilians",
  "Protests": "Protest",
  "Riots": "Riot",
  "Strategic developments": "Strategic dev.",
};

export function typeColour(t) {
  return TYPE_COLOURS[t] || "#777";
}

export function typeClass(t) {
  const i = EVENT_TYPES.indexOf(t);
  return i >= 0 ? "t" + i : "tx";
}

export function typeChip(eventType, subType) {
  return h("span", { class: ["chip", typeClass(eventType)], title: eventType || "unknown type" },
    h("span", { class: "dot", "aria-hidden": "true" }),
    h("span", { class: "chip-type" }, eventType || "Unknown type"),
    subType ? h("span", { class: "chip-sub" }, subType) : null);
}

export function typeDot(eventType) {
  return h("span", { class: ["dot", typeClass(eventType)], "aria-hidden": "true", title: eventType || "" });
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function fmtDay(iso) {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return String(iso);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

export function fmtWindow(start, end) {
  if (!start) return "date unknown";
  if (!end || end === start) return fmtDay(start);
  return `${fmtDay(start)} – ${fmtDay(end)}`;
}

export const PRECISION = { 1: "day", 2: "days or a week", 3: "month or longer" };
export const GEO_PRECISION = { 1: "town or finer", 2: "near a town / district", 3: "province or coarser" };

export function placeText(r) {
  const parts = [];
  if (r.location) parts.push(r.location);
  if (r.admin1 && r.admin1 !== r.location) parts.push(r.admin1);
  if (r.country && r.country !== r.location) parts.push(r.country);
  return parts.join(", ") || "place unknown";
}

// English place, then the place as the article writes it.
export function placeNode(r) {
  return h("span", { class: "place" },
    h("span", null, placeText(r)),
    r.location_ar ? [" ", ar(r.location_ar, "span", "aside")] : null);
}

export function actorNode(a, { withType = false } = {}) {
  if (!a) return h("span", { class: "muted" }, "—");
  const own = actorArabic(a);
  return h("span", { class: "actor" },
    auto(a.name || own || "?", "span", "actor-en"),
    own && own !== a.name ? [" ", ar(own, "span", "aside")] : null,
    withType && a.type ? [" ", h("span", { class: "tag" }, a.type.replace(/_/g, " "))] : null);
}

export function actorsLine(r) {
  return h("span", { class: "actors" },
    actorNode(r.actor1),
    r.actor2 ? [h("span", { class: "vs" }, " → "), actorNode(r.actor2)] : null);
}

export function tollText(r) {
  if (r.fatalities === null || r.fatalities === undefined) return "—";
  let s = String(r.fatalities);
  const lo = r.fatalities_low, hi = r.fatalities_high;
  if ((lo !== null && lo !== undefined && lo !== r.fatalities) || (hi !== null && hi !== undefined && hi !== r.fatalities)) {
    s += ` (${lo ?? "?"}–${hi ?? "?"})`;
  }
  return s;
}

export function plural(n, one, many) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many || one + "s"}`;
}

export function eventTitle(r) {
  const what = r.sub_event_type || r.event_type || "Event";
  const where = r.location || r.admin1 || r.country;
  return where ? `${what} in ${where}` : what;
}

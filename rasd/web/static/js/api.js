// Calls to the rasd API: same origin, relative URLs, JSON only (docs/api.md).

export class ApiError extends Error {
  constructor(status, detail, url) {
    super(`${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
    this.url = url;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

const cache = new Map();

export async function get(path, params, { cached = false } = {}) {
  const url = path + query(params);
  if (cached && cache.has(url)) return cache.get(url);
  const p = (async () => {
    let res;
    try {
      res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    } catch (e) {
      throw new ApiError(0, "the rasd server did not answer", url);
    }
    if (!res.ok) {
      let detail = res.statusText;
      let problems = null;
      try {
        const body = await res.json();
        if (Array.isArray(body.detail)) problems = body.detail;
        if (typeof body.detail === "string") detail = body.detail;
      } catch (e) {
        /* not JSON */
      }
      const err = new ApiError(res.status, detail, url);
      if (problems) {
        err.problems = problems;
        err.detail = problemText(err);
      }
      throw err;
    }
    return res.json();
  })();
  if (cached) {
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

// The filters the overview shares with /api/events, /api/clusters, /api/map, /api/timeline and the exports.
export const EVENT_FILTERS = [
  "date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "person", "q",
  "min_fatalities", "actor_type", "interaction", "disorder_type", "outlet", "geo_precision",
];

// The page's "salience" is news (absent: the default), recalled or all; the API's is main, background or none.
export const SALIENCE = { news: "main", recalled: "background", all: null };

export function salienceOf(params) {
  return SALIENCE[params.salience] !== undefined ? params.salience : "news";
}

export function pickFilters(params) {
  const out = {};
  for (const k of EVENT_FILTERS) if (params[k]) out[k] = params[k];
  const s = SALIENCE[salienceOf(params)];
  if (s) out.salience = s;
  return out;
}

// Names of the filters in words, for messages and chips.
export const FILTER_LABELS = {
  date_from: "From date", date_to: "To date", country: "Country", admin1: "Province", event_type: "Event type",
  sub_event_type: "Sub-event type", actor: "Actor", person: "Person", q: "Text", min_fatalities: "Minimum deaths",
  salience: "News or recalled", actor_type: "Actor type", interaction: "Interaction", disorder_type: "Disorder type",
  outlet: "Outlet", geo_precision: "Location precision", min_reports: "Reports", bbox: "Map area", sort: "Sort",
  limit: "Page size", offset: "Page", granularity: "Bars per", unit: "Counting",
};

// A 422 answer (FastAPI's list of problems) as sentences a reader understands.
export function problemText(e) {
  const d = e && e.problems;
  if (!Array.isArray(d)) return (e && (e.detail || e.message)) || "The server could not answer.";
  return d.map((p) => {
    const param = Array.isArray(p.loc) ? p.loc[p.loc.length - 1] : "";
    const label = FILTER_LABELS[param] || param || "A value";
    const given = p.input === undefined || p.input === null ? "" : ` (“${String(p.input).slice(0, 80)}”)`;
    let why = String(p.msg || "is not valid").replace(/^Value error, /, "");
    if (/date/.test(p.type || "")) why = "should be a day written YYYY-MM-DD, such as 2023-05-09";
    else if (/int_parsing|int_from/.test(p.type || "")) why = "should be a whole number";
    else if (p.type === "greater_than_equal") why = `should be at least ${p.ctx && p.ctx.ge}`;
    else if (p.type === "less_than_equal") why = `should be at most ${p.ctx && p.ctx.le}`;
    else if (p.type === "string_pattern_mismatch") why = param === "country" ? "should be a two-letter country code such as SY"
      : param === "admin1" ? "should be a province code such as SY-DY" : "is not in the expected form";
    else if (p.type === "literal_error" || p.type === "enum") why = "is not one of the values it can take";
    else if (/^one of |^\d|^main or|^two actor|^four numbers|expected/.test(why)) why = "should be " + why;
    return `${label}${given} ${why}.`;
  }).join(" ");
}

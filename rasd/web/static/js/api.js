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
      try {
        const body = await res.json();
        detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      } catch (e) {
        /* not JSON */
      }
      throw new ApiError(res.status, detail, url);
    }
    return res.json();
  })();
  if (cached) {
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

// The filters the overview shares with /api/events, /api/timeline and the exports.
export const EVENT_FILTERS = [
  "date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "person", "q",
  "min_fatalities", "salience",
];

export function pickFilters(params) {
  const out = {};
  for (const k of EVENT_FILTERS) if (params[k]) out[k] = params[k];
  return out;
}

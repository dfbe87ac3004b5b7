// An article's text with evidence spans marked, built from text nodes and <mark> elements only.
// Offsets index the document's `text` exactly (JavaScript strings are UTF-16, like the API's offsets for
// Arabic text, which lies in the Basic Multilingual Plane).
import { h } from "./dom.js";

// Where a span's text really is: its offsets when they hold its text, else the nearest occurrence of
// its text, else null.
export function locate(text, span) {
  const s = Number(span.start), e = Number(span.end);
  if (Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= text.length && s < e) {
    if (!span.text || text.slice(s, e) === span.text) return { start: s, end: e };
  }
  if (span.text) {
    let best = -1;
    let i = text.indexOf(span.text);
    while (i >= 0) {
      if (best < 0 || Math.abs(i - s) < Math.abs(best - s)) best = i;
      i = text.indexOf(span.text, i + 1);
    }
    if (best >= 0) return { start: best, end: best + span.text.length };
  }
  return null;
}

function merge(spans) {
  const out = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.items.push(...s.items);
    } else out.push({ start: s.start, end: s.end, items: [...s.items] });
  }
  return out;
}

// primary: spans of the event in view; others: [{start, end, text, event_id, label}] of the other events
// the same article reports. Returns {node, marks, missing}.
export function highlightedText(text, primary, others = []) {
  const missing = [];
  const prim = [];
  for (const sp of primary || []) {
    const at = locate(text, sp);
    if (at) prim.push({ ...at, items: [sp] });
    else missing.push(sp);
  }
  const merged = merge(prim);
  // other events' spans, with the parts the primary marks cover cut away
  let oth = [];
  for (const sp of others || []) {
    const at = locate(text, sp);
    if (!at) continue;
    let pieces = [{ start: at.start, end: at.end }];
    for (const m of merged) {
      pieces = pieces.flatMap((p) => {
        if (m.end <= p.start || m.start >= p.end) return [p];
        const res = [];
        if (p.start < m.start) res.push({ start: p.start, end: m.start });
        if (m.end < p.end) res.push({ start: m.end, end: p.end });
        return res;
      });
    }
    for (const p of pieces) if (p.end > p.start) oth.push({ ...p, items: [sp] });
  }
  oth = merge(oth);
  const all = [...merged.map((m) => ({ ...m, kind: "primary" })), ...oth.map((m) => ({ ...m, kind: "other" }))]
    .sort((a, b) => a.start - b.start);
  const node = h("div", { class: "article-text", lang: "ar", dir: "rtl" });
  const marks = [];
  let pos = 0;
  all.forEach((m) => {
    if (m.start > pos) node.append(document.createTextNode(text.slice(pos, m.start)));
    const piece = text.slice(m.start, m.end);
    let el;
    if (m.kind === "primary") {
      el = h("mark", { class: "evidence", "data-start": m.start, "data-end": m.end, id: "evidence-" + marks.length,
        title: "Evidence: the sentence this event was read from" }, piece);
      marks.push(el);
    } else {
      const it = m.items[0];
      el = h("mark", { class: "evidence-other", "data-start": m.start, "data-end": m.end,
        title: it.label ? "Evidence of another event: " + it.label : "Evidence of another event" }, piece);
      if (it.event_id) {
        el = h("a", { href: "#/event/" + encodeURIComponent(it.event_id), class: "other-link" }, el);
      }
    }
    node.append(el);
    pos = Math.max(pos, m.end);
  });
  if (pos < text.length) node.append(document.createTextNode(text.slice(pos)));
  return { node, marks, missing };
}

// DOM building without HTML strings: every piece of data goes in as a text node or an attribute value.
// Nothing in this page hands a string to the HTML parser (tests/test_web.py checks for those APIs).

const SVG_NS = "http://www.w3.org/2000/svg";

// Attributes that must never come from data as a URL, or at all.
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href"]);

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) throw new Error("event handler attributes are not allowed: " + k);
    if (k === "class") el.setAttribute("class", Array.isArray(v) ? v.filter(Boolean).join(" ") : v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (URL_ATTRS.has(k)) el.setAttribute(k, safeUrl(v));
    else el.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// h("a", {href: "#/"}, "text", child, [more]) -> HTMLElement
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function text(s) {
  return document.createTextNode(s === null || s === undefined ? "" : String(s));
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Only same-page hashes, same-origin paths and http(s) links survive; anything else (javascript:,
// data:, vbscript:) becomes "#".
export function safeUrl(u) {
  const s = String(u).trim();
  if (s.startsWith("#") || (s.startsWith("/") && !s.startsWith("//"))) return s;
  try {
    const url = new URL(s, window.location.href);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch (e) {
    /* not a URL */
  }
  return "#";
}

// Text that may be Arabic: right-to-left when it is, "auto" when mixed or unknown.
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
export function isArabic(s) {
  return ARABIC.test(String(s || ""));
}

export function ar(s, tag = "span", cls = "") {
  return h(tag, { lang: "ar", dir: "rtl", class: ["ar", cls] }, s);
}

export function auto(s, tag = "span", cls = "") {
  return h(tag, { dir: "auto", class: cls || null }, s);
}

// el.append() that, like h(), skips null/false and flattens arrays (the native one writes "null").
export function put(el, ...children) {
  append(el, children);
  return el;
}

"""Page structure: the stories a scraped page holds, its menu, and the sentence breaks that a page
flattened onto one line has lost.

Live and section pages put several articles on one page, each headed by its URL or a "skip to the
next part" link and a date stamp; scraped onto one line, headline and body run together. The
segmenter finds

- story boundaries (``page_markers.tsv`` kind ``story``, URLs): each story is extracted with its own
  headline and lead; events never merge across stories;
- the menu: text before the first boundary that has no sentence of its own (a run of link titles);
  it is furniture, never an event;
- sentence breaks: before and after a header ("Published 26 مايو 2026، 08:02 GMT", "مدة القراءة: 4
  دقائق"), after a date stamp ("2026/5/26 ٢٦ مايو ٢٠٢٦"), and after a headline the page repeats
  around its date stamp.

Every scan is a single pass of compiled patterns without nested quantifiers: linear in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rasd.data import read_tsv
from rasd.types import Span

_URL = re.compile(r"https?://\S{1,300}")
# a date stamp, 2026/5/26 or 26.05.2026, not inside a longer run of digits: what
# (?<![\d/])\d{4}/\d{1,2}/\d{1,2}(?![\d/]) | (?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?![\d.]) matches, written to
# start with a digit (the look-behind checks the character before it), so that the scan skips to digits
_STAMP = re.compile(r"\d(?:(?<![\d/]\d)\d{3}/\d{1,2}/\d{1,2}(?![\d/])|(?<![\d.]\d)\d?\.\d{1,2}\.\d{4}(?![\d.]))")
_HEADER_TOKEN = re.compile(r"[\d٠-٩][\d٠-٩:./،,|\-]*|[:|،,/\-]+|GMT|UTC|دقائق|دقيقة|دقيقه|ساعة|ص|م")
_SENT_END = re.compile(r"[.!؟?]\s")


@dataclass(frozen=True)
class Story:
    start: int
    end: int
    menu: bool = False  # a run of link titles before the first story, not a story


@dataclass
class Segmentation:
    stories: list[Story] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # extra sentence boundaries (text offsets)


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(marker, its pattern, kind): the pattern is only run on a text that holds the marker."""
    out = []
    for _, row in read_tsv("page_markers.tsv", ("marker", "kind")):
        if row["kind"] not in {"story", "header", "credit"}:
            raise ValueError(f"page_markers.tsv: unknown kind {row['kind']!r}")
        if row["kind"] == "credit":
            continue
        out.append((row["marker"], re.compile(r"(?<!\w)" + re.escape(row["marker"]) + r"(?!\w)"), row["kind"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _credits() -> frozenset[str]:
    return frozenset(r["marker"].lower() for _, r in read_tsv("page_markers.tsv", ("marker", "kind"))
                     if r["kind"] == "credit")


_CAPTION = re.compile(r"[^\n]{1,300}\(([^()\n]{1,30})\)[ \t]*(?=\n|$)")


def captions(text: str) -> list[Span]:
    """Photo captions: short lines closed by a credit in parentheses ("... في الخليل (Getty)")."""
    out: list[Span] = []
    # a caption is one line: the pattern runs only on the lines that hold a "(" (a match never
    # crosses a line end, so this finds what a scan of the whole text finds)
    paren = text.find("(")
    while paren >= 0:
        line_start = text.rfind("\n", 0, paren) + 1
        line_end = text.find("\n", paren)
        if line_end < 0:
            line_end = len(text)
        for m in _CAPTION.finditer(text, line_start, line_end):
            if line_start != m.start() and text[line_start:m.start()].strip():
                continue
            if m.group(1).strip().lower() in _credits() and len(m.group(0).split()) <= 30:
                out.append(Span(m.start(), m.end()))
        paren = text.find("(", line_end)
    return out


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    return frozenset(w for _, r in read_tsv("months.tsv", ("form",)) for w in r["form"].split())


def _header_end(text: str, pos: int) -> int:
    """End of a header run: the dates, times, month names and units that follow the marker."""
    months = _month_words()
    end = pos
    i = pos
    while i < len(text) and i - pos < 120:
        while i < len(text) and text[i].isspace():
            i += 1
        j = i
        while j < len(text) and not text[j].isspace():
            j += 1
        tok = text[i:j].strip("،,:")
        if not tok and j > i:
            end = j
            i = j
            continue
        if i == j or not (_HEADER_TOKEN.fullmatch(tok) or tok in months or tok.rstrip("/") in months):
            break
        end = j
        i = j
    return end


# a dateline: "دمشق - السبت 11 أيار 2024", "الخرطوم – 3 يونيو 2023" on a line of its own
_DATELINE = re.compile(r"^[ \t]*[\u0621-\u064a][\u0621-\u064a ]{1,30}[ \t]+[-–—][ \t]*(?:[\u0621-\u064a]+[ \t]+)?"
                       r"[0-9٠-٩]{1,2}[ \t]+([\u0621-\u064a]+)(?:/[\u0621-\u064a]+)?[ \t]+[0-9٠-٩]{4}[ \t]*$", re.M)


def datelines(text: str) -> list[int]:
    """Where a dateline line starts: a place, a dash and a full date with a month name. On a page of
    several stories each one opens with its own."""
    from rasd.normalize import normalize

    months = _month_words()
    return [m.start() for m in _DATELINE.finditer(text) if normalize(m.group(1)) in months
            or m.group(1) in months]


def segment(text: str) -> Segmentation:
    """Stories, menu and sentence breaks of a cleaned page."""
    seg = Segmentation()
    bounds: list[int] = [m.start() for m in _URL.finditer(text)]
    lines = datelines(text)
    if len(lines) >= 2:  # a page of several stories, each with its dateline
        bounds.extend(lines[1:])
        seg.breaks.extend(lines)
    for marker, pat, kind in _markers():
        if marker not in text:
            continue
        for m in pat.finditer(text):
            if kind == "story":
                bounds.append(m.start())
            else:
                seg.breaks.append(m.start())
                after = _header_end(text, m.end())
                seg.breaks.append(after)
    bounds.sort()
    for m in _STAMP.finditer(text):
        after = _header_end(text, m.end())
        seg.breaks.append(m.start())
        seg.breaks.append(after)
        k = bisect.bisect_left(bounds, m.start())
        head = _headline_before(text, m.start(), bounds[k - 1] if k else 0)
        if head and text.startswith(head, after + (len(text[after:]) - len(text[after:].lstrip()))):
            seg.breaks.append(after + (len(text[after:]) - len(text[after:].lstrip())) + len(head))
    # boundaries within a few characters of each other (a URL and its skip link) are one
    merged: list[int] = []
    for b in sorted(set(bounds)):
        if merged and b - merged[-1] < 80 and not _SENT_END.search(text, merged[-1], b):
            continue
        merged.append(b)
    cuts = [0, *[b for b in merged if b > 0], len(text)]
    for i, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
        if not text[a:b].strip():
            continue
        menu = i == 0 and len(cuts) > 2 and not _SENT_END.search(text[a:b] + " ")
        seg.stories.append(Story(a, b, menu))
    seg.breaks.extend(merged)
    seg.breaks = sorted({b for b in seg.breaks if 0 < b < len(text)})
    return seg


def _headline_before(text: str, stamp: int, lo: int) -> str:
    """The headline a page writes right before a date stamp (after the last story marker ``lo`` or
    sentence end), stripped; empty when it is long (a body sentence, not a headline)."""
    lo = max(lo, stamp - 400)
    start = lo
    for m in _SENT_END.finditer(text, lo, stamp):
        start = m.end()
    for marker, pat, kind in _markers():
        if kind == "story" and marker in text:
            for m in pat.finditer(text, start, stamp):
                start = m.end()
    for m in _URL.finditer(text, start, stamp):
        start = m.end()
    head = text[start:stamp].strip()
    return head if 3 <= len(head.split()) <= 25 else ""


def apply_breaks(spans: list[Span], breaks: list[int], text: str) -> list[Span]:
    """Sentence spans cut at extra break offsets (each part trimmed of spaces)."""
    if not breaks:
        return spans
    out: list[Span] = []
    for s in spans:
        lo = bisect.bisect_right(breaks, s.start)
        hi = bisect.bisect_left(breaks, s.end)
        pos = s.start
        for b in [*breaks[lo:hi], s.end]:
            a, e = pos, b
            while a < e and text[a].isspace():
                a += 1
            while e > a and text[e - 1].isspace():
                e -= 1
            if e > a:
                out.append(Span(a, e))
            pos = b
    return out


__all__ = ["Segmentation", "Story", "apply_breaks", "captions", "datelines", "segment"]

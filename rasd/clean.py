"""Boilerplate removal for scraped text and HTML, and reading the publication dateline.

Scraped pages carry site furniture: menus, share and font-size widgets, "read also" headlines,
comment sections, copyright and phone lines, image file names. The phrases come from
``data/boilerplate.tsv``; the structural tests (a menu is a line of short segments split by
``|``; a phone line is mostly digits) are here. The article body is kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from rasd.data import read_tsv
from rasd.normalize import normalize

# an image file name: a run of non-spaces up to the last ".jpg" (etc.) in it. Found by the extension
# and extended back to the run's start, never by a pattern that backtracks over a long run
_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|svg)\b", re.I)
_NONSPACE = re.compile(r"\S+")
_PHONE = re.compile(r"^[\s+()\-\d٠-٩:هاتفتلفونجوالرقمphonetel.]*$", re.I)
_DIGIT = re.compile(r"[0-9٠-٩]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_TIME_ONLY = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s*$")
_SENT_END = re.compile(r"[.!؟?:]\s*$")


def _image_spans(s: str) -> list[tuple[int, int]]:
    """The image file names in ``s``: (start, end) of each run of non-spaces up to the last image
    extension in it (what ``\\S+\\.(jpe?g|...)\\b`` matches), in time linear in ``len(s)``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _IMAGE_EXT.search(s, pos)
        if m is None:
            return spans
        if m.start() == 0 or s[m.start() - 1].isspace():  # no name before the dot
            pos = m.start() + 1
            continue
        start = m.start()
        while start > 0 and not s[start - 1].isspace():
            start -= 1
        run = _NONSPACE.match(s, m.start())
        run_end = run.end() if run else m.end()
        end = m.end()
        for later in _IMAGE_EXT.finditer(s, m.end(), run_end):
            end = later.end()
        spans.append((start, end))
        pos = max(end, m.end())


def _drop_images(s: str) -> str:
    spans = _image_spans(s)
    if not spans:
        return s
    out, pos = [], 0
    for a, b in spans:
        out.append(s[pos:a])
        pos = b
    out.append(s[pos:])
    return "".join(out).strip()


LONG_LINE_WORDS = 80  # a line longer than this is a page scraped onto one line, never dropped whole


@dataclass(frozen=True)
class Phrase:
    norm: str
    kind: str
    max_words: int
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def phrases() -> tuple[Phrase, ...]:
    out = []
    for _, row in read_tsv("boilerplate.tsv", ("phrase", "kind", "max_words")):
        norm = normalize(row["phrase"])
        if row["kind"] not in {"widget", "related", "tail", "line", "head", "cut"}:
            raise ValueError(f"boilerplate.tsv: unknown kind {row['kind']!r}")
        pat = re.compile(r"(?<![^\W\d_])" + re.escape(norm) + r"(?![^\W\d_])")
        out.append(Phrase(norm, row["kind"], int(row["max_words"] or 0), pat))
    return tuple(out)


@lru_cache(maxsize=1)
def _phrase_automaton() -> tuple[ahocorasick.Automaton, frozenset[int]]:
    """Every phrase of ``phrases()`` once, with the indexes of the phrases written that way (and the
    indexes of empty phrases, which every line holds): one pass over a line tells which phrases it
    holds, what ``phrase in line`` for each would say."""
    auto = ahocorasick.Automaton()
    by_norm: dict[str, list[int]] = {}
    for i, ph in enumerate(phrases()):
        by_norm.setdefault(ph.norm, []).append(i)
    for norm, idx in by_norm.items():
        if norm:
            auto.add_word(norm, tuple(idx))
    if len(auto):
        auto.make_automaton()
    return auto, frozenset(by_norm.get("", ()))


def _phrases_in(norm: str) -> list[Phrase]:
    """The phrases whose text occurs in ``norm``, in the order of ``phrases()``."""
    table = phrases()
    auto, always = _phrase_automaton()
    found = {i for _, idx in auto.iter(norm) for i in idx} if len(auto) else set()
    return [table[i] for i in sorted(found | always)]


_MENU_SPLIT = re.compile(r"[|•·»]")


def _is_menu(line: str) -> bool:
    parts = [p.strip() for p in _MENU_SPLIT.split(line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def _is_phone(line: str) -> bool:
    return len(_DIGIT.findall(line)) >= 7 and bool(_PHONE.match(line))


_STAMP_LINE = re.compile(r"\d{1,2}:\d{2}")


def _line_kind(line: str, norm: str, words: int) -> str | None:
    """'drop', 'related', 'tail' or None (keep)."""
    s = line.strip()
    if not s:
        return None
    if _STAMP_LINE.fullmatch(s):
        return None  # "09:12" over an update of a live page: kept, it tells the update is that day's news
    if _is_menu(s) or _is_phone(s) or _TIME_ONLY.match(s):
        return "drop"
    if not _ARABIC.search(s) and words <= 4:
        return "drop"
    images = _image_spans(s)
    if images and ((images[0] == (0, len(s))) or words <= 3):
        return "drop"
    for ph in _phrases_in(norm):
        if not ph.pattern.search(norm):
            continue
        if ph.kind == "line" and words <= LONG_LINE_WORDS:
            return "drop"
        if ph.kind == "tail" and (words <= ph.max_words):
            return "tail"
        if ph.kind == "related" and words <= ph.max_words:
            return "related"
        if ph.kind == "widget" and words <= ph.max_words:
            return "drop"
    return None


def _inline_markers(text: str) -> str:
    """Pages scraped onto one long line keep their menu before the body and related links after it:
    cut at the markers of data/boilerplate.tsv (kinds head and cut)."""
    from rasd.normalize import normalize_with_map

    norm, nmap = normalize_with_map(text)
    n = len(norm)
    start, end = 0, len(text)
    for ph in phrases():
        if ph.norm not in norm:
            continue  # the pattern is the phrase between word boundaries
        if ph.kind == "head":
            m = ph.pattern.search(norm, 0, int(n * 0.6))
            if m:
                after = nmap[m.end()]
                # the dateline itself ("تاريخ النشر: 26.05.2026 | 18:12 GMT") goes with the menu
                tail = re.match(r"[\s:]*[\d./\-]+(?:\s*\|\s*[\d:]+\s*(?:GMT|UTC)?)?", text[after:])
                start = max(start, after + (tail.end() if tail else 0))
        elif ph.kind in {"cut", "line"}:  # a copyright line run into the article's one long line
            m = ph.pattern.search(norm, int(n * 0.4))
            if m:
                end = min(end, nmap[m.start()])
    return text[start:end].strip() if end > start else text


def _dateline(line: str) -> bool:
    from rasd.segment import datelines

    return bool(datelines(line))


def clean_text(raw: str) -> str:
    """Article body of a scraped plain-text page: furniture lines out, body paragraphs whole."""
    raw = "\n".join(_inline_markers(line) if len(line) > 500 else line for line in raw.split("\n"))
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    n = len(lines)
    in_related = False
    prev_norm = None
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            in_related = False
            continue
        norm = normalize(s)
        words = len(s.split())
        kind = _line_kind(s, norm, words)
        if kind == "tail" and i >= n // 2:
            break
        if kind == "related":
            in_related = True
            continue
        if kind in {"drop", "tail"}:
            continue
        if in_related:
            if words <= 14 and not _SENT_END.search(s) and not _dateline(s):
                continue
            in_related = False  # a body sentence, or the dateline of the page's next story
        if norm == prev_norm:  # a title repeated by the page template
            continue
        prev_norm = norm
        s = _drop_images(s)
        kept.append(" ".join(s.split()))
    return "\n\n".join(kept)


def html_to_text(html: str) -> tuple[str, str | None]:
    """(main text, publication date as found in the page or None) via trafilatura and htmldate."""
    import trafilatura  # imported on demand: it is slow to import and most input is plain text

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True, deduplicate=False) or ""
    found: str | None = None
    try:
        from htmldate import find_date

        found = find_date(html, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd markup; a page without a date is fine
        found = None
    return text, found


# UTF-8 Arabic read as Windows-1256 turns every letter into ط or ظ and a character of the
# continuation bytes (0x80-0xBF); read as Latin-1 or Windows-1252, into Ø or Ù and one of those
_CONT_1256 = bytes(range(0x80, 0xC0)).decode("cp1256", errors="replace").replace("\ufffd", "")
_CONT_LATIN = bytes(range(0x80, 0xC0)).decode("cp1252", errors="replace").replace("\ufffd", "") + \
    bytes(range(0x80, 0xC0)).decode("latin-1")
_MOJIBAKE = re.compile(f"[طظ][{re.escape(_CONT_1256)}]|[ØÙ][{re.escape(_CONT_LATIN)}]")


def looks_like_mojibake(text: str) -> bool:
    """UTF-8 Arabic decoded in another encoding ("ط§ظ„" or "Ø§Ù„" for "ال"): pairs of a lead and a
    continuation character make up much of the sample."""
    sample = text[:4000]
    pairs = len(_MOJIBAKE.findall(sample))
    return pairs >= 10 and pairs * 2 >= 0.3 * len(sample.replace(" ", ""))


_LETTERS = re.compile(r"[^\W\d_]+")
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]+")


def arabic_ratio(text: str) -> float:
    """Share of Arabic-script letters among all letters."""
    text = text[:4000]  # a sample decides the language
    # runs, not single letters: the same counts from a few dozen strings instead of a thousand
    letters = sum(map(len, _LETTERS.findall(text)))
    return sum(map(len, _ARABIC_LETTERS.findall(text))) / letters if letters else 0.0

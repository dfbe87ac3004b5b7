"""Numbers in Arabic news: digits (Arabic-Indic folded by normalization), number words with
compound and feminine forms, and vague or approximate counts as ranges (data/number_words.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.data import read_tsv
from rasd.recognize.tokens import PhraseTable, Token, strip_clitic
from rasd.types import Count

KINDS = {"ordinal", "unit", "teen_unit", "ten", "hundred", "thousand", "vague", "approx", "atleast", "atmost", "morethan"}


@dataclass(frozen=True)
class NumWord:
    value: int
    kind: str
    low: int | None
    high: int | None


@lru_cache(maxsize=1)
def table() -> PhraseTable:
    t = PhraseTable()
    for lineno, row in read_tsv("number_words.tsv", ("form", "value", "kind")):
        if row["kind"] not in KINDS:
            raise ValueError(f"number_words.tsv:{lineno}: unknown kind {row['kind']!r}")
        t.add(row["form"], NumWord(int(row["value"]), row["kind"],
                                   int(row["low"]) if row["low"] else None,
                                   int(row["high"]) if row["high"] else None))
    return t


def _word(toks: list[Token], i: int, kinds: set[str]) -> tuple[int, NumWord, bool] | None:
    if i >= len(toks):
        return None
    m = table().match(toks, i)
    if not m:
        return None
    n, vals, stripped = m
    for v in vals:
        if v.kind in kinds:
            return n, v, stripped
    return None


def _digits(tok: Token) -> int | None:
    return int(tok.text) if tok.text.isdecimal() and len(tok.text) <= 7 else None


def parse_exact(toks: list[Token], i: int) -> tuple[int, int] | None:
    """An exact number at toks[i]: (tokens used, value)."""
    if i >= len(toks):
        return None
    d = _digits(toks[i])
    if d is not None:
        return 1, d
    w = _word(toks, i, {"unit", "teen_unit", "ten", "hundred", "thousand"})
    if not w:
        return None
    n, nw, _ = w
    j = i + n
    total = nw.value
    if nw.kind in {"unit", "teen_unit"}:
        # teens: ثلاثة عشر, أحد عشر, اثنا عشر
        if j < len(toks) and toks[j].text in {"عشر", "عشره"}:
            return j + 1 - i, nw.value + 10
        if nw.kind == "teen_unit":
            return None  # أحد / إحدى alone is "one of", not a count
        # thousands / hundreds after a unit: ثلاثة آلاف
        t = _word(toks, j, {"thousand"})
        if t:
            total = nw.value * 1000
            j += t[0]
        # unit + و + ten: خمسة وعشرين
        elif j < len(toks) and toks[j].text.startswith("و"):
            rest = toks[j].text[1:]
            for reading in (rest,):
                tw = table().match([Token(reading, toks[j].start, toks[j].end)] + toks[j + 1:], 0)
                if tw and any(v.kind == "ten" and v.value >= 20 for v in tw[1]):
                    ten = next(v for v in tw[1] if v.kind == "ten")
                    return j + tw[0] - i, nw.value + ten.value
        return j - i, total
    if nw.kind in {"hundred", "thousand"}:
        # مئة وخمسون, ألف ومئتان
        if j < len(toks) and toks[j].text.startswith("و") and len(toks[j].text) > 2:
            sub = parse_exact([Token(toks[j].text[1:], toks[j].start + 1, toks[j].end)] + toks[j + 1:], 0)
            if sub and sub[1] < nw.value:
                return j + sub[0] - i, total + sub[1]
        return j - i, total
    return j - i, total


def parse_count(toks: list[Token], i: int) -> tuple[int, Count] | None:
    """A count at toks[i], exact, approximate (نحو 30), bounded (أكثر من عشرة) or vague (العشرات)."""
    if i >= len(toks):
        return None
    mod = _word(toks, i, {"approx", "atleast", "atmost", "morethan"})
    if mod:
        n, nw, _ = mod
        ex = parse_exact(toks, i + n)
        if ex:
            k, v = ex
            if nw.kind == "approx":
                d = max(1, v * nw.value // 100)
                return n + k, Count(v, max(0, v - d), v + d, vague=True)
            if nw.kind == "atleast":
                return n + k, Count(v, v, v * 2, vague=True)
            if nw.kind == "morethan":
                return n + k, Count(v, v + 1, v * 2, vague=True)
            return n + k, Count(v, 0, v, vague=True)
        vg = _word(toks, i + n, {"vague"})
        if vg:
            return n + vg[0], Count(vg[1].value, vg[1].low or vg[1].value, vg[1].high or vg[1].value, True)
        return None
    ex = parse_exact(toks, i)
    if ex:
        k, v = ex
        return k, Count(v, v, v)
    vg = _word(toks, i, {"vague"})
    if vg:
        n, nw, _ = vg
        return n, Count(nw.value, nw.low or nw.value, nw.high or nw.value, vague=True)
    return None


def word_value(word: str) -> int | None:
    """The value of a single number word or digits (clitics allowed), else None."""
    for reading in strip_clitic(word):
        if reading.isdecimal():
            return int(reading)
        r = parse_exact([Token(reading, 0, len(reading))], 0)
        if r:
            return r[1]
    return None


def parse_ordinal_day(toks: list[Token], i: int) -> tuple[int, int] | None:
    """A day of the month written as an ordinal: الخامس عشر، الحادي والعشرين، الثلاثين."""
    w = _word(toks, i, {"ordinal"})
    if not w:
        return None
    n, nw, _ = w
    j = i + n
    v = nw.value
    if v < 10 and j < len(toks) and toks[j].text in {"عشر", "عشره"}:
        return j + 1 - i, v + 10
    if v < 10 and j < len(toks) and toks[j].text in {"والعشرين", "والثلاثين"}:
        return j + 1 - i, v + (20 if toks[j].text == "والعشرين" else 30)
    return n, v

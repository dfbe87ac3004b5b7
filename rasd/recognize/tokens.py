"""Word tokens over normalized text, with clitic-aware lookup of multi-word lexicon entries."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Any, NamedTuple

from rasd.normalize import normalize

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[/\-–|:.,،]")
CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


class Token(NamedTuple):
    text: str
    start: int  # into the normalized text
    end: int


def tokenize(norm: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``norm[start:end]`` (offsets into ``norm``), as ``_TOKEN.finditer(norm, start, end)``
    finds them. The text is tokenized once (the last few texts are kept) and a range is a slice of
    that: every token is a run of letters, a run of digits or one punctuation mark, so a token cut by
    the range's edge is the part of it inside, which is what a scan of the range alone would find."""
    n = len(norm)
    start = max(start, 0)
    end = n if end is None else min(end, n)
    toks, starts, ends = _tokenize_all(norm)
    if start == 0 and end == n:
        return list(toks)  # dates, persons and pairs all read the whole text
    if start >= end:
        return []
    i = bisect_right(ends, start)  # the first token that ends after start
    j = bisect_left(starts, end)  # past the last token that starts before end
    out = list(toks[i:j])
    if out:
        for k in (0, -1):
            t = out[k]
            if t.start < start or t.end > end:
                a, b = max(t.start, start), min(t.end, end)
                out[k] = Token(norm[a:b], a, b)
    return out


_SPLIT = re.compile(f"({_TOKEN.pattern})")  # gap, token, gap, token, ..., gap


@lru_cache(maxsize=8)
def _tokenize_all(norm: str) -> tuple[tuple[Token, ...], list[int], list[int]]:
    # the tokens of a split and their offsets summed from the lengths of the parts: what
    # _TOKEN.finditer finds, without a match object for each token
    parts = _SPLIT.split(norm)
    offsets = list(accumulate(map(len, parts), initial=0))
    texts = parts[1::2]
    starts, ends = offsets[1::2][:len(texts)], offsets[2::2]
    toks = tuple(map(tuple.__new__, repeat(Token), zip(texts, starts, ends, strict=True)))
    return toks, starts, ends


@lru_cache(maxsize=200_000)
def strip_clitic(word: str) -> tuple[str, ...]:
    """The word and its readings with a leading clitic removed (longest clitic first)."""
    out = [word]
    for c in CLITICS:
        if word.startswith(c) and len(word) - len(c) >= 2:
            rest = word[len(c):]
            out.append(rest)
            if c.endswith("ل") and rest.startswith("ل"):  # للشهر = ل + الشهر
                out.append("ا" + rest)
    return tuple(out)


class PhraseTable:
    """Multi-word phrases keyed by normalized token tuples; the first word may carry a clitic."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._starters: frozenset[str] | None = None

    def add(self, form: str, value: Any) -> None:
        words = tuple(normalize(form).split())
        if not words:
            return
        self._starters = None
        lst = self._by_first.setdefault(words[0], [])
        lst.append((words, value))
        lst.sort(key=lambda x: -len(x[0]))

    def add_all(self, forms: Iterable[str], value: Any) -> None:
        for f in forms:
            self.add(f, value)

    def starters(self) -> frozenset[str]:
        """The words a phrase may start with (clitic readings included)."""
        if self._starters is None:
            self._starters = frozenset(c + w for w in self._by_first for c in ("",) + CLITICS) | frozenset(
                c + "ا" + w[1:] for w in self._by_first if w.startswith("ل") for c in ("ل", "ول", "فل"))
        return self._starters

    def starts(self, word: str) -> bool:
        """Whether a phrase may start with this word (clitic readings included)."""
        return word in self.starters()

    def match(self, toks: list[Token], i: int) -> tuple[int, list[Any], bool] | None:
        """(number of tokens matched, values, clitic_stripped) of the longest phrase starting at i."""
        first = toks[i].text
        for k, reading in enumerate(strip_clitic(first)):
            cands = self._by_first.get(reading)
            if not cands:
                continue
            for words, _ in cands:
                n = len(words)
                if i + n <= len(toks) and all(toks[i + j].text == words[j] for j in range(1, n)):
                    vals = [v for w, v in cands if w == words]
                    return n, vals, k > 0
        return None

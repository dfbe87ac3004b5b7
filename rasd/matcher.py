"""Dictionary matching over normalized Arabic text with clitics allowed before a form.

Forms are stored without a leading definite article; a match is accepted when the letters between
the start of the word and the match are a clitic sequence: (و|ف)? (ب|ك|ل)? (ال)?, or (و|ف)? لل
("للتنظيم" = ل + التنظيم). A form written with ال requires the article (or لل) to be present, so
"جيش" does not satisfy "الجيش السوري" alone. The match must end at a word boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import ahocorasick

from rasd.normalize import normalize

_PREFIX_ANY = re.compile(r"^(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)$")
_PREFIX_AL = re.compile(r"^(?:[وف]?[بكل]?ال|[وف]?لل)$")


class Hit(NamedTuple):
    start: int  # into the normalized text, including the clitic prefix
    form_start: int  # where the form itself (without clitics) starts
    end: int
    payloads: tuple[Any, ...]


def strip_article(form: str) -> tuple[str, bool]:
    if form.startswith("ال") and len(form) > 3:
        return form[2:], True
    return form, False


class Lexicon:
    """Many surface forms pointing at payloads; matched with Aho-Corasick."""

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[bool, Any]]] = {}
        self._auto: ahocorasick.Automaton | None = None

    def add(self, form: str, payload: Any) -> None:
        norm = normalize(form)
        if not norm:
            return
        key, has_al = strip_article(norm)
        self._entries.setdefault(key, []).append((has_al, payload))
        self._auto = None

    def add_all(self, forms: Iterable[str], payload: Any) -> None:
        for f in forms:
            self.add(f, payload)

    def __len__(self) -> int:
        return len(self._entries)

    def _build(self) -> ahocorasick.Automaton:
        auto = ahocorasick.Automaton()
        for key, vals in self._entries.items():
            # the payloads a form at a word start gives (those written without ال) are found once here
            plain = tuple(p for has_al, p in vals if not has_al)
            auto.add_word(key, (len(key), tuple(vals), plain))
        auto.make_automaton()
        return auto

    def find(self, norm: str, longest: bool = True) -> list[Hit]:
        """All accepted matches; with ``longest``, overlapping matches keep the longest."""
        if self._auto is None:
            if not self._entries:
                return []
            self._auto = self._build()
        hits: list[Hit] = []
        n = len(norm)
        for end_idx, (length, vals, plain) in self._auto.iter(norm):
            end = end_idx + 1
            if end < n and norm[end].isalpha():
                continue
            fstart = end - length
            if fstart == 0:
                if plain:
                    hits.append(Hit(0, 0, end, plain))
                continue
            before = norm[fstart - 1]
            if not before.isalpha():
                # the common case: the form starts a word
                if plain and not (before.isdigit() and norm[fstart].isdigit()):
                    hits.append(Hit(fstart, fstart, end, plain))
                continue
            w = fstart
            while w > 0 and norm[w - 1].isalpha() and fstart - w <= 4:
                w -= 1
            if w > 0 and norm[w - 1].isalpha():
                continue
            prefix = norm[w:fstart]
            ok = [p for has_al, p in vals if (_PREFIX_AL if has_al else _PREFIX_ANY).match(prefix)]
            if not ok:
                continue
            hits.append(Hit(w, fstart, end, tuple(ok)))
        if longest:
            hits = _longest(hits)
        return hits


def _longest(hits: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping matches (ties: the earlier one)."""
    if not hits:
        return hits
    if len(hits) == 1:
        return hits
    taken = bytearray(max(h.end for h in hits) + 1)
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.form_start - h.end, h.form_start)):
        a, b = h.form_start, h.end
        if taken.find(1, a, b) >= 0:
            continue
        taken[a:b] = b"\x01" * (b - a)
        out.append(h)
    out.sort(key=lambda h: h.form_start)
    return out

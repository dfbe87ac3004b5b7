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
        self._group: LexiconGroup | None = None

    def add(self, form: str, payload: Any) -> None:
        norm = normalize(form)
        if not norm:
            return
        key, has_al = strip_article(norm)
        self._entries.setdefault(key, []).append((has_al, payload))
        self._auto = None
        if self._group is not None:
            self._group.invalidate()

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
        if self._group is not None:
            hits = self._group.hits(self, norm)
            return _longest(hits) if longest else list(hits)
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
            w = _word_start(norm, fstart)
            if w < 0:
                continue
            prefix = norm[w:fstart]
            ok = [p for has_al, p in vals if (_PREFIX_AL if has_al else _PREFIX_ANY).match(prefix)]
            if not ok:
                continue
            hits.append(Hit(w, fstart, end, tuple(ok)))
        if longest:
            hits = _longest(hits)
        return hits


class LexiconGroup:
    """Lexicons that are all matched against the same texts, in one pass of one automaton: the first
    ``find`` of a text finds the hits of every lexicon of the group and keeps them until another text
    comes. Each lexicon gets what its own ``find`` gives (the automaton reports the keys that end at
    one position longest first whichever lexicons hold them, so each lexicon's hits keep their order)."""

    def __init__(self, lexicons: Iterable[Lexicon]) -> None:
        self._lexicons = list(lexicons)
        self._auto: ahocorasick.Automaton | None = None
        # the last text and its hits, one tuple replaced whole (a thread never sees half of a scan)
        self._last: tuple[str, list[list[Hit]]] | None = None
        for lx in self._lexicons:
            lx._group = self

    def invalidate(self) -> None:
        self._auto = None
        self._last = None

    def _build(self) -> ahocorasick.Automaton | None:
        merged: dict[str, list[tuple[int, tuple[tuple[bool, Any], ...], tuple[Any, ...]]]] = {}
        for k, lx in enumerate(self._lexicons):
            for key, vals in lx._entries.items():
                plain = tuple(p for has_al, p in vals if not has_al)
                merged.setdefault(key, []).append((k, tuple(vals), plain))
        if not merged:
            return None
        auto = ahocorasick.Automaton()
        for key, entries in merged.items():
            auto.add_word(key, (len(key), tuple(entries)))
        auto.make_automaton()
        return auto

    def hits(self, lexicon: Lexicon, norm: str) -> list[Hit]:
        """The accepted matches of ``lexicon`` in ``norm`` (before overlaps are resolved)."""
        last = self._last
        if last is None or last[0] is not norm:
            last = self._last = (norm, self._scan(norm))
        return last[1][self._lexicons.index(lexicon)]

    def _scan(self, norm: str) -> list[list[Hit]]:
        if self._auto is None:
            self._auto = self._build()
        out: list[list[Hit]] = [[] for _ in self._lexicons]
        auto = self._auto
        if auto is None:
            return out
        n = len(norm)
        new = tuple.__new__  # Hit(...) without NamedTuple's Python-level __new__
        for end_idx, (length, entries) in auto.iter(norm):
            end = end_idx + 1
            if end < n and norm[end].isalpha():
                continue
            fstart = end - length
            if fstart == 0 or not norm[fstart - 1].isalpha():
                # the form starts a word
                if fstart > 0 and norm[fstart - 1].isdigit() and norm[fstart].isdigit():
                    continue
                for k, _, plain in entries:
                    if plain:
                        out[k].append(new(Hit, (fstart, fstart, end, plain)))
                continue
            w = _word_start(norm, fstart)
            if w < 0:
                continue
            prefix = norm[w:fstart]
            any_ok, al_ok = _PREFIX_ANY.match(prefix) is not None, _PREFIX_AL.match(prefix) is not None
            for k, vals, _ in entries:
                ok = [p for has_al, p in vals if (al_ok if has_al else any_ok)]
                if ok:
                    out[k].append(new(Hit, (w, fstart, end, tuple(ok))))
        return out


def _word_start(norm: str, fstart: int) -> int:
    """Where the word holding a form that starts at ``fstart`` begins, if the letters before the form
    are few enough to be clitics (at most five, then a non-letter); -1 otherwise."""
    w = fstart
    while w > 0 and norm[w - 1].isalpha() and fstart - w <= 4:
        w -= 1
    return -1 if w > 0 and norm[w - 1].isalpha() else w


def _longest(hits: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping matches (ties: the earlier one)."""
    if len(hits) <= 1:
        return list(hits)
    ordered = sorted(hits, key=lambda h: h.form_start)
    if all(a.end <= b.form_start for a, b in zip(ordered, ordered[1:], strict=False)):
        return ordered  # no two overlap (the common case): every hit stays
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

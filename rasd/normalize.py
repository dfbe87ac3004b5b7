"""Arabic normalization driven by a character map in data, with an offset map back to the text.

The normalized string is built one character at a time from the cleaned text: a character is
either deleted (diacritics, tatweel, directional marks) or replaced by exactly one character, so
``norm_to_text[i]`` is the index in the cleaned text of normalized character ``i``; a final
sentinel entry equals ``len(text)`` so that end offsets map too.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from rasd.data import data_path


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    with open(data_path("charmap.json"), encoding="utf-8") as f:
        cm = json.load(f)
    table: dict[int, str | None] = {}
    for lo, hi in cm["delete_ranges"]:
        for cp in range(ord(lo), ord(hi) + 1):
            table[cp] = None
    for src, dst in cm["map"].items():
        if len(src) != 1 or len(dst) != 1:
            raise ValueError(f"charmap.json: map entries must be one character to one: {src!r}->{dst!r}")
        table[ord(src)] = dst
    return table


_LOW = 0x700  # the Arabic block and everything before it: a list indexed by code point


@lru_cache(maxsize=1)
def _fast_table() -> tuple[list[str | None], dict[str, str], re.Pattern[str]]:
    """The character map split for speed: ``str.translate`` with a list looks a character up by index
    (twice as fast as the dict's hashing); the few mapped characters past the Arabic block (dashes,
    quotes, directional marks) are replaced by one pattern where the text has any. Exact because
    no character maps to another that the map changes (checked here)."""
    table = _table()
    low: list[str | None] = [chr(i) for i in range(_LOW)]
    high: dict[str, str] = {}
    for cp, rep in table.items():
        if rep is not None and ord(rep) in table and table[ord(rep)] != rep:
            raise ValueError(f"charmap.json: {chr(cp)!r} maps to {rep!r}, which is mapped again")
        if cp < _LOW:
            low[cp] = rep
        else:
            high[chr(cp)] = rep or ""
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(high)) + "]") if high else re.compile("(?!)")
    return low, high, pattern


def _translate(text: str) -> str:
    """``text.translate(_table())``, faster."""
    low, high, pattern = _fast_table()
    out = text.translate(low)
    if pattern.search(out) is None:
        return out
    return pattern.sub(lambda m: high[m.group()], out)


@lru_cache(maxsize=1)
def _deleted_re() -> re.Pattern[str]:
    chars = "".join(re.escape(chr(cp)) for cp, rep in _table().items() if rep is None)
    return re.compile(f"[{chars}]")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Return (normalized text, offset map normalized index -> text index, with end sentinel)."""
    table = _table()
    norm = _translate(text)
    lowered = norm.lower()
    if len(lowered) == len(norm):
        norm = lowered
    else:  # a rare character whose lower case is longer: lower only where it keeps the length
        norm = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
    if len(norm) == len(text):
        return norm, list(range(len(text) + 1))
    idx: list[int] = []
    prev = 0
    for m in _deleted_re().finditer(text):
        idx.extend(range(prev, m.start()))
        prev = m.end()
    idx.extend(range(prev, len(text)))
    idx.append(len(text))
    if len(idx) != len(norm) + 1:  # a mapped character that is also listed for deletion: be exact
        idx = [i for i, ch in enumerate(text) if table.get(ord(ch), ch) is not None] + [len(text)]
    return norm, idx


def normalize(text: str) -> str:
    """Normalize a lexicon form or query the same way as document text."""
    return " ".join(_translate(text).lower().split())

"""Arabic normalization driven by a character map in data, with an offset map back to the text.

The normalized string is built one character at a time from the cleaned text: a character is
either deleted (diacritics, tatweel, directional marks) or replaced by exactly one character, so
``norm_to_text[i]`` is the index in the cleaned text of normalized character ``i``; a final
sentinel entry equals ``len(text)`` so that end offsets map too.
"""

from __future__ import annotations

import json
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


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Return (normalized text, offset map normalized index -> text index, with end sentinel)."""
    table = _table()
    fast = text.translate(table)
    if len(fast) == len(text) and len(lowered := fast.lower()) == len(text):
        fast = lowered
        # no deletion: the map is the identity (the common case for undiacritized news)
        return fast, list(range(len(text) + 1))
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        rep = table.get(ord(ch), ch)
        if rep is None:
            continue
        low = rep.lower()
        out.append(low if len(low) == 1 else rep)
        idx.append(i)
    idx.append(len(text))
    return "".join(out), idx


def normalize(text: str) -> str:
    """Normalize a lexicon form or query the same way as document text."""
    return " ".join(text.translate(_table()).lower().split())

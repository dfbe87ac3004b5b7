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


@lru_cache(maxsize=1)
def _deleted_re() -> re.Pattern[str]:
    chars = "".join(re.escape(chr(cp)) for cp, rep in _table().items() if rep is None)
    return re.compile(f"[{chars}]")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Return (normalized text, offset map normalized index -> text index, with end sentinel)."""
    table = _table()
    norm = text.translate(table)
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
    return " ".join(text.translate(_table()).lower().split())

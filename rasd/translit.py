"""A readable English spelling of Arabic names (data/translit.tsv): known words first, then a
letter map with long vowels kept ("al-" for the article). It spells; it does not vocalize."""

from __future__ import annotations

from functools import lru_cache

from rasd.data import read_tsv
from rasd.normalize import normalize


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    words: dict[str, str] = {}
    chars: dict[str, str] = {}
    for _, r in read_tsv("translit.tsv", ("arabic", "latin", "kind")):
        (words if r["kind"] == "word" else chars)[normalize(r["arabic"])] = r["latin"]
    return words, chars


def _word(w: str, chars: dict[str, str], words: dict[str, str]) -> str:
    if w in words:
        return words[w]
    if w.startswith("ال") and len(w) > 3:
        return "al-" + _word(w[2:], chars, words).lower()
    if w.isascii():
        return w
    out = []
    for i, ch in enumerate(w):
        lat = chars.get(ch, "")
        if ch == "ه" and i == len(w) - 1:
            lat = "a"
        elif ch == "ي" and i > 0 and i == len(w) - 1:
            lat = "i"
        elif ch == "و" and 0 < i < len(w) - 1:
            lat = "u"
        elif ch == "ي" and 0 < i < len(w) - 1:
            lat = "i"
        out.append(lat)
    s = "".join(out).strip("'")
    return s[:1].upper() + s[1:] if s else w


def transliterate(name: str) -> str:
    words, chars = _tables()
    toks = normalize(name).replace('"', " ").split()
    out: list[str] = []
    i = 0
    while i < len(toks):
        two = " ".join(toks[i:i + 2])
        if two in words:
            out.append(words[two])
            i += 2
            continue
        out.append(_word(toks[i], chars, words))
        i += 1
    return " ".join(out)

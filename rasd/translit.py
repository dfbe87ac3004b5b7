"""A readable English spelling of Arabic names.

Known words first: given names (data/given_names.tsv) and particles, compound halves, nisbas and
family names (data/translit.tsv), each with its usual spelling ("طلحة" -> Talha, "القرشي" ->
al-Qurashi). Other words are spelled by the letter map of translit.tsv with vowels filled in: ا و ي
give the long vowels a, u, i; between consonants with no letter for a vowel a short one is put where
Arabic name patterns put it (حمد -> Hamad, جاسم -> Jasim, شرفان -> Sharfan, ة -> a, a final ي -> i).
The article is "al-", "عبد" before ال is "Abd al-", أبو before a name is "Abu". Deterministic: the
same Arabic gives the same English."""

from __future__ import annotations

from functools import lru_cache

from rasd.data import read_tsv
from rasd.normalize import normalize


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(words: normalized word or two-word phrase -> spelling, chars: letter -> Latin)."""
    words: dict[str, str] = {}
    chars: dict[str, str] = {}
    for lineno, r in read_tsv("given_names.tsv", ("name", "latin")):
        if not r["latin"]:
            raise ValueError(f"given_names.tsv:{lineno}: no English spelling for {r['name']!r}")
        words.setdefault(normalize(r["name"]), r["latin"])
    for lineno, r in read_tsv("translit.tsv", ("arabic", "latin", "kind")):
        if r["kind"] == "char":
            chars[normalize(r["arabic"])] = r["latin"]
        elif r["kind"] in {"word", "nisba", "family"}:
            words[normalize(r["arabic"])] = r["latin"]
        else:
            raise ValueError(f"translit.tsv:{lineno}: unknown kind {r['kind']!r}")
    return words, chars


def _cap(s: str) -> str:
    s = s.lstrip("'")
    return s[:1].upper() + s[1:]


def _segments(w: str, chars: dict[str, str]) -> list[tuple[str, str]]:
    """The word as (kind, Latin) segments: "C" a consonant, "V" a long vowel."""
    seg: list[tuple[str, str]] = []
    n = len(w)
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < n else ""
        if ch == "ا":
            seg.append(("V", "a"))
        elif ch in "وي":
            vowel = "u" if ch == "و" else "i"
            if i == 0 or nxt == "ا" or prev == "ا" or (prev in "وي" and seg and seg[-1][0] == "V"):
                seg.append(("C", chars.get(ch, "")))  # وليد, زياد, فايز, داود: a consonant
            elif i == n - 1 and ch == "و" and prev in "وي":
                seg.append(("C", "w"))
            else:
                seg.append(("V", vowel))
        elif ch == "ه" and i == n - 1 and i > 0:
            seg.append(("V", "a"))  # ة (normalized to ه) at the end
        elif ch == "ء" and i == n - 1:
            continue
        elif ch in chars:
            seg.append(("C", chars[ch]))
    return seg


def _spell(w: str, chars: dict[str, str]) -> str:
    """A word no table has, spelled with vowels."""
    seg = _segments(w, chars)
    if not seg:
        return w
    out: list[str] = []
    kinds = [k for k, _ in seg]
    for i, (k, lat) in enumerate(seg):
        out.append(lat)
        if k != "C" or i + 1 >= len(seg) or kinds[i + 1] != "C":
            continue
        # two consonants in a row: where does Arabic put a short vowel between them?
        if i == 0:
            out.append("i" if seg[1][1] == "y" else "a")  # حمد, شرفان, زياد
        elif i + 2 == len(seg):
            after_long_a = i >= 1 and seg[i - 1] == ("V", "a")
            out.append("i" if after_long_a else "a")  # جاسم -> Jasim; اكرم -> Akram
        elif i >= 1 and seg[i - 1] == ("V", "a") and kinds[i + 2] == "V":
            out.append("i")  # فاطمة -> Fatima, الساعدي -> al-Saidi
    s = "".join(out).replace("'", "")  # ع and ء are not written in the English form
    return _cap(s)


def _word(w: str, chars: dict[str, str], words: dict[str, str]) -> str:
    if w in words:
        return words[w]
    if w.isascii():
        return w
    if w.startswith("ال") and len(w) > 3:
        return "al-" + _cap(_word(w[2:], chars, words))
    if w.startswith("عبد") and len(w) > 5 and w[3:5] == "ال":
        return "Abd " + _word(w[3:], chars, words)  # عبدالستار written joined
    if w.startswith("ابو") and len(w) > 4:
        return "Abu " + _word(w[3:], chars, words)  # ابوعساف written joined
    return _spell(w, chars)


def transliterate(name: str) -> str:
    """The English form of an Arabic name ("أبو طلحة القرشي" -> "Abu Talha al-Qurashi")."""
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
        if toks[i] == "عبد" and i + 1 < len(toks):
            nxt = toks[i + 1]
            joined = "عبد" + nxt
            if joined in words:
                out.append(words[joined])
            else:
                out.append("Abd " + _word(nxt if nxt.startswith("ال") else "ال" + nxt, chars, words))
            i += 2
            continue
        out.append(_word(toks[i], chars, words))
        i += 1
    return " ".join(out)

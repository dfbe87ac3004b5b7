"""Named persons: kunya names (أبو/أبي/أبا + name + nisba), names introduced by titles and
reporting words (زعيم، القيادي، المدعو، المتحدث باسم، والي), and stated aliases (المعروف بـ،
الملقب بـ، واسمه الحقيقي، اتخذ أسماء منها ... و ...). Cue words live in data/person_cues.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rasd.data import read_tsv
from rasd.normalize import normalize
from rasd.recognize.tokens import Token, tokenize
from rasd.types import Document, Mention

KUNYA = {"ابو", "ابي", "ابا"}
# words that end a name: prepositions, verbs and nouns that commonly follow a name in news
_NAME_WORD = re.compile(r"^[\u0621-\u064A]+$")


@dataclass
class Cues:
    title: dict[str, str] = field(default_factory=dict)  # normalized phrase -> role
    alias: set[str] = field(default_factory=set)
    stop: set[str] = field(default_factory=set)
    particles: set[str] = field(default_factory=set)  # بن، ابن، عبد، ال... parts inside names


@lru_cache(maxsize=1)
def cues() -> Cues:
    c = Cues()
    for lineno, r in read_tsv("person_cues.tsv", ("form", "kind", "role")):
        f = normalize(r["form"])
        if r["kind"] == "title":
            c.title[f] = r["role"] or "other"
        elif r["kind"] == "alias":
            c.alias.add(f)
            c.title.setdefault(f, "alias")
        elif r["kind"] == "stop":
            c.stop.add(f)
        elif r["kind"] == "particle":
            c.particles.add(f)
        else:
            raise ValueError(f"person_cues.tsv:{lineno}: unknown kind {r['kind']!r}")
    return c


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """Nationality adjectives ("الأميركي", "التركي"): after a title they are not a name."""
    from rasd.data import split_forms

    out: set[str] = set()
    for _, r in read_tsv("countries.tsv", ("iso", "adjectives_ar")):
        for a in split_forms(r["adjectives_ar"]):
            n = normalize(a)
            out |= {n, n[2:] if n.startswith("ال") else "ال" + n}
    out |= {"الامريكي", "الاميركي", "الامريكيه", "الاميركيه", "الروسي", "الروسيه", "البريطاني", "الفرنسي"}
    return frozenset(out)


@lru_cache(maxsize=1)
def _place_cue_words() -> frozenset[str]:
    return frozenset(normalize(r["form"]) for _, r in read_tsv("place_cues.tsv", ("form", "kind")) if " " not in r["form"])


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    return frozenset(normalize(r["name"]) for _, r in read_tsv("given_names.tsv", ("name",)))


@lru_cache(maxsize=1)
def _title_firsts() -> frozenset[str]:
    return frozenset({t.split()[0] for t in cues().title} | KUNYA | _given())


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    from rasd.resources import _lexicon_words

    return _lexicon_words()


def fold_name(s: str) -> str:
    """A comparison key: normalized, case forms of أبو folded, quotes and clitic ب/ل dropped."""
    n = normalize(s).replace('"', "").replace("'", "")
    words = n.split()
    out = []
    for w in words:
        if w in KUNYA:
            w = "ابو"
        out.append(w)
    key = " ".join(out)
    return key.replace("القريشي", "القرشي")


_BREAK = re.compile(r'["\'،,.:;؛()\[\]!?؟\n-]')


def _name_tokens(toks: list[Token], i: int, c: Cues, max_words: int = 5, norm: str = "") -> int:
    """How many tokens from i form a name (letters only, not a stop word, no punctuation between)."""
    n = 0
    while i + n < len(toks) and n < max_words:
        if n > 0 and norm and _BREAK.search(norm[toks[i + n - 1].end:toks[i + n].start]):
            break
        t = toks[i + n].text
        if not _NAME_WORD.match(t) or t in c.stop:
            break
        if n > 0 and toks[i + n - 1].text in {"عبد", "ابو", "بن"}:
            n += 1  # "عبد الأمير", "أبو بكر": the second half of a compound name
            continue
        if n > 0 and (t[0] == "و" and t not in _given() or t in _common() or t in _place_cue_words()):
            break  # "أبو طلحة القرشي واثنان", "أبي الخصيب جنوبي البصرة"
        n += 1
    return n


def find_persons(doc: Document, exclude: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Person mentions (normalized-offset based, mapped to text). ``exclude``: text spans of other
    mentions (actors, places) that a name must not overlap."""
    c = cues()
    toks = tokenize(doc.norm)
    firsts = _title_firsts()
    out: list[Mention] = []
    i = 0
    used_until = -1
    while i < len(toks):
        t = toks[i]
        if t.start < used_until:
            i += 1
            continue
        word = t.text
        if word not in firsts and word[1:] not in firsts:
            i += 1
            continue
        base = word[1:] if word[:1] in "وبل" and word[1:] in KUNYA else word
        role = None
        start_i = None
        # title phrases (up to 3 words) before a name
        for n in (3, 2, 1):
            phrase = " ".join(x.text for x in toks[i:i + n])
            for reading in (phrase, phrase[1:] if phrase[:1] in "وبل" else None):
                if reading and reading in c.title:
                    role = c.title[reading]
                    start_i = i + n
                    break
            if start_i is not None:
                break
        if base in KUNYA:
            start_i = i
        given = start_i is None and (word in _given() or (word[:1] in "وبل" and word[1:] in _given()))
        if given:
            start_i = i
        if start_i is None or start_i >= len(toks):
            i += 1
            continue
        j = start_i
        # after a title the name may itself be a kunya, or a quoted name
        if toks[j].text in KUNYA or toks[j].text[1:] in KUNYA:
            k = 1 + _name_tokens(toks, j + 1, c, 4, doc.norm) if not _BREAK.search(doc.norm[toks[j].end:toks[j + 1].start] if j + 1 < len(toks) else "") else 1
        else:
            k = _name_tokens(toks, j, c, 4, doc.norm)
        if k and role == "office" and toks[j].text not in KUNYA and toks[j].text not in _given():
            k = 0  # "مدير توزيع كهرباء الجنوب": an office, not a name
        if k and toks[j].text not in KUNYA and toks[j].text[1:] not in KUNYA and (
                toks[j].text in _common() or toks[j].text in _adjectives()
                or (toks[j].text.startswith("و") and len(toks[j].text) > 3 and role != "alias")
                or (role not in {"alias", None} and doc.norm[toks[j].start - 1:toks[j].start] == '"')):
            k = 0  # "القيادي في الفصيل", "الرئيس الأميركي", "زعيمه وتعيين": not a name
        if k == 0 or (toks[j].text in KUNYA and k == 1):
            i += 1
            continue
        if start_i == i and k < 2:  # a bare kunya or given name needs at least one more name word
            i += 1
            continue
        s_n, e_n = toks[j].start, toks[j + k - 1].end
        if toks[j].text[:1] in "وبل" and toks[j].text[1:] in KUNYA:
            s_n += 1
        s, e = doc.norm_to_text[s_n], doc.norm_to_text[e_n - 1] + 1
        if exclude and any(not (e <= a or s >= b) for a, b in exclude):
            i = j + k
            continue
        surface = doc.text[s:e]
        out.append(Mention("person", s, e, surface, fold_name(surface), value=None, rule="kunya" if start_i == i else "title",
                           meta={"role": role, "nstart": s_n, "nend": e_n}))
        used_until = e_n
        i = j + k
        # "منها X و Y": a second name after و continues an alias list
        if role == "alias" and i < len(toks) and toks[i].text == "و" and i + 1 < len(toks):
            k2 = _name_tokens(toks, i + 1, c, 3, doc.norm)
            if k2:
                s2n, e2n = toks[i + 1].start, toks[i + k2].end
                s2, e2 = doc.norm_to_text[s2n], doc.norm_to_text[e2n - 1] + 1
                out.append(Mention("person", s2, e2, doc.text[s2:e2], fold_name(doc.text[s2:e2]),
                                   rule="alias", meta={"role": "alias", "nstart": s2n, "nend": e2n}))
                used_until = e2n
                i = i + 1 + k2
    _attach_aliases(doc, out, c)
    return out


def _attach_aliases(doc: Document, persons: list[Mention], c: Cues) -> None:
    """Within a sentence, 'X المعروف بـ Y', 'X الملقب Y', 'واسمه الحقيقي Y', 'أسماء منها Y و Z':
    the later names become aliases of the earlier one."""
    for p in persons:
        p.meta.setdefault("aliases", [])
        p.meta.setdefault("alias_of", None)
    # "اتخذ عدداً من الأسماء منها X و Y": a list of names after such words belongs to the person
    # named last before it, even a sentence earlier
    for idx, q in enumerate(persons):
        if q.meta.get("role") != "alias" or q.meta["alias_of"] is not None:
            continue
        lead_in = doc.norm[max(0, q.meta["nstart"] - 60):q.meta["nstart"]]
        if not any(w in lead_in for w in ("الاسماء", "اسماء", "كنى", "القاب", "الكنى", "الالقاب")):
            continue
        prev = [k for k in range(idx) if persons[k].meta.get("role") != "alias"
                and q.meta["nstart"] - persons[k].meta["nend"] <= 800]
        leaders = [k for k in prev if persons[k].meta.get("role") == "leader"]
        prev = leaders or prev
        if prev:
            owner = prev[-1]
            while persons[owner].meta["alias_of"] is not None:
                owner = persons[owner].meta["alias_of"]
            q.meta["alias_of"] = owner
            persons[owner].meta["aliases"].append(q.surface)
            for r in persons[idx + 1:]:  # the rest of the list ("و"سيف بغداد"")
                if r.meta.get("role") == "alias" and r.meta["alias_of"] is None \
                        and r.meta["nstart"] - q.meta["nend"] <= 12:
                    r.meta["alias_of"] = owner
                    persons[owner].meta["aliases"].append(r.surface)
    for idx, p in enumerate(persons):
        if p.meta["alias_of"] is not None:
            continue
        for q in persons[idx + 1:]:
            gap = doc.norm[p.meta["nend"]:q.meta["nstart"]]
            if len(gap) > 90 or "\n" in gap or "." in gap:
                break
            if any(a in gap for a in c.alias) or q.meta.get("role") == "alias" and len(gap.strip(' "و،')) <= 2:
                p.meta["aliases"].append(q.surface)
                q.meta["alias_of"] = idx
            else:
                break

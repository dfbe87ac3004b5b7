"""Named persons.

A name starts with a kunya (أبو/أبي/أبا + name), a given name from data/given_names.tsv, or any
name-like word after a word that introduces a name (المدعو، يدعى، a title or rank, an alias cue).
Before the name may stand a chain of titles, modifiers, person words and actors ("خليفة داعش المزعوم
المدعو", "الشهيد الملازم أول", "القيادي في حزب الله"): titles go into the person's ``title``, never
into the name, and an actor in the chain is the person's affiliation. A given name that is also an
ordinary word ("صالح", "خلف") starts a name only in a person context (a title, الشاب، وهم:، a role
cue, the list of names it continues). A kunya that is a place in the gazetteer ("أبو الخصيب") is a
person only after a title or person word; name words are never common words, verbs or particles.

Then, per person, from the person's own clause (data/person_roles.tsv): the role (killed, injured,
arrested by the cue that governs the name; leader for a named new leader; spokesperson for one who
speaks) and, where the text links the person to an actor ("زعيم تنظيم داعش"، "القيادي في حزب الله"،
"قائد قوات ..."، "زعيمه" with the actor as the sentence's subject), the affiliation. Stated aliases
(المعروف بـ، الملقب بـ، واسمه الحقيقي، اتخذ أسماء منها ... و ...) attach to the person. Cue words live
in data/person_cues.tsv."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rasd.data import read_tsv
from rasd.normalize import normalize
from rasd.recognize.tokens import Token, tokenize
from rasd.types import Document, Mention

KUNYA = {"ابو", "ابي", "ابا"}
ROLES = {"killed", "injured", "arrested", "leader", "spokesperson", "other"}
_NAME_WORD = re.compile(r"^[\u0621-\u064A]+$")
_BREAK = re.compile(r'["\'،,.:;؛()\[\]!?؟\n\-«»“”]')
_SENTENCE_END = re.compile(r"[.!؟?؛\n]")
_CLITIC = "وبلف"
_LINKS = {"في", "باسم", "لدى", "ب", "من", "داخل", "ضمن"}  # "القيادي في حزب الله", "المتحدث باسم الجيش"
_POSSESSIVE = ("ه", "ها", "هم")
_PREPS = {"علي", "الي", "والي", "وعلي", "فعلي", "حتي", "لدي"}  # as normalized; written with ى they are no names  # "زعيمه", "قائدها": the actor is the sentence's subject


@dataclass
class Cues:
    title: dict[str, str] = field(default_factory=dict)  # normalized phrase -> role
    title_en: dict[str, str] = field(default_factory=dict)  # normalized phrase -> English title
    alias: set[str] = field(default_factory=set)
    weak_alias: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    modifier: set[str] = field(default_factory=set)
    stop: set[str] = field(default_factory=set)
    particles: set[str] = field(default_factory=set)  # بن، ابن، عبد، ال... parts inside names
    owner: set[str] = field(default_factory=set)  # "منزل X", "مساعدي X": X owns what was acted on
    office_role: dict[str, str] = field(default_factory=dict)  # "office:leader": القائد is a leader


@lru_cache(maxsize=1)
def cues() -> Cues:
    c = Cues()
    for lineno, r in read_tsv("person_cues.tsv", ("form", "kind", "role")):
        f = normalize(r["form"])
        kind = r["kind"]
        if kind == "title":
            role = r["role"] or "other"
            office, _, office_role = role.partition(":")
            if role not in ROLES | {"office"} and not (office == "office" and office_role in ROLES):
                raise ValueError(f"person_cues.tsv:{lineno}: unknown role {role!r}")
            c.title[f] = "office" if office == "office" else role
            if office_role:
                c.office_role[f] = office_role
            if r.get("title"):
                c.title_en[f] = r["title"]
        elif kind in {"alias", "weakalias"}:
            (c.alias if kind == "alias" else c.weak_alias).add(f)
            c.title.setdefault(f, "alias")
        elif kind == "context":
            c.context.add(f)
        elif kind == "modifier":
            c.modifier.add(f)
        elif kind == "stop":
            c.stop.add(f)
        elif kind == "particle":
            c.particles.add(f)
        elif kind == "owner":
            c.owner.add(f)
        else:
            raise ValueError(f"person_cues.tsv:{lineno}: unknown kind {kind!r}")
    return c


@lru_cache(maxsize=1)
def _cue_phrases() -> frozenset[str]:
    """Every title, person word and alias cue: none of them starts a name."""
    c = cues()
    return frozenset(c.title) | frozenset(c.context) | frozenset(c.alias) | frozenset(c.weak_alias)


@lru_cache(maxsize=1)
def _alias_phrases() -> frozenset[str]:
    c = cues()
    return frozenset(c.alias) | frozenset(c.weak_alias)


@lru_cache(maxsize=1)
def _alias_firsts() -> frozenset[str]:
    return frozenset(a.split()[0] for a in _alias_phrases())


@lru_cache(maxsize=1)
def role_cues() -> dict[str, dict[str, str]]:
    """side ("before" | "after") -> normalized phrase -> role (data/person_roles.tsv)."""
    out: dict[str, dict[str, str]] = {"before": {}, "after": {}}
    for lineno, r in read_tsv("person_roles.tsv", ("form", "role", "side")):
        if r["role"] not in ROLES or r["side"] not in out:
            raise ValueError(f"person_roles.tsv:{lineno}: bad role or side {r['role']!r} {r['side']!r}")
        out[r["side"]][normalize(r["form"])] = r["role"]
    return out


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """Nationality adjectives ("الأميركي", "التركي"): after a title they are not a name."""
    from rasd.data import split_forms

    out: set[str] = set()
    for _, r in read_tsv("countries.tsv", ("iso", "adjectives_ar")):
        for a in split_forms(r["adjectives_ar"]):
            n = normalize(a)
            out |= {n, n[2:] if n.startswith("ال") else "ال" + n}
    return frozenset(out)


@lru_cache(maxsize=1)
def _place_cue_words() -> frozenset[str]:
    return frozenset(normalize(r["form"]) for _, r in read_tsv("place_cues.tsv", ("form", "kind")) if " " not in r["form"])


@lru_cache(maxsize=1)
def _given_rows() -> tuple[frozenset[str], frozenset[str]]:
    """(every given name, those that are also ordinary words), normalized."""
    every: set[str] = set()
    words: set[str] = set()
    for lineno, r in read_tsv("given_names.tsv", ("name", "latin", "word")):
        n = normalize(r["name"])
        every.add(n)
        if r["word"] == "word":
            words.add(n)
        elif r["word"]:
            raise ValueError(f"given_names.tsv:{lineno}: word column is 'word' or empty, not {r['word']!r}")
    return frozenset(every), frozenset(words)


def _given() -> frozenset[str]:
    return _given_rows()[0]


@lru_cache(maxsize=1)
def _given_plain() -> frozenset[str]:
    """Given names that are no ordinary word: they start a name anywhere."""
    every, words = _given_rows()
    return every - words - _common()


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Name words with an English spelling (translit.tsv): never verbs or common words."""
    return frozenset(normalize(r["arabic"]) for _, r in read_tsv("translit.tsv", ("arabic", "kind"))
                     if r["kind"] != "char" and " " not in r["arabic"])


@lru_cache(maxsize=1)
def _kunya_places() -> frozenset[str]:
    """Gazetteer names shaped like a kunya ("أبو الخصيب", "أبو غريب"), folded."""
    from rasd.data import split_forms

    out: set[str] = set()
    for _, r in read_tsv("gazetteer.tsv", ("names_ar",)):
        for form in split_forms(r["names_ar"]):
            n = normalize(form).split()
            if len(n) >= 2 and n[0] in KUNYA:
                out.add(" ".join(["ابو", *n[1:]]))
    return frozenset(out)


def _is_kunya_place(name_norm: str) -> bool:
    """The name is a kunya-shaped place, or such a place followed by words that are no known name
    words ("أبو الخصيب التحويلية")."""
    words = fold_name(name_norm).split()
    places = _kunya_places()
    for n in range(len(words), 1, -1):
        if " ".join(words[:n]) in places:
            return all(w not in _given() and w not in _known_words() for w in words[n:]) or n == len(words)
    return False


def _maqsura(doc: Document, tok: Token) -> bool:
    """The word is written with a final ى ("على", "إلى"): a preposition, not "علي" or "والي"."""
    return doc.text[doc.norm_to_text[tok.end - 1]:doc.norm_to_text[tok.end - 1] + 1] == "ى"


@lru_cache(maxsize=1)
def _title_firsts() -> frozenset[str]:
    c = cues()
    return frozenset({t.split()[0] for t in c.title} | {t.split()[0] for t in c.context} | KUNYA
                     | {g.split()[0] for g in _given()})


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    from rasd.resources import _lexicon_words

    return _lexicon_words()


def fold_name(s: str) -> str:
    """A comparison key: normalized, case forms of أبو folded, quotes and clitic ب/ل dropped."""
    n = normalize(s).replace('"', "").replace("'", "")
    out = ["ابو" if w in KUNYA else w for w in n.split()]
    return " ".join(out).replace("القريشي", "القرشي")


def _unclitic(w: str) -> str:
    return w[1:] if len(w) > 3 and w[0] in _CLITIC else w


def _is_kunya(w: str) -> bool:
    return w in KUNYA or (w[:1] in "وبل" and w[1:] in KUNYA)


def _is_given(w: str, plain: bool = False, nxt: str = "") -> bool:
    """A given name, also behind و; ``nxt``: the next word, for two-word names ("عز الدين")."""
    names = _given_plain() if plain else _given()
    if nxt and (f"{w} {nxt}" in names or (w[:1] == "و" and f"{w[1:]} {nxt}" in names)):
        return True
    return w in names or (w[:1] == "و" and w[1:] in names and len(w) > 3)


def _verb_like(w: str) -> bool:
    """A word shaped like a verb and known as no name: "يدخل", "يتعاونون", "ارتقيا", "قتلا"."""
    if w in _given() or w in _known_words() or w.startswith("ال"):
        return False
    if w[:1] in "يتن" and len(w) >= 4 and not w.endswith("ي"):
        return True
    return len(w) >= 4 and (w.endswith("وا") or (w.endswith("ون") and w[:1] in "يتن")
                            or (w.endswith("ا") and not w.endswith("اا")))


def _ordinary(w: str) -> bool:
    """A word that cannot be part of a name: a common word, also behind a clitic or a pronoun."""
    if (w in _given() and w not in _given_rows()[1]) or w in _known_words():
        return False
    common = _common()
    if w in common or w in _place_cue_words() or w in cues().stop:
        return True
    if len(w) > 3 and w[0] in "بلفك" and w[1:] in common:
        return True  # "باستهداف"
    for suf in ("ه", "ها", "هم"):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and w[:-len(suf)] in common:
            return True  # "يومه"
    return False


def _clitic_noun(w: str) -> bool:
    """"لتشكيل", "باستهداف", "بمقتل", "للتنظيم": a preposition on a verbal noun, no name word."""
    if len(w) < 5 or w in _given() or w in _known_words() or w[:1] not in "بلفك":
        return False
    rest = w[1:]
    if w.startswith("لل"):
        return True  # "للأناضول": ل on a word with the article
    if rest[:1] in "تم" and w[:2] in {"لت", "بت", "لم", "بم"}:
        return True  # "لتشكيل", "بمقتل"
    return rest[:1] == "ا" and (rest[1:2] == "ل" or rest[1:3] in {"ست", "ن"} or rest[1:2] == "ن" or rest[3:4] == "ت")


def _name_tokens(toks: list[Token], i: int, c: Cues, max_words: int = 5, norm: str = "",
                 prep: frozenset[int] = frozenset(), places: frozenset[int] = frozenset()) -> int:
    """How many tokens from i form a name (letters only, not a stop, common or verb-like word, no
    punctuation between)."""
    n = 0
    while i + n < len(toks) and n < max_words:
        if n > 0 and norm and _BREAK.search(norm[toks[i + n - 1].end:toks[i + n].start]):
            break
        t = toks[i + n].text
        if toks[i + n].start in prep:
            break  # "على", "إلى"
        if not _NAME_WORD.match(t) or len(t) < 2 or (t in c.stop and t not in _given()):
            break
        if n > 0 and (toks[i + n - 1].text in {"عبد", "ابو", "بن", "ابن", "ام", "بنت"}
                      or f"{_unclitic(toks[i + n - 1].text)} {t}" in _given() or f"{toks[i + n - 1].text} {t}" in _given()):
            n += 1  # "عبد الأمير", "أبو بكر": the second half of a compound name
            continue
        if n >= 2 and toks[i + n].start in places and t not in _given() and t not in _known_words():
            break  # "إسماعيل قاآني بغداد": a place after the name
        last = i + n + 1 >= len(toks) or not _NAME_WORD.match(toks[i + n + 1].text) or (
            norm and _BREAK.search(norm[toks[i + n].end:toks[i + n + 1].start]))
        if n > 0 and last and t in c.title and t.startswith("ال") and " " not in t:
            n += 1  # "محمد النقيب،", "أبو مهدي المهندس،": a title word as the family name, last before a comma
            break
        if n > 0 and (t[0] == "و" and t not in _given() and t not in _known_words()
                      or _ordinary(t) or _verb_like(t) or _clitic_noun(t)):
            break  # "أبو طلحة القرشي واثنان", "أبي الخصيب جنوبي البصرة", "يدخل"
        if n > 0 and i + n + 1 < len(toks) and toks[i + n + 1].text in {"ان", "بان"} and t not in _given() \
                and t not in _known_words() and not t.startswith("ال"):
            break  # "أبا جمال سبق أن": a verb before أن
        n += 1
    return n


@dataclass
class _Lead:
    """The words before a name: titles, modifiers, person words, actors."""
    start: int  # token index where the lead begins
    end: int  # token index where the name begins
    role: str | None = None
    title_toks: list[int] = field(default_factory=list)
    title_en: str = ""
    strong: bool = False  # a title, rank or "المدعو": any name-like word may follow
    context: bool = False  # a person word or title: an ambiguous given name may follow
    office_only: bool = False
    possessive: bool = False
    former: bool = False  # "القيادي السابق": no longer a leader
    named: bool = False  # "المدعو", "يدعى", "واسمه": a name follows, whatever its shape
    affiliation: Mention | None = None


def _phrase_at(toks: list[Token], i: int, table: set[str] | dict[str, str], norm: str) -> int:
    """Length (tokens) of the longest phrase of ``table`` at token i (a leading clitic allowed)."""
    for n in (3, 2, 1):
        if i + n > len(toks):
            continue
        if n > 1 and _BREAK.search(norm[toks[i].end:toks[i + n - 1].start]):
            continue
        phrase = " ".join(x.text for x in toks[i:i + n])
        if phrase in table or (phrase[:1] in _CLITIC and phrase[1:] in table) or \
                (phrase.startswith("لل") and "ا" + phrase[1:] in table):  # "للقيادي"
            return n
    return 0


def _possessive(key: str, c: Cues) -> bool:
    """"زعيمه", "قائدها", "خليفته": a title with a pronoun that points at the sentence's subject."""
    for suf in _POSSESSIVE:
        if key.endswith(suf) and len(key) > len(suf) + 2:
            base = key[:-len(suf)]
            if base in c.title or (base.endswith("ت") and base[:-1] + "ه" in c.title):
                return True
    return False


def _read_lead(toks: list[Token], i: int, c: Cues, norm: str, actor_at: dict[int, Mention],
               prep: frozenset[int] = frozenset()) -> _Lead | None:
    lead = _Lead(i, i)
    j = i
    found = False
    while j < len(toks):
        if toks[j].start in prep:
            break
        if found and toks[j].text in {"،", ","} and j + 1 < len(toks) and (
                _phrase_at(toks, j + 1, c.alias, norm) or _phrase_at(toks, j + 1, c.title, norm)
                or (lead.role in {"spokesperson", "leader"} and (
                    _is_kunya(toks[j + 1].text) or _is_given(toks[j + 1].text, nxt=toks[j + 2].text if j + 2 < len(toks) else "")))):
            j += 1  # "خليفته، المعروف باسم X", "المتحدث باسم الوزارة، اللواء X", "المتحدث باسم المجلس، محمد X"
            continue
        gap = norm[toks[j - 1].end:toks[j].start] if j else ""
        if found and _BREAK.search(gap) and gap.strip() not in {'"', "«", "“", ":", "(", ':"'} and not (
                gap.strip() in {"،", ","} and _phrase_at(toks, j, c.alias, norm)):
            break
        n = _phrase_at(toks, j, c.title, norm)
        if n and found and lead.title_en and n == 1 and toks[j].text in _given():
            n = 0  # "اللواء المتقاعد خليفة حفتر": after a title, خليفة is the name
        if n:
            phrase = " ".join(x.text for x in toks[j:j + n])
            key = phrase if phrase in c.title else (phrase[1:] if phrase[1:] in c.title else "ا" + phrase[1:])
            role = c.title[key]
            if role == "alias":
                if not found:
                    break  # aliases are read after the name they belong to
                j += n  # "خليفته، المعروف باسم X": the title's own person, under the name it goes by
                lead.strong = True
                continue
            if role == "office" and key in c.office_role and lead.role in {None, "office"}:
                role = c.office_role[key]
                lead.office_only = not lead.strong
                lead.role = role
                lead.context = True
                found = True
                if key in c.title_en:
                    lead.title_en = c.title_en[key]
                    lead.title_toks += list(range(j, j + n))
                j += n
                continue
            lead.role = role if role != "office" or lead.role is None else lead.role
            lead.office_only = role == "office" and not lead.strong
            lead.strong = lead.strong or role != "office"
            lead.named = lead.named or key.endswith(("المدعو", "المدعوه", "يدعي"))
            lead.context = True
            if key in c.title_en:
                lead.title_en = c.title_en[key]
                lead.title_toks += list(range(j, j + n))
            if _possessive(key, c):
                lead.possessive = True
            found = True
            j += n
            continue
        n = _phrase_at(toks, j, c.context, norm)
        if n:
            lead.context = True
            if " ".join(x.text for x in toks[j:j + n]).endswith(("يدعي", "اسمه", "اسمها")):
                lead.strong = lead.named = True  # "يدعى X", "واسمه X": whatever follows is a name
            found = True
            j += n
            if j < len(toks) and toks[j].text == ":":
                j += 1
            continue
        if found and lead.context and toks[j].text in {"هو", "هي", "هم", "هما"}:
            j += 1  # "الشهيد هو X", "القتيلين هما X و Y"
            continue
        if found and toks[j].text in c.modifier:
            lead.former = lead.former or toks[j].text in {"السابق", "الاسبق", "سابقا"}
            if lead.title_toks:
                lead.title_toks.append(j)
            j += 1
            continue
        # an actor after a title: "زعيم داعش", "القيادي في حزب الله", "المتحدث باسم الجيش"
        if found and lead.role in {"leader", "spokesperson", "office", "other"}:
            k = j + 1 if toks[j].text in _LINKS else j
            a = actor_at.get(toks[k].start) if k < len(toks) else None
            if a is None and k < len(toks) and toks[k].text[:1] in "بل":
                a = actor_at.get(toks[k].start + 1)
            if a is not None:
                lead.affiliation = a
                lead.strong = True  # "قائد وحدات حماية سنجار زردشت شنكالي": a name follows the actor
                lead.office_only = False
                while k < len(toks) and toks[k].start < a.meta["nend"]:
                    k += 1
                j = k
                continue
        break
    if not found:
        return None
    lead.end = j
    return lead


def find_persons(doc: Document, exclude: list[tuple[int, int]] | None = None,
                 actors: list[Mention] | None = None, places: list[Mention] | None = None) -> list[Mention]:
    """Person mentions (normalized-offset based, mapped to text). ``exclude``: text spans of other
    mentions (actors, places) that a name must not overlap; ``actors``: the document's actor mentions
    (affiliations); ``places``: its place mentions (a kunya that is a place is no person without a
    title)."""
    c = cues()
    norm = doc.norm
    toks = tokenize(norm)
    firsts = _title_firsts()
    actor_at: dict[int, Mention] = {}
    for a in actors or []:
        actor_at.setdefault(a.meta["nstart"], a)
    place_spans = sorted((p.meta["nstart"], p.meta["nend"]) for p in places or [] if "nstart" in p.meta)
    excluded = _SpanIndex(exclude or [])
    places_at = _SpanIndex(place_spans)
    prep = frozenset(t.start for t in toks if t.text in _PREPS and _maqsura(doc, t))
    tok_at = {t.start: t for t in toks}
    pstarts = frozenset(a for a, _ in place_spans if a in tok_at)
    out: list[Mention] = []
    cands = _starting(toks, firsts)
    i = 0
    used_until = -1
    last_end = -10
    last_ctx = False  # the last person stood in a list ("وهم: X، Y و Z")
    while i < len(toks):
        if not last_ctx:
            # outside a list only a word that can start a title or name can start a person: go to the next
            k = bisect.bisect_left(cands, i)
            if k == len(cands):
                break
            i = cands[k]
        t = toks[i]
        if t.start < used_until:
            i += 1
            continue
        word = t.text
        gap = norm[last_end:t.start] if 0 <= t.start - last_end <= 3 else "x"
        listed = last_ctx and gap.strip() in {"", "،", ","} and (word[:1] == "و" or gap.strip()) \
            and bool(_NAME_WORD.match(word)) and not _ordinary(_unclitic(word)) and not _verb_like(_unclitic(word)) \
            and not _clitic_noun(word) and not _phrase_at(toks, i, _cue_phrases(), norm)
        if word not in firsts and word[1:] not in firsts and not listed and not (
                word.startswith("لل") and "ا" + word[1:] in firsts):
            i += 1
            continue
        if t.start in prep:
            i += 1
            continue
        lead = _read_lead(toks, i, c, norm, actor_at, prep)
        if lead is not None and 0 <= t.start - last_end <= 3 and norm[last_end:t.start].strip() in {"", "،", ","} \
                and not (word[:1] == "و" and word[1:] in firsts) and lead.end > i and not _is_kunya(word) \
                and not _is_given(word):
            # "X، قائد حركة النجباء، وY": the title after a name is that person's apposition, no lead for Y
            lead.end = next((k for k in range(i, lead.end) if toks[k].text in {"،", ","}), lead.end)
            if lead.end < len(toks) and toks[lead.end].text in {"،", ","}:
                i = lead.end
                continue
        j = lead.end if lead else i
        if j >= len(toks):
            i += 1
            continue
        first = toks[j].text
        in_list = lead is None and listed
        context = bool(lead and lead.context) or in_list
        quoted = norm[toks[j].start - 1:toks[j].start] in {'"', "«", "“"}
        kunya = _is_kunya(first)
        nxt = toks[j + 1].text if j + 1 < len(toks) else ""
        given = _is_given(first, plain=not context, nxt=nxt) or (
            _unclitic(first) in _PREPS and _unclitic(first) in _given() and toks[j].start not in prep)  # "علي", not "على"
        if kunya:
            if j + 1 >= len(toks) or _BREAK.search(norm[toks[j].end:toks[j + 1].start]):
                i += 1
                continue
            k = 1 + _name_tokens(toks, j + 1, c, 5, norm, prep, pstarts)
        elif in_list and not given:
            # "وهما X وشيار خليل عمر": the list goes on with a name the table lacks
            k = _name_tokens(toks, j, c, 4, norm, prep, pstarts)
            if k < 2 and not any(w in _given() for w in (_unclitic(first),)):
                k = 0
        elif given or (lead and lead.strong and not lead.office_only and len(first) >= 3):
            k = _name_tokens(toks, j, c, 4, norm, prep, pstarts)
            verb = _verb_like(first) and not (lead and lead.named and not first.endswith(("ون", "وا")))
            if not given and k and (_ordinary(first) or first in _adjectives() or verb or _clitic_noun(first)
                                    or (first.startswith("و") and len(first) > 3)
                                    or (quoted and lead and lead.role not in {None})):
                k = 0  # "القيادي في الفصيل", "الرئيس الأميركي", "زعيمه وتعيين": not a name
        else:
            k = 0
        if k == 0 or (kunya and k == 1):
            i += 1
            continue
        if lead is None and k < 2:  # a bare given name needs at least one more name word
            i += 1
            continue
        s_n, e_n = toks[j].start, toks[j + k - 1].end
        if first[:1] in "وبل" and (first[1:] in KUNYA or (first not in _given() and first[1:] in _given())
                                    or (in_list and first[:1] == "و" and first not in _given())):
            s_n += 1
        if kunya and not (lead and lead.context) and (_is_kunya_place(norm[s_n:e_n]) or places_at.within(s_n, e_n)
                                                      or _contains(place_spans, s_n, e_n)):
            i = j + k  # "أبو الخصيب يدخل يومه": a town, not a person
            continue
        s, e = doc.norm_to_text[s_n], doc.norm_to_text[e_n - 1] + 1
        if exclude and excluded.covers(s):  # a place later in the name is a nisba
            i = j + k
            continue
        surface = doc.text[s:e]
        meta = {"role": ("other" if lead.former and lead.role == "leader" else lead.role) if lead else None, "nstart": s_n, "nend": e_n,
                "lstart": toks[lead.start].start if lead else s_n, "title": lead.title_en if lead else "",
                "title_ar": "", "affiliation": lead.affiliation.value.name if lead and lead.affiliation else None,
                "possessive": bool(lead and lead.possessive)}
        if lead and lead.title_toks:
            a, b = toks[min(lead.title_toks)].start, toks[max(lead.title_toks)].end
            if norm[a:a + 1] in _CLITIC and norm[a + 1:b] not in c.title and norm[a:b] not in c.title:
                a += 1
            meta["title_ar"] = doc.text[doc.norm_to_text[a]:doc.norm_to_text[b - 1] + 1]
        out.append(Mention("person", s, e, surface, fold_name(surface), value=None,
                           rule="title" if lead else ("kunya" if kunya else "given"), meta=meta))
        used_until = e_n
        last_end = e_n
        last_ctx = bool(lead and lead.context) or in_list
        i = j + k
    _read_aliases(doc, toks, out, c)
    _attach_aliases(doc, out, c)
    _share_aliases(out)
    _clause_roles(doc, toks, out, actors or [])
    return out


def _starting(toks: list[Token], firsts: frozenset[str]) -> list[int]:
    """The indexes of the tokens that are one of ``firsts``, with a one-letter clitic, or لل + the
    word after its ال: each distinct word tested once."""
    ok = {w for w in {t.text for t in toks} if w in firsts or w[1:] in firsts
          or (w.startswith("لل") and "ا" + w[1:] in firsts)}
    return [k for k, t in enumerate(toks) if t.text in ok] if ok else []


def _share_aliases(persons: list[Mention]) -> None:
    """Every mention of one name in the document carries the aliases stated at any of them."""
    groups: dict[str, list[str]] = {}
    for p in persons:
        if p.meta.get("alias_of") is None:
            names = groups.setdefault(" ".join(_merge_key(p.surface)), [])
            names += [a for a in p.meta["aliases"] if a not in names]
    for p in persons:
        if p.meta.get("alias_of") is None:
            p.meta["aliases"] = list(groups[" ".join(_merge_key(p.surface))])


def _read_aliases(doc: Document, toks: list[Token], persons: list[Mention], c: Cues) -> None:
    """Names after alias cues ("الملقب بـ"الذيب"", "منها "أبو حذيفة" و"الشيخ حمد"") become alias
    mentions; a weak cue ("منها", "أو") needs a quoted name or one that starts like a name."""
    norm = doc.norm
    # only the words an alias cue may start with are tried (most documents have none)
    cands = _starting(toks, _alias_firsts())
    if not cands:
        return
    prep = frozenset(t.start for t in toks if t.text in _PREPS and _maqsura(doc, t))
    taken = [(p.meta["nstart"], p.meta["nend"]) for p in persons]
    new: list[Mention] = []
    i = 0
    for i0 in cands:
        if i0 < i:
            continue
        i = i0
        n = _phrase_at(toks, i, _alias_phrases(), norm)
        if not n:
            i += 1
            continue
        phrase = " ".join(x.text for x in toks[i:i + n])
        weak = phrase not in c.alias and phrase[1:] not in c.alias
        j = i + n
        while True:
            if j >= len(toks):
                break
            gap = norm[toks[j - 1].end:toks[j].start]
            if "\n" in gap or "." in gap:
                break
            quoted = gap.strip().endswith(('"', "«", "“"))
            existing = next((p for p in persons + new if p.meta["nstart"] <= toks[j].start < p.meta["nend"]
                             or p.meta["nstart"] == toks[j].start + 1), None)
            if existing is not None:
                existing.meta["role"] = existing.meta["role"] or "alias"
                if existing.meta["role"] != "alias" and existing.meta.get("lstart") == existing.meta["nstart"]:
                    existing.meta["role"] = "alias"
                nxt = next((k for k in range(j, len(toks)) if toks[k].start >= existing.meta["nend"]), len(toks))
            else:
                first = toks[j].text
                # a quoted alias may hold a title ("الشيخ حمد"): it is a name as written
                k = _name_tokens(toks, j, c, 4, norm, prep)
                if quoted and not k and first in c.title:
                    k = 1 + _name_tokens(toks, j + 1, c, 3, norm, prep)
                if k and quoted and first in c.title:
                    pass
                elif k and (_ordinary(first) or _verb_like(first) or first in _adjectives()) and not _is_kunya(first):
                    k = 0
                if k and weak and not (quoted or _is_kunya(first) or _is_given(first)):
                    k = 0
                if not k:
                    break
                s_n, e_n = toks[j].start, toks[j + k - 1].end
                if any(not (e_n <= a or s_n >= b) for a, b in taken):
                    break
                s, e = doc.norm_to_text[s_n], doc.norm_to_text[e_n - 1] + 1
                m = Mention("person", s, e, doc.text[s:e], fold_name(doc.text[s:e]), value=None, rule="alias",
                            meta={"role": "alias", "nstart": s_n, "nend": e_n, "lstart": s_n, "title": "",
                                  "title_ar": "", "affiliation": None, "possessive": False})
                new.append(m)
                nxt = j + k
            # "منها X و Y": a second name after و continues the list
            if nxt < len(toks) and (toks[nxt].text == "و" or (toks[nxt].text[:1] == "و" and norm[toks[nxt].start + 1:toks[nxt].start + 2] in '"«“')) \
                    and norm[toks[nxt - 1].end:toks[nxt].start].strip(' "«»“”') == "":
                j = nxt + 1 if toks[nxt].text == "و" else nxt
                if toks[nxt].text != "و":
                    break
                continue
            break
        i = j + 1 if j > i else i + 1
    if new:
        persons.extend(new)
        persons.sort(key=lambda p: p.meta["nstart"])


def _alias_form(q: Mention) -> str:
    """An alias as written, with its title where it has one ("الشيخ حمد" is a name people use)."""
    return f"{q.meta['title_ar']} {q.surface}" if q.meta.get("title_ar") else q.surface


def _attach_aliases(doc: Document, persons: list[Mention], c: Cues) -> None:
    """Within a sentence, 'X المعروف بـ Y', 'X الملقب Y', 'واسمه الحقيقي Y', 'أسماء منها Y و Z':
    the later names become aliases of the earlier one."""
    for p in persons:
        p.meta.setdefault("aliases", [])
        p.meta.setdefault("alias_of", None)
        p.meta["aliases"] = []
        p.meta["alias_of"] = None
    cue_words = c.alias | c.weak_alias
    # "اتخذ عدداً من الأسماء منها X و Y": a list of names after such words belongs to the person
    # named last before it, even a sentence earlier
    for idx, q in enumerate(persons):
        if q.meta.get("role") != "alias" or q.meta["alias_of"] is not None:
            continue
        lead_in = doc.norm[max(0, q.meta["nstart"] - 60):q.meta["nstart"]]
        if not any(w in lead_in for w in ("الاسماء", "اسماء", "كني", "القاب", "الكني", "الالقاب")):
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
            persons[owner].meta["aliases"].append(_alias_form(q))
            for r in persons[idx + 1:]:  # the rest of the list ("و"سيف بغداد"")
                if r.meta.get("role") == "alias" and r.meta["alias_of"] is None \
                        and r.meta["lstart"] - q.meta["nend"] <= 12:
                    r.meta["alias_of"] = owner
                    persons[owner].meta["aliases"].append(_alias_form(r))
    for idx, p in enumerate(persons):
        if p.meta["alias_of"] is not None:
            continue
        for q in persons[idx + 1:]:
            gap = doc.norm[p.meta["nend"]:q.meta["lstart"]]
            if len(gap) > 90 or "\n" in gap or "." in gap:
                break
            if any(a in gap for a in cue_words) or q.meta.get("role") == "alias" and len(gap.strip(' "«»“”و،')) <= 2:
                if _alias_form(q) not in p.meta["aliases"]:
                    p.meta["aliases"].append(_alias_form(q))
                q.meta["alias_of"] = idx
            else:
                break


def _contains(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether a span lies within [s, e) (spans sorted by start): bisection to the first at s or after."""
    k = bisect.bisect_left(spans, (s, -1))
    return k < len(spans) and spans[k][0] < e and spans[k][1] <= e


class _SpanIndex:
    """Whether a position lies in one of a list of spans, by bisection over the spans sorted by start
    (each span checked against the running maximum of the ends before it)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach: list[int] = []
        m = -1
        for _, b in self.spans:
            m = max(m, b)
            self.reach.append(m)

    def covers(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and self.reach[k] > pos

    def within(self, s: int, e: int) -> bool:
        """Whether [s, e) lies inside one of the spans."""
        k = bisect.bisect_right(self.starts, s) - 1
        return k >= 0 and self.reach[k] >= e


@lru_cache(maxsize=1)
def _skip_words() -> frozenset[str]:
    """The words a look back for a name's role passes over: titles, context and modifier words, kunyas."""
    c = cues()
    return frozenset(set(c.title) | c.context | c.modifier | KUNYA | _LINKS | {"و"})


def _clause_roles(doc: Document, toks: list[Token], persons: list[Mention], actors: list[Mention]) -> None:
    """Each person's ``clause_role`` (the cue of person_roles.tsv that governs the name in its own
    clause) and, for a possessive title ("زعيمه"), the affiliation: the actor the sentence is about."""
    if not persons:
        return
    norm = doc.norm
    rc = role_cues()
    c = cues()
    spans = [(p.meta["nstart"], p.meta["nend"]) for p in persons]
    aspans = [(a.meta["nstart"], a.meta["nend"]) for a in actors if "nstart" in a.meta]
    starts = {t.start: k for k, t in enumerate(toks)}
    skip_words = _skip_words()

    # sorted spans and sentence ends, looked up by bisection: linear in the text however many names
    span_index = {id(spans): _SpanIndex(spans), id(aspans): _SpanIndex(aspans)}
    ends = [m.end() for m in _SENTENCE_END.finditer(norm)]
    sorted_actors = sorted((a for a in actors if "nstart" in a.meta), key=lambda a: a.meta["nstart"])
    actor_starts = [a.meta["nstart"] for a in sorted_actors]
    starts_of_ends = [m.start() for m in _SENTENCE_END.finditer(norm)]
    tok_ends = [t.end for t in toks]

    def inside(pos: int, sp: list[tuple[int, int]]) -> bool:
        return span_index[id(sp)].covers(pos)

    for p in persons:
        p.meta["clause_role"] = None
        j = bisect.bisect_right(ends, p.meta["nstart"]) - 1
        sent_start = ends[j] if j >= 0 else 0
        k0 = starts.get(p.meta["lstart"])
        if k0 is None:  # a name behind a clitic ("ومحمد"): the token that holds its start
            k0 = bisect.bisect_right(tok_ends, p.meta["lstart"])
        # after the name: "X الذي قتل في غارة", "X خلفا له" (aliases and their cues skipped)
        after_role = None
        k = next((k for k in range(k0, len(toks)) if toks[k].start >= p.meta["nend"]), len(toks))
        hops = 0
        while k < len(toks) and hops < 8 and not _SENTENCE_END.search(norm[p.meta["nend"]:toks[k].start]):
            n = _phrase_at(toks, k, rc["after"], norm)
            if n:
                phrase = " ".join(x.text for x in toks[k:k + n])
                after_role = rc["after"].get(phrase) or rc["after"].get(phrase[1:])
                break
            if inside(toks[k].start, spans) or toks[k].text in c.alias or toks[k].text in c.weak_alias \
                    or toks[k].text in {"وقد", "قد", "وهو", "،", ",", "الذي", "التي"} or not _NAME_WORD.match(toks[k].text):
                k += 1
                hops += 1
                continue
            n = _phrase_at(toks, k, _alias_phrases(), norm)
            if n:
                k += n
                hops += 1
                continue
            break
        before_role = None
        others = 0
        # a role word inside the words before the name: "القتيل يدعى X", "الشهيد الملازم أول X"
        kn = next((k for k in range(k0, len(toks)) if toks[k].end > p.meta["nstart"]), k0)
        for k in range(kn - 1, k0 - 1, -1):
            r = rc["before"].get(toks[k].text) or (rc["before"].get(toks[k].text[1:]) if toks[k].text[:1] in _CLITIC else None)
            if r and r != "spokesperson":
                before_role = r
                break
        k = k0 - 1 if before_role is None else -1
        while k >= 0 and not _NAME_WORD.match(toks[k].text) and toks[k].text not in {":"}:
            k -= 1
        if k >= 0 and _NAME_WORD.match(toks[k].text):
            w = toks[k].text
            adjacent_ok = (inside(toks[k].start, spans) or inside(toks[k].start, aspans) or w in skip_words
                           or w[1:] in skip_words or any(" ".join(x.text for x in toks[k - n + 1:k + 1]) in rc["before"]
                                                         or " ".join(x.text for x in toks[k - n + 1:k + 1])[1:] in rc["before"]
                                                         for n in (1, 2, 3) if k - n + 1 >= 0))
            if not adjacent_ok and (w in c.owner or _unclitic(w) in c.owner) and p.meta["lstart"] == p.meta["nstart"]:
                k = -1  # "مساعدي أبو مريم", "منزل X": the name hangs on a noun, the verb is not about it
        steps = 0
        leader_seen = False
        while k >= 0 and toks[k].start >= sent_start and others <= 10 and steps < 40:
            steps += 1  # a bounded look back: a run of names or skipped words is no clause (linear time)
            found = None
            for n in (3, 2, 1):
                if k - n + 1 < 0:
                    continue
                phrase = " ".join(x.text for x in toks[k - n + 1:k + 1])
                r = rc["before"].get(phrase) or (rc["before"].get(phrase[1:]) if phrase[:1] in _CLITIC else None)
                if r:
                    found = (r, n)
                    break
            if found:
                r, n = found
                nxt_w = toks[k + 1].text if k + 1 < len(toks) else ""
                titled = k + 1 == k0 or nxt_w in c.title or nxt_w[1:] in c.title
                if r == "spokesperson" and (others > 4 or (others and not titled)):
                    break  # "قال ... إن": the speaker is the verb's subject, next to it or after its title
                if r == "leader" and not leader_seen:
                    # "اغتال مسلحون القيادي في حركة حماس X": the title says who X is; what happened to
                    # X is the verb further back in the clause, if there is one
                    leader_seen = True
                    k -= n
                    continue
                before_role = r
                break
            w = toks[k].text
            if not (inside(toks[k].start, spans) or inside(toks[k].start, aspans) or w in skip_words
                    or w[1:] in skip_words or not _NAME_WORD.match(w)):
                others += 1
            k -= 1
        if before_role is None and leader_seen:
            before_role = "leader"
        p.meta["clause_role"] = after_role or before_role
        j = bisect.bisect_left(starts_of_ends, p.meta["nend"])
        sent_end = starts_of_ends[j] if j < len(starts_of_ends) else len(norm)
        lo = bisect.bisect_left(actor_starts, sent_start)
        p.meta["sentence_actors"] = [a.value.name for a in sorted_actors[lo:bisect.bisect_left(actor_starts, sent_end)]]
        subj = sorted_actors[lo:max(lo, bisect.bisect_left(actor_starts, p.meta["lstart"]))]
        if not p.meta.get("affiliation") and subj and (
                p.meta.get("possessive") or (before_role == "leader" or after_role == "leader")):
            p.meta["affiliation"] = subj[0].value.name  # "أعلن داعش مقتل زعيمه X وتعيين Y": its own
        if not p.meta.get("affiliation"):
            p.meta["affiliation"] = _apposition(doc, toks, p, actors, c)
    # the same person named again in the document keeps the link the text stated once
    known: dict[str, str] = {}
    for p in persons:
        if p.meta.get("affiliation"):
            for key in [" ".join(_merge_key(p.surface)), *(" ".join(_merge_key(a)) for a in p.meta.get("aliases") or [])]:
                known.setdefault(key, p.meta["affiliation"])
    for p in persons:
        if not p.meta.get("affiliation"):
            owner = persons[p.meta["alias_of"]] if p.meta.get("alias_of") is not None else None
            p.meta["affiliation"] = known.get(" ".join(_merge_key(p.surface))) or (
                owner.meta.get("affiliation") if owner is not None else None)


def _first_at(toks: list[Token], pos: int) -> int:
    """Index of the first token starting at or after ``pos`` (tokens are in text order): bisection."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _apposition(doc: Document, toks: list[Token], p: Mention, actors: list[Mention], c: Cues) -> str | None:
    """"X، القيادي في حزب الله" / "X زعيم داعش": a title right after the name, then an actor."""
    norm = doc.norm
    k = _first_at(toks, p.meta["nend"])
    if k >= len(toks) or len(norm[p.meta["nend"]:toks[k].start].strip(' ،,"«»“”(')) > 0:
        return None
    n = _phrase_at(toks, k, c.title, norm)
    if not n:
        return None
    phrase = " ".join(x.text for x in toks[k:k + n])
    if c.title.get(phrase) in {None, "alias"}:  # "وقائد ...": another person, not an apposition
        return None
    role = c.office_role.get(phrase) or c.title.get(phrase)
    k += n
    for _ in range(4):  # "قائد الجناح العسكري لحماس": a few words of the office, then the actor
        if k >= len(toks) or _BREAK.search(norm[toks[k - 1].end:toks[k].start].replace('"', "")):
            return None
        pos = toks[k].start
        a = next((a for a in actors if a.meta.get("nstart") in {pos, pos + 1}), None)
        if a is not None:
            if p.meta.get("role") is None and role in {"leader", "spokesperson"}:
                p.meta["role"] = role
            return a.value.name
        if not _NAME_WORD.match(toks[k].text):
            return None
        k += 1
    return None


_ROLE_RANK = {"killed": 0, "injured": 1, "arrested": 2, "leader": 3, "spokesperson": 4, "other": 5}


def _merge_key(name_ar: str) -> list[str]:
    """The name's words for merging: folded, a clitic و/ب/ل before the first word dropped."""
    words = fold_name(name_ar).split()
    if words and words[0][:1] in "وبل" and (words[0][1:] in KUNYA or words[0][1:] in _given()):
        words[0] = "ابو" if words[0][1:] in KUNYA else words[0][1:]
    return words


def event_persons(mentions: list[tuple[Mention, bool]], role_default: str = "other",
                  target: dict | None = None) -> list[dict]:
    """The persons of one event from its person mentions (each with whether a death word stands
    next to it): role from the person's own clause (else from the title, else ``role_default``),
    affiliation from an explicit link in the text (else, for one killed, injured or arrested, the
    event's ``target`` where it is a non-state armed group named in the person's sentence: a state or
    foreign force as target is too often the side that acted), title in a field of its own. One person per name: the same name with or
    without title, clitic or case form, and a shorter form of a longer name, merge."""
    out: list[dict] = []
    keys: list[list[str]] = []
    for m, deadly in mentions:
        if m.meta.get("alias_of") is not None:
            continue
        role = m.meta.get("clause_role")
        if role is None:
            role = m.meta.get("role") or "other"
            if role in {"alias", "office"}:
                role = "other"
            if deadly and role in {"leader", "other"}:
                role = "killed"
            elif role == "other":
                role = role_default
        affiliation = m.meta.get("affiliation")
        if affiliation is None and role in {"killed", "injured", "arrested"} and target \
                and target.get("type") in {"rebel", "political_militia", "identity_militia"} \
                and target.get("name") in (m.meta.get("sentence_actors") or ()):
            affiliation = target["name"]  # the side acted on, named in the person's own sentence
        person: dict = {"name": _english(m.surface), "name_ar": m.surface,
                        "aliases": list(m.meta.get("aliases") or []), "role": role, "affiliation": affiliation}
        if m.meta.get("title"):
            person["title"] = m.meta["title"]
            person["title_ar"] = m.meta.get("title_ar") or ""
        key = _merge_key(m.surface)
        k = next((n for n, other in enumerate(keys) if key == other or (
            min(len(set(key)), len(set(other))) >= 2 and (set(key) <= set(other) or set(other) <= set(key)))
            or " ".join(key) in {" ".join(_merge_key(a)) for a in out[n]["aliases"]}), None)
        if k is None:
            out.append(person)
            keys.append(key)
            continue
        kept = out[k]
        if len(key) > len(keys[k]):  # the longer form names the person
            kept["name"], kept["name_ar"] = person["name"], person["name_ar"]
            keys[k] = key
        if _ROLE_RANK[person["role"]] < _ROLE_RANK[kept["role"]]:
            kept["role"] = person["role"]
        if kept["affiliation"] is None:
            kept["affiliation"] = person["affiliation"] or kept["affiliation"]
        for a in person["aliases"]:
            if a not in kept["aliases"] and a != kept["name_ar"]:
                kept["aliases"].append(a)
        if "title" in person and "title" not in kept:
            kept["title"], kept["title_ar"] = person["title"], person["title_ar"]
    return out


def _english(name_ar: str) -> str:
    from rasd.translit import transliterate

    return transliterate(name_ar)

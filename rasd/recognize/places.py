"""Places: gazetteer matching with clitics, cue words for precision, and disambiguation by the
provinces and countries named in the document, the nationality words it uses and the actors it
names (Lebanon's army makes "طرابلس" Tripoli of Lebanon, Libya's militias Tripoli of Libya)."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from functools import cache, lru_cache

from rasd.data import DataError, read_tsv, split_forms
from rasd.matcher import Lexicon
from rasd.normalize import normalize
from rasd.resources import ActorEntry, Resources
from rasd.types import Document, Mention, Place

CUE_KINDS = ("settlement", "near", "direction", "countryside", "admin")


def _cue_before(doc: Document, nstart: int, res: Resources) -> tuple[str | None, int]:
    """The cue word(s) right before a place (normalized offsets): (kind, start of the cue)."""
    window = doc.norm[max(0, nstart - 40):nstart]
    words = window.split()
    kind = None
    start = nstart
    skipped = 0  # characters between the last cue word's end and the place (besides one space)
    if window and not window[-1].isspace() and words:
        skipped = len(words[-1])
        words = words[:-1]  # the clitic prefix of the place itself (or a quotation mark) is not a cue
    if not words:
        return None, nstart
    # look at up to the last three words, longest first ("بالقرب من", "شمال شرقي", "مدينة")
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        phrase = " ".join(words[-n:])
        for reading in (phrase, phrase[1:] if phrase[:1] in "وفبل" else None, phrase[2:] if phrase[:2] in {"وب", "ول", "فب"} else None):
            if reading and reading in res.place_cues:
                kind = res.place_cues[reading]
                start = max(0, nstart - skipped - len(" ".join(words[-n:])) - 1)
                if kind == "settlement" and _origin_before(words[:-n], res):
                    kind = "origin"  # "ينحدر من بلدة داعل": the town a person comes from
                return kind, start
    return kind, start


def _taken_to_hospital(before: str) -> bool:
    """The words before a place (normalized) name a hospital the wounded were taken to: "إلى" then a
    hospital word, at most five words of its name between it and the place ("قصف مستشفى الشفاء في
    غزة" is the target, not a destination)."""
    if "الي" not in before and "لل" not in before:
        return False  # no "إلى" and no "لل": no destination (most places: no split, no lookup)
    hospital = _event_cue_words("hospital")
    words = before.split()[-6:]  # "إلى مشافٍ ميدانية في": a name or an adjective between
    for k, w in enumerate(words):
        to = w.startswith(("لل", "ولل")) and "ال" + w[w.index("لل") + 2:] in hospital  # "للمستشفى"
        if to or w in hospital and k > 0 and words[k - 1] in {"الي", "والي"}:
            return len(words) - k - 1 <= 5
    return False


def _origin_before(words: list[str], res: Resources) -> bool:
    """Whether the last one or two words are an origin cue ("ينحدر من" before "بلدة X")."""
    return any(len(words) >= n and res.place_cues.get(" ".join(words[-n:])) == "origin" for n in (2, 1))


_IN = frozenset({"في", "فى", "وفي", "وفى", "علي", "على", "الي", "الى"})


def find_places(doc: Document, res: Resources) -> list[Mention]:
    out: list[Mention] = []
    for h in res.place_lex.find(doc.norm):
        form = doc.norm[h.form_start:h.end]
        cue, cue_start = _cue_before(doc, h.start, res)
        if cue in {None, "settlement", "countryside", "admin"} and _taken_to_hospital(doc.norm[max(0, h.start - 60):h.start]):
            cue = "origin"  # "نقل إلى مستشفى صلاح غندور في بنت جبيل": where the wounded were taken
        with_al = form if form.startswith("ال") else "ال" + form
        bare = form[2:] if form.startswith("ال") else form
        if bare in res.place_cues or form in res.place_cues:
            continue  # "مدينة", "ريف": cue words are never places themselves
        heads = unlisted_words()["head"]
        if form in heads and not doc.norm[h.start:h.form_start].endswith("ال"):
            continue  # "وادي", "عين", "تل": the first word of a name ("وادي الربيع"); "التل" is a town
        prev = doc.norm[max(0, h.start - 8):h.start].split()[-1:]  # the word before the name
        if h.start == h.form_start and prev and (prev[0] in heads or prev[0][:1] in "وب" and prev[0][1:] in heads):
            continue  # "بلدة أبو حمام": the second word of a name the gazetteer lacks, not the village "حمام"
        cands: list[Place] = list(dict.fromkeys(h.payloads))
        # "في حمص", "بالقدس", "تل أبيب والقدس": a name told as where (a preposition or a clitic before it)
        clitic = doc.norm[h.start:h.form_start]
        told_in = bool(prev) and prev[0] in _IN or clitic[:1] == "ب" or clitic[:2] == "فب"
        locative = told_in or clitic[:1] == "و"
        stopword = False
        if (form in res.place_stopwords or with_al in res.place_stopwords
                or doc.norm[h.start:h.end] in res.place_stopwords) and cue not in {"settlement", "admin"} and not (
                cue == "direction" and all(p.kind == "country" for p in cands)):
            if clitic[:1] == "و" and _second_of_dual(doc, out, h.start):
                pass  # "بلدتي كفركلا والخيام": the dual names this one a town as well
            elif not (told_in and cue is None):
                continue  # "إسرائيل" is an actor's name too; "شمال إسرائيل" names the country
            else:
                stopword = True  # "في عدن": read where the document is about that country (disambiguate)
        # person kunyas look like places (أبو X): only with a cue or a known town
        if form.startswith("ابو ") and cue is None and all(p.population < 5000 for p in cands
                                                           if p.kind not in {"admin1", "admin2"}):
            continue
        s, e = doc.norm_to_text[h.start], doc.norm_to_text[h.end - 1] + 1
        # "حي الروضة السكني وسط مدينة مأرب", "بلدة X بمحافظة Y": named as what holds the place before it
        lead = (doc.norm[max(0, cue_start - 10):cue_start].split()[-1:] + doc.norm[cue_start:h.start].split()[:1]
                if cue else [])
        within = cue in {"settlement", "admin"} and (
            any(w in _event_cue_words("within") for w in lead) or doc.norm[cue_start:cue_start + 1] == "ب") or cue == "direction" and (
            doc.norm[cue_start:cue_start + 4] in {"وسط ", "داخل"})
        # "شمالي مدينة تعز", "قرب بلدة X": the place is named as locating what comes before it
        locates = cue in {"direction", "near"} or cue == "settlement" and res.place_cues.get(
            (doc.norm[max(0, cue_start - 12):cue_start].split() or [""])[-1]) in {"direction", "near"}
        after = doc.norm[h.end:h.end + 12].split()
        direction_after = after[0] if after and after[0] in {"الشرقي", "الغربي", "الشمالي", "الجنوبي",
                                                              "الاوسط", "الشماليه", "الشرقيه", "الغربيه",
                                                              "الجنوبيه"} else None
        # "شمال إسرائيل", "جنوب لبنان", "كردستان العراق": a region named by a direction or with its
        # country names the country
        head = form.split()[0] if " " in form else ""
        names_country = bool(head) and (res.place_cues.get(head) == "direction" and all(
            p.kind == "admin1" for p in cands) or _country_names().get(form.split()[-1]) in {p.iso for p in cands})
        out.append(Mention("place", s, e, doc.text[s:e], cands[0].id, value=cands, rule="gazetteer",
                           meta={"cue": cue, "cue_start": doc.norm_to_text[cue_start], "form": form,
                                 "direction_after": direction_after, "nstart": h.start, "nend": h.end,
                                 "names_country": names_country, "locative": locative,
                                 "stopword": stopword, "within": within, "locates": locates}))
    return out


def _second_of_dual(doc: Document, found: list[Mention], nstart: int) -> bool:
    """"بلدتي كفركلا والخيام": the name joined by و right after the first town of a dual is the
    second town, a common word or not."""
    if not found or nstart - found[-1].meta["nend"] > 1:
        return False
    first = found[-1].meta["nstart"]
    word = doc.norm[max(0, first - 12):first].split()[-1:]
    return bool(word) and word[0] in _dual_words()


@cache
def _event_cue_words(name: str) -> frozenset[str]:
    """One list of data/event_cues.tsv (normalized), for the place rules that read event cue words."""
    from rasd.events.base import cues

    return frozenset(cues(name))


@lru_cache(maxsize=1)
def _dual_words() -> frozenset[str]:
    """The duals before two towns (data/event_cues.tsv `dual_list`), bare or after و or ب."""
    return frozenset(w for d in _event_cue_words("dual_list") for w in (d, "و" + d, "ب" + d))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Normalized one-word names of the countries (countries.tsv) -> ISO code."""
    out: dict[str, str] = {}
    for _, r in read_tsv("countries.tsv", ("iso", "names_ar")):
        for form in r["names_ar"].split("|"):
            f = normalize(form.strip())
            if f and " " not in f:
                out[f] = r["iso"]
    return out


def _adjective_lex(res: Resources) -> Lexicon:
    lex = res.extra.get("country_adjectives")
    if not isinstance(lex, Lexicon):
        lex = Lexicon()
        for c in res.countries.values():
            for form in c.adjectives:
                lex.add(form, c.iso)
        res.extra["country_adjectives"] = lex
    return lex


# weights of the evidence other than places: an unambiguous place (1, a province or country 2)
# outweighs them, so they decide only where the places leave the country open
ACTOR_HOME = 1.5  # a local actor named by its own name: its country
ACTOR_THEATRE = (0.75, 0.5)  # a foreign force: the country it mostly fights in, then the others
ADJECTIVE = 0.5  # "غارة إسرائيلية", "الحدود الأردنية" (at most twice per country)


def country_evidence(doc: Document, res: Resources, actors: list[Mention]) -> tuple[Counter[str], set[str]]:
    """Votes for the countries a document is about from what is not a place: the actors it names by
    their own names (a local actor votes for its country, a foreign force for the countries it
    fights in) and nationality adjectives outside those names. Returns the votes and the countries
    of the local actors named (their places are not foreign to the document)."""
    votes: Counter[str] = Counter()
    home: set[str] = set()
    seen: set[str] = set()
    spans = []
    for m in actors:
        a: ActorEntry = m.value
        spans.append((m.meta.get("nstart", -1), m.meta.get("nend", -1)))
        if m.rule != "form" or a.id in seen:
            continue
        seen.add(a.id)
        if a.theatres:
            for i, iso in enumerate(a.theatres):
                votes[iso] += ACTOR_THEATRE[min(i, len(ACTOR_THEATRE) - 1)]
        elif a.country and a.type not in {"external", "civilians"}:
            votes[a.country] += ACTOR_HOME
            home.add(a.country)
    adj: Counter[str] = Counter()
    for h in _adjective_lex(res).find(doc.norm):
        if any(a <= h.start < b for a, b in spans):
            continue  # "الجيش اللبناني" is counted as the actor
        for iso in dict.fromkeys(h.payloads):
            adj[iso] += 1
    for iso, n in adj.items():
        votes[iso] += ADJECTIVE * min(n, 2)
    return votes, home


@lru_cache(maxsize=1)
def theatres() -> dict[str, frozenset[str]]:
    """data/theatres.tsv: country -> the countries whose places its news names as its own theatre."""
    out: dict[str, set[str]] = {}
    for lineno, r in read_tsv("theatres.tsv", ("country", "also")):
        if len(r["country"]) != 2 or len(r["also"]) != 2:
            raise DataError(f"theatres.tsv:{lineno}: ISO 3166-1 alpha-2 codes expected")
        out.setdefault(r["country"], set()).add(r["also"])
    return {k: frozenset(v) for k, v in out.items()}


def disambiguate(mentions: list[Mention], doc_country: str | None, evidence: Counter[str] | None = None,
                 home: set[str] | None = None) -> list[Mention]:
    """Choose one candidate per mention (``value`` becomes a Place) using the provinces and
    countries that unambiguous mentions of the same document name, the other evidence of the
    document's countries (``country_evidence``), then population. Returns the mentions kept: a place
    abroad (in a country the document does not name, nor one of its local actors) is a homonym; a
    name of three letters or fewer needs a cue unless it is a province or a town of 20,000 or more in
    the document's country."""
    a1_votes: Counter[str] = Counter()
    iso_votes: Counter[str] = Counter()
    if evidence:
        for iso, v in evidence.items():
            iso_votes[iso] += v
    for m in mentions:
        cands: list[Place] = m.value
        codes = {p.admin1_code for p in cands if p.admin1_code}
        isos = {p.iso for p in cands if p.iso}
        if len(codes) == 1:
            a1_votes[next(iter(codes))] += 1
        if len(isos) == 1:
            iso_votes[next(iter(isos))] += 1
    if doc_country:
        iso_votes[doc_country] += 2
    for m in mentions:
        cands = m.value
        cue = m.meta.get("cue")

        def score(p: Place, cue: str | None = cue) -> float:
            s = 0.0
            s += 3.0 * min(a1_votes.get(p.admin1_code or "", 0), 3) / 3 if p.admin1_code else 0
            s += 2.0 * min(iso_votes.get(p.iso or "", 0), 4) / 4
            s += math.log10(p.population + 10) / 4
            if p.kind == "admin1":
                s += 1.5 if cue in {"admin", "countryside"} else (-1.0 if cue == "settlement" else 0.2)
            if p.kind == "admin2":
                s += 1.0 if cue == "admin" else -0.5
            if p.kind == "country":
                s += 0.5
            return s

        best = max(cands, key=lambda p: (score(p), p.id))
        if cue is None and best.kind not in {"admin1", "country"}:
            # "درعا", "حمص": a bare name of a province and its capital reads as the province, so that
            # it agrees with the towns of that province named elsewhere
            same = [p for p in cands if p.kind == "admin1" and p.admin1_code == best.admin1_code]
            if same:
                best = same[0]
        m.value = best
        m.entry_id = best.id
    # countries the document is about: named as countries, its main country, or with places of
    # two different names in them
    named = {doc_country} if doc_country else set()
    for m in mentions:
        p = m.value
        if p.kind == "country":
            named.add(p.iso)
    named |= {m.value.iso for m in mentions if m.value.kind == "admin1" and m.meta.get("cue") in {"admin", "countryside"}}
    named |= home or set()
    named |= theatres().get(doc_country or "", frozenset())  # "والجهاد يرد بقصف تل أبيب" on a page from Gaza
    named |= {m.value.iso for m in mentions if m.meta.get("names_country")}
    kept = []
    held = []
    for m in mentions:
        p = m.value
        foreign = p.iso not in named and p.kind != "country"
        short = len(m.meta["form"].replace(" ", "")) <= 3
        if foreign:
            continue  # a place in a country the document does not name is a homonym, not the place
        big = p.kind == "admin1" or p.population >= 100000
        if m.meta.get("stopword"):
            if p.iso == doc_country and big:
                kept.append(m)  # "في عدن" in a Yemeni story: the city, not Eden
            continue
        if short and m.meta.get("cue") is None:
            if p.iso == doc_country and m.meta.get("locative") and big:
                kept.append(m)  # "في حمص", "وعدن", "والقدس": a province or a city told as where
            elif p.iso == doc_country and (p.kind == "admin1" or p.population >= 20000):
                held.append(m)
            continue
        kept.append(m)
    # "في رفح", "في تعز": a short bare name of a province or a large town of the document's country is
    # read where the document gives no other place there, and its country rests on more than the name
    # itself (an actor, a nationality word, another name)
    if not held or any(m.value.iso == doc_country and m.value.kind != "country" for m in kept):
        return kept
    held_ids = {id(m) for m in held}
    supported = (evidence or Counter()).get(doc_country or "", 0) > 0 or any(
        m.value.iso == doc_country for m in mentions if id(m) not in held_ids)
    return sorted(kept + held, key=lambda m: m.start) if supported else kept


# --- places the gazetteer lacks ("قرية “قليدين” غربي حماة") -------------------------------------

_UNLISTED_KINDS = ("cue", "plural", "quoted_cue", "quoted_plural", "head", "tail", "part", "not_name", "joined_head")
_WORD = re.compile(r'[^\s"،,.:;!?()\[\]{}/|\\-]+')
_CLITICS = ("وب", "ول", "فب", "و", "ف", "ب", "ل")


@lru_cache(maxsize=1)
def unlisted_words() -> dict[str, frozenset[str]]:
    """The word lists of data/unlisted_places.tsv by kind."""
    kinds: dict[str, set[str]] = {k: set() for k in _UNLISTED_KINDS}
    for lineno, r in read_tsv("unlisted_places.tsv", ("form", "kind")):
        if r["kind"] not in kinds:
            raise DataError(f"unlisted_places.tsv:{lineno}: unknown kind {r['kind']!r}")
        kinds[r["kind"]].add(normalize(r["form"]))
    return {k: frozenset(v) for k, v in kinds.items()}


def _cue_kind(word: str, w: dict[str, frozenset[str]]) -> str | None:
    for form in (word, *(word[len(c):] for c in _CLITICS if word.startswith(c) and len(word) > len(c) + 1)):
        for kind in ("cue", "plural", "quoted_cue", "quoted_plural"):
            if form in w[kind]:
                return kind
    return None


@lru_cache(maxsize=1)
def _cue_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the cue words of data/unlisted_places.tsv, as whole words with their clitics and
    a space after them (what ``_cue_kind`` reads of a word), and each form's kind."""
    w = unlisted_words()
    kinds = {f: k for k in ("quoted_plural", "quoted_cue", "plural", "cue") for f in w[k]}  # the first kind wins
    forms = "|".join(re.escape(f) for f in sorted(kinds, key=len, reverse=True))
    clitics = "|".join(_CLITICS)
    return re.compile(rf'(?<![^\s"،,.:;!?()\[\]{{}}/|\\-])(?:{clitics})?({forms})(?= )'), kinds


def _bare_name_word(word: str, w: dict[str, frozenset[str]], stop: frozenset[str]) -> bool:
    core = word[2:] if word.startswith("ال") else word
    if word[:1] in "يتو" and word not in w["head"] or word.startswith(("بال", "لل", "كال", "فال")) or (
            word[:1] in "لب" and word.endswith(("نا", "هم", "هن", "كم"))):
        # "حي يقطنه نازحون", "قرى تقع شرق", "مزارع ومنشرة", "بلدات بالكهرباء", "ثكنة لقواتنا": a verb, a
        # conjunction, a preposition or a pronoun, no name
        return False
    return (len(core) >= 3 and not any(ch.isdigit() for ch in word) and word not in w["not_name"]
            and word not in stop and core not in stop and "ال" + core not in stop
            and _cue_kind(word, w) is None and word not in w["tail"])


def _read_name(norm: str, at: int, quoted_only: bool, w: dict[str, frozenset[str]],
               stop: frozenset[str]) -> tuple[int, int] | None:
    """The span (normalized offsets) of a place name starting at ``at``: a quoted name of up to four
    words, or one bare word (two after a ``head`` word, one more for a ``tail`` word)."""
    if at < len(norm) and norm[at] == '"':
        close = norm.find('"', at + 1, at + 42)
        inner = norm[at + 1:close] if close > 0 else ""
        words = inner.split()
        if not words or len(words) > 4 or any(ch.isdigit() for ch in inner) or "." in inner or "،" in inner:
            return None
        if all(x in stop or x in w["not_name"] for x in words):
            return None
        return at + 1, close
    if quoted_only:
        return None
    m = _WORD.match(norm, at)
    if not m or not (m.group() in w["head"] or _bare_name_word(m.group(), w, stop)):
        return None
    end = m.end()
    if m.group() in w["head"] or (m.group().startswith("ال") and m.group()[2:] in w["head"]):
        m2 = _WORD.match(norm, end + 1) if norm[end:end + 1] == " " else None
        if not m2 or not _bare_name_word(m2.group(), w, stop):
            return None
        end = m2.end()
    m3 = _WORD.match(norm, end + 1) if norm[end:end + 1] == " " else None
    if m3 and m3.group() in w["tail"]:
        end = m3.end()
    return at, end


def _quoted_list(norm: str, at: int, w: dict[str, frozenset[str]], stop: frozenset[str]) -> list[tuple[int, int]]:
    """The names of a quoted list after a plural cue ("قرى “فركيا ودير سنبل وكنصفرة، وأطراف حاس”"):
    items cut at "و" and commas, a ``part`` word ("أطراف", "حرش") before an item dropped; empty
    where an item is longer than three words or the list is no list of names."""
    close = norm.find('"', at + 1, at + 200)
    if close < 0:
        return []
    inner = norm[at + 1:close]
    if any(ch.isdigit() for ch in inner) or "." in inner:
        return []
    # cut at commas, then inside a stretch of more than two words (or in a list without commas: "فركيا
    # ودير سنبل وكنصفرة") at every word that starts with و; a stretch of two words keeps its و-word
    # ("وأدي واشمبو"); the و of the first word of a stretch is the conjunction
    groups: list[list[tuple[str, int, int]]] = [[]]
    for m in re.finditer(r"[^\s،,]+|[،,]", inner):
        tok, a, b = m.group(), at + 1 + m.start(), at + 1 + m.end()
        if tok in "،,":
            groups.append([])
        else:
            groups[-1].append((tok, a, b))
    commas = len(groups) > 1
    items: list[list[tuple[int, int]]] = []
    for g in groups:
        cut = not commas or len(g) > 2
        for k, (tok, a, b) in enumerate(g):
            conj = tok.startswith("و") and len(tok) > 3 and tok not in w["head"]
            if k == 0 and tok.startswith("و") and len(tok) > 2 and (commas or conj):
                tok, a = tok[1:], a + 1
                items.append([])
            elif k == 0:
                items.append([])
            elif cut and conj:
                tok, a = tok[1:], a + 1
                items.append([])
            if not items[-1] and tok in w["part"]:
                continue
            items[-1].append((a, b))
    items = [it for it in items if it]
    if len(items) < 2 or any(len(it) > 3 for it in items):
        return []
    out = []
    for it in items:
        words = [norm[a:b] for a, b in it]
        if all(x in stop or x in w["not_name"] for x in words):
            return []
        out.append((it[0][0], it[-1][1]))
    return out


def find_unlisted(doc: Document, res: Resources, known: list[Mention], taken: list[tuple[int, int]],
                  gazetteer: list[tuple[int, int, frozenset[str]]] = ()) -> list[Mention]:
    """Places the gazetteer lacks, named after a word for a kind of settlement or site ("قرية “قليدين”
    غربي حماة", "قرى فركيا ودير سنبل بريف إدلب", "بلدة بيت عانا بريف اللاذقية"), each located at the
    known place that follows the name (or the list) in its sentence, else the one right before it.
    ``known`` are the document's gazetteer places (disambiguated), ``taken`` the text spans of the
    other mentions (actors, persons, triggers, dates): a name may not overlap them."""
    w = unlisted_words()
    norm = doc.norm
    stop = res.place_stopwords
    known_n = sorted(((m.meta["nstart"], m.meta["nend"], m) for m in known if not m.meta.get("inside_actor")),
                     key=lambda x: x[0])
    starts = [s for s, _, _ in known_n]
    taken_sorted = sorted(taken)
    taken_starts = [a for a, _ in taken_sorted]
    out: list[Mention] = []

    def overlaps_text(s: int, e: int) -> bool:
        i = bisect.bisect_left(taken_starts, e)
        return any(a < e and s < b for a, b in taken_sorted[max(0, i - 8):i])

    def known_at(ns: int, ne: int) -> bool:
        i = bisect.bisect_left(starts, ne)
        return any(a < ne and ns < b for a, b, _ in known_n[max(0, i - 6):i])

    pattern, kinds = _cue_pattern()
    for cm in pattern.finditer(norm):  # a cue word (with its clitics) followed by a space
        kind = kinds[cm.group(1)]
        names: list[tuple[int, int]] = []
        at = cm.end() + 1
        if kind in {"plural", "quoted_plural"} and norm[at:at + 1] == '"':
            names = [sp for sp in _quoted_list(norm, at, w, stop) if not known_at(*sp)]
        listed = bool(names)
        while not listed:
            span = _read_name(norm, at, kind in {"quoted_cue", "quoted_plural"}, w, stop)
            if span is None or known_at(*span):
                break
            names.append(span)
            j = span[1] + (1 if norm[span[1]:span[1] + 1] == '"' else 0)
            rest = norm[j:j + 4]
            if rest.startswith((' و"', '، "', ' و "', '،"')):
                at = j + rest.index('"')
                continue
            if kind == "plural" and rest.startswith(" و") and not rest.startswith(' و"'):
                at = j + 2
                continue
            if kind == "plural" and rest.startswith("، "):
                at = j + 2
                continue
            break
        if not names:
            continue
        anchor = _anchor(norm, known_n, starts, names[0][0], names[-1][1], listed)
        if anchor is None:
            anchor = _country_after(doc, res, names[-1][1])  # "بلدة الهبارية اللبنانية"
        if anchor is None:
            continue
        for ns, ne in names:
            s, e = doc.norm_to_text[ns], doc.norm_to_text[ne - 1] + 1
            a: Place = anchor.value
            if overlaps_text(s, e) or _known_nearby(res, gazetteer, s, e, a.iso):
                continue
            form = norm[ns:ne]
            place = Place(id=f"u:{a.iso or ''}:{form}", name=_english(form), country=a.country, iso=a.iso,
                          admin1=a.name if a.kind == "admin1" else a.admin1, admin1_code=a.admin1_code,
                          admin2=a.admin2, lat=a.lat, lon=a.lon,
                          # "قرية X شرق الفاشر" lies beside the town that locates it, "ناحية X في سنجار" in it
                          kind="village_near" if anchor.meta.get("cue") in {"direction", "near"} else "village")
            out.append(Mention("place", s, e, doc.text[s:e], place.id, value=place, rule="unlisted",
                               meta={"cue": "settlement", "cue_start": doc.norm_to_text[cm.start()], "form": form,
                                     "direction_after": None, "nstart": ns, "nend": ne, "unlisted": True,
                                     "anchor": a.id}))
    # one name told several times is one place: the reading that gives a province gives it to all
    # ("بلدة الهبارية جنوب لبنان" ... "بلدة الهبارية اللبنانية")
    best: dict[str, Place] = {}
    for m in out:
        p = m.value
        if m.meta["form"] not in best or (p.admin1_code and not best[m.meta["form"]].admin1_code):
            best[m.meta["form"]] = p
    for m in out:
        p = best[m.meta["form"]]
        if p is not m.value and p.iso == m.value.iso:
            m.value = p
            m.entry_id = p.id
    return out


def _known_nearby(res: Resources, gazetteer: list[tuple[int, int, frozenset[str]]], s: int, e: int,
                  iso: str | None) -> bool:
    """Whether the gazetteer knows the name in a country of the locating place's region ("مستوطنة كريات
    شمونة" on a page from Lebanon is the Israeli town, not a Lebanese village; "دوكان" on a page from
    Sudan is no Iraqi town)."""
    region = res.countries[iso].region if iso in res.countries else None
    k = bisect.bisect_left(gazetteer, (e,))  # the names (sorted by start) that start before the end
    return any(a < e and s < b and any(i == iso or (region and i in res.countries and res.countries[i].region == region)
                                       for i in isos) for a, b, isos in gazetteer[max(0, k - 8):k])


def nationality_adjectives(res: Resources) -> dict[str, str]:
    """Normalized nationality adjectives (countries.tsv, nationalities.tsv), with and without ال ->
    ISO code; built once per resources."""
    table = res.extra.get("adjectives")
    if not isinstance(table, dict):
        table = {}
        extra = [(r["iso"], split_forms(r["adjectives_ar"]))
                 for _, r in read_tsv("nationalities.tsv", ("iso", "adjectives_ar"))]
        for iso, adjectives in [(i, c.adjectives) for i, c in res.countries.items()] + extra:
            for adj in adjectives:
                a = normalize(adj)
                base = a[2:] if a.startswith("ال") else a
                table[a] = table[base] = table["ال" + base] = iso
        res.extra["adjectives"] = table
    return table


def _country_after(doc: Document, res: Resources, ne: int) -> Mention | None:
    """The country a nationality adjective right after a name gives it ("بلدة الهبارية اللبنانية"), as
    a mention of the country."""
    m = _WORD.match(doc.norm, ne + 1) if doc.norm[ne:ne + 1] == " " else None
    if m is None:
        return None
    iso = nationality_adjectives(res).get(m.group())
    country = next((p for p in res.places if p.kind == "country" and p.iso == iso), None) if iso else None
    if country is None:
        return None
    s, e = doc.norm_to_text[m.start()], doc.norm_to_text[m.end() - 1] + 1
    return Mention("place", s, e, doc.text[s:e], country.id, value=country, rule="adjective",
                   meta={"cue": None, "nstart": m.start(), "nend": m.end()})


def _anchor(norm: str, known_n: list[tuple[int, int, Mention]], starts: list[int], ns: int,
            ne: int, listed: bool = False) -> Mention | None:
    """The known place that locates an unlisted name: the first one after it within the clause
    (60 characters, no full stop between), else the nearest one before it in the sentence, else (for a
    quoted list, ``listed``) a province or district named in the sentence before ("سيطرته على 3 مناطق
    بولاية النيل الأزرق. وقال الجيش إن قواته طهرت مناطق “أب دقلة، وأدي واشمبو”")."""
    i = bisect.bisect_left(starts, ne)
    for a, _, m in known_n[i:i + 4]:
        if a - ne > 60 or "." in norm[ne:a]:
            break
        gap = norm[ne:a].replace("،", " ").replace(",", " ").split()
        if gap and len(gap) <= 2 and gap[0][:1] == "و" and m.value.kind not in {"admin1", "admin2"}:
            continue  # "قرية معرتحرمة وبلدة حيش": the next town of a list is a sibling, not the locator
        if m.value.kind != "country":
            return m
    stops = 0
    for _a, b, m in reversed(known_n[max(0, i - 8):i]):
        if b > ns:
            continue
        stops = norm.count(".", b, ns)
        if ns - b > 400 or stops > 1:
            break
        if stops == 0 and ns - b <= 80 and m.value.kind != "country":
            return m
        if listed and stops == 1 and m.value.kind in {"admin1", "admin2"}:
            return m
    return None


def _english(form: str) -> str:
    from rasd.translit import transliterate

    return transliterate(form)

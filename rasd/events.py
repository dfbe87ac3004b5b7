"""Mentions -> EventRecords: typing, merging the sentences of one event, argument attachment
(date, place, actors, tolls, sources, persons), salience and notes.

The rules are deliberately explicit so that a reviewer can follow why a record says what it says;
every record keeps the mentions it was built from.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from rasd.data import read_tsv, split_forms
from rasd.recognize import dates as dates_mod
from rasd.recognize.actors import find_actors
from rasd.recognize.numbers import parse_count
from rasd.recognize.persons import find_persons, fold_name
from rasd.recognize.places import disambiguate, find_places
from rasd.recognize.tokens import Token, tokenize
from rasd.resources import SUB_TO_TYPE, ActorEntry, Resources, Trigger, resources
from rasd.translit import transliterate
from rasd.types import Count, DateWindow, Document, EventRecord, Mention, Place

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
DEMO = {"Protests", "Riots"}
ARMED_TYPES = {"state", "rebel", "political_militia", "identity_militia", "external", "unknown"}
AGENT_CUES = ("من قبل", "على يد", "علي يد", "على ايدي", "علي ايدي", "برصاص", "بنيران", "نفذها", "نفذه",
              "نفذتها", "شنته", "شنها", "شنتها", "قامت بها", "قام بها", "بقصف", "بواسطه", "بطائره", "تبنته",
              "تبناه", "تبنت", "شنه")
TARGET_CUES = ("على", "علي", "ضد", "استهدف", "استهدفت", "استهدفوا", "طالت", "بحق", "تستهدف", "يستهدف",
               "مواقع", "مواقع ل", "نقاط", "نقطه", "مقر", "مقرات", "تجمعات", "تجمع", "دوريه", "سياره", "عناصر",
               "عنصر", "عنصرين", "مقاتلي", "مقاتلين", "قياديين", "قيادي", "صفوف", "من", "اعتقال", "باعتقال",
               "اختطاف", "مع", "و")
PLACE_RANK = {"country": 0, "admin1": 1, "admin2": 2}


@lru_cache(maxsize=1)
def templates() -> dict[str, str]:
    return {r["sub_event_type"]: r["template"] for _, r in read_tsv("event_phrases.tsv", ("sub_event_type", "template"))}


@dataclass
class Frame:
    idx: int
    start: int  # text offsets
    end: int
    nstart: int  # normalized offsets
    nend: int
    triggers: list[tuple[Mention, Trigger]] = field(default_factory=list)
    modifiers: list[tuple[Mention, Trigger]] = field(default_factory=list)
    deaths: list[Mention] = field(default_factory=list)
    injuries: list[Mention] = field(default_factory=list)
    background: bool = False
    figurative: bool = False
    claim: bool = False
    shift: bool = False  # starts another incident ("وفي حادثة منفصلة", "وفي اليوم التالي")
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)
    persons: list[Mention] = field(default_factory=list)
    victims: list[tuple[str, int]] = field(default_factory=list)  # person-noun groups found
    nouns: list[Mention] = field(default_factory=list)  # the person-noun mentions behind ``victims``
    inherited: tuple[tuple[DateWindow, Mention] | None, tuple[Place, Mention | None, int] | None] | None = None


@dataclass
class Cand:
    frames: list[Frame]
    scores: Counter[str]
    sub: str = ""
    date: tuple[DateWindow, Mention] | None = None
    place: tuple[Place, Mention | None, int] | None = None
    background: bool = False

    @property
    def family(self) -> str:
        et = SUB_TO_TYPE[self.sub]
        if self.sub in {"Sexual violence", "Abduction/forced disappearance"}:
            return self.sub
        if et in VIOLENT:
            return "violent"
        if et in DEMO:
            return "demo"
        return self.sub


# --------------------------------------------------------------------------- recognition


def _text_span(doc: Document, ns: int, ne: int) -> tuple[int, int]:
    return doc.norm_to_text[ns], doc.norm_to_text[ne - 1] + 1


def _doc_country(places: list[Mention], res: Resources, doc: Document) -> str | None:
    votes: Counter[str] = Counter()
    for m in places:
        isos = {p.iso for p in m.value if p.iso}
        if len(isos) == 1:
            iso = next(iter(isos))
            kinds = {p.kind for p in m.value}
            votes[iso] += 2 if kinds & {"admin1", "country"} else 1
    return votes.most_common(1)[0][0] if votes else None


_BYLINE = re.compile(r"^[^\n]{0,60}\s[-–—/|]\s?[^\n]{0,40}$")
_BYLINE_WORDS = ("متابعات", "وكالات", "خاص", "مراسل", "مراسلنا", "مراسلة", "رويترز", "الاناضول", "ا ف ب", "فرانس برس")


def _bylines(doc: Document) -> list[tuple[int, int]]:
    """Spans of byline lines ("إسطنبول - متابعات", "الخرطوم – وكالات"): the reporter's place, not
    the event's."""
    from rasd.normalize import normalize

    out = []
    pos = 0
    for line in doc.text.split("\n"):
        if line.strip() and len(line.split()) <= 7 and _BYLINE.match(line.strip()) and any(
                w in normalize(line) for w in _BYLINE_WORDS):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def recognize(doc: Document, res: Resources) -> dict[str, list[Mention]]:
    places = find_places(doc, res)
    bylines = _bylines(doc)
    if bylines:
        places = [p for p in places if not any(a <= p.start < b for a, b in bylines)]
    country = _doc_country(places, res, doc)
    places = disambiguate(places, country)
    actors = find_actors(doc, res, country)
    # a place inside an actor's name ("قوات سوريا الديمقراطية", "شرطة ديالى") is a hint, not a location
    spans = [(a.start, a.end) for a in actors]
    for p in places:
        if any(a <= p.start and p.end <= b for a, b in spans):
            p.meta["inside_actor"] = True
    triggers: list[Mention] = []
    for h in res.trigger_lex.find(doc.norm):
        s, e = _text_span(doc, h.start, h.end)
        triggers.append(Mention("trigger", s, e, doc.text[s:e], h.payloads[0].form, value=list(h.payloads),
                                rule="triggers.tsv", meta={"nstart": h.start, "nend": h.end, "form_start": h.form_start}))
    triggers += _pair_triggers(doc, res)
    ctx_years = []
    dates: list[Mention] = []
    for ex in dates_mod.find(doc.norm):
        s, e = _text_span(doc, ex.start, ex.end)
        dates.append(Mention("date", s, e, doc.text[s:e], ex.kind, value=ex, rule="dates",
                             meta={"nstart": ex.start, "nend": ex.end}))
        if ex.year:
            ctx_years.append(ex.year)
    ctx_year = doc.published.year if doc.published else (max(ctx_years) if ctx_years else None)
    for m in dates:
        m.meta["window"] = dates_mod.resolve(m.value, doc.published, ctx_year)
        before = doc.norm[max(0, m.meta["nstart"] - 6):m.meta["nstart"]]
        m.meta["since"] = before.rstrip().endswith("منذ")
    sources = []
    for h in res.source_lex.find(doc.norm):
        s, e = _text_span(doc, h.start, h.end)
        name, kind = h.payloads[0]
        sources.append(Mention("source", s, e, doc.text[s:e], name, value=kind, rule="sources.tsv",
                               meta={"nstart": h.start, "nend": h.end}))
    nouns = []
    for h in res.person_noun_lex.find(doc.norm):
        s, e = _text_span(doc, h.start, h.end)
        g, n, sing = h.payloads[0]
        nouns.append(Mention("cue", s, e, doc.text[s:e], sing, value=(g, n), rule="person_nouns.tsv",
                             meta={"nstart": h.start, "nend": h.end, "form_start": h.form_start}))
    # "شرفان كوباني": a place name right after a given name is the person's nisba, not a place
    from rasd.recognize.persons import _common, _given

    given = _given() - _common()  # "على" folds to "علي": a preposition, not a given name
    places = [p for p in places if p.meta.get("cue") or not (
        (prev := doc.norm[max(0, p.meta["nstart"] - 20):p.meta["nstart"]].split()[-1:])
        and prev[0] in given)]
    # a kunya-shaped town ("قضاء أبي الخصيب") is a place where a cue or the gazetteer's own list says so
    solid = [(p.start, p.end) for p in places if p.meta.get("cue") or p.value.kind not in {"place"}
             or p.value.population > 0]
    persons = find_persons(doc, exclude=[(a.start, a.end) for a in actors] + solid)
    pspans = [(p.start, p.end) for p in persons]
    places = [p for p in places if p.meta.get("cue") or not any(a <= p.start and p.end <= b for a, b in pspans)]
    return {"places": places, "actors": actors, "triggers": triggers, "dates": dates, "sources": sources,
            "nouns": nouns, "persons": persons}


def _pair_triggers(doc: Document, res: Resources) -> list[Mention]:
    """Two-word triggers with words between them (data/trigger_pairs.tsv)."""
    out = []
    for h in res.pair_lex.find(doc.norm):
        for pair in h.payloads:
            toks = tokenize(doc.norm, h.end, min(len(doc.norm), h.end + 80))[:pair.max_gap + 2]
            words = [t.text for t in toks]
            for k in range(len(words)):
                if "\n" in doc.norm[h.end:toks[k].start] or any(p in doc.norm[h.end:toks[k].start] for p in ".؟!"):
                    break
                hit = None
                for n in (1, 2, 3):
                    phrase = " ".join(words[k:k + n])
                    for reading in (phrase, phrase[1:] if phrase[:1] in "وبل" else None):
                        if reading in pair.seconds:
                            hit = toks[k + n - 1]
                if hit is not None:
                    s, e = _text_span(doc, h.start, hit.end)
                    out.append(Mention("trigger", s, e, doc.text[s:e], pair.trigger.form, value=[pair.trigger],
                                       rule="trigger_pairs.tsv",
                                       meta={"nstart": h.start, "nend": hit.end, "form_start": h.form_start}))
                    break
                if k >= pair.max_gap:
                    break
    return out


# --------------------------------------------------------------------------- frames


def _frames(doc: Document, ms: dict[str, list[Mention]]) -> list[Frame]:
    frames = []
    starts = [s.start for s in doc.sentences]
    text_to_norm = _inverse_map(doc)
    for i, sp in enumerate(doc.sentences):
        frames.append(Frame(i, sp.start, sp.end, text_to_norm[sp.start], text_to_norm[sp.end]))

    def frame_of(m: Mention) -> Frame | None:
        k = bisect.bisect_right(starts, m.start) - 1
        if k < 0:
            return None
        f = frames[k]
        return f if m.start < f.end else None

    for m in ms["triggers"]:
        f = frame_of(m)
        if f is None:
            continue
        m.meta["consequence"] = _after_result(doc, f, m)
        for t in m.value:
            if t.role == "event":
                f.triggers.append((m, t))
            elif t.role == "modifier":
                f.modifiers.append((m, t))
            elif t.role == "death":
                f.deaths.append(m)
            elif t.role == "injury":
                f.injuries.append(m)
            elif t.role == "background" and m.start - f.start <= 12:
                f.background = True
            elif t.role == "figurative":
                f.figurative = True
            elif t.role == "shift" and m.start - f.start <= 12:
                f.shift = True
            elif t.role == "source" and t.form in {"زعم", "زعمت", "ادعي", "تبني", "تبنت", "تبنوا"}:
                f.claim = True
    for key, attr in (("actors", "actors"), ("places", "places"), ("dates", "dates"), ("sources", "sources"),
                      ("persons", "persons")):
        for m in ms[key]:
            f = frame_of(m)
            if f is not None:
                getattr(f, attr).append(m)
    for m in ms["nouns"]:
        f = frame_of(m)
        if f is not None:
            f.victims.append(m.value)
            f.nouns.append(m)
    out: list[Frame] = []
    for f in frames:
        out.extend(_split(doc, f, text_to_norm))
    return out


_CLAUSE = ("،", ",", " ومن بينها", " ومنها", " بينها", " فيما", " بينما", " كما")


def _split(doc: Document, f: Frame, text_to_norm: list[int] | _Inverse) -> list[Frame]:
    """A sentence that tells two events on days far apart ("... ليل أمس السبت، ومن بينها عملية
    تصفية ... في 18 نوفمبر") becomes two frames, cut at the clause boundary before the later date."""
    ds = [m for m in f.dates if m.meta.get("window") is not None and not m.meta.get("since")]
    if len(ds) < 2 or not f.triggers and not f.deaths:
        return [f]
    ds.sort(key=lambda m: m.start)
    first = ds[0].meta["window"]
    cut_at = None
    for m in ds[1:]:
        w = m.meta["window"]
        if w.start > first.end + timedelta(days=2) or w.end < first.start - timedelta(days=2):
            seg = doc.text[ds[0].end:m.start]
            pos = max((seg.rfind(c) for c in _CLAUSE), default=-1)
            if pos >= 0:
                cut_at = ds[0].end + pos
                break
    if cut_at is None:
        return [f]
    a = Frame(f.idx, f.start, cut_at, f.nstart, text_to_norm[cut_at])
    b = Frame(f.idx, cut_at, f.end, text_to_norm[cut_at], f.nend)
    b.background = f.background
    a.background = f.background
    for attr in ("triggers", "modifiers"):
        for pair in getattr(f, attr):
            (a if pair[0].start < cut_at else b).__getattribute__(attr).append(pair)
    for attr in ("deaths", "injuries", "actors", "places", "dates", "sources", "persons"):
        for m in getattr(f, attr):
            (a if m.start < cut_at else b).__getattribute__(attr).append(m)
    for m in f.nouns:
        part = a if m.start < cut_at else b
        part.victims.append(m.value)
        part.nouns.append(m)
    a.figurative = b.figurative = f.figurative
    a.claim = b.claim = f.claim
    if not b.places:
        b.places = [m for m in a.places]  # "... في منطقة الزر، ومن بينها عملية ... في 18 نوفمبر"
    rel = doc.text[cut_at:cut_at + 12].strip(" ،,")
    if not b.persons and a.persons and rel.startswith(("الذي", "التي", "الذين")):
        b.persons = [a.persons[-1]]  # "سلفه، الحاج عبد الله، الذي قتل في غارة ...": the clause's subject
    return [a, b]


_RESULT = ("ما اسفر عن", "ما ادى الى", "ما ادي الي", "اسفر عن", "ادى الى", "ادي الي", "مما ادى", "مما اسفر",
           "ما تسبب", "تسبب في", "تسبب ب", "اسفرت عن", "ادت الى", "ادت الي", "وتدمير", "خلفت")


def _after_result(doc: Document, f: Frame, m: Mention) -> bool:
    """Whether a trigger stands in a result clause ("ما أسفر عن ..."), after the act it results from."""
    seg = doc.norm[f.nstart:m.meta["nstart"]]
    cut = max((seg.rfind(r) for r in _RESULT), default=-1)
    return cut >= 0 and m.meta["nstart"] - (f.nstart + cut) < 80


class _Inverse:
    """Text offset -> normalized offset (a deleted character maps to the next kept one)."""

    def __init__(self, nmap: list[int]) -> None:
        self.nmap = nmap

    def __getitem__(self, i: int) -> int:
        return bisect.bisect_left(self.nmap, i)


def _inverse_map(doc: Document) -> list[int] | _Inverse:
    if len(doc.norm_to_text) == len(doc.text) + 1:
        return doc.norm_to_text
    return _Inverse(doc.norm_to_text)


# --------------------------------------------------------------------------- typing


def _armed(m: Mention) -> bool:
    return m.value.type in ARMED_TYPES


def _gate(doc: Document, frames: list[Frame]) -> bool:
    """False for documents that are not about real conflict events (sport, drama, economy)."""
    fig = sum(f.figurative for f in frames)
    conflict = sum(1 for f in frames for _, t in f.triggers if t.strength == "strong")
    armed = sum(1 for f in frames for a in f.actors if _armed(a) and a.value.type != "unknown")
    return not (fig >= 3 and fig >= conflict + armed)


def _sentence_scores(f: Frame) -> Counter[str]:
    sc: Counter[str] = Counter()
    has_context = (any(_armed(a) for a in f.actors) or bool(f.deaths) or bool(f.injuries)
                   or any(t.strength == "strong" for _, t in f.triggers))
    for m, t in f.triggers:
        if t.strength == "weak" and (not has_context or f.figurative):
            continue
        w = 2.0 if t.strength == "strong" else 1.0
        if m.rule == "trigger_pairs.tsv":
            w = 3.0  # a specific two-word pattern outweighs the single words inside it
        if m.meta.get("consequence") and t.sub_event_type != "Arrests":
            w *= 0.3  # "... ما أسفر عن تدمير عربات": a result, not the act (a sweep that results in arrests is arrests)
        sc[t.sub_event_type] += w
    if not sc and f.deaths and not f.figurative and (f.actors or f.victims):
        # "قتل ثلاثة مدنيين برصاص مجهولين": a toll with victims and no other trigger
        civil = any(g == "civilian" for g, _ in f.victims) or any(a.value.type == "civilians" for a in f.actors)
        sc["Attack" if civil else "Armed clash"] += 1.0
    if not sc:
        return sc
    if sc.get("Disrupted weapons use"):
        # "ضبط مخبأ فيه قنابل يدوية وحزام ناسف": the weapons are what was seized, not events
        for sub in [s for s in sc if SUB_TO_TYPE[s] == "Explosions/Remote violence"]:
            sc["Disrupted weapons use"] += sc.pop(sub) * 0.5
        return sc
    for _, t in f.modifiers:
        if SUB_TO_TYPE.get(t.sub_event_type) == "Explosions/Remote violence" and any(
                SUB_TO_TYPE[s] == "Explosions/Remote violence" or s in {"Attack", "Armed clash"} for s in sc):
            sc[t.sub_event_type] += 1.5 if t.strength == "strong" else 0.75
        elif t.sub_event_type in sc:
            sc[t.sub_event_type] += 0.5
    return sc


def _decide(sc: Counter[str], frames: list[Frame], res: Resources) -> str:
    subs = {s for s, v in sc.items() if v > 0}
    if "Suicide bomb" in subs and sc.get("Armed clash", 0) >= 2:
        return "Armed clash"  # a raid and the self-detonation that ended it are one battle
    best = max(sorted(sc), key=lambda s: sc[s])
    if best == "Armed clash" and sc.get("Arrests", 0) >= 2 and not any(f.deaths for f in frames):
        best = "Arrests"  # a raid that ends with people taken and no one killed is an arrest
    et = SUB_TO_TYPE[best]
    actors = [a.value for f in frames for a in f.actors]
    civil_victims = any(g == "civilian" for f in frames for g, _ in f.victims) or any(
        a.type == "civilians" for a in actors)
    armed = [a for a in actors if a.type in ARMED_TYPES and a.type != "unknown"]
    if best == "Armed clash" and civil_victims and len({a.id for a in armed}) <= 1:
        return "Attack"  # one armed side and civilian victims: violence against civilians
    if et == "Violence against civilians" and best == "Attack" and len({a.id for a in armed}) >= 2 and not civil_victims:
        return "Armed clash"
    if best in {"Government regains territory", "Non-state actor overtakes territory"}:
        first = next((a for a in actors if a.type in ARMED_TYPES), None)
        if first is not None:
            return "Government regains territory" if first.type in {"state"} else "Non-state actor overtakes territory"
    if et == "Protests":
        if sc.get("Excessive force against protesters", 0) or (any(f.deaths for f in frames) and any(
                a.type == "state" for a in actors)):
            return "Excessive force against protesters" if any(f.deaths for f in frames) else "Protest with intervention"
        if sc.get("Protest with intervention", 0):
            return "Protest with intervention"
    return best


# --------------------------------------------------------------------------- attributes


def _place_of(frames: list[Frame], primary: Frame, trig_start: int) -> tuple[Place, Mention, int] | None:
    cands: list[tuple[tuple, Mention]] = []
    for f in frames:
        for m in f.places:
            if m.meta.get("inside_actor") or m.meta.get("cue") == "origin":
                continue
            p: Place = m.value
            rank = PLACE_RANK.get(p.kind, 3)
            dist = abs(m.start - trig_start) if f is primary else 10_000 + abs(f.idx - primary.idx)
            cands.append(((rank, f is primary, -dist), m))
    if not cands:
        for f in frames:  # "شرطة ديالى": the actor's place is a fallback hint
            for m in f.places:
                if m.meta.get("cue") == "origin":
                    continue
                cands.append(((PLACE_RANK.get(m.value.kind, 3) - 1, f is primary, -abs(m.start - trig_start)), m))
    if not cands:
        return None
    cands.sort(key=lambda x: x[0], reverse=True)
    m = cands[0][1]
    p = m.value
    cue = m.meta.get("cue")
    if p.kind in {"admin1", "country"}:
        prec = 3
    elif p.kind == "admin2" or cue in {"near", "direction", "countryside"} or m.meta.get("direction_after"):
        prec = 2
    else:
        prec = 1
    return p, m, prec


def _date_of(frames: list[Frame], primary: Frame, trig_start: int,
             doc: Document | None = None) -> tuple[DateWindow, Mention] | None:
    """The event's date: the narrowest date of the trigger's sentence, closest to the trigger, else
    of the other sentences; the date of an announcement ("أعلن في 30 تشرين الثاني أن ...") only
    where nothing else dates the event."""
    best = None
    fallback = None
    for f in frames:
        for m in f.dates:
            w = m.meta.get("window")
            if w is None or m.meta.get("since"):
                continue
            width = (w.end - w.start).days
            key = (f is primary, -width if f is primary else -width * 2, -abs(m.start - trig_start))
            anchor = trig_start if f is primary else _frame_anchor(f)
            if doc is not None and anchor is not None and m.start < anchor and _report_date(doc, m, anchor):
                strong = any(t.strength == "strong" for _, t in f.triggers)
                if f is primary and strong and (fallback is None or key > fallback[0]):
                    fallback = (key, (w, m))
                continue
            if best is None or key > best[0]:
                best = (key, (w, m))
    best = best or fallback
    return best[1] if best else None


_REPORT_VERBS = frozenset({"قال", "قالت", "قالوا", "اعلن", "اعلنت", "اعلنوا", "اكد", "اكدت", "ذكر", "ذكرت", "افاد",
                           "افادت", "اوضح", "اوضحت", "صرح", "صرحت", "نشر", "نشرت", "بث", "بثت", "كشف", "كشفت",
                           "نعى", "نعي", "نعت", "نعوا"})


def _frame_anchor(f: Frame) -> int | None:
    starts = [m.start for m, _ in f.triggers] + [m.start for m in f.deaths]
    return min(starts) if starts else None


def _report_date(doc: Document, m: Mention, trig_start: int) -> bool:
    """"أعلن التنظيم في 30 تشرين الثاني أن زعيمه قتل", "قال للمونيتور في حزيران": the date is the
    announcement's or the interview's, not the event's."""
    inv = _inverse_map(doc)
    ns, ne, nt = m.meta["nstart"], m.meta["nend"], inv[trig_start]
    words = doc.norm[ne:nt].split()
    if any(w in {"ان", "بان", "انه", "انها", "بانه"} for w in words):
        return True
    before = doc.norm[max(0, ns - 60):ns].split()[-5:]
    return any(w in _REPORT_VERBS or (w[:1] in "وف" and w[1:] in _REPORT_VERBS) for w in before)


_KILL_VERBS = frozenset({"قتل", "قتلت", "يقتل", "تقتل", "قتلوا", "اغتال", "اغتالت", "اغتالوا", "اعدم", "اعدمت",
                         "اعدموا"})
_SKIP_AFTER_DEATH = {"الى", "الي", "ما", "يقارب", "عن", "ب", "من", "فيه", "فيها", "خلاله", "خلالها", "جراء",
                     "نتيجه", "على", "علي", "اثر", "حياه", "بحياه"}


def _victim_count(doc: Document, res: Resources, f: Frame, m: Mention) -> tuple[Count | None, str | None]:
    """The count a death/injury word reports, and the victims' group (civilian | fighter | any)."""
    ns, ne = m.meta["nstart"], m.meta["nend"]
    word = doc.norm[m.meta["form_start"]:ne]
    near = doc.norm[max(f.nstart, ns - 30):ns].split()[-4:]
    if any(w in {"دون", "بدون", "لم", "لا", "عدم", "دونما"} for w in near):
        return Count(0, 0, 0), None  # "دون أن يسفر عن قتلى": none killed
    for suffix, n in (("هما", 2), ("ه", 1), ("ها", 1)):
        if word.endswith(suffix) and word[:-len(suffix)] in {"مقتل", "اصابت", "اصابه", "مصرع", "استشهاد", "اغتيال"}:
            return Count(n, n, n), None
    last = word.split()[-1]
    own = (res.person_nouns.get(word) or res.person_nouns.get(last)
           or (res.person_nouns.get(last[2:]) if last.startswith("ال") else None))
    after = tokenize(doc.norm, ne, min(f.nend, ne + 90))
    before = tokenize(doc.norm, max(f.nstart, ns - 60), ns)
    # "خمسة قتلى", "سقوط 5 قتلى": a count right before a plural toll noun
    if own and own[1] == 0 and before:
        for k in (1, 2, 3):
            if len(before) >= k:
                c = parse_count(before, len(before) - k)
                if c and c[0] == k:
                    return c[1], own[0]
    i = 0
    while i < len(after) and i < 3 and after[i].text in _SKIP_AFTER_DEATH:
        i += 1
    c = parse_count(after, i)
    if c:
        n, cnt = c
        grp = _noun_group(after[i + n:i + n + 2], res)
        return _plus_coordinated(after, i + n + 1, res, cnt), grp
    if i < len(after):
        g = _noun_at(after, i, res)
        if g:
            grp, num = g
            if num == 0:  # "مدنيين اثنين", "إرهابيين اثنين": a plural noun and its number
                c2 = parse_count(after, i + 1)
                if c2:
                    return _plus_coordinated(after, i + 1 + c2[0], res, c2[1]), grp
            if num in (1, 2):
                return _plus_coordinated(after, i + 1, res, Count(num, num, num)), grp
    if own and own[1] in (1, 2) and word not in {"قتيل", "جريح"}:
        return Count(own[1], own[1], own[1]), own[0]
    if word in _KILL_VERBS:
        # "قتل قناص حوثي متمركز في التلال طفلة": the subject stands between the verb and its victim
        for k in range(i, min(i + 10, len(after))):
            g = _noun_at(after, k, res)
            if g and g[1] in (1, 2):
                return Count(g[1], g[1], g[1]), g[0]
            c = parse_count(after, k)
            if c and _noun_group(after[k + c[0]:k + c[0] + 2], res):
                return c[1], _noun_group(after[k + c[0]:k + c[0] + 2], res)
    # "ثلاثة مدنيين قتلوا", "٣ من منتسبيه قضوا": count and noun before the word
    for k in (2, 3, 4):
        if len(before) >= k:
            c = parse_count(before, len(before) - k)
            if c and c[0] + len(before) - k <= len(before):
                rest = before[len(before) - k + c[0]:]
                grp = _noun_group(rest, res)
                if grp or (rest and rest[0].text == "من"):
                    return c[1], grp
    if before:
        g = _noun_at(before, len(before) - 1, res)
        if g and g[1] in (1, 2):
            return Count(g[1], g[1], g[1]), g[0]
    return None, None


def _plus_coordinated(toks: list[Token], j: int, res: Resources, cnt: Count) -> Count:
    """"مقاتل من الوحدات ومدني": a second victim group joined by و within a few words adds to the count."""
    for k in range(j, min(j + 8, len(toks))):
        w = toks[k].text
        if not w.startswith("و") or len(w) < 3:
            continue
        rest = [Token(w[1:], toks[k].start + 1, toks[k].end)] + toks[k + 1:k + 3]
        c = parse_count(rest, 0)
        if c and (_noun_group(rest[c[0]:c[0] + 1], res) or rest[c[0]:c[0] + 1] and rest[c[0]].text == "من"):
            return Count(cnt.value + c[1].value, cnt.low + c[1].low, cnt.high + c[1].high, cnt.vague or c[1].vague)
        g = _noun_at(rest, 0, res)
        if g and g[1] in (1, 2):
            return Count(cnt.value + g[1], cnt.low + g[1], cnt.high + g[1], cnt.vague)
        break
    return cnt


def _noun_at(toks: list[Token], i: int, res: Resources) -> tuple[str, int] | None:
    if i >= len(toks):
        return None
    w = toks[i].text
    for reading in (w, w[2:] if w.startswith("ال") else None, w[1:] if w[:1] in "وب" else None):
        if reading and reading in res.person_nouns:
            return res.person_nouns[reading]
    return None


def _noun_group(toks: list[Token], res: Resources) -> str | None:
    for i in range(min(2, len(toks))):
        g = _noun_at(toks, i, res)
        if g:
            return g[0]
    return None


def _tolls(doc: Document, res: Resources, frames: list[Frame], kind: str) -> tuple[Count | None, bool, str | None]:
    """(count, mentioned at all, victims' group) over an event's sentences: the figure the report
    leads with (headline, lead), except that a later update ("ارتفعت حصيلة ... إلى") replaces it;
    a perpetrator's claim is not used; "دون قتلى" gives 0 where no figure is given."""
    figures: list[tuple[int, Count, str | None]] = []
    zeros = False
    mentioned = False
    update: Count | None = None
    for f in sorted(frames, key=lambda f: (f.idx, f.start)):
        words = f.deaths if kind == "death" else f.injuries
        per_sentence: list[Count] = []
        group = None
        for m in words:
            mentioned = True
            if f.claim:
                continue
            cnt, grp = _victim_count(doc, res, f, m)
            if cnt is None:
                continue
            if cnt.value == 0:
                zeros = True
                continue
            if per_sentence and doc.norm[m.meta["nstart"]:m.meta["nstart"] + 1] == "و":
                # "... عن مقتل جندي ومقتل أربعة من المهاجمين": a second group of dead adds up
                last = per_sentence.pop()
                cnt = Count(last.value + cnt.value, last.low + cnt.low, last.high + cnt.high, last.vague or cnt.vague)
            per_sentence.append(cnt)
            group = group or grp
        sent = doc.norm[f.nstart:f.nend]
        is_update = ("ارتفع" in sent or "ارتفاع" in sent) and ("حصيل" in sent or "عدد" in sent)
        if is_update and words:
            # "ارتفعت حصيلة ... إلى تسعة": the figure after إلى is the new toll
            toks = tokenize(doc.norm, f.nstart, f.nend)
            for k, t in enumerate(toks):
                if t.text in {"الى", "الي"}:
                    c = parse_count(toks, k + 1)
                    if c and c[1].value > 0:
                        update = c[1]
                        break
        if per_sentence:
            biggest = max(per_sentence, key=lambda c: c.value)
            if is_update and update is None:
                update = biggest
            figures.append((f.idx, biggest, group))
    if update is not None:
        return update, True, None
    if figures:
        # the whole toll is the largest figure (a named leader killed is part of it), unless two
        # sources give different figures: then the most conservative of theirs
        by_source: dict[str, int] = {}
        for f in frames:
            for idx, cnt, _ in figures:
                if f.idx == idx and f.sources and cnt.value >= 2:
                    by_source.setdefault(f.sources[0].entry_id, cnt.value)
        if len(set(by_source.values())) >= 2:
            lo = min(by_source.values())
            pick = next(x for x in figures if x[1].value == lo)
        else:
            # the figure the report leads with; a lone "مقتل القيادي" (one) is part of a larger toll
            pick = figures[0]
            if pick[1].value == 1:
                pick = max(figures, key=lambda x: (x[1].value, -x[0]))
        return pick[1], True, pick[2]
    if zeros:
        return Count(0, 0, 0), False, None
    return None, mentioned, None


def _actor_dict(a: ActorEntry, surface: str) -> dict:
    return {"name": a.name, "name_ar": surface, "type": a.type}


def _find_named(res: Resources, name: str) -> ActorEntry | None:
    if "by_name" not in res.extra:
        res.extra["by_name"] = {a.name: a for a in res.actors.values()}
    return res.extra["by_name"].get(name)  # type: ignore[attr-defined]


def _military_of(res: Resources, iso: str) -> ActorEntry | None:
    cache = res.extra.setdefault("mil", {})
    if iso not in cache:  # type: ignore[operator]
        cands = [a for a in res.actors.values() if a.country == iso and a.name.startswith("Military Forces of")]
        cands.sort(key=lambda a: (a.end is not None, a.id))
        cache[iso] = cands[0] if cands else None  # type: ignore[index]
    return cache[iso]  # type: ignore[index]


def _adjective_agent(doc: Document, res: Resources, trig: Mention) -> tuple[ActorEntry, str] | None:
    """"غارة تركية", "القصف الروسي": a nationality adjective right after a trigger noun."""
    after = tokenize(doc.norm, trig.meta["nend"], min(len(doc.norm), trig.meta["nend"] + 40))[:2]
    if "adjectives" not in res.extra:
        res.extra["adjectives"] = _adjective_table(res)
    adj = res.extra["adjectives"]
    for t in after:
        iso = adj.get(t.text)  # type: ignore[union-attr]
        if iso:
            a = _military_of(res, iso)
            if a:
                s, e = _text_span(doc, t.start, t.end)
                return a, doc.text[s:e]
    return None


def _adjective_table(res: Resources) -> dict[str, str]:
    from rasd.normalize import normalize

    out: dict[str, str] = {}
    extra = [(r["iso"], split_forms(r["adjectives_ar"])) for _, r in read_tsv("nationalities.tsv", ("iso", "adjectives_ar"))]
    for iso, adjectives in [(i, c.adjectives) for i, c in res.countries.items()] + extra:
        for adj in adjectives:
            a = normalize(adj)
            out[a] = iso
            base = a[2:] if a.startswith("ال") else a
            out[base] = iso
            out["ال" + base] = iso
    return out


def _roles(doc: Document, res: Resources, cand: Cand, primary: Frame, trig: Mention, sub: str,
           victims_group: str | None) -> tuple[dict | None, dict | None, list[dict]]:
    et = SUB_TO_TYPE[sub]
    agents: list[tuple[ActorEntry, str]] = []
    targets: list[tuple[ActorEntry, str]] = []
    others: list[tuple[ActorEntry, str]] = []
    tstart = trig.meta["nstart"]
    for m in sorted(primary.actors, key=lambda m: abs(m.meta["nstart"] - tstart)):
        a: ActorEntry = m.value
        before = doc.norm[max(primary.nstart, m.meta["nstart"] - 14):m.meta["nstart"]].strip()
        prefix = doc.norm[m.meta["nstart"]:m.meta["nstart"] + 2]
        gap_tokens = tokenize(doc.norm, min(tstart, m.meta["nstart"]), max(tstart, m.meta["nstart"]))
        if any(before.endswith(c) for c in AGENT_CUES) or m.meta["nstart"] > tstart and len(gap_tokens) <= 3 and not any(
                before.endswith(c) for c in TARGET_CUES) and not prefix.startswith(("ل", "ب")) or (
                m.meta["nstart"] > tstart and len(gap_tokens) <= 2 and prefix.startswith("ل")
                and et != "Strategic developments"):
            agents.append((a, m.surface))
        elif any(before.endswith(c) for c in TARGET_CUES) or a.type == "civilians":
            targets.append((a, m.surface))
        elif m.meta["nstart"] < tstart and len(gap_tokens) <= 4:
            agents.append((a, m.surface))
        else:
            others.append((a, m.surface))
    for f in cand.frames:
        if f is primary:
            continue
        for m in f.actors:
            others.append((m.value, m.surface))
    adj = _adjective_agent(doc, res, trig)
    if adj and not any(x[0].id == adj[0].id for x in agents):
        agents.insert(0, adj)
    # synthetic actors: protesters, rioters, civilians, unidentified perpetrators
    civilians = _find_named(res, "Civilians")
    if et == "Protests" and not any(a.type == "protesters" for a, _ in agents):
        pr = _find_named(res, "Protesters")
        if pr:
            agents = [x for x in agents if x[0].type != "protesters"]
            agents.insert(0, (pr, next((s for a, s in targets + others if a.type == "protesters"), "")))
            targets = [x for x in targets if x[0].type != "protesters"]
            targets += [x for x in agents[1:] if x[0].type in ARMED_TYPES]
            agents = agents[:1]
    if et == "Riots" and not any(a.type == "rioters" for a, _ in agents):
        ri = _find_named(res, "Rioters")
        if ri:
            targets = [x for x in agents if x[0].type in ARMED_TYPES] + targets
            agents = [(ri, "")]
    ordered_agents = _dedupe(agents)
    ordered_targets = [x for x in _dedupe(targets) if not any(x[0].id == a.id for a, _ in ordered_agents[:1])]
    if ordered_agents and ordered_agents[0][0].type == "civilians" and et != "Protests":
        ordered_targets.insert(0, ordered_agents.pop(0))
    rest = [x for x in _dedupe(others) if not any(x[0].id == y[0].id for y in ordered_agents + ordered_targets)]
    if not ordered_agents and rest and et in VIOLENT | {"Strategic developments"}:
        armed_rest = [x for x in rest if x[0].type in ARMED_TYPES]
        if armed_rest and sub not in {"Remote explosive/landmine/IED", "Grenade"}:
            ordered_agents.append(armed_rest[0])
            rest.remove(armed_rest[0])
    if not ordered_agents and et in VIOLENT and sub not in {"Armed clash"}:
        un = _find_named(res, "Unidentified Armed Group")
        if un:
            ordered_agents.append((un, ""))
    if (not ordered_targets and civilians and et in {"Violence against civilians", "Explosions/Remote violence"}
            and victims_group == "civilian"):
        ordered_targets.append((civilians, ""))
    if et == "Violence against civilians" and civilians and not any(a.type == "civilians" for a, _ in ordered_targets):
        ordered_targets.insert(0, (civilians, ""))
    if not ordered_targets and len(ordered_agents) > 1 and et in VIOLENT | {"Strategic developments"}:
        ordered_targets.append(ordered_agents.pop(1))
    if not ordered_targets and rest:
        pick = next((x for x in rest if x[0].id != (ordered_agents[0][0].id if ordered_agents else "")), None)
        if pick and et not in {"Protests"}:
            ordered_targets.append(pick)
            rest.remove(pick)
    a1 = _actor_dict(*ordered_agents[0]) if ordered_agents else None
    a2 = _actor_dict(*ordered_targets[0]) if ordered_targets else None
    used = {x[0].id for x in ordered_agents[:1] + ordered_targets[:1]}
    assoc = [_actor_dict(a, s) for a, s in _dedupe(ordered_agents[1:] + ordered_targets[1:] + rest) if a.id not in used]
    return a1, a2, assoc


def _dedupe(xs: list[tuple[ActorEntry, str]]) -> list[tuple[ActorEntry, str]]:
    seen: set[str] = set()
    out = []
    for a, s in xs:
        if a.id in seen:
            continue
        seen.add(a.id)
        out.append((a, s))
    return out


# --------------------------------------------------------------------------- merging


def _narrow(c: Cand) -> DateWindow | None:
    """The candidate's date if it is narrow enough to tell events apart (a month at most)."""
    if c.date is None:
        return None
    w = c.date[0]
    return w if (w.end - w.start).days <= 31 else None


def _compatible(e: Cand, c: Cand, pub: date | None) -> bool:
    if e.family != c.family:
        return False
    if _narrow(e) and _narrow(c):
        a, b = e.date[0], c.date[0]
        if a.start > b.end + timedelta(days=1) or b.start > a.end + timedelta(days=1):
            return False
    if e.place and c.place:
        p, q = e.place[0], c.place[0]
        if p.admin1_code and q.admin1_code and p.admin1_code != q.admin1_code:
            return False
        if p.iso and q.iso and p.iso != q.iso:
            return False
        if (PLACE_RANK.get(p.kind, 3) == 3 and PLACE_RANK.get(q.kind, 3) == 3 and p.id != q.id
                and _km(p, q) > 20):
            return False
    return not (e.background != c.background and not (_narrow(e) and _narrow(c)))


def _km(p: Place, q: Place) -> float:
    import math

    if p.lat is None or q.lat is None or p.lon is None or q.lon is None:
        return 0.0
    r = math.pi / 180
    h = (math.sin((q.lat - p.lat) * r / 2) ** 2
         + math.cos(p.lat * r) * math.cos(q.lat * r) * math.sin((q.lon - p.lon) * r / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


# --------------------------------------------------------------------------- main


def extract_events(doc: Document) -> list[EventRecord]:
    res = resources()
    ms = recognize(doc, res)
    frames = _frames(doc, ms)
    if not _gate(doc, frames):
        return []
    lead = {f.idx for f in frames[:3] if not f.background}
    cands = _merge(doc, res, frames, lead)
    records: list[EventRecord] = []
    for c in cands:
        c.sub = _decide(c.scores, c.frames, res)
    lead_start = None
    for c in cands:
        if any(f.idx in lead for f in c.frames):
            d = _date_of(c.frames, c.frames[0], c.frames[0].start, doc)
            if d:
                lead_start = d[0].start
                break
    for c in cands:
        rec = _record(doc, res, c, lead, frames, lead_start)
        if rec is not None:
            records.append(rec)
    return _dedupe_records(records)


def _latest_date(frames: list[Frame]) -> date | None:
    ends = [m.meta["window"].end for f in frames for m in f.dates
            if m.meta.get("window") is not None and not m.meta.get("since")]
    return max(ends) if ends else None


def _specified(c: Cand) -> bool:
    return _narrow(c) is not None or (c.place is not None and c.place[0].kind != "country")


def _same(e: Cand, c: Cand) -> bool:
    """Positive evidence that two compatible candidates tell one event: overlapping dates, the same
    place, or (for an under-specified sentence) adjacency."""
    if _narrow(e) and _narrow(c):
        return True  # _compatible already checked the windows overlap
    if e.place and c.place:
        p, q = e.place[0], c.place[0]
        return p.id == q.id or (p.admin1_code is not None and p.admin1_code == q.admin1_code
                                and (PLACE_RANK.get(p.kind, 3) < 3 or PLACE_RANK.get(q.kind, 3) < 3))
    return False


def _merge(doc: Document, res: Resources, frames: list[Frame], lead: set[int]) -> list[Cand]:
    """Sentences -> event candidates. A sentence joins an earlier candidate of the same family when
    its date and place agree with it and there is positive evidence they are one event; a sentence
    that names neither date nor place continues the event of the sentence right before it, or joins
    the event it shares actors with; if it is in the headline or lead it stands as the main event."""
    singles: list[Cand] = []
    for f in frames:
        sc = _sentence_scores(f)
        if not sc:
            continue
        c = Cand([f], sc)
        c.sub = _decide(sc, [f], res)
        trig = _main_trigger(f, c.sub)
        c.date = _date_of([f], f, trig.start if trig else f.start, doc)
        c.place = _place_of([f], f, trig.start if trig else f.start)
        c.background = f.background
        singles.append(c)
    cands: list[Cand] = []
    loose: list[Cand] = []
    for c in singles:
        if not _specified(c) and c.frames[0].idx in lead and not any(e.family == c.family for e in cands):
            cands.append(c)  # the headline told it: an anchor the lead's details join
            continue
        if not _specified(c):
            prev = cands[-1] if cands else None
            if prev is not None and prev.frames[-1].idx >= c.frames[0].idx - 1 and prev.family == c.family \
                    and not (c.background and not prev.background) and not c.frames[0].shift:
                _absorb(prev, c)
            else:
                loose.append(c)
            continue
        target = next((e for e in reversed(cands) if _compatible(e, c, doc.published) and _same(e, c)), None)
        if target is None:
            # the headline/lead told it without date or place: join the first specified event
            target = next((e for e in cands if not _specified(e) and e.family == c.family), None)
        if target is not None:
            _absorb(target, c)
        else:
            cands.append(c)
    for c in loose:
        ids = {a.entry_id for a in c.frames[0].actors}
        best = None
        for e in cands:
            if e.family != c.family:
                continue
            shared = len(ids & {a.entry_id for f in e.frames for a in f.actors})
            key = (shared, -abs(e.frames[0].idx - c.frames[0].idx))
            if shared and (best is None or key > best[0]):
                best = (key, e)
        strong = any(t.strength == "strong" for f in c.frames for _, t in f.triggers)
        if best is not None and (c.frames[0].idx in lead or not c.background) and not c.frames[0].shift:
            _absorb(best[1], c)
        elif c.frames[0].idx in lead:
            cands.append(c)
        elif strong and not c.background:
            # "وثقت تعرض ست نساء لعنف جنسي خلال الهجوم": another kind of event told right after one
            # that gives its time and place
            near = [e for e in cands if any(0 < c.frames[0].idx - f.idx <= 2 for f in e.frames)]
            if near:
                src = max(near, key=lambda e: max(f.idx for f in e.frames))
                c.date = c.date or src.date
                c.place = c.place or src.place
                c.frames[0].inherited = (src.date, src.place)
                cands.append(c)
    # a headline or lead that names no date tells the lead event: join the event that shares its
    # actors and agrees on the place
    for c in [c for c in cands if _narrow(c) is None and any(f.idx in lead for f in c.frames)]:
        ids = {a.entry_id for f in c.frames for a in f.actors}
        others = [e for e in cands if e is not c and _narrow(e) is not None and not e.background
                  and _place_agrees(c, e) and e.family == c.family]
        best = max(others, key=lambda e: (bool(ids & {a.entry_id for f in e.frames for a in f.actors}),
                                          len(e.frames), e.family == c.family, -e.frames[0].idx), default=None)
        if best is not None and (ids & {a.entry_id for f in best.frames for a in f.actors} or not ids):
            best.frames.extend(c.frames)
            best.scores.update({k: v * 0.5 for k, v in c.scores.items() if SUB_TO_TYPE[k] in
                                {SUB_TO_TYPE[s] for s in best.scores}})
            cands.remove(c)
    cands.sort(key=lambda c: min(f.idx for f in c.frames))
    for c in cands:
        c.frames.sort(key=lambda f: f.idx)
    return cands


def _place_agrees(a: Cand, b: Cand) -> bool:
    if not a.place or not b.place:
        return True
    p, q = a.place[0], b.place[0]
    return p.iso == q.iso and (not p.admin1_code or not q.admin1_code or p.admin1_code == q.admin1_code)


def _absorb(e: Cand, c: Cand) -> None:
    e.frames.extend(c.frames)
    e.scores.update(c.scores)
    e.date = e.date if _narrow(e) else (c.date if _narrow(c) else e.date or c.date)
    e.place = e.place or c.place
    e.background = e.background and c.background


def _main_trigger(f: Frame, sub: str) -> Mention | None:
    ts = [m for m, t in f.triggers if t.sub_event_type == sub] or [m for m, _ in f.triggers]
    return ts[0] if ts else (f.deaths[0] if f.deaths else None)


def _record(doc: Document, res: Resources, c: Cand, lead: set[int], frames: list[Frame],
            lead_start: date | None = None) -> EventRecord | None:
    sub = c.sub
    et = SUB_TO_TYPE[sub]
    # the primary sentence: the first that tells this kind of event with a strong word (the lead,
    # usually), else the one with most trigger weight
    strong_frames = [f for f in c.frames if any(t.sub_event_type == sub and t.strength == "strong"
                                                 for _, t in f.triggers)]
    primary = min(strong_frames, key=lambda f: (f.idx, f.start)) if strong_frames else max(
        c.frames, key=lambda f: (sum(2 if t.strength == "strong" else 1 for _, t in f.triggers
                                     if t.sub_event_type == sub), -f.idx))
    trig = _main_trigger(primary, sub) or primary.triggers[0][0]
    tstart = trig.start
    date_ = _date_of(c.frames, primary, tstart, doc)
    place = _place_of(c.frames, primary, tstart)
    inherited = c.frames[0].inherited
    if inherited:  # told right after another event that gives its time and place
        date_ = date_ or inherited[0]
        place = place or inherited[1]
    in_lead = any(f.idx in lead for f in c.frames)
    background = all(f.background for f in c.frames) and not in_lead
    pub = doc.published
    ref = pub or _latest_date(frames)
    if date_ and ref and not in_lead and date_[0].end < ref - timedelta(days=10):
        background = True
    if date_ and lead_start and not in_lead and date_[0].end < lead_start - timedelta(days=10):
        background = True
    strong = any(t.strength == "strong" for f in c.frames for _, t in f.triggers)
    if not strong and not in_lead and date_ is None:
        return None  # weak words in a descriptive sentence, no date: not an event report
    if place is None and not background and sub != "Change to group/activity":
        # the headline's or lead's place stands for a main event that names none (not for a group's
        # announcement, which happens nowhere in particular)
        for f in frames[:3]:
            pl = _place_of([f], f, f.start)
            if pl:
                place = pl
                break
    if date_ and (place is None or place[0].kind == "country"):
        place = _codated_place(frames, c, date_[0], place) or place
    window = date_[0] if date_ else None
    date_text = date_[1].surface if date_ else None
    if window is None and pub and not background:
        window = DateWindow(pub - timedelta(days=2), pub, 2)
        date_text = None
    deaths, death_mentioned, dgroup = _tolls(doc, res, c.frames, "death")
    injuries, _, _ = _tolls(doc, res, c.frames, "injury")
    violent = et in VIOLENT or sub in {"Excessive force against protesters", "Violent demonstration", "Mob violence"}
    if deaths is not None and (violent or et == "Protests"):
        fat, lo, hi = deaths.value, deaths.low, deaths.high
    elif violent and not death_mentioned or et == "Protests" and sub != "Peaceful protest" and not death_mentioned:
        fat, lo, hi = 0, None, None
    else:
        fat, lo, hi = None, None, None
    if fat is not None and deaths is not None and not deaths.vague:
        lo = hi = None
    a1, a2, assoc = _roles(doc, res, c, primary, trig, sub, dgroup)
    persons = _persons(c, sub, a1, a2)
    reported = []
    for f in c.frames:
        for m in f.sources:
            if m.entry_id not in reported and _attributed(doc, res, m):
                reported.append(m.entry_id)
    evidence = [{"text": doc.text[f.start:f.end], "start": f.start, "end": f.end} for f in c.frames]
    p, pm, prec = place if place else (None, None, None)
    rec = EventRecord(
        event_id="", doc_id=doc.id, salience="background" if background else "main", event_type=et,
        sub_event_type=sub, event_date=window.start.isoformat() if window else None,
        date_end=window.end.isoformat() if window else None, time_precision=window.precision if window else None,
        date_text=date_text, country=p.country if p else None, iso=p.iso if p else None,
        admin1=(p.admin1 if p and p.kind != "admin1" else (p.name if p else None)) if p and p.kind != "country" else None,
        admin1_code=p.admin1_code if p and p.kind != "country" else None, admin2=p.admin2 if p else None,
        location=p.name if p else None, location_ar=pm.surface if pm else None,
        latitude=p.lat if p else None, longitude=p.lon if p else None, geo_precision=prec,
        actor1=a1, actor2=a2, assoc_actors=assoc, persons=persons, fatalities=fat, fatalities_low=lo,
        fatalities_high=hi, injuries=injuries.value if injuries else (0 if violent and fat is not None else None),
        reported_by=reported, evidence=evidence, source=doc.source, url=doc.url,
        published=pub.isoformat() if pub else None, published_inferred=doc.published_inferred,
        mentions=[m for f in c.frames for m in (f.actors + f.places + f.dates)] + [trig])
    if p is not None and p.kind == "admin1" and pm is not None:
        rec.location = p.name
    rec.notes = _notes(rec)
    key = f"{doc.id}|{sub}|{c.frames[0].start}|{c.frames[0].end}"
    rec.event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return rec


def _codated_place(frames: list[Frame], c: Cand, w: DateWindow,
                   place: tuple[Place, Mention | None, int] | None) -> tuple[Place, Mention, int] | None:
    """An event placed only in a country takes the more precise place of another sentence that gives
    exactly the same date ("... قتل في غارة في شباط الماضي في شمال غرب سوريا" / "... في شباط الماضي في
    محافظة إدلب")."""
    own = {f.idx for f in c.frames}
    for f in frames:
        if f.idx in own or not any(m.meta.get("window") == w for m in f.dates):
            continue
        pl = _place_of([f], f, f.start)
        if pl and pl[0].kind != "country" and (place is None or pl[0].iso == place[0].iso):
            return pl
    return None


def _attributed(doc: Document, res: Resources, m: Mention) -> bool:
    """Whether a source is named as the teller ("بحسب المرصد", "قالت وكالة الأناضول", "وفق مصادر
    محلية", "... في بيان"), not merely mentioned."""
    if "attribution" not in res.extra:
        res.extra["attribution"] = frozenset(
            form for vals in res.trigger_lex._entries.values() for _, t in vals if t.role == "source"
            for form in [t.form])
    cues: frozenset[str] = res.extra["attribution"]  # type: ignore[assignment]
    before = doc.norm[max(0, m.meta["nstart"] - 45):m.meta["nstart"]]
    after = doc.norm[m.meta["nend"]:m.meta["nend"] + 20]
    words = before.split()[-4:]
    if any(w in cues or w[1:] in cues or w[2:] in cues for w in words):
        return True
    if any(" ".join(words[i:]) in cues for i in range(len(words))):
        return True
    return after.lstrip(" ،,").startswith(("في بيان", "ببيان", "بيان"))


def _persons(c: Cand, sub: str, a1: dict | None, a2: dict | None) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    role_default = {"Arrests": "arrested", "Abduction/forced disappearance": "other"}.get(sub, "other")
    for f in c.frames:
        for m in f.persons:
            deadly = any(-15 <= m.start - d.end <= 60 or -40 <= d.start - m.end <= 25 for d in f.deaths)
            if m.meta.get("alias_of") is not None:
                continue
            key = fold_name(m.surface)
            if key in seen:
                continue
            seen.add(key)
            role = m.meta.get("role") or "other"
            if role in {"alias", "office", None}:
                role = "other"
            if deadly and role in {"leader", "other"}:
                role = "killed"
            elif role == "other":
                role = role_default
            out.append({"name": transliterate(m.surface), "name_ar": m.surface,
                        "aliases": list(m.meta.get("aliases") or []), "role": role,
                        "affiliation": (a2 or a1 or {}).get("name") if role == "killed" else None})
    return out


def _notes(r: EventRecord) -> str:
    tpl = templates().get(r.sub_event_type, "{a1} and {a2}: an event was reported {place}.")
    a1 = r.actor1["name"] if r.actor1 else "Unidentified actors"
    a2 = r.actor2["name"] if r.actor2 else "unknown targets"
    where = []
    if r.location and r.location != r.admin1:
        where.append(r.location)
    if r.admin1:
        where.append(r.admin1)
    if r.country:
        where.append(r.country)
    place = ("in " + ", ".join(where)) if where else "at an unnamed place"
    body = tpl.format(a1=a1, a2=a2, place=place)
    when = f"On {r.event_date}" if r.event_date and r.time_precision == 1 else (
        f"Between {r.event_date} and {r.date_end}" if r.event_date else "On an unknown date")
    toll = ""
    if r.fatalities:
        toll = f" {r.fatalities} reported {'fatality' if r.fatalities == 1 else 'fatalities'}."
    return f"{when}, {body[0].lower() + body[1:] if body.startswith(('An ', 'Territory')) else body}{toll}"


def _dedupe_records(records: list[EventRecord]) -> list[EventRecord]:
    """One event per (type, day, place, actors) within a document."""
    out: list[EventRecord] = []
    for r in records:
        dup = next((o for o in out if o.sub_event_type == r.sub_event_type and o.event_date == r.event_date
                    and o.location == r.location and (o.actor1 or {}).get("name") == (r.actor1 or {}).get("name")
                    and o.salience == r.salience), None)
        if dup is not None:
            dup.evidence += r.evidence
            continue
        out.append(r)
    return out

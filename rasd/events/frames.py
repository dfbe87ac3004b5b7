"""Recognition (mentions of places, actors, triggers, dates, sources, persons) and sentence frames."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import timedelta
from itertools import accumulate

from rasd.events.base import PLACE_RANK, Frame, _armed, _Inverse, _inverse_map, _km, _text_span, cues
from rasd.normalize import normalize
from rasd.recognize import dates as dates_mod
from rasd.recognize.actors import find_actors
from rasd.recognize.persons import find_persons
from rasd.recognize.places import _dual_words, country_evidence, disambiguate, find_places, find_unlisted
from rasd.recognize.tokens import tokenize
from rasd.resources import SUB_TO_TYPE, Resources
from rasd.types import Document, Mention


def _doc_country(places: list[Mention], res: Resources, doc: Document) -> str | None:
    votes: Counter[str] = Counter()
    for m in places:
        if m.meta.get("stopword"):
            continue  # "في عدن", "في المنطقة الجنوبية": read only where the document's country is theirs
        isos = {p.iso for p in m.value if p.iso}
        if len(isos) == 1:
            iso = next(iter(isos))
            kinds = {p.kind for p in m.value}
            votes[iso] += 2 if kinds & {"admin1", "country"} else 1
    return votes.most_common(1)[0][0] if votes else None


def _likely_country(places: list[Mention]) -> str | None:
    """Where nothing says the country (every place name is shared by several countries and no actor
    or nationality word tells), the country of the most notable reading of the names told as places
    (after a cue or "في"): a province of that name, else the largest town ("في الرقة": Syria's Raqqa,
    not Kuwait's Riqqa)."""
    votes: Counter[str] = Counter()
    for m in places:
        if not (m.meta.get("cue") in {"settlement", "admin", "countryside"} or m.meta.get("locative")):
            continue
        best = max((p for p in m.value if p.iso), default=None,
                   key=lambda p: (p.kind == "admin1", p.population, p.iso or ""))
        if best is not None and best.iso:
            votes[best.iso] += 1
    return min(votes, key=lambda c: (-votes[c], c)) if votes else None


_BYLINE = re.compile(r"^[^\n]{0,60}\s[-–—/|]\s?[^\n]{0,40}$")
_BYLINE_WORDS = cues("byline")


def _bylines(doc: Document) -> list[tuple[int, int]]:
    """Spans of byline lines ("إسطنبول - متابعات", "الخرطوم – وكالات"): the reporter's place, not
    the event's."""
    out = []
    pos = 0
    for line in doc.text.split("\n"):
        if line.strip() and len(line.split()) <= 7 and _BYLINE.match(line.strip()) and any(
                w in normalize(line) for w in _BYLINE_WORDS):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _inline_datelines(doc: Document) -> list[tuple[int, int]]:
    """Spans of the datelines that open a paragraph ("وطنية - بنت جبيل - أغارت مسيرة ..."): the
    reporter's place, which tells the country but is not where the event happened."""
    out = []
    pos = 0
    for line in doc.text.split("\n"):
        if (m := _INLINE_DATELINE.match(line)) and len(line.split()) > 8:
            out.append((pos, pos + m.end()))
        pos += len(line) + 1
    return out


# a paragraph opened by the agency's and the reporter's place, each before a dash: "وطنية - صور - ",
# "دمشق - ", "عمان 13 أيار (بترا)- ", "رام الله 10-8-2024 وفا- "
_DL_WORDS = r"[^\W\d_]+(?: [^\W\d_]+){0,2}"
_DL_DATE = r"(?: \d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}| \d{1,2} [^\W\d_]+(?: \d{4})?)"
_INLINE_DATELINE = re.compile(rf"\s*{_DL_WORDS}(?:{_DL_DATE}(?: ?\([^()\n]{{1,20}}\)| [^\W\d_]+)?)? ?[-–—] ?"
                              rf"(?:{_DL_WORDS} ?[-–—] )?")


_FULL_DATE = frozenset({"ymd", "hijri"})
_RELATIVE_KINDS = frozenset({"rel_day", "weekday", "ago", "period", "ppart", "day_of"})


def _story_dates(doc: Document, dates: list[Mention], ctx_year: int | None) -> None:
    """On a page of several stories, a story that opens with a full date of its own (its dateline,
    "دمشق - السبت 11 أيار 2024") reads its "أمس" and "الجمعة" from that date, not the page's."""
    if len(doc.stories) < 2 or doc.published is None:
        return
    starts = [m.start for m in dates]
    for story in doc.stories:
        k = bisect.bisect_left(starts, story.start)
        anchor = None
        for m in dates[k:]:
            if m.start >= min(story.end, story.start + 300):
                break
            w = m.meta.get("window")
            full = m.value.kind in _FULL_DATE or (m.value.kind == "md" and m.value.year)
            if full and w is not None and w.start == w.end and \
                    doc.published - timedelta(days=366) <= w.start <= doc.published:
                anchor = w.start
                break
        if anchor is None or anchor == doc.published:
            continue
        for m in dates[k:]:
            if m.start >= story.end:
                break
            if m.value.kind in _RELATIVE_KINDS:
                m.meta["window"] = dates_mod.resolve(m.value, anchor, ctx_year)


def recognize(doc: Document, res: Resources) -> dict[str, list[Mention]]:
    places = find_places(doc, res)
    gazetteer = sorted((m.start, m.end, frozenset(p.iso for p in m.value if p.iso)) for m in places)
    bylines = _bylines(doc)
    if bylines:
        places = [p for p in places if not any(a <= p.start < b for a, b in bylines)]
    country = _doc_country(places, res, doc)
    actors = find_actors(doc, res, country)
    # where the places leave the country open ("طرابلس", "أريحا"), the actors and nationality words decide
    evidence, home = country_evidence(doc, res, actors)
    if country is None and evidence:
        isos = {p.iso for m in places for p in m.value if p.iso}
        pool = sorted(c for c in evidence if c in isos) or sorted(evidence)
        country = max(pool, key=lambda c: evidence[c])
        actors = find_actors(doc, res, country)
    if country is None:
        country = _likely_country(places)
        if country is not None:
            actors = find_actors(doc, res, country)
    places = disambiguate(places, country, evidence, home)
    datelines = _inline_datelines(doc)
    if datelines:
        told = [p for p in places if not any(a <= p.start < b for a, b in datelines)]
        if any(p.value.kind != "country" for p in told):
            places = told  # where the text names no other place, the reporter's is all it gives
    # a place inside an actor's name ("قوات سوريا الديمقراطية", "شرطة ديالى") is a hint, not a location
    spans = sorted((a.start, a.end) for a in actors)
    span_starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the furthest end of the spans up to each one
    for p in places:
        k = bisect.bisect_right(span_starts, p.start) - 1
        if k >= 0 and reach[k] >= p.end:
            p.meta["inside_actor"] = True
    triggers: list[Mention] = []
    # a word inside a place's name is no act ("ساحة الطيران", "حي الشهداء")
    inside = sorted((m.meta["nstart"], m.meta["nend"]) for m in places if " " in m.meta["form"])
    inside_starts = [a for a, _ in inside]
    for h in res.trigger_lex.find(doc.norm):
        k = bisect.bisect_right(inside_starts, h.start) - 1
        if k >= 0 and inside[k][0] <= h.start and h.end <= inside[k][1]:
            continue
        s, e = _text_span(doc, h.start, h.end)
        triggers.append(Mention("trigger", s, e, doc.text[s:e], h.payloads[0].form, value=list(h.payloads),
                                rule="triggers.tsv", meta={"nstart": h.start, "nend": h.end, "form_start": h.form_start}))
    # a span two patterns found, or a pattern and a lexicon phrase ("القصف الجوي"), is one trigger
    seen = {(m.start, m.end, t.sub_event_type, t.role) for m in triggers for t in m.value}
    for m in _pair_triggers(doc, res):
        keys = {(m.start, m.end, t.sub_event_type, t.role) for t in m.value}
        if not keys <= seen:
            seen |= keys
            triggers.append(m)
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
    _story_dates(doc, dates, ctx_year)
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
    persons = find_persons(doc, exclude=[(a.start, a.end) for a in actors] + solid, actors=actors, places=places)
    pspans = [(p.start, p.end) for p in persons]
    places = [p for p in places if p.meta.get("cue") or not any(a <= p.start and p.end <= b for a, b in pspans)]
    # villages and sites the gazetteer lacks, named after their cue ("قرية “قليدين” غربي حماة")
    taken = [(m.start, m.end) for m in actors + persons + triggers + dates]
    unlisted = find_unlisted(doc, res, places, taken, gazetteer)
    if unlisted:
        places = sorted(places + unlisted, key=lambda m: (m.start, m.end))
    return {"places": places, "actors": actors, "triggers": triggers, "dates": dates, "sources": sources,
            "nouns": nouns, "persons": persons}


_PAIR_STOP = re.compile("[\n.؟!]")


def _pair_triggers(doc: Document, res: Resources) -> list[Mention]:
    """Two-word triggers with words between them (data/trigger_pairs.tsv)."""
    out = []
    hits = res.pair_lex.find(doc.norm)
    if not hits:
        return out
    all_toks = tokenize(doc.norm, 0, len(doc.norm))  # once: a page of many first words costs its length
    tok_starts = [t.start for t in all_toks]
    stops = [m.start() for m in _PAIR_STOP.finditer(doc.norm)]  # a pair never spans a sentence end
    for h in hits:
        k0 = bisect.bisect_left(tok_starts, h.end)
        near = [t for t in all_toks[k0:k0 + 12] if t.end <= h.end + 80]
        j = bisect.bisect_left(stops, h.end)
        stop = stops[j] if j < len(stops) else len(doc.norm)
        for pair in h.payloads:
            toks = near[:pair.max_gap + 2]
            words = [t.text for t in toks]
            for k in range(len(words)):
                if toks[k].start > stop:
                    break
                hit = None
                w = words[k]
                if w not in pair.heads and not (w[:1] in "وبل" and w[1:] in pair.heads):
                    if k >= pair.max_gap:
                        break
                    continue  # no second phrase begins with this word
                for n in (1, 2, 3):
                    if k + n > len(words):
                        break
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


_ALLEGATIONS = frozenset({"زعم", "زعمت", "ادعي"})  # what a side alleges happened
_CLAIMS = _ALLEGATIONS | {"تبني", "تبنت", "تبنوا"}  # ... and its claims of responsibility


def _frames(doc: Document, ms: dict[str, list[Mention]]) -> list[Frame]:
    frames = []
    starts = [s.start for s in doc.sentences]
    text_to_norm = _inverse_map(doc)
    story_starts = [s.start for s in doc.stories]
    for i, sp in enumerate(doc.sentences):
        f = Frame(i, sp.start, sp.end, text_to_norm[sp.start], text_to_norm[sp.end])
        f.story = max(0, bisect.bisect_right(story_starts, sp.start) - 1)
        frames.append(f)

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
            elif t.role == "source" and t.form in _CLAIMS:
                f.claim = True
                if f.claim_at is None or m.start < f.claim_at:
                    f.claim_at, f.alleged = m.start, t.form in _ALLEGATIONS
    for f in frames:
        if any(SUB_TO_TYPE.get(t.sub_event_type) == "Protests" for _, t in f.triggers):
            # "في مسيرة كفر قدوم الأسبوعية": beside a march, "مسيرة" is no drone
            f.modifiers = [(m, t) for m, t in f.modifiers if m.entry_id not in _MARCH]
            # "أغلق محتجون الشارع وأضرموا النيران في وسط الطريق": fire set by the marchers is the
            # protest's, not an act of property destruction of its own
            if any(SUB_TO_TYPE.get(t.sub_event_type) == "Protests" and t.strength == "strong" for _, t in f.triggers):
                f.triggers = [(m, t) for m, t in f.triggers if t.sub_event_type != "Looting/property destruction"]
        mods = sorted((x.meta.get("nstart", -1), x.meta.get("nend", -1)) for x, _ in f.modifiers)
        for m, _ in f.triggers:
            m.meta["threat"] = _threatened(doc, f, m, mods)
            # "سيطرت على المدينة بعد قتال استمر أشهرا": what came before the act told
            m.meta["preceding"] = doc.norm[max(f.nstart, m.meta["nstart"] - 5):m.meta["nstart"]].endswith("بعد ")
        for m in f.deaths:
            m.meta["responsible"] = _held_responsible(doc, f, m.meta["nstart"])  # "كان مسؤولا عن قتل": no toll
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
        for part in _split(doc, f, text_to_norm):
            for sep in _split_separate(doc, part, text_to_norm):
                for piece in _split_roundup(doc, sep, text_to_norm):
                    out.extend(_split_list(doc, piece))
    for f in out:
        sent = " " + doc.norm[f.nstart:f.nend] + " "
        f.aggregate = _aggregate(f, sent)
        first = sent.split()[:1]
        w0 = first[0] if first else ""
        f.statement = w0 in _STATEMENT_VERBS or (w0[:1] in "وف" and w0[1:] in _STATEMENT_VERBS)
        f.two_sided = _TWO_SIDED_RX.search(sent) is not None
        f.habitual = _HABITUAL_RX.search(sent) is not None
        f.agreement_named = any(t.sub_event_type == "Agreement" for _, t in f.triggers)
        f.concluded = _AGREEMENT_VERBS_RX.search(sent) is not None
        # the first act of the sentence decides: what follows it continues the same clause
        f.relative = bool(f.triggers) and _in_relative_clause(doc, f, min(f.triggers, key=lambda x: x[0].start)[0])
        f.shift = f.shift or _place_heading(doc, f)
        _mark_speaker_places(doc, f)
    return out


_SAYING = frozenset(cues("report_verb"))
_THAT = re.compile(r" (?:ب?ان|بانه|انه|انها) ")


def _mark_speaker_places(doc: Document, f: Frame) -> None:
    """"وأفاد مدير الهلال الأحمر في طوباس بأن ...": a place inside the speaker's title, between the verb
    of saying that opens the sentence and its "أن", is where the speaker is, not the event."""
    if not f.places:
        return
    head = doc.norm[f.nstart:f.nstart + 12].split()[:1]
    w = head[0] if head else ""
    if not (w in _SAYING or w[:1] in "وف" and w[1:] in _SAYING):
        return
    that = _THAT.search(doc.norm, f.nstart, f.nend)
    if that is None:
        return
    for m in f.places:
        if m.meta["nend"] <= that.start():
            m.meta["speaker"] = True


_BULLETS = frozenset("-–—•*▪●")


def _at_line_start(text: str, pos: int) -> bool:
    """Only spaces stand between the start of ``pos``'s line and ``pos`` (read back over the spaces
    alone: the cost does not grow with the line)."""
    k = pos
    while k > 0 and text[k - 1] in " \t\u00a0":
        k -= 1
    return k == 0 or text[k - 1] == "\n"


def _place_heading(doc: Document, f: Frame) -> bool:
    """"وفي ديالى، أشار البيان إلى ...", "– في درعا، عثر ...": a sentence headed by its place and a
    comma is the next item of a round-up, another incident than the one told before it; so is a line
    opened by a bullet ("- اغتيل عنصر ...", "• قتل ...")."""
    if doc.text[f.start:f.start + 1] in _BULLETS and f.idx > 0 and _at_line_start(doc.text, f.start):
        return True
    if not f.places:
        return False
    m = min(f.places, key=lambda x: x.start)
    head = doc.norm[f.nstart:m.meta["nstart"]].strip(" -–—•*\t")
    return head in {"في", "وفي", "فى", "وفى"} and doc.norm[m.meta["nend"]:m.meta["nend"] + 2].lstrip()[:1] in {"،", ","}


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
    a, b = _cut(doc, f, cut_at, text_to_norm)
    rel = doc.text[cut_at:cut_at + 12].strip(" ،,")
    if not b.persons and a.persons and rel.startswith(("الذي", "التي", "الذين")):
        b.persons = [a.persons[-1]]  # "سلفه، الحاج عبد الله، الذي قتل في غارة ...": the clause's subject
    return [a, b]


def _cut(doc: Document, f: Frame, cut_at: int, text_to_norm: list[int] | _Inverse) -> tuple[Frame, Frame]:
    """Two frames of one sentence, cut at a text offset; the second shares the first's places (and,
    where it names none, its dates and actors: "غارة إسرائيلية على صريفا، وأخرى على النبطية")."""
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
    a.claim_at = b.claim_at = f.claim_at
    a.alleged = b.alleged = f.alleged
    a.story = b.story = f.story
    if not b.places:
        b.places = [m for m in a.places]  # "... في منطقة الزر، ومن بينها عملية ... في 18 نوفمبر"
    return a, b


_ROUNDUP_CLAUSE = cues("roundup_clause")
_CAUSE = ("جراء", "إثر", "اثر", "بسبب", "نتيجة")
_SEPARATE = frozenset(cues("separate"))


def _clause_cut(doc: Document, f: Frame, lo: int, hi: int) -> int | None:
    """The last clause boundary between text offsets ``lo`` and ``hi`` of a sentence: a round-up
    clause word (،، فيما، وفي) or an act or death word opening with و; None where there is none."""
    seg = doc.text[lo:hi]
    cuts = [seg.rfind(c) for c in _ROUNDUP_CLAUSE]
    cuts += [m.start - lo for m, _ in f.triggers if lo < m.start < hi and doc.text[m.start] == "و"]
    cuts += [m.start - lo for m in f.deaths if lo < m.start < hi and doc.text[m.start] == "و"]
    pos = max(cuts, default=-1)
    return None if pos < 0 else lo + pos


def _split_separate(doc: Document, f: Frame, text_to_norm: list[int] | _Inverse) -> list[Frame]:
    """"قتل جندي بهجوم لداعش في بادية دير الزور، وأصيب اثنان في هجوم منفصل قرب تدمر": an act told as
    separate from the one before it in the sentence is another event: the sentence is cut at the last
    clause boundary before it, where the first part tells an act or a toll of its own."""
    for m, _ in sorted(f.triggers, key=lambda x: x[0].start):
        after = doc.norm[m.meta["nend"]:m.meta["nend"] + 14].split()[:1]
        if not after or after[0] not in _SEPARATE or m.start - f.start <= 12:
            continue
        cut_at = _clause_cut(doc, f, f.start, m.start)
        if cut_at is None or cut_at == f.start:
            continue
        if not _acts(f, f.start, cut_at):
            continue
        a, b = _cut(doc, f, cut_at, text_to_norm)
        if not b.dates:
            b.dates = list(a.dates)
        b.shift = True
        return [a, *_split_separate(doc, b, text_to_norm)]
    return [f]


def _town(m: Mention) -> bool:
    return (PLACE_RANK.get(m.value.kind, 3) == 3 and not m.meta.get("inside_actor")
            and m.meta.get("cue") not in {"near", "direction", "origin"})


def _word_before(doc: Document, m: Mention) -> str:
    """The word right before a mention (normalized; empty at the text's start)."""
    words = doc.norm[max(0, m.meta["nstart"] - 16):m.meta["nstart"]].split()
    return words[-1] if words else ""


def _dual(doc: Document, f: Frame) -> list[Mention]:
    """"شهدت مدينتا تل أبيب والقدس": two towns (or bare names of a province and its capital) right
    after a dual and joined by و."""
    near = sorted((m for m in f.places if _town(m) or m.value.kind == "admin1" and m.meta.get("cue") is None
                   and not m.meta.get("inside_actor")), key=lambda m: m.start)
    for a, b in zip(near, near[1:], strict=False):
        gap = doc.norm[a.meta["nend"]:b.meta["nstart"]].strip()
        if _word_before(doc, a).strip('"«»“”') in _DUAL and gap in {"", "و"} and a.value.id != b.value.id:
            return [a, b]
    return []


def _split_roundup(doc: Document, f: Frame, text_to_norm: list[int] | _Inverse) -> list[Frame]:
    """A sentence that tells strikes on several towns ("... جراء غارة على بلدة صريفا، في وقت أعلن حزب
    الله تصديه لقوة تقدمت نحو النبطية", "غارة على X أدت إلى مقتل 3، وفي Y استشهد 5") becomes one
    frame per town: cut at the last clause boundary between two towns, where each side tells an act
    or a toll of its own. One event per place, day and actors, as ACLED codes round-ups. A district
    named as such ("في قضاء الطارمية ..., كما قتل مدني ... في قضاء الدبس") is such a place too."""
    towns = sorted((m for m in f.places if _town(m) or m.value.kind == "admin2" and m.meta.get("cue") in {None, "admin"}
                    and not m.meta.get("inside_actor")), key=lambda m: m.start)
    if len(towns) < 2 or not f.triggers and not f.deaths:
        return [f]
    for t1, t2 in zip(towns, towns[1:], strict=False):
        if t1.value.id == t2.value.id or _km(t1.value, t2.value) <= 3:
            continue
        cut_at = _clause_cut(doc, f, t1.end, t2.start)
        if cut_at is None:
            continue
        if doc.text[cut_at:cut_at + 12].lstrip(" ،,").startswith(_CAUSE):
            continue  # "أعلنت ... مقتل خمسة نازحين في الفاشر، جراء قصف على معسكر أبو شوك": the toll's cause
        if not _acts(f, f.start, cut_at) or not (_acts(f, cut_at, f.end, deaths=False) or (
                _acts(f, cut_at, f.end) and _locative(doc, t2))):
            continue
        a, b = _cut(doc, f, cut_at, text_to_norm)
        if not b.dates:
            b.dates = list(a.dates)
        if not b.actors:
            b.actors = [m for m in a.actors if _armed(m)]  # the sides, not the first town's victims
        if not b.sources:
            b.sources = list(a.sources)  # "وقال مراسل الوكالة إن ...": the teller tells the whole sentence
        b.continues = True
        if not b.modifiers and not any(t.strength == "strong" for _, t in b.triggers):
            b.modifiers = list(a.modifiers)  # "... بالبراميل المتفجرة على إحسم، وطال القصف قرى ...": the same weapons
        return [a, *_split_roundup(doc, b, text_to_norm)]
    return [f]


_LIST_GLUE = frozenset(cues("list_glue"))
_DUAL = _dual_words()


def _split_list(doc: Document, f: Frame) -> list[Frame]:
    """One act told at a list of towns ("طال القصف قرى فركيا ودير سنبل وكنصفرة", "شهدت مدينتا تل أبيب
    والقدس احتجاجات"): one frame per town, each with the sentence's act, as ACLED codes them. Not where
    the sentence gives a toll (it cannot be shared out), nor two towns told as the ends of a road or
    a front ("بين سرمدا ومعبر باب الهوى")."""
    if not f.triggers or f.deaths or f.injuries:
        return [f]
    towns = sorted((m for m in f.places if _town(m)), key=lambda m: m.start)
    group: list[Mention] = []
    for m in towns:
        if group:
            gap = doc.norm[group[-1].meta["nend"]:m.meta["nstart"]]
            words = [w.strip('"«»“”') for w in gap.replace("،", " ").replace(",", " ").split() if w.strip('"«»“”')]
            joined = all(w in _LIST_GLUE or (w[:1] == "و" and w[1:] in _LIST_GLUE) for w in words)
            far = all(g.value.id != m.value.id and _km(g.value, m.value) > 3 for g in group)
            if joined and far:
                group.append(m)
                continue
            if len(group) >= 3:
                break
        group = [m]
    one_cue = len(group) == 2 and all(m.meta.get("unlisted") for m in group) and len(
        {m.meta.get("cue_start") for m in group}) == 1  # "منطقتي "كرن كرن" و"دوكان"": two places of one list
    if len(group) < 3 and not one_cue and (dual := _dual(doc, f)):
        group = dual
    elif len(group) == 2 and not one_cue and _word_before(doc, group[0]) in {"بين", "وبين"}:
        return [f]  # "الطريق بين سرمدا ومعبر باب الهوى": one place, not two
    if len(group) < 2:
        return [f]
    out = []
    for m in group:
        g = Frame(f.idx, f.start, f.end, f.nstart, f.nend, triggers=list(f.triggers), modifiers=list(f.modifiers),
                  background=f.background, figurative=f.figurative, claim=f.claim, claim_at=f.claim_at, alleged=f.alleged,
                  shift=f.shift,
                  actors=list(f.actors), places=[m] + [x for x in f.places if x not in group], dates=list(f.dates),
                  sources=list(f.sources), persons=list(f.persons), victims=list(f.victims), nouns=list(f.nouns),
                  inherited=f.inherited, story=f.story, continues=f.continues)
        g.list_place = m.value.id
        out.append(g)
    return out


def _acts(f: Frame, start: int, end: int, deaths: bool = True) -> bool:
    """Whether a stretch of a sentence tells an act (an event word) or (``deaths``) a toll of its own."""
    return any(start <= m.start < end for m, _ in f.triggers) or deaths and any(
        start <= m.start < end for m in f.deaths)


def _locative(doc: Document, m: Mention) -> bool:
    """"... وفي برج الشمالي قتل 14", "قتل 5 ببلدة X": a town named as where something happened, not
    a place the wounded were taken through ("عبر معبر باب السلامة")."""
    lo = m.meta.get("cue_start", m.start) if m.meta.get("cue") else m.start
    before = doc.text[max(0, lo - 12):lo].split()
    word = doc.text[lo:m.end].split()[0] if doc.text[lo:m.end].split() else ""
    return bool(before) and before[-1] in {"في", "وفي", "فى", "وفى"} or word.startswith(("ب", "وب")) and lo != m.start


_RESULT = cues("result")
_RELATIVE = frozenset(cues("relative"))
_AGGREGATE = cues("aggregate")
_PERIOD = cues("period")
_PLURAL_ACTS = frozenset(cues("plural_acts"))
_ONE_TARGET = cues("one_target")
_AGREEMENT_VERBS = cues("agreement_verb")


_EDGE = " \t\n،,.:؛!?\"«»()"  # what may stand right before or after a cue written as words


def _word_rx(words: tuple[str, ...], waw: bool) -> re.Pattern[str]:
    """One pattern for any of ``words`` (after a و, with ``waw``) as whole words: a space or a
    punctuation mark each side ("... في مناطق سورية متفرقة، وتوزعت")."""
    edge = re.escape(_EDGE)
    return re.compile(f"(?<=[{edge}])" + ("و?" if waw else "") + "(?:" + "|".join(map(re.escape, words))
                      + f")(?=[{edge}])")


_AGREEMENT_VERBS_RX = _word_rx(_AGREEMENT_VERBS, waw=True)
_AGGREGATE_RX = _word_rx(_AGGREGATE, waw=True)
_PERIOD_RX = _word_rx(_PERIOD, waw=False)


def _month_period_rx() -> re.Pattern[str]:
    from rasd.segment import _month_words

    months = sorted({normalize(w) for w in _month_words() if len(w) > 2}, key=len, reverse=True)
    return _word_rx(tuple(f"{lead}{m}" for lead in ("خلال ", "خلال شهر ") for m in months), waw=False)


_MONTH_PERIOD_RX = _month_period_rx()
_RESULT_RX = re.compile("|".join(map(re.escape, _RESULT)))
_STATEMENT_VERBS = frozenset(cues("statement_verb"))


def _aggregate(f: Frame, sent: str) -> bool:
    """A sentence that gives a total over many events or a period, not the toll of one event:
    "ارتفاع حصيلة الشهداء إلى 3185 منذ بدء الحرب", "قتل 400 شخص في أنحاء لبنان خلال الفترة نفسها",
    "أوقعت الغارات على جنوب لبنان الثلاثاء 31 قتيلا". ``sent``: the sentence's normalized text,
    padded with a space each side."""
    if not f.deaths and not f.injuries:
        return False
    if _AGGREGATE_RX.search(sent):
        return True
    if any(m.meta.get("since") for m in f.dates):
        return True  # "قتل 40 منذ 7 أكتوبر"
    if any(PLACE_RANK.get(m.value.kind, 3) == 3 and not m.meta.get("inside_actor") for m in f.places):
        return False
    if _PERIOD_RX.search(sent) or _MONTH_PERIOD_RX.search(sent):
        return True  # "خلال الشهر", "خلال فبراير", "خلال شهر شباط الماضي"
    if " ريفي " in sent and len({m.value.admin1_code for m in f.places if m.value.kind == "admin1"}) >= 2:
        return True  # "قتل ثمانية مدنيين في غارات على ريفي إدلب وحماة": a total over two provinces, no town
    words = set(sent.split())
    if not any(ch.isdigit() for ch in sent):
        return False  # a total is a figure: "أوقعت الغارات ... 31 قتيلا", not "مع استمرار الهجمات"
    plural = words & _PLURAL_ACTS
    if plural and any(f" {w} {r} " in sent for w in plural for r in _ONE_TARGET):
        return False  # "جراء الغارات التي استهدفت السجن المركزي في صعدة": the raids on one target
    return bool(plural) and not any(t.strength == "strong" and m.surface.strip().startswith(
        ("غارة", "ضربة", "هجوم", "قصف")) for m, t in f.triggers)


def _in_relative_clause(doc: Document, f: Frame, m: Mention) -> bool:
    """"... بالقيادي محمد الرفاعي، الذي يحمل اللقب ذاته، واغتيل في طفس": an act told in a relative
    clause about a person is what the person went through before, not the news."""
    words = doc.norm[max(f.nstart, m.meta["nstart"] - 60):m.meta["nstart"]].split()[-8:]
    return any(w in _RELATIVE for w in words[:-1] or words) and m.meta["nstart"] - f.nstart > 20


_MARCH = frozenset(cues("march"))
_THREAT = frozenset(cues("threat"))
_CHARGES_RX = re.compile("|".join(map(re.escape, cues("charges"))))
_DEMAND_RX = _word_rx(cues("demand"), waw=True)
_RESPONSIBLE = frozenset(cues("responsible"))
_HABITUAL_RX = _word_rx(cues("habitual"), waw=True)
_TWO_SIDED_RX = _word_rx(cues("two_sided"), waw=True)


def _threatened(doc: Document, f: Frame, m: Mention, mods: list[tuple[int, int]] | None = None) -> bool:
    """A weapon word named as a threat or a capability ("إبعاد خطر المسيرات المفخخة", "اعتماد الحزب على
    الطائرات المسيرة المفخخة"): one of the four words before it (or before the weapon words it
    qualifies) is a word of threat. ``mods``: the frame's modifier spans (normalized), sorted."""
    start = m.meta["nstart"]
    if mods is None:
        mods = sorted((x.meta.get("nstart", -1), x.meta.get("nend", -1)) for x, _ in f.modifiers)
    # "الطائرات المسيرة الانقضاضية المفخخة": walk back over the weapon words right before (a few at most)
    for _ in range(4):
        k = bisect.bisect_left(mods, (start,)) - 1
        if k < 0 or not 0 <= start - mods[k][1] <= 25:
            break
        start = mods[k][0]
    if _charges_end(doc, f) <= start:
        return True  # "مطلوب بجرائم ... وخطف مواطنين مقابل فدية": crimes charged, not acts told
    clause = doc.norm[max(f.nstart, start - 100):start]
    clause = clause[max(clause.rfind("،"), clause.rfind("."), clause.rfind(","), -1) + 1:]
    if _DEMAND_RX.search(" " + clause):
        return True  # "مطالبين بوقف الحرب وإبرام صفقة تبادل": a thing demanded
    words = doc.norm[max(f.nstart, start - 40):start].split()[-4:]
    return any(w in _THREAT or w[:1] in "وفبلك" and w[1:] in _THREAT or w[:2] in {"وب", "ول", "فب", "وال"}
               and w[2:] in _THREAT for w in words) or _held_responsible(doc, f, start)


def _charges_end(doc: Document, f: Frame) -> int:
    """Where the first word of a crime charged in the sentence ends (the sentence's end if none):
    found once per sentence, so that a sentence of many acts costs no more than its length."""
    if f.charges_end is None:
        found = _CHARGES_RX.search(doc.norm, f.nstart, f.nend)
        f.charges_end = found.end() if found else f.nend + 1
    return f.charges_end


def _held_responsible(doc: Document, f: Frame, start: int) -> bool:
    """"كان مسؤولا عن قتل واختطاف": a cue of responsibility among the four words before."""
    words = doc.norm[max(f.nstart, start - 40):start].split()[-4:]
    return any(" ".join(words[i:i + 2]) in _RESPONSIBLE for i in range(len(words) - 1))


def _after_result(doc: Document, f: Frame, m: Mention) -> bool:
    """Whether a trigger stands in a result clause ("ما أسفر عن ..."), after the act it results from."""
    # only the 80 characters before the trigger can hold the clause: linear in the sentence
    lo = max(f.nstart, m.meta["nstart"] - 80)
    seg = doc.norm[lo:m.meta["nstart"]]
    # a result word starting fewer than 80 characters before the trigger: one search of that stretch
    return _RESULT_RX.search(seg, max(0, len(seg) - 79)) is not None

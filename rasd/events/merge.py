"""Merging the sentences that tell one event into a candidate; one record per event in a document."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from rasd.events.base import ARMED_TYPES, PLACE_RANK, Cand, Frame, _km
from rasd.events.classify import _decide, _definite, _main_trigger, _sentence_scores
from rasd.events.place_date import _date_of, _place_of
from rasd.resources import SUB_TO_TYPE, Resources
from rasd.types import DateWindow, Document, EventRecord, Place


def _narrow(c: Cand) -> DateWindow | None:
    """The candidate's date if it is narrow enough to tell events apart (a month at most)."""
    if c.date is None:
        return None
    w = c.date[0]
    return w if (w.end - w.start).days <= 31 else None


def lead_sentences(frames: list[Frame]) -> set[int]:
    """The headline and lead of each story on the page: its first three sentences not marked as
    recalled."""
    seen: dict[int, int] = {}
    out: set[int] = set()
    for f in frames:
        n = seen.get(f.story, 0)
        if n < 3:
            seen[f.story] = n + 1
            if not f.background:
                out.add(f.idx)
    return out


def _compatible(e: Cand, c: Cand, pub: date | None) -> bool:
    if e.family != c.family or e.frames[0].story != c.frames[0].story:
        return False
    if _narrow(e) and _narrow(c):
        a, b = e.date[0], c.date[0]
        if a.start > b.end + timedelta(days=1) or b.start > a.end + timedelta(days=1):
            return False
    if c.place and PLACE_RANK.get(c.place[0].kind, 3) == 3:
        # a round-up: another town than the ones this event was told at is another event
        towns = [f_place for f_place in _towns(e)]
        if towns and not any(t.id == c.place[0].id or _km(t, c.place[0]) <= 3 for t in towns):
            return False
    if e.place and c.place:
        p, q = e.place[0], c.place[0]
        if p.admin1_code and q.admin1_code and p.admin1_code != q.admin1_code:
            return False
        if p.iso and q.iso and p.iso != q.iso:
            return False
        if (PLACE_RANK.get(p.kind, 3) == 3 and PLACE_RANK.get(q.kind, 3) == 3 and p.id != q.id
                and _km(p, q) > 3):
            return False
    return not (e.background != c.background and not (_narrow(e) and _narrow(c)))


def _specified(c: Cand) -> bool:
    if _narrow(c) is None and _anaphoric(c):
        return False  # "واتهمت الوزارة ... بالوقوف وراء التفجير": the act told before, whatever place it names
    return _narrow(c) is not None or (c.place is not None and c.place[0].kind != "country")


def _anaphoric(c: Cand) -> bool:
    """Every act of the sentence is a definite noun ("التفجير", "الهجوم"): it refers back to an act
    already told."""
    acts = [m for f in c.frames for m, t in f.triggers if t.sub_event_type == c.sub]
    return bool(acts) and all(_definite(m) for m in acts)


def _same(e: Cand, c: Cand) -> bool:
    """Positive evidence that two compatible candidates tell one event: overlapping dates, the same
    place, or (for an under-specified sentence) adjacency."""
    if _narrow(e) and _narrow(c):
        return True  # _compatible already checked the windows overlap
    if e.place and c.place:
        p, q = e.place[0], c.place[0]
        return p.id == q.id or (p.admin1_code is not None and p.admin1_code == q.admin1_code
                                and (PLACE_RANK.get(p.kind, 3) < 3 or PLACE_RANK.get(q.kind, 3) < 3)) or (
            # a place the gazetteer lacks and the town it lies in ("ناحية سنون التابعة لقضاء سنجار")
            (p.id.startswith("u:") and p.kind == "village" or q.id.startswith("u:") and q.kind == "village")
            and _km(p, q) <= 3)
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
        f.own_place = c.place[0] if c.place else None
        c.background = f.background
        singles.append(c)
    _type_tolls_by_story(singles, res)
    cands: list[Cand] = []
    loose: list[Cand] = []
    for c in singles:
        if not _specified(c) and c.frames[0].idx in lead and not any(e.family == c.family for e in cands):
            cands.append(c)  # the headline told it: an anchor the lead's details join
            continue
        if not _specified(c):
            prev = cands[-1] if cands else None
            if prev is not None and prev.frames[-1].idx >= c.frames[0].idx - 1 and prev.family == c.family \
                    and prev.frames[0].story == c.frames[0].story \
                    and not (c.background and not prev.background) and not c.frames[0].shift:
                _absorb(prev, c)
            else:
                loose.append(c)
            continue
        target = None if c.frames[0].shift else next(
            (e for e in reversed(cands) if _compatible(e, c, doc.published) and _same(e, c)), None)
        if target is None and not c.frames[0].shift:
            # the headline/lead told it without date or place: join the first specified event
            target = next((e for e in cands if not _specified(e) and e.family == c.family
                           and e.frames[0].story == c.frames[0].story), None)
        if target is not None:
            _absorb(target, c)
        else:
            cands.append(c)
    for c in loose:
        ids = {a.entry_id for a in c.frames[0].actors}
        best = None
        for e in cands:
            if e.family != c.family or e.frames[0].story != c.frames[0].story:
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
            elif not _anaphoric(c) and _grounded(c) and not any(
                    e.frames[0].story == c.frames[0].story and e.family == c.family for e in cands):
                # the story tells this act alone ("وقالت مصادر إن عبوة ناسفة زرعها مجهولون ... انفجرت"):
                # it is the story's event, dated and placed by its headline and lead
                cands.append(c)
    # a headline or lead that names no date tells the lead event: join the event that shares its
    # actors and agrees on the place
    for c in [c for c in cands if _narrow(c) is None and any(f.idx in lead for f in c.frames)]:
        ids = {a.entry_id for f in c.frames for a in f.actors}
        others = [e for e in cands if e is not c and _narrow(e) is not None and not e.background
                  and _place_agrees(c, e) and e.family == c.family and e.frames[0].story == c.frames[0].story
                  and _towns_agree(c, e)]
        best = max(others, key=lambda e: (bool(ids & {a.entry_id for f in e.frames for a in f.actors}),
                                          len(e.frames), e.family == c.family, -e.frames[0].idx), default=None)
        if best is not None and (ids & {a.entry_id for f in best.frames for a in f.actors} or not ids):
            best.frames.extend(c.frames)
            best.scores.update({k: v * 0.5 for k, v in c.scores.items() if SUB_TO_TYPE[k] in
                                {SUB_TO_TYPE[s] for s in best.scores}})
            cands.remove(c)
    # "وزعمت الشرطة في بيان أن المشاركين رشقوا أفرادها بالحجارة", "زعم جيش الاحتلال أن قواته اعتقلت
    # مطلوبين خلال النشاط": a side's claim about what happened, undated, tells the story's event over
    # again in its own words, not an event of its own
    for c in [c for c in cands if all(_alleged(f) and not f.dates for f in c.frames)]:
        before = [e for e in cands if e is not c and not all(_alleged(f) for f in e.frames)
                  and e.frames[0].story == c.frames[0].story and e.frames[0].idx < c.frames[0].idx
                  and not e.background]
        if before:
            max(before, key=lambda e: e.frames[0].idx).frames.extend(c.frames)
            cands.remove(c)
    cands.sort(key=lambda c: min(f.idx for f in c.frames))
    for c in cands:
        c.frames.sort(key=lambda f: f.idx)
    return cands


def _alleged(f: Frame) -> bool:
    """The sentence's acts are told inside an allegation ("وزعمت الشرطة أن ...", "زعم جيش الاحتلال
    أن قواته اعتقلت ..."): its first claim word is an allegation and stands before every act it tells."""
    return f.alleged and f.claim_at is not None and all(m.start > f.claim_at for m, _ in f.triggers)


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


def _dedupe_records(records: list[EventRecord]) -> list[EventRecord]:
    """One event per (type, day, place, actors) within a document; and one event where two sentences
    tell the same toll of the same kind of act by the same side in one province, on days that meet
    ("مقتل ثمانية ... جراء قصف جوي تركي على سنجار" / "إن ثمانية ... قتلوا في قصف ... على سنوني"): the
    first telling's place stands."""
    out: list[EventRecord] = []
    for r in records:
        dup = next((o for o in out if o.sub_event_type == r.sub_event_type and o.event_date == r.event_date
                    and o.location == r.location and (o.actor1 or {}).get("name") == (r.actor1 or {}).get("name")
                    and o.salience == r.salience), None) or next(
            (o for o in out if _same_toll(o, r)), None)
        if dup is not None:
            dup.evidence += r.evidence
            continue
        out.append(r)
    return out



def _same_toll(o: EventRecord, r: EventRecord) -> bool:
    if not (o.sub_event_type == r.sub_event_type and o.salience == r.salience and o.fatalities is not None
            and o.fatalities >= 2 and o.fatalities == r.fatalities and o.admin1_code and o.admin1_code == r.admin1_code
            and (o.actor1 or {}).get("name") == (r.actor1 or {}).get("name")
            and (o.actor1 or {}).get("type") not in {None, "unknown"}):
        return False
    if o.event_date is None or r.event_date is None:
        return True
    # the windows meet: "اليوم" and an undated sentence of the same report
    return o.event_date <= (r.date_end or r.event_date) and r.event_date <= (o.date_end or o.event_date)


def _towns(c: Cand) -> list[Place]:
    """The towns (finer than a district) the sentences of a candidate name as their own place, each
    once. Read incrementally: a candidate that absorbs thousands of sentences costs each check only
    its new ones."""
    n, seen = c.towns_seen
    for f in c.frames[n:]:
        pl = f.own_place
        if pl is not None and PLACE_RANK.get(pl.kind, 3) == 3:
            seen.setdefault(pl.id, pl)
    c.towns_seen = (len(c.frames), seen)
    return list(seen.values())


def _towns_agree(a: Cand, b: Cand) -> bool:
    """Two candidates told at towns of their own are one event only where some of the towns agree."""
    ta, tb = _towns(a), _towns(b)
    return not ta or not tb or any(x.id == y.id or _km(x, y) <= 3 for x in ta for y in tb)


def _grounded(c: Cand) -> bool:
    """A sentence that tells a real act: dead or injured, an armed side, or an explosive or strike word
    ("عبوة ناسفة ... انفجرت"), not only a verb that politics borrows ("شن هجوما على الحكومة")."""
    if any(f.deaths or f.injuries for f in c.frames):
        return True
    if any(a.value.type in ARMED_TYPES and a.value.type != "unknown" for f in c.frames for a in f.actors):
        return True
    return SUB_TO_TYPE[c.sub] == "Explosions/Remote violence" and not any(f.figurative for f in c.frames)


def _type_tolls_by_story(singles: list[Cand], res: Resources) -> None:
    """A sentence that gives only a toll ("ولفت البيان إلى مقتل 14 شخصا في برج الشمالي") tells the
    kind of act its story tells: a round-up of air strikes gives an air strike, not a clash."""
    for c in singles:
        f = c.frames[0]
        if not f.toll_only or c.place is None or PLACE_RANK.get(c.place[0].kind, 3) != 3:
            continue  # only a toll told at a town of its own, as round-ups do
        kinds = Counter(o.sub for o in singles if o is not c and o.frames[0].story == f.story
                        and not o.frames[0].toll_only and SUB_TO_TYPE[o.sub] == "Explosions/Remote violence")
        if kinds:
            sub = max(sorted(kinds), key=lambda s: kinds[s])
            c.scores = Counter({sub: 1.0})
            c.sub = sub

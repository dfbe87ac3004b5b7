"""A candidate -> an EventRecord: date, place, tolls, roles, persons, sources, evidence, salience."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

from rasd.events.base import PLACE_RANK, VIOLENT, Cand, Frame, _inverse_map, cues
from rasd.events.classify import _main_trigger
from rasd.events.frames import _at_line_start, _word_rx
from rasd.events.notes import _notes
from rasd.events.place_date import _codated_place, _date_of, _latest_date, _place_of
from rasd.events.roles import _attributed, _persons, _roles
from rasd.events.salience import is_background
from rasd.events.tolls import _tolls
from rasd.resources import SUB_TO_TYPE, Resources
from rasd.types import DateWindow, Document, EventRecord

_OWN_REPORTER = _word_rx(cues("own_correspondent"), waw=True)


def _own_reporter(doc: Document, frames: list[Frame]) -> bool:
    """Whether a sentence of the event (the whole sentence, where it was cut between towns) says the
    outlet's own reporter told it."""
    text_to_norm = _inverse_map(doc)
    for i in sorted({f.idx for f in frames}):
        if i >= len(doc.sentences):
            continue
        sp = doc.sentences[i]
        sent = " " + doc.norm[text_to_norm[sp.start]:text_to_norm[sp.end]] + " "
        if _OWN_REPORTER.search(sent):
            return True
    return False


_STAMP = re.compile(r"\s*\d{1,2}[:.]\d{2}\s*$")


def _live_update(doc: Document, f: Frame) -> bool:
    """The sentence opens an update of a live page: the line before it is a time ("09:12"), so it is
    news of the page's day, told to report an event."""
    if not _at_line_start(doc.text, f.start):
        return False  # not the first sentence of its line
    line_start = doc.text.rfind("\n", max(0, f.start - 8), f.start)
    before = doc.text[max(0, line_start - 40):line_start].rstrip() if line_start > 0 else ""
    return _STAMP.fullmatch(before[before.rfind("\n") + 1:]) is not None


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
    pub = doc.published
    background = is_background(c, in_lead, date_[0] if date_ else None, pub or _latest_date(frames), lead_start)
    # a weak word of attack with the weapon named ("هجمات بطائرات مسيرة") is as plain as a strong one
    strong = any(t.strength == "strong" for f in c.frames for _, t in f.triggers) or any(
        f.triggers and SUB_TO_TYPE.get(t.sub_event_type) == "Explosions/Remote violence"
        and (t.strength == "strong" and m.surface.lstrip("و").startswith("ب")  # "هجمات بطائرات مسيرة"
             # "مسيرة إسرائيلية استهدفت دراجة نارية في بلدة بنت جبيل": the weapon as the subject of an
             # act at a town
             or any(0 <= tm.start - m.end <= 15 for tm, _ in f.triggers) and f.own_place is not None
             and PLACE_RANK.get(f.own_place.kind, 3) == 3)
        for f in c.frames for m, t in f.modifiers) or any(
        # "ولفت البيان إلى مقتل 14 شخصا في برج الشمالي": a toll at a town of its own is an event told
        f.toll_only and f.own_place is not None and PLACE_RANK.get(f.own_place.kind, 3) == 3
        and any(not m.surface.lstrip("وف").startswith("ال") for m in f.deaths)  # not "المنتسب القتيل"
        for f in c.frames)
    if not strong and not in_lead and date_ is None and not (et in VIOLENT and _live_update(doc, c.frames[0])):
        return None  # weak words in a descriptive sentence, no date: not an event report
    if place is None and not background and sub != "Change to group/activity":
        # the headline's or lead's place stands for a main event that names none (not for a group's
        # announcement, which happens nowhere in particular)
        for f in [f for f in frames if f.story == primary.story][:3]:
            pl = _place_of([f], f, f.start)
            if pl:
                place = pl
                break
    if date_ and (place is None or place[0].kind == "country"):
        place = _codated_place(frames, c, date_[0], place) or place
    window = date_[0] if date_ else None
    date_text = date_[1].surface if date_ else None
    if window is not None and pub is not None and window.end > pub:
        # nothing reported happened after publication: a later date is misread or mistyped
        window = DateWindow(window.start, pub, window.precision) if window.start <= pub else None
        date_text = date_text if window is not None else None
    if window is None and pub and not background:
        window = DateWindow(pub - timedelta(days=2), pub, 2)
        date_text = None
    deaths, death_mentioned, dgroup = _tolls(doc, res, c.frames, "death", sub)
    injuries, _, _ = _tolls(doc, res, c.frames, "injury", sub)
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
    reported: list[str] = []
    for f in c.frames:
        for m in f.sources:
            if m.entry_id not in reported and _attributed(doc, res, m):
                reported.append(m.entry_id)
    if doc.source and doc.source not in reported and _own_reporter(doc, c.frames):
        reported.append(doc.source)  # "وأضاف مراسلنا", "قال مراسل الوكالة": the outlet's own reporter
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
        reported_by=reported + [t for t in c.tellers if t not in reported], evidence=evidence, source=doc.source, url=doc.url,
        published=pub.isoformat() if pub else None, published_inferred=doc.published_inferred,
        mentions=[m for f in c.frames for m in (f.actors + f.places + f.dates)] + [trig])
    if p is not None and p.kind == "admin1" and pm is not None:
        rec.location = p.name
    rec.notes = _notes(rec)
    key = f"{doc.id}|{sub}|{c.frames[0].start}|{c.frames[0].end}"
    if c.frames[0].list_place:  # one of the towns of a list told in one sentence
        key += f"|{c.frames[0].list_place}"
    rec.event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return rec

"""Mentions -> EventRecords: typing, merging the sentences of one event, argument attachment
(date, place, actors, tolls, sources, persons), salience and notes.

The rules are deliberately explicit so that a reviewer can follow why a record says what it says;
every record keeps the mentions it was built from.
"""

from __future__ import annotations

from rasd.events.classify import _decide, _gate
from rasd.events.frames import _frames, recognize
from rasd.events.merge import _dedupe_records, _merge, lead_sentences
from rasd.events.notes import templates
from rasd.events.place_date import _date_of
from rasd.events.record import _record
from rasd.events.roles import borrow_agents
from rasd.resources import resources
from rasd.types import Document, EventRecord

__all__ = ["extract_events", "recognize", "templates"]


def extract_events(doc: Document) -> list[EventRecord]:
    res = resources()
    ms = recognize(doc, res)
    frames = _frames(doc, ms)
    if not _gate(doc, frames):
        return []
    lead = lead_sentences(frames)
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
    made: list[tuple[int, EventRecord]] = []
    for c in cands:
        rec = _record(doc, res, c, lead, frames, lead_start)
        if rec is not None:
            made.append((c.frames[0].story, rec))
    borrow_agents(made)
    records = [r for _, r in made]
    return _dedupe_records(records)

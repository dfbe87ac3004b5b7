"""One English sentence in ACLED's style for a record."""

from __future__ import annotations

from functools import lru_cache

from rasd.data import read_tsv
from rasd.types import EventRecord


@lru_cache(maxsize=1)
def templates() -> dict[str, str]:
    return {r["sub_event_type"]: r["template"] for _, r in read_tsv("event_phrases.tsv", ("sub_event_type", "template"))}


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

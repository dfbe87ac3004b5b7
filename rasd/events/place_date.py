"""Where and when: the place and the date window of an event from its sentences."""

from __future__ import annotations

import bisect
from datetime import date

from rasd.events.base import PLACE_RANK, Cand, Frame, _inverse_map, _km, cues
from rasd.types import DateWindow, Document, Mention, Place


def _town_ends(f: Frame) -> list[tuple[int, int]]:
    """(end, rank) of the frame's towns and districts, by end."""
    return sorted((o.end, r) for o in f.places if (r := PLACE_RANK.get(o.value.kind, 3)) >= 2)


def _locator(f: Frame, m: Mention, town_ends: list[tuple[int, int]] | None = None) -> int | None:
    """"منبج شرقي حلب", "صريفا قرب صور", "قضاء الطارمية شمالي بغداد": a place that locates the town or
    district named right before it; the rank of the place it locates, or None.
    ``town_ends``: ``_town_ends(f)`` (computed when not given)."""
    if m.meta.get("cue") not in {"near", "direction", "countryside"}:
        return None
    at = m.meta.get("cue_start", m.start)
    ends = _town_ends(f) if town_ends is None else town_ends
    k = bisect.bisect_right(ends, (at, 9)) - 1  # a town ending at most 3 characters before the cue
    return ends[k][1] if k >= 0 and at - ends[k][0] <= 3 else None


def _homonyms(f: Frame) -> set[int]:
    """Towns read as homonyms: "حي الروضة السكني وسط مدينة مأرب" names a quarter of Marib, so a
    village الروضة 150 km away is not it. A town right before a place told as holding it ("وسط مدينة",
    "بمحافظة") that lies far from that place (over 40 km, or in another province) is dropped."""
    out: set[int] = set()
    ps = sorted(f.places, key=lambda x: x.start)
    for t, c in zip(ps, ps[1:], strict=False):
        if PLACE_RANK.get(t.value.kind, 3) != 3:
            continue
        if not c.meta.get("within"):
            # "حي الروضة شمالي مدينة تعز": a town that locates the one before it lies in its province, or
            # near it (Damascus is a province of its own: "التل شمالي دمشق" is in Rif Dimashq, 12 km away)
            if c.meta.get("locates") and c.meta.get("cue_start", c.start) - t.end <= 12 and (
                    t.value.admin1_code and c.value.admin1_code and t.value.admin1_code != c.value.admin1_code
                    and t.value.iso == c.value.iso and PLACE_RANK.get(c.value.kind, 3) == 3
                    and t.value.lat is not None and c.value.lat is not None and _km(t.value, c.value) > 60):
                out.add(id(t))
            continue
        if c.meta.get("cue_start", c.start) - t.end > 16:
            continue
        q, p = c.value, t.value
        if q.kind == "admin1":
            far = bool(p.admin1_code and q.admin1_code and p.admin1_code != q.admin1_code)
        else:
            far = p.lat is not None and q.lat is not None and _km(p, q) > 40
        if far:
            out.add(id(t))
    return out


def _place_of(frames: list[Frame], primary: Frame, trig_start: int) -> tuple[Place, Mention, int] | None:
    """The event's place: the most precise place its sentences name as theirs. Where they name none,
    a place inside an actor's name or the speaker's is a fallback hint."""
    cands: list[tuple[tuple, Mention]] = []
    for f in frames:
        ends = _town_ends(f)
        wrong = _homonyms(f)
        for m in f.places:
            if m.meta.get("inside_actor") or m.meta.get("speaker") or m.meta.get("cue") == "origin" or id(m) in wrong:
                continue
            p: Place = m.value
            rank: float = PLACE_RANK.get(p.kind, 3)
            located = _locator(f, m, ends)
            if located is not None:  # below the place it locates, whatever its own kind
                rank = min(rank, located) - 0.5
            dist = abs(m.start - trig_start) if f is primary else 10_000 + abs(f.idx - primary.idx)
            cands.append(((rank, located is None, f is primary, -dist), m))
    if not cands:
        for f in frames:  # "شرطة ديالى": the actor's place is a fallback hint
            for m in f.places:
                if m.meta.get("cue") == "origin":
                    continue
                cands.append(((PLACE_RANK.get(m.value.kind, 3) - 1, True, f is primary, -abs(m.start - trig_start)), m))
    if not cands:
        return None
    cands.sort(key=lambda x: x[0], reverse=True)
    m = cands[0][1]
    p = m.value
    cue = m.meta.get("cue")
    if p.kind in {"admin1", "country"}:
        prec = 3
    elif (p.kind == "admin2" or cue in {"near", "direction", "countryside"} or m.meta.get("direction_after")
          or m.meta.get("unlisted")):
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
            if doc is not None and anchor is not None and m.start > anchor and _responded(doc, anchor, m):
                continue  # "استهدفنا منشآت في أربيل ردا على الهجوم الذي وقع في 3 يناير": that attack's date
            if doc is not None and anchor is not None and m.start < anchor and _report_date(doc, m, anchor):
                strong = any(t.strength == "strong" for _, t in f.triggers)
                if f is primary and strong and (fallback is None or key > fallback[0]):
                    fallback = (key, (w, m))
                continue
            if best is None or key > best[0]:
                best = (key, (w, m))
    best = best or fallback
    return best[1] if best else None


_REPORT_VERBS = frozenset(cues("report_verb"))
_RESPONSE = cues("response")


def _responded(doc: Document, anchor: int, m: Mention) -> bool:
    """A response cue ("ردا على") stands between the act (``anchor``) and the date (within the
    300 characters a clause spans), read in the document's normalized text."""
    if m.start - anchor > 300:
        return False
    inv = _inverse_map(doc)
    between = doc.norm[inv[anchor]:inv[m.start]]
    return any(c in between for c in _RESPONSE)


def _frame_anchor(f: Frame) -> int | None:
    starts = [m.start for m, _ in f.triggers] + [m.start for m in f.deaths]
    return min(starts) if starts else None


REPORT_SPAN = 400  # characters after a date read for the "أن" of a report


def _report_date(doc: Document, m: Mention, trig_start: int) -> bool:
    """"أعلن التنظيم في 30 تشرين الثاني أن زعيمه قتل", "قال للمونيتور في حزيران": the date is the
    announcement's or the interview's, not the event's."""
    inv = _inverse_map(doc)
    ns, ne, nt = m.meta["nstart"], m.meta["nend"], inv[trig_start]
    words = doc.norm[ne:min(nt, ne + REPORT_SPAN)].split()  # bounded: a page on one line has many dates
    if any(w in {"ان", "بان", "انه", "انها", "بانه"} for w in words):
        return True
    before = doc.norm[max(0, ns - 60):ns].split()[-5:]
    return any(w in _REPORT_VERBS or (w[:1] in "وف" and w[1:] in _REPORT_VERBS) for w in before)


def _latest_date(frames: list[Frame]) -> date | None:
    ends = [m.meta["window"].end for f in frames for m in f.dates
            if m.meta.get("window") is not None and not m.meta.get("since")]
    return max(ends) if ends else None


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

"""Cross-document linking: clusters of one real-world event, their claims and contradictions, and a
registry of persons with all their names.

Cost grows close to linearly: a record of one day in a province is compared only with the records of
its family and province from the day before to the day after, placed within 30 km of it where both
name a town (``_day_pairs``); the others are blocked by event family, province (or country) and week,
and compared with the records of their own and the neighbouring weeks; records without a date are
compared within their family and province only, up to a bounded number of neighbours.
Linking is incremental: ``link(new_records, existing=clusters)`` joins new records to the clusters
already made (the store keeps them).
"""

from __future__ import annotations

import hashlib
import math
import statistics
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import chain
from typing import Any

from rapidfuzz import fuzz

from rasd.normalize import normalize
from rasd.recognize.persons import fold_name

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
GENERIC_ACTORS = {"Civilians", "Unidentified Armed Group", "Protesters", "Rioters"}
LINK_THRESHOLD = 2.2
MAX_UNDATED_NEIGHBOURS = 200


@dataclass
class LinkResult:
    records: list[dict[str, Any]]
    clusters: list[dict[str, Any]]
    persons: list[dict[str, Any]]
    problems: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- features


@dataclass(slots=True)
class _Rec:
    i: int
    r: dict[str, Any]
    family: str
    start: date | None
    end: date | None
    admin1: str | None
    iso: str | None
    lat: float | None
    lon: float | None
    prec: int | None
    actors: frozenset[str]
    persons: frozenset[str]
    words: str
    doc: Any = None
    sub: Any = None
    pt: tuple[float, float] | None = None  # (lat, lon) where both are known


def _family(r: dict[str, Any]) -> str:
    et = r.get("event_type") or ""
    if r.get("sub_event_type") in {"Abduction/forced disappearance", "Sexual violence"}:
        return str(r["sub_event_type"])
    if et in VIOLENT:
        return "violent"
    if et in {"Protests", "Riots"}:
        return "demo"
    return f"{et}/{r.get('sub_event_type')}"


def _day(s: Any) -> date | None:
    try:
        return _iso_day(str(s)[:10]) if s else None
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def _iso_day(s: str) -> date:
    """One date object for each day named (a million records name a few thousand days)."""
    return date.fromisoformat(s)


_INTERNED: dict[Any, Any] = {}


def _intern(v: Any) -> Any:
    """One shared object for equal feature values (actor sets, families): a million records name a
    few hundred actors and families."""
    if len(_INTERNED) > 200_000:
        _INTERNED.clear()
    return _INTERNED.setdefault(v, v)


def _features(i: int, r: dict[str, Any]) -> _Rec:
    actors = set()
    for a in [r.get("actor1"), r.get("actor2"), *(r.get("assoc_actors") or [])]:
        if isinstance(a, dict) and a.get("name") and a["name"] not in GENERIC_ACTORS:
            actors.add(a["name"])
    persons = set()
    for p in r.get("persons") or []:
        if isinstance(p, dict) and p.get("name_ar"):
            persons.add(fold_name(p["name_ar"]))
            persons.update(fold_name(a) for a in p.get("aliases") or [])
    text = " ".join(e.get("text", "") for e in (r.get("evidence") or [])[:3] if isinstance(e, dict))
    start = _day(r.get("event_date"))
    end = _day(r.get("date_end")) or start
    lat, lon = r.get("latitude"), r.get("longitude")
    flat = float(lat) if isinstance(lat, int | float) else None
    flon = float(lon) if isinstance(lon, int | float) else None
    return _Rec(i, r, _intern(_family(r)), start, end, r.get("admin1_code"), r.get("iso"), flat, flon,
                r.get("geo_precision"), _intern(frozenset(actors)), frozenset(persons) if persons else _NONE,
                _words(text[:400]), r.get("doc_id"), r.get("sub_event_type"),
                _intern_point(flat, flon) if flat is not None and flon is not None else None)


_POINTS: dict[tuple[float, float], tuple[float, float]] = {}


def _intern_point(lat: float, lon: float) -> tuple[float, float]:
    """One tuple for each place's coordinates (a few thousand towns), so that the distances between
    two places can be remembered (``_KM``)."""
    if len(_POINTS) > 200_000:
        _POINTS.clear()
    p = (lat, lon)
    return _POINTS.setdefault(p, p)


_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=50_000)
def _words(text: str) -> str:
    """The normalized evidence compared between reports (kept: an ingest sees a stored record in the
    context of several batches)."""
    return normalize(text)


def _km(a: _Rec, b: _Rec) -> float | None:
    if a.pt is None or b.pt is None:
        return None
    k = (a.pt, b.pt)
    d = _KM.get(k)
    if d is None:
        if len(_KM) > 500_000:
            _KM.clear()
        d = _KM[k] = _km_pts(a.pt, b.pt)
    return d


# the distance between two places, once computed (the same towns meet again and again)
_KM: dict[tuple[tuple[float, float], tuple[float, float]], float] = {}


def similarity(a: _Rec, b: _Rec, floor: float | None = None) -> float | None:
    """A score of how likely two records tell one event; None where they cannot (or, with ``floor``,
    where the score cannot reach it: the comparison of the evidence, the costly part, is then skipped)."""
    if a.doc == b.doc or a.family != b.family:
        return None
    score = 0.0
    # date
    if a.start and b.start and a.end and b.end:
        wa, wb = (a.end - a.start).days, (b.end - b.start).days
        # a day of slack between days and weeks ("أمس" read on the next morning), none between months
        slack = timedelta(days=1 if max(wa, wb) <= 14 else 0)
        if a.start > b.end + slack or b.start > a.end + slack:
            return None
        score += 2.0 if max(wa, wb) <= 2 else (1.0 if max(wa, wb) <= 14 else 0.3)
    # place
    if a.iso and b.iso and a.iso != b.iso:
        return None
    if a.admin1 and b.admin1:
        if a.admin1 != b.admin1:
            return None
        score += 1.0
    d = _km(a, b)
    if d is not None and a.prec == 1 and b.prec == 1:
        if d > 30:
            return None
        score += 2.0 if d <= 5 else 1.0
    elif d is not None and d <= 15:
        score += 0.5
    # who
    shared = a.actors & b.actors
    score += min(len(shared), 2) * 0.75
    if a.persons & b.persons:
        score += 2.0
    same_sub = a.sub == b.sub
    # one report names no province: the actors or persons must agree
    unplaced = not (a.admin1 and b.admin1) and not (shared or a.persons & b.persons)
    # what the evidence says
    if a.words and b.words:
        if floor is not None and score + 1.5 + (0.5 if same_sub else 0) - (1.5 if unplaced else 0) < floor - 1e-9:
            return None
        score += fuzz.token_set_ratio(a.words, b.words) / 100 * 1.5
    if same_sub:
        score += 0.5
    if unplaced:
        score -= 1.5
    return score


def _fast(r: _Rec) -> bool:
    """A record of one day in a province: its candidates are the records of its family and province
    from the day before to the day after, found by day (``_day_pairs``), not by week blocks."""
    return r.start is not None and r.start == r.end and bool(r.admin1)


def _blocks(recs: list[_Rec], fast: bytearray | None = None) -> Iterable[tuple[_Rec, _Rec]]:
    """Candidate pairs: same family and province (or country), dates within a week of each other.

    With ``fast`` (a flag per record index), the pairs of two flagged records are left out (``_day_pairs``
    gives those that can score); every other pair comes in the same order and orientation as without."""
    dated: dict[tuple[str, str, int], list[_Rec]] = defaultdict(list)
    undated: dict[tuple[str, str], list[_Rec]] = defaultdict(list)
    by_region: dict[tuple[str, str], list[_Rec]] = defaultdict(list)
    for r in recs:
        region = r.admin1 or r.iso or "?"
        if r.start is not None and r.end is not None:
            w0 = r.start.toordinal() // 7
            w1 = r.end.toordinal() // 7
            for w in range(w0, min(w1, w0 + 8) + 1):
                dated[(r.family, region, w)].append(r)
        else:
            undated[(r.family, region)].append(r)
        by_region[(r.family, region)].append(r)
    # a pair seen is one int (lower index * n + higher), not a tuple of two. Among dated records a
    # pair can come twice only where one of them lies in two weeks' blocks, and the loose records'
    # pairs are looked up again below: only pairs with such a record are kept in ``seen``
    seen: set[int] = set()
    n = len(recs) + 1
    track = bytearray(n)
    for r in recs:
        if r.start is not None and r.end is not None and (
                not r.admin1 or r.end.toordinal() // 7 > r.start.toordinal() // 7):
            track[r.i] = 1
    for (fam, region, w), group in dated.items():
        nxt = dated.get((fam, region, w + 1), [])
        if fast is None:
            slow_at: list[int] = []
            slow_nxt: list[_Rec] = []
        else:
            slow_at = [k for k, r in enumerate(group) if not fast[r.i]]
            slow_nxt = [r for r in nxt if not fast[r.i]]
            if not slow_at and not slow_nxt:
                continue  # every pair here is two fast records'
        for i, a in enumerate(group):
            if fast is None or not fast[a.i]:
                others = group[i + 1:] + nxt
            else:  # a fast record: only the others that are not
                others = [group[k] for k in slow_at[bisect_right(slow_at, i):]] + slow_nxt
            for b in others:
                if a.i == b.i:
                    continue
                if track[a.i] or track[b.i]:
                    key = a.i * n + b.i if a.i < b.i else b.i * n + a.i
                    if key in seen:
                        continue
                    seen.add(key)
                yield a, b
    by_country: dict[tuple[str, str], list[_Rec]] = defaultdict(list)
    for r in recs:
        by_country[(r.family, r.iso or "?")].append(r)
    for (fam, region), group in undated.items():
        pool = by_region[(fam, region)] + by_region.get((fam, "?"), [])
        iso = group[0].iso or "?"
        if region == iso:  # placed only in a country: any province of it
            pool = pool + by_country.get((fam, iso), [])
        else:
            pool = pool + by_region.get((fam, iso), [])
        for a in group:
            for b in pool[:MAX_UNDATED_NEIGHBOURS]:
                key = a.i * n + b.i if a.i < b.i else b.i * n + a.i
                if a.i != b.i and key not in seen:
                    seen.add(key)
                    yield a, b
    # records placed only in a country or nowhere: compare with the dated ones of their family/week
    loose = [r for r in recs if not r.admin1 and r.start is not None and r.end is not None]
    for r in loose:
        w = r.start.toordinal() // 7  # type: ignore[union-attr]
        for (fam, _region, ww), group in dated.items():
            if fam == r.family and ww in (w - 1, w, w + 1):
                for b in group[:MAX_UNDATED_NEIGHBOURS]:
                    key = r.i * n + b.i if r.i < b.i else b.i * n + r.i
                    if r.i != b.i and key not in seen:
                        seen.add(key)
                        yield r, b


# a point more than this far from another (km, with a margin for rounding) is never scored with it
_FAR_KM = 30.0 + 1e-6


def _town(r: _Rec) -> bool:
    """Placed at a town whose distance to others can rule a pair out (``similarity``): a latitude of
    the globe and a finite longitude (any other point is compared with every record of its days)."""
    return r.prec == 1 and r.lat is not None and r.lon is not None and -90.0 <= r.lat <= 90.0 and math.isfinite(r.lon)


def _day_pairs(recs: list[_Rec], fast: bytearray) -> Iterable[tuple[_Rec, _Rec]]:
    """The pairs of two fast records (``_fast``) that ``similarity`` can score: same family and
    province, days at most one apart, and, where both are placed at a town, within 30 km. Each comes
    once, oriented as ``_blocks`` orients it (the earlier week's record first, else the lower index),
    so that ties in score are broken as before. Cost: the pairs themselves, not the weeks' blocks."""
    by_part: dict[tuple[str, str], dict[int, list[_Rec]]] = defaultdict(lambda: defaultdict(list))
    for r in recs:
        if fast[r.i]:
            by_part[(r.family, r.admin1)][r.start.toordinal()].append(r)  # type: ignore[index,union-attr]
    for days in by_part.values():
        # the towns of this province: an id each, and the ids within 30 km of each (by latitude first:
        # the great-circle distance is at least the difference of latitude, where latitudes are ones)
        ids: dict[tuple[float, float], int] = {}
        for rs in days.values():
            for r in rs:
                if _town(r):
                    ids.setdefault((r.lat, r.lon), len(ids))  # type: ignore[arg-type]
        pts = sorted(ids, key=lambda p: p[0])
        near: list[set[int]] = [set() for _ in pts]
        band = _FAR_KM / 6371.0 * 180 / math.pi * 1.0001
        for x, p in enumerate(pts):
            ip = ids[p]
            near[ip].add(ip)
            for q in pts[x + 1:]:
                if q[0] - p[0] > band:
                    break
                if min(_km_pts(p, q), _km_pts(q, p)) <= _FAR_KM:
                    near[ip].add(ids[q])
                    near[ids[q]].add(ip)
        # a record's town id, or -1 where it has none (then no town is too far)
        pid = {r.i: ids[(r.lat, r.lon)] if _town(r) else -1 for rs in days.values() for r in rs}  # type: ignore[index]
        for day in sorted(days):
            today = days[day]
            later = days.get(day + 1, ())
            same_week = (day + 1) // 7 == day // 7
            for k, a in enumerate(today):
                pa = pid[a.i]
                close = near[pa] if pa >= 0 else None
                for b in today[k + 1:]:
                    pb = pid[b.i]
                    if close is None or pb < 0 or pb in close:
                        yield a, b
                for b in later:
                    pb = pid[b.i]
                    if close is None or pb < 0 or pb in close:
                        yield (a, b) if not same_week or a.i < b.i else (b, a)


# --------------------------------------------------------------------------- clustering


def _valid(r: Any) -> str | None:
    if not isinstance(r, dict):
        return "not a JSON object"
    for k in ("event_id", "doc_id", "event_type"):
        if not isinstance(r.get(k), str) or not r.get(k):
            return f"missing '{k}'"
    for k in ("event_date", "date_end"):
        if r.get(k) is not None and _day(r.get(k)) is None:
            return f"'{k}' is not a date: {r.get(k)!r}"
    return None


def link(records: Iterable[dict[str, Any]], existing: Iterable[dict[str, Any]] = (),
         summaries: bool = True, copy: bool = True) -> LinkResult:
    """Assign ``cluster_id`` to every record and build clusters and persons (``summaries``: where
    only the cluster ids are wanted, clusters and persons are not built). The records returned are
    copies of those given; with ``copy=False`` they are the dicts given, with ``cluster_id`` set (for
    a caller that made them for this call: no second copy of every record).

    ``existing``: records already linked (with their ``cluster_id``), e.g. from the store; new
    records join their clusters where they match, and existing cluster ids never change."""
    problems: list[str] = []
    new: list[dict[str, Any]] = []
    for n, r in enumerate(records):
        why = _valid(r)
        if why:
            problems.append(f"record {n + 1}: {why}; skipped")
            continue
        new.append(dict(r) if copy else r)
    old = [dict(r) for r in existing if _valid(r) is None]
    allr = old + new
    recs = [_features(i, r) for i, r in enumerate(allr)]
    parent = list(range(len(allr)))
    # the documents and the _Group of a cluster are made when it first takes part in a union: most
    # records stay alone, and a set and a group for each would be most of linking's memory
    docs = _Docs(allr)
    groups_of = _Groups(recs)
    # existing clusters stay together
    by_cluster: dict[str, int] = {}
    for i, r in enumerate(old):
        cid = r.get("cluster_id")
        if cid:
            if cid in by_cluster:
                _union(parent, docs, by_cluster[cid], i, force=True, groups=groups_of)
            else:
                by_cluster[cid] = i

    # the pairs that score, by score: each score's pairs as one int each (i << 32 | j, so that an
    # ascending sort is by i, then j), unioned from the highest score down, ties by (i, j)
    n_old = len(old)
    fast = bytearray(_fast(r) for r in recs)
    by_score: dict[float, array[int]] = {}
    for a, b in chain(_day_pairs(recs, fast), _blocks(recs, fast)):
        if a.i < n_old and b.i < n_old:
            continue  # the store already decided about these
        s = similarity(a, b, LINK_THRESHOLD)
        if s is not None and s >= LINK_THRESHOLD:
            keys = by_score.get(s)
            if keys is None:
                keys = by_score[s] = array("Q")
            keys.append(a.i << 32 | b.i)
    for r in recs:
        r.words = ""  # scored: the evidence is no longer needed (a third of linking's memory at 1M records)
    for s in sorted(by_score, reverse=True):
        for key in sorted(by_score.pop(s)):
            _union(parent, docs, key >> 32, key & 0xFFFFFFFF, groups=groups_of)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(allr)):
        groups[_find(parent, i)].append(i)
    for members in groups.values():
        cid = next((allr[i]["cluster_id"] for i in members if i < n_old and allr[i].get("cluster_id")), None)
        if cid is None:
            first = min(allr[i]["event_id"] for i in members)
            cid = "c" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:15]
        for i in members:
            allr[i]["cluster_id"] = cid
    if not summaries:
        return LinkResult(allr[n_old:], [], [], problems)
    return LinkResult(allr[n_old:], build_clusters(allr), build_persons(allr), problems)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@dataclass(slots=True)
class _Group:
    """What a cluster as a whole commits to: its provinces, its precise points and the days all
    its reports allow. Two clusters merge only where these agree, so that a chain of pairwise links
    cannot glue two events together."""

    admin1: set[str]
    points: list[tuple[float, float]]
    lo: date | None
    hi: date | None

    @classmethod
    def of(cls, r: _Rec) -> _Group:
        pts = [r.pt] if r.prec == 1 and r.pt is not None else []
        return cls({r.admin1} if r.admin1 else set(), pts, r.start, r.end)  # type: ignore[list-item]

    def agrees(self, o: _Group) -> bool:
        if self.admin1 and o.admin1 and self.admin1 != o.admin1:
            return False
        if self.lo and self.hi and o.lo and o.hi:
            lo, hi = max(self.lo, o.lo), min(self.hi, o.hi)
            narrow = (self.hi - self.lo).days <= 14 and (o.hi - o.lo).days <= 14
            if lo > hi + timedelta(days=1 if narrow else 0):
                return False
        # the points last (the costly part): any two more than 30 km apart, the distances remembered
        far = _FAR
        for p in self.points[:6]:
            for q in o.points[:6]:
                if p != q:
                    k = (p, q)
                    v = far.get(k)
                    if v is None:
                        if len(far) > 500_000:
                            far.clear()
                        v = far[k] = _km_pts(p, q) > 30
                    if v:
                        return False
        return True

    def absorb(self, o: _Group) -> None:
        self.admin1 |= o.admin1
        self.points = (self.points + o.points)[:12]
        if o.lo and o.hi:
            if self.lo and self.hi:
                self.lo, self.hi = max(self.lo, o.lo), min(self.hi, o.hi)
                if self.lo > self.hi:
                    self.lo, self.hi = self.hi, self.lo
            else:
                self.lo, self.hi = o.lo, o.hi


_FAR: dict[tuple[tuple[float, float], tuple[float, float]], bool] = {}


def _km_pts(p: tuple[float, float], q: tuple[float, float]) -> float:
    r = math.pi / 180
    h = (math.sin((q[0] - p[0]) * r / 2) ** 2
         + math.cos(p[0] * r) * math.cos(q[0] * r) * math.sin((q[1] - p[1]) * r / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


class _Docs(dict[int, set[str]]):
    """The doc ids of each cluster root, a record's own made on first use."""

    def __init__(self, allr: list[dict[str, Any]]) -> None:
        super().__init__()
        self._allr = allr

    def __missing__(self, i: int) -> set[str]:
        v = self[i] = {str(self._allr[i].get("doc_id"))}
        return v


class _Groups(dict[int, _Group]):
    """The _Group of each cluster root, a record's own made on first use."""

    def __init__(self, recs: list[_Rec]) -> None:
        super().__init__()
        self._recs = recs

    def __missing__(self, i: int) -> _Group:
        v = self[i] = _Group.of(self._recs[i])
        return v


def _union(parent: list[int], docs: dict[int, set[str]], i: int, j: int, force: bool = False,
           groups: dict[int, _Group] | None = None) -> None:
    a, b = _find(parent, i), _find(parent, j)
    if a == b:
        return
    if not force and not docs[a].isdisjoint(docs[b]):
        return  # one document tells an event once: two of its records are two events
    if not force and groups is not None and not groups[a].agrees(groups[b]):
        return
    if a > b:
        a, b = b, a
    parent[b] = a
    docs[a] |= docs[b]
    docs.pop(b, None)
    if groups is not None:
        groups[a].absorb(groups[b])
        groups.pop(b, None)


# --------------------------------------------------------------------------- claims and consensus


def _source(r: dict[str, Any]) -> str:
    return r.get("source") or r.get("doc_id") or "?"


def _claim(r: dict[str, Any], value: Any) -> dict[str, Any]:
    ev = (r.get("evidence") or [{}])[0] if r.get("evidence") else {}
    return {"event_id": r["event_id"], "doc_id": r["doc_id"], "source": _source(r),
            "reported_by": r.get("reported_by") or [], "value": value, "evidence": ev}


def _fmt(field_: str, values: list[tuple[Any, list[str]]]) -> str:
    parts = []
    for v, srcs in values:
        if isinstance(v, dict):
            v = v.get("name")
        elif isinstance(v, list | tuple):
            v = " to ".join(str(x) for x in v if x) if len(set(v)) > 1 else v[0]
        parts.append(f"{v} ({', '.join(srcs)})")
    return f"{field_}: " + " vs ".join(parts)


def build_clusters(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by[r["cluster_id"]].append(r)
    return [cluster_summary(cid, members) for cid, members in sorted(by.items())]


def cluster_summary(cid: str, members: list[dict[str, Any]]) -> dict[str, Any]:
    members = sorted(members, key=lambda r: (r.get("published") or "", r["doc_id"], r["event_id"]))
    claims: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "sub_event_type", "date", "place", "actor1", "actor2", "fatalities", "injuries")}
    for r in members:
        claims["sub_event_type"].append(_claim(r, [r.get("event_type"), r.get("sub_event_type")]))
        if r.get("event_date"):
            claims["date"].append(_claim(r, [r.get("event_date"), r.get("date_end") or r.get("event_date")]))
        if r.get("location") or r.get("admin1_code"):
            claims["place"].append(_claim(r, {"name": r.get("location"), "admin1_code": r.get("admin1_code"),
                                              "latitude": r.get("latitude"), "longitude": r.get("longitude"),
                                              "geo_precision": r.get("geo_precision")}))
        for k in ("actor1", "actor2"):
            if isinstance(r.get(k), dict):
                claims[k].append(_claim(r, r[k]))
        if r.get("fatalities") is not None:
            claims["fatalities"].append(_claim(r, r["fatalities"]))
        if r.get("injuries") is not None:
            claims["injuries"].append(_claim(r, r["injuries"]))
    contradictions = _contradictions(claims)
    consensus = _consensus(members, claims)
    return {
        "cluster_id": cid,
        "event_ids": [r["event_id"] for r in members],
        "doc_ids": sorted({r["doc_id"] for r in members}),
        "sources": sorted({_source(r) for r in members}),
        "n_reports": len(members),
        "consensus": consensus,
        "claims": claims,
        "contradictions": contradictions,
    }


def _group(claims: list[dict[str, Any]], key) -> list[tuple[Any, list[str]]]:  # noqa: ANN001
    out: dict[Any, tuple[Any, list[str]]] = {}
    for c in claims:
        k = key(c["value"])
        if k not in out:
            out[k] = (c["value"], [])
        if c["source"] not in out[k][1]:
            out[k][1].append(c["source"])
    return list(out.values())


def _contradictions(claims: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    # fatalities and injuries: different figures
    for f in ("fatalities", "injuries"):
        g = _group(claims[f], lambda v: v)
        if len(g) > 1:
            out.append({"field": f, "values": [{"value": v, "sources": s} for v, s in sorted(g, key=lambda x: x[0])],
                        "text": _fmt(f, sorted(g, key=lambda x: x[0]))})
    for f in ("actor1", "actor2"):
        g = _group(claims[f], lambda v: v.get("name"))
        if len(g) > 1:
            out.append({"field": f, "values": [{"value": v.get("name"), "sources": s} for v, s in g],
                        "text": _fmt(f, g)})
    # dates that do not overlap
    ds = [(c, _day(c["value"][0]), _day(c["value"][1])) for c in claims["date"]]
    ds = [x for x in ds if x[1] and x[2]]
    if ds and any(a[1] > b[2] or b[1] > a[2] for a in ds for b in ds):  # type: ignore[operator]
        g = _group(claims["date"], lambda v: tuple(v))
        out.append({"field": "date", "values": [{"value": list(v), "sources": s} for v, s in g],
                    "text": _fmt("date", g)})
    g = _group(claims["place"], lambda v: v.get("admin1_code"))
    if len([v for v, _ in g if v.get("admin1_code")]) > 1:
        out.append({"field": "place", "values": [{"value": v, "sources": s} for v, s in g], "text": _fmt("place", g)})
    g = _group(claims["sub_event_type"], lambda v: v[0])
    if len(g) > 1:
        out.append({"field": "event_type", "values": [{"value": v[0], "sources": s} for v, s in g],
                    "text": _fmt("event_type", [(v[0], s) for v, s in g])})
    return out


def _consensus(members: list[dict[str, Any]], claims: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    types = Counter((r.get("event_type"), r.get("sub_event_type")) for r in members)
    (et, sub), _ = max(types.items(), key=lambda kv: (kv[1], -_first_index(members, kv[0])))
    main = [r for r in members if r.get("salience") == "main"] or members
    # date: where windows overlap, their intersection; else the most precise
    dated = [r for r in members if r.get("event_date")]
    start = end = prec = None
    if dated:
        lo = max(_day(r["event_date"]) for r in dated)  # type: ignore[type-var]
        hi = min(_day(r.get("date_end") or r["event_date"]) for r in dated)  # type: ignore[type-var]
        if lo <= hi:  # type: ignore[operator]
            start, end = lo, hi
        else:
            best = min(dated, key=lambda r: (r.get("time_precision") or 9,
                                             (_day(r.get("date_end") or r["event_date"]) - _day(r["event_date"])).days))  # type: ignore[operator]
            start, end = _day(best["event_date"]), _day(best.get("date_end") or best["event_date"])
        prec = 1 if start == end else (2 if (end - start).days <= 14 else 3)  # type: ignore[operator]
    placed = [r for r in members if r.get("latitude") is not None]
    place = min(placed, key=lambda r: (r.get("geo_precision") or 9, r["event_id"])) if placed else (
        next((r for r in members if r.get("admin1_code")), None))
    figures = [r["fatalities"] for r in members if r.get("fatalities") is not None]
    lows = [r.get("fatalities_low") if r.get("fatalities_low") is not None else r.get("fatalities") for r in members
            if r.get("fatalities") is not None]
    highs = [r.get("fatalities_high") if r.get("fatalities_high") is not None else r.get("fatalities") for r in members
             if r.get("fatalities") is not None]
    injuries = [r["injuries"] for r in members if r.get("injuries") is not None]

    def majority(k: str) -> dict[str, Any] | None:
        vals = [r[k] for r in main if isinstance(r.get(k), dict)]
        if not vals:
            return None
        c = Counter(v["name"] for v in vals)
        name = max(c, key=lambda n: (c[n], -next(i for i, v in enumerate(vals) if v["name"] == n)))
        return next(v for v in vals if v["name"] == name)

    return {
        "event_type": et, "sub_event_type": sub,
        "event_date": start.isoformat() if start else None, "date_end": end.isoformat() if end else None,
        "time_precision": prec,
        "country": place.get("country") if place else None, "iso": place.get("iso") if place else None,
        "admin1": place.get("admin1") if place else None, "admin1_code": place.get("admin1_code") if place else None,
        "location": place.get("location") if place else None,
        "latitude": place.get("latitude") if place else None, "longitude": place.get("longitude") if place else None,
        "geo_precision": place.get("geo_precision") if place else None,
        "actor1": majority("actor1"), "actor2": majority("actor2"),
        "fatalities": min(figures) if figures else None,  # ACLED: the most conservative report
        "fatalities_best": int(statistics.median(figures)) if figures else None,  # UCDP-style
        "fatalities_low": min(lows) if lows else None,
        "fatalities_high": max(highs) if highs else None,
        "injuries": min(injuries) if injuries else None,
        "salience": "main" if any(r.get("salience") == "main" for r in members) else "background",
    }


def _first_index(members: list[dict[str, Any]], key: tuple[Any, Any]) -> int:
    return next(i for i, r in enumerate(members) if (r.get("event_type"), r.get("sub_event_type")) == key)


# --------------------------------------------------------------------------- persons


def build_persons(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per person: names stated as aliases in a document merge; across documents, names
    of the same role in the same cluster merge; spelling and case variants fold (أبو/أبي/أبا,
    القرشي/القريشي)."""
    entries: list[dict[str, Any]] = []
    parent: list[int] = []
    index: dict[str, int] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    def entry(key: str, name_ar: str, name: str) -> int:
        if key in index:
            return index[key]
        index[key] = len(entries)
        entries.append({"keys": {key}, "names_ar": Counter(), "main": Counter(), "names": Counter(), "roles": Counter(),
                        "affiliations": Counter(), "event_ids": set(), "cluster_ids": set(), "doc_ids": set()})
        parent.append(len(parent))
        return index[key]

    role_slots: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    cluster_names: dict[str, set[int]] = defaultdict(set)
    for r in records:
        for p in r.get("persons") or []:
            if not isinstance(p, dict) or not p.get("name_ar"):
                continue
            key = _person_key(p["name_ar"], r)
            i = entry(key, p["name_ar"], p.get("name") or "")
            e = entries[i]
            e["names_ar"][p["name_ar"]] += 1
            e["main"][p["name_ar"]] += 1
            if p.get("name"):
                e["names"][p["name"]] += 1
            e["roles"][p.get("role") or "other"] += 1
            if p.get("affiliation"):
                e["affiliations"][p["affiliation"]] += 1
            e["event_ids"].add(r["event_id"])
            e["cluster_ids"].add(r.get("cluster_id"))
            e["doc_ids"].add(r["doc_id"])
            for alias in p.get("aliases") or []:
                j = entry(_person_key(alias, r), alias, "")
                entries[j]["names_ar"][alias] += 1
                entries[j]["cluster_ids"].add(r.get("cluster_id"))
                entries[j]["doc_ids"].add(r["doc_id"])
                union(i, j)
            cluster_names[str(r.get("cluster_id"))].add(i)
            if p.get("role") in {"killed", "leader", "arrested", "injured"}:
                role_slots[(str(r.get("cluster_id")), p["role"])][r["doc_id"]].add(i)
    # within one event: a shorter form of a longer name ("أبو الحسن الهاشمي" / "... القرشي"), and a
    # name with and without its kunya ("أبو عبد الرحمن العراقي" / "عبد الرحمن العراقي")
    for idxs in cluster_names.values():
        keys = {i: next(iter(entries[i]["keys"])).split("@")[0] for i in idxs}
        for a in idxs:
            for b in idxs:
                if a >= b:
                    continue
                ta, tb = keys[a].split(), keys[b].split()
                sa, sb = set(ta), set(tb)
                if (min(len(sa), len(sb)) >= 2 and (sa <= sb or sb <= sa)) or _drop_kunya(ta) == _drop_kunya(tb):
                    union(a, b)
    # the same role in the same event, one person of that role per report: one person
    for slots in role_slots.values():
        roots_by_doc = {d: {find(i) for i in ids} for d, ids in slots.items()}
        if len(roots_by_doc) >= 2 and all(len(v) == 1 for v in roots_by_doc.values()):
            roots = [next(iter(v)) for v in roots_by_doc.values()]
            for x in roots[1:]:
                union(roots[0], x)
    # a name of three words or more inside a longer one with the same first and last word
    full = sorted((k for k in index if "@" not in k), key=len)
    for a_i, ka in enumerate(full):
        ta = ka.split()
        if len(ta) < 3:
            continue
        for kb in full[a_i + 1:]:
            tb = kb.split()
            if len(tb) > len(ta) and tb[0] == ta[0] and tb[-1] == ta[-1] and set(ta) <= set(tb):
                union(index[ka], index[kb])
    # spelling variants: near-identical folded names
    keys = sorted(k for k in index if "@" not in k)
    for i, k in enumerate(keys):
        for k2 in keys[i + 1:i + 30]:
            if k2[:3] != k[:3]:
                break
            if fuzz.ratio(k, k2) >= 92:
                union(index[k], index[k2])
    # a bare kunya ("أبو جمال") and a person who carries it as a name or alias: one person where the two
    # share a document or are named beside the same third person ("رامي أبو عساف")
    roots_in_doc: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entries):
        for d in e["doc_ids"]:
            roots_in_doc[d].add(i)
    for k, i in list(index.items()):
        if "@" not in k:
            continue
        kunya = k.split("@")[0]
        mine = {find(x) for d in entries[i]["doc_ids"] for x in roots_in_doc[d]} - {find(i)}
        for j, e in enumerate(entries):
            if j == i or not any(fold_name(n) == kunya or fold_name(n).startswith(kunya + " ") for n in e["names_ar"]):
                continue
            theirs = {find(x) for d in e["doc_ids"] for x in roots_in_doc[d]} - {find(j)}
            if entries[i]["doc_ids"] & e["doc_ids"] or (mine & theirs):
                union(i, j)
                break
    merged: dict[int, dict[str, Any]] = {}
    for i, e in enumerate(entries):
        root = find(i)
        m = merged.setdefault(root, {"keys": set(), "names_ar": Counter(), "main": Counter(), "names": Counter(), "roles": Counter(),
                                     "affiliations": Counter(), "event_ids": set(), "cluster_ids": set(), "doc_ids": set()})
        for k in ("keys", "event_ids", "cluster_ids", "doc_ids"):
            m[k] |= e[k]
        for k in ("names_ar", "main", "names", "roles", "affiliations"):
            m[k].update(e[k])
    out = []
    for m in merged.values():
        # the name the reports give the person (not one only stated as an alias), the most used
        named = m["main"] or m["names_ar"]
        name_ar = max(named, key=lambda n: (not _bare_kunya(n), named[n], len(n), n))
        from rasd.translit import transliterate

        out.append({
            "person_id": "p" + hashlib.sha1(min(m["keys"]).encode("utf-8")).hexdigest()[:12],
            "name": transliterate(name_ar),
            "name_ar": name_ar,
            "aliases": sorted(n for n in m["names_ar"] if n != name_ar),
            "roles": sorted(m["roles"]),
            "affiliation": m["affiliations"].most_common(1)[0][0] if m["affiliations"] else None,
            "event_ids": sorted(m["event_ids"]),
            "cluster_ids": sorted(c for c in m["cluster_ids"] if c),
        })
    out.sort(key=lambda p: (p["name"], p["person_id"]))
    return out


def _person_key(name: str, r: dict[str, Any]) -> str:
    """The registry key of a name. A bare kunya ("أبو عدي") is shared by many people, so it only
    identifies a person within one event."""
    key = fold_name(name)
    t = key.split()
    if len(t) <= 2 and t and t[0] == "ابو":
        return f"{key}@{r.get('cluster_id')}"
    return key


def _bare_kunya(name: str) -> bool:
    """"أبو جمال": a kunya alone, which many people share."""
    t = fold_name(name).split()
    return len(t) <= 2 and bool(t) and t[0] == "ابو"


def _drop_kunya(tokens: list[str]) -> list[str]:
    return tokens[1:] if tokens and tokens[0] == "ابو" and len(tokens) > 2 else tokens


def link_records(records: list[Any]) -> list[dict[str, Any]]:
    """The records (EventRecords) of one batch as SCHEMA.md dicts with their ``cluster_id`` (the
    CLI's and ``rasd.extract``'s path)."""
    return link([r.to_json() for r in records], summaries=False, copy=False).records

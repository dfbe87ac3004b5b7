"""The optimized candidate search of rasd.link (pairs of one-day records found by day and town, the
rest by week blocks) links exactly as the week blocks alone did: the same clusters and cluster ids on
dense synthetic records with every kind of record (undated, unplaced, placed only in a country, windows
of days, weeks and months, imprecise places, persons), linked at once and against existing clusters.

``reference_ids`` is the linking of ``main`` before the change (every pair of the weeks' blocks scored,
the pairs sorted as tuples), kept here verbatim apart from what builds clusters and persons."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pytest

from rasd.bench import synthetic_records
from rasd.link import (
    LINK_THRESHOLD,
    MAX_UNDATED_NEIGHBOURS,
    _Docs,
    _features,
    _find,
    _Groups,
    _Rec,
    _union,
    _valid,
    link,
    similarity,
)


def _reference_blocks(recs: list[_Rec]) -> Iterable[tuple[_Rec, _Rec]]:
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
    seen: set[int] = set()
    n = len(recs) + 1
    track = bytearray(n)
    for r in recs:
        if r.start is not None and r.end is not None and (
                not r.admin1 or r.end.toordinal() // 7 > r.start.toordinal() // 7):
            track[r.i] = 1
    for (fam, region, w), group in dated.items():
        nxt = dated.get((fam, region, w + 1), [])
        for i, a in enumerate(group):
            for b in group[i + 1:] + nxt:
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
        if region == iso:
            pool = pool + by_country.get((fam, iso), [])
        else:
            pool = pool + by_region.get((fam, iso), [])
        for a in group:
            for b in pool[:MAX_UNDATED_NEIGHBOURS]:
                key = a.i * n + b.i if a.i < b.i else b.i * n + a.i
                if a.i != b.i and key not in seen:
                    seen.add(key)
                    yield a, b
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


def reference_ids(records: list[dict[str, Any]], existing: list[dict[str, Any]] = ()) -> list[str]:  # type: ignore[assignment]
    new = [dict(r) for r in records if _valid(r) is None]
    old = [dict(r) for r in existing if _valid(r) is None]
    allr = old + new
    recs = [_features(i, r) for i, r in enumerate(allr)]
    parent = list(range(len(allr)))
    docs = _Docs(allr)
    groups_of = _Groups(recs)
    by_cluster: dict[str, int] = {}
    for i, r in enumerate(old):
        cid = r.get("cluster_id")
        if cid:
            if cid in by_cluster:
                _union(parent, docs, by_cluster[cid], i, force=True, groups=groups_of)
            else:
                by_cluster[cid] = i
    pairs = []
    n_old = len(old)
    for a, b in _reference_blocks(recs):
        if a.i < n_old and b.i < n_old:
            continue
        s = similarity(a, b, LINK_THRESHOLD)
        if s is not None and s >= LINK_THRESHOLD:
            pairs.append((s, a.i, b.i))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    for _, i, j in pairs:
        _union(parent, docs, i, j, groups=groups_of)
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
    return [r["cluster_id"] for r in allr[n_old:]]


def dense_records(n: int, seed: int, days: int = 21) -> list[dict[str, Any]]:
    """Synthetic records squeezed into ``days`` days (many candidates a record), a few of each kind
    that takes the week blocks' path."""
    rnd = random.Random(seed)
    recs = synthetic_records(n, seed=seed)
    start = date(2022, 1, 1)
    for r in recs:
        d = start + timedelta(days=date.fromisoformat(r["event_date"]).toordinal() % days)
        r["event_date"] = r["date_end"] = d.isoformat()
        u = rnd.random()
        if u < 0.04:
            r["event_date"] = r["date_end"] = None
        elif u < 0.07:
            r["admin1_code"] = r["admin1"] = None
        elif u < 0.09:
            r.update(admin1_code=None, admin1=None, latitude=None, longitude=None, geo_precision=3)
        elif u < 0.11:
            r["date_end"] = (d + timedelta(days=rnd.choice([1, 2, 5, 9]))).isoformat()
        elif u < 0.12:
            r["date_end"] = (d + timedelta(days=29)).isoformat()
        elif u < 0.15:
            r["geo_precision"] = 2
        elif u < 0.16:
            r["latitude"] = r["longitude"] = None
        elif u < 0.17:
            r["iso"] = None
        elif u < 0.18:  # what no gazetteer gives, but a JSON file can: a latitude past the pole, NaN
            r["latitude"] = rnd.choice([r["latitude"] + 360.0, float("nan")])
        if rnd.random() < 0.08:
            r["persons"] = [{"name_ar": rnd.choice(["أبو طلحة القرشي", "أحمد الخطيب", "سيف بغداد"]), "role": "killed"}]
        if rnd.random() < 0.02:
            r["evidence"] = []
    return recs


@pytest.mark.parametrize("seed", [1, 2])
def test_linking_gives_the_reference_clusters(seed: int) -> None:
    recs = dense_records(3000, seed)
    want = reference_ids(recs)
    got = [r["cluster_id"] for r in link(recs, summaries=False).records]
    assert got == want
    assert len(set(want)) < len(want) * 0.8  # many links were made: the case is not trivial


def test_linking_against_existing_clusters_gives_the_reference_clusters() -> None:
    recs = dense_records(2400, 3)
    first = link(recs[:1200], summaries=False).records
    want = reference_ids(recs[1200:], existing=first)
    got = [r["cluster_id"] for r in link(recs[1200:], existing=first, summaries=False).records]
    assert got == want
    assert len(set(got) & {r["cluster_id"] for r in first}) > 100  # new records joined old clusters


def test_spread_records_give_the_reference_clusters() -> None:
    recs = synthetic_records(4000, seed=5)
    assert [r["cluster_id"] for r in link(recs, summaries=False).records] == reference_ids(recs)

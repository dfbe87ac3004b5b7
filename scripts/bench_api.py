#!/usr/bin/env python3
"""API latency on a large store: N synthetic events (``rasd.bench.synthetic_records``, linked with
``rasd.link.link``) with minimal documents, stored in SQLite and, when one can be started (see
tests/pg.py), PostgreSQL; then the median and 95th percentile latency of filtered ``GET /api/events``
queries (and the other list endpoints) through the app in-process (FastAPI's TestClient: routing,
validation, SQL and JSON encoding, no network; the answer cache off, so that every request runs its
queries: scripts/load_api.py measures the server with it).

usage: python scripts/bench_api.py [--events 100000] [--repeat 15] [--backend sqlite|postgresql|all]"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("no filter", {}),
    ("one month", {"date_from": "2023-03-01", "date_to": "2023-03-31"}),
    ("country", {"country": "IQ"}),
    ("province", {"admin1": "SY-DY"}),
    ("event type", {"event_type": "Battles"}),
    ("sub-type + quarter", {"sub_event_type": "Air/drone strike", "date_from": "2023-01-01", "date_to": "2023-03-31"}),
    ("actor", {"actor": "Turkey"}),
    ("q (Arabic words)", {"q": "عبوة ناسفة"}),
    ("bbox", {"bbox": "39.5,34.5,41.5,35.8"}),
    ("min_fatalities", {"min_fatalities": 5}),
    ("map: 500 deadliest", {"limit": 500, "sort": "-fatalities"}),
    ("deep page", {"offset": 50000, "limit": 25}),
    ("combined", {"country": "SY", "event_type": "Explosions/Remote violence", "date_from": "2022-06-01",
                  "date_to": "2022-12-31", "min_fatalities": 1}),
    ("person (none match)", {"person": "Qurashi"}),
    ("oldest first", {"sort": "event_date", "limit": 25}),
]
OTHER: list[tuple[str, str, dict[str, Any]]] = [
    ("clusters, 2+ reports", "/api/clusters", {"min_reports": 2, "limit": 25}),
    ("timeline by week", "/api/timeline", {"granularity": "week"}),
    ("timeline, country", "/api/timeline", {"country": "SY"}),
    ("facets", "/api/facets", {}),
]


def fill(url: str, n: int) -> dict[str, Any]:
    from rasd.bench import synthetic_records
    from rasd.link import link
    from rasd.store import Store
    from rasd.store.write import DocumentRow, analyze, write_batch

    t = time.perf_counter()
    recs = link(synthetic_records(n)).records
    t_link = time.perf_counter() - t
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in recs:
        by_doc.setdefault(r["doc_id"], []).append(r)
    docs = [DocumentRow(id=d, sha256=hashlib.sha256(d.encode()).hexdigest(), raw=rs[0]["evidence"][0]["text"],
                        text=rs[0]["evidence"][0]["text"], source=rs[0].get("source")) for d, rs in by_doc.items()]
    t = time.perf_counter()
    with Store(url) as store:
        step = 5000
        for i in range(0, len(docs), step):
            part = docs[i:i + step]
            ids = {d.id for d in part}
            with store.writing() as conn:
                write_batch(conn, part, [r for d in part for r in by_doc[d.id] if r["doc_id"] in ids])
        analyze(store.engine)  # as rasd ingest does at its end
        counts = store.counts()
    return {"link_s": t_link, "store_s": time.perf_counter() - t, **counts}


def reuse(url: str, n: int) -> dict[str, Any]:
    from rasd.store import Store

    with Store(url) as store:
        counts = store.counts()
    if counts["events"] != n:
        raise SystemExit(f"{url} holds {counts['events']} events, not {n}: remove it or give --events")
    return {"link_s": 0.0, "store_s": 0.0, **counts}


def measure(url: str, repeat: int) -> list[tuple[str, float, float, int]]:
    from fastapi.testclient import TestClient

    from rasd.api import create_app

    rows = []
    with TestClient(create_app(url, cache_mb=0)) as client:  # the queries themselves, not the answer cache
        for name, path, params in [(n, "/api/events", p) for n, p in QUERIES] + OTHER:
            r = client.get(path, params=params)
            r.raise_for_status()
            body = r.json()
            total = body["total"] if isinstance(body, dict) and "total" in body else len(body)
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                client.get(path, params=params).raise_for_status()
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            rows.append((name, statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))], total))
    return rows


def report(backend: str, fill_info: dict[str, Any], rows: list[tuple[str, float, float, int]], n_events: int) -> None:
    print(f"\n== {backend}: {fill_info['events']} events, {fill_info['clusters']} clusters, "
          f"{fill_info['documents']} documents (linked in {fill_info['link_s']:.1f} s, stored in "
          f"{fill_info['store_s']:.1f} s)")
    print(f"{'query':28} {'median ms':>10} {'p95 ms':>8} {'matches':>8}")
    for name, med, p95, total in rows:
        print(f"{name:28} {med:10.1f} {p95:8.1f} {total:8}")
    ev = rows[:len(QUERIES)]
    meds = [m for _, m, _, _ in ev]
    print(f"{'/api/events, all queries':28} {statistics.median(meds):10.1f} {max(p for _, _, p, _ in ev):8.1f}"
          "   (median of the medians; worst p95)")
    print(f"target: median < 50 ms on {n_events} events: {'met' if statistics.median(meds) < 50 else 'NOT met'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    ap.add_argument("--sqlite-db", type=Path, default=None,
                    help="keep the SQLite store here and reuse it on the next run (it is filled when missing)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        if args.backend in ("sqlite", "all"):
            url = str(args.sqlite_db or Path(tmp) / "bench.db")
            info = reuse(url, args.events) if args.sqlite_db and args.sqlite_db.exists() else fill(url, args.events)
            report("SQLite", info, measure(url, args.repeat), args.events)
        if args.backend in ("postgresql", "all"):
            from pg import PostgresUnavailable, postgres

            try:
                with postgres() as server:
                    url = server.create_database("bench")
                    info = fill(url, args.events)
                    report("PostgreSQL " + server.version, info, measure(url, args.repeat), args.events)
            except PostgresUnavailable as e:
                print(f"\n== PostgreSQL: not measured ({e})")
                if args.backend == "postgresql":
                    return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

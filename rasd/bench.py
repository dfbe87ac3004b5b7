"""Benchmarks: articles per second per stage (prepare, recognize, events, link, write) and end to end,
peak memory per process, and linking at scale (``rasd bench``, ``scripts/bench.py``).

Wall time on a shared machine is noisy; every figure is given with CPU time beside it."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasd.data import data_path


def _corpus(n: int, path: Path | None) -> list[dict[str, Any]]:
    src = path or data_path("sample/articles.jsonl")
    with open(src, encoding="utf-8") as f:
        base = [json.loads(line) for line in f if line.strip()]
    if not base:
        raise ValueError(f"{src}: no documents")
    return [dict(base[i % len(base)], id=f"bench-{i:06d}") for i in range(n)]


def run_extract_bench(n: int = 600, corpus: Path | None = None) -> dict[str, Any]:
    t0 = time.perf_counter()
    from rasd.io import RawDoc
    from rasd.pipeline import run_one
    from rasd.resources import resources

    resources()
    startup = time.perf_counter() - t0
    docs = _corpus(n, corpus)
    chars = sum(len(d.get("text") or d.get("html") or "") for d in docs)
    events = 0
    t1 = time.perf_counter()
    c1 = time.process_time()
    for d in docs:
        events += len(run_one(RawDoc(d["id"], d, "bench")).records)
    dt = time.perf_counter() - t1
    cpu = time.process_time() - c1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "documents": n,
        "events": events,
        "startup_seconds": round(startup, 3),
        "extract_seconds": round(dt, 3),
        "articles_per_second": round(n / dt, 1),
        "articles_per_cpu_second": round(n / cpu, 1),  # steadier where other work shares the machine
        "kchars_per_second": round(chars / dt / 1000, 1),
        "peak_rss_mb": round(peak_mb, 1),
    }


def synthetic_records(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """n synthetic records: events told by one to three outlets, spread over two years and the
    provinces of Syria and Iraq, with the near-misses real news has (same place other days)."""
    import random
    from datetime import date, timedelta

    from rasd.resources import resources

    rnd = random.Random(seed)
    res = resources()
    provinces = [p for code, p in sorted(res.admin1.items()) if code[:2] in {"SY", "IQ"}]
    towns: dict[str, list[Any]] = {}
    for p in res.places:
        if p.admin1_code and p.kind not in {"admin1", "admin2", "country"} and p.admin1_code[:2] in {"SY", "IQ"}:
            towns.setdefault(p.admin1_code, []).append(p)
    types = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
             ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Violence against civilians", "Attack"),
             ("Strategic developments", "Arrests"), ("Protests", "Peaceful protest")]
    actors = ["Islamic State", "Syrian Democratic Forces", "Military Forces of Iraq", "Military Forces of Turkey",
              "Hayat Tahrir al-Sham", "Popular Mobilization Forces", "Unidentified Armed Group"]
    words = ["قصف", "اشتباك", "عبوة", "ناسفة", "مقتل", "اصابة", "عناصر", "مدنيين", "قرية", "بلدة", "ريف", "طريق", "حاجز", "دورية", "مسلحون", "مجهولون"]
    out: list[dict[str, Any]] = []
    start = date(2022, 1, 1)
    ev = 0
    while len(out) < n:
        ev += 1
        prov = rnd.choice(provinces)
        town = rnd.choice(towns.get(prov.admin1_code or "", [prov]))
        et, sub = rnd.choice(types)
        day = start + timedelta(days=rnd.randrange(730))
        a1, a2 = rnd.sample(actors, 2)
        text = " ".join(rnd.choice(words) for _ in range(25))
        for k in range(rnd.choice([1, 1, 2, 3])):
            if len(out) >= n:
                break
            d = day + timedelta(days=rnd.choice([0, 0, 0, -1, 1]))
            out.append({
                "event_id": f"e{ev:07d}-{k}", "doc_id": f"d{ev:07d}-{k}", "source": f"Outlet {k}",
                "salience": "main", "event_type": et, "sub_event_type": sub,
                "event_date": d.isoformat(), "date_end": d.isoformat(), "time_precision": 1,
                "iso": town.iso, "country": town.country, "admin1": prov.name, "admin1_code": prov.admin1_code,
                "location": town.name, "latitude": town.lat, "longitude": town.lon, "geo_precision": 1,
                "actor1": {"name": a1, "name_ar": "", "type": "rebel"}, "actor2": {"name": a2, "name_ar": "", "type": "state"},
                "assoc_actors": [], "persons": [], "fatalities": rnd.choice([0, 1, 2, 3, 5]), "injuries": 0,
                "reported_by": [], "evidence": [{"text": text, "start": 0, "end": len(text)}],
            })
    return out


def run_link_bench(n: int, ids_only: bool = False) -> dict[str, Any]:
    """Link n synthetic records (generated first, not timed). Peak RSS is the whole process's, so
    run one size per process for a clean memory figure (scripts/bench.py does). ``ids_only``: cluster
    ids only, on the records themselves, as ``rasd extract`` links (no summaries, no copies)."""
    from rasd.link import link

    recs = synthetic_records(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    c = time.process_time()
    res = link(recs, summaries=not ids_only, copy=not ids_only)
    dt = time.perf_counter() - t
    cpu = time.process_time() - c
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if ids_only:
        sizes = Counter(r["cluster_id"] for r in res.records)
        clusters, multi = len(sizes), sum(1 for k in sizes.values() if k > 1)
    else:
        clusters, multi = len(res.clusters), sum(1 for c in res.clusters if c["n_reports"] > 1)
    return {
        "records": n,
        "mode": "cluster ids only" if ids_only else "clusters with summaries",
        "clusters": clusters,
        "multi_report_clusters": multi,
        "link_seconds": round(dt, 2),
        "link_cpu_seconds": round(cpu, 2),
        "records_per_second": round(n / dt, 0),
        "peak_rss_mb": round(peak, 1),
        "rss_growth_while_linking_mb": round(peak - before, 1),
    }


# --------------------------------------------------------------------------- stages and end to end


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


class _Clock:
    """Wall and CPU seconds spent in named stages (a stage called inside another is taken out of it)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._stack: list[list[float]] = []

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*a: Any, **kw: Any) -> Any:
            self._stack.append([0.0, 0.0])
            w, c = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **kw)
            finally:
                dw, dc = time.perf_counter() - w, time.process_time() - c
                inner = self._stack.pop()
                self.wall[name] = self.wall.get(name, 0.0) + dw - inner[0]
                self.cpu[name] = self.cpu.get(name, 0.0) + dc - inner[1]
                if self._stack:
                    self._stack[-1][0] += dw
                    self._stack[-1][1] += dc
        return timed


@contextmanager
def _patched(clock: _Clock) -> Iterator[None]:
    """Time the stages where they are looked up: rasd.pipeline.prepare, rasd.events.recognize and
    extract_events (the rest of extraction: "events"), linking and writing in rasd.store.ingestion."""
    import rasd.events as ev
    import rasd.link as lk
    import rasd.pipeline as pl
    import rasd.store.ingestion as ing

    targets = [(pl, "prepare", "prepare"), (ev, "recognize", "recognize"), (ev, "extract_events", "events"),
               (ing, "link_context", "link"), (lk, "link", "link"), (ing, "_final_cluster_ids", "link"),
               (ing, "write_batch", "write")]
    saved = [(m, attr, getattr(m, attr)) for m, attr, _ in targets]
    try:
        for m, attr, name in targets:
            setattr(m, attr, clock.wrap(name, getattr(m, attr)))
        yield
    finally:
        for m, attr, fn in saved:
            setattr(m, attr, fn)


def load_corpus(n: int | None, path: Path | None) -> list[dict[str, Any]]:
    """``n`` documents of ``path`` (a JSON Lines corpus, e.g. from scripts/make_corpus.py), or the bundled
    sample repeated under new ids where no corpus is given."""
    if path is None:
        return _corpus(n or 600, None)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if n is not None and len(out) >= n:
                    break
    return out


def _ingest(docs: list[dict[str, Any]], workers: int, db: str) -> tuple[float, float, int]:
    from rasd.io import RawDoc
    from rasd.store import Store, ingest_items

    with Store(db) as store:
        w, c = time.perf_counter(), time.process_time()
        rep = ingest_items(store, (RawDoc(str(d["id"]), d, f"line {i + 1}") for i, d in enumerate(docs)), workers)
        return time.perf_counter() - w, time.process_time() - c, rep.events_added


def run_bench(n: int | None = None, corpus: Path | None = None, workers: int = 1,
              link_sizes: list[int] | None = None, db: str | None = None,
              store_sizes: list[int] | None = None) -> dict[str, Any]:
    """Articles per second of each stage and of ``rasd extract`` and ``rasd ingest`` end to end."""
    from rasd.io import RawDoc
    from rasd.link import link_records
    from rasd.pipeline import Outcome, run_batch
    from rasd.resources import resources

    t0 = time.perf_counter()
    resources()
    startup = time.perf_counter() - t0
    docs = load_corpus(n, corpus)
    n_docs = len(docs)
    out: dict[str, Any] = {
        "machine": f"{platform.node()}: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}",
        "corpus": str(corpus or "bundled sample, repeated"), "documents": n_docs, "workers": workers,
        "kchars_per_document": round(sum(len(d.get("text") or d.get("html") or "") for d in docs) / n_docs / 1000, 2),
        "startup_seconds": round(startup, 3),
    }
    # rasd extract, end to end (extraction and linking of the batch)
    w, c = time.perf_counter(), time.process_time()
    recs = [r for o in run_batch((RawDoc(str(d["id"]), d, "bench") for d in docs), workers)
            if isinstance(o, Outcome) for r in o.records]
    linked = link_records(recs)
    out["extract"] = _rate(n_docs, time.perf_counter() - w, time.process_time() - c)
    out["events"] = len(linked)
    tmp = tempfile.mkdtemp(prefix="rasd-bench-")
    # rasd ingest, one process, every stage timed
    clock = _Clock()
    with _patched(clock):
        wall, cpu, _ = _ingest(docs, 1, db or f"sqlite:///{tmp}/stages.db")
    out["stages"] = {k: _rate(n_docs, clock.wall.get(k, 0.0), clock.cpu.get(k, 0.0))
                     for k in ("prepare", "recognize", "events", "link", "write")}
    out["ingest_1"] = _rate(n_docs, wall, cpu)
    out["peak_rss_mb"] = {"main": _rss_mb()}
    if workers > 1:
        wall, cpu, _ = _ingest(docs, workers, f"sqlite:///{tmp}/workers.db")
        out[f"ingest_{workers}"] = _rate(n_docs, wall, None)
        out["peak_rss_mb"] = {"main": _rss_mb(), "worker": _rss_mb(resource.RUSAGE_CHILDREN)}
    if link_sizes:
        out["link"] = [link_in_subprocess(k) for k in link_sizes]
    if store_sizes:
        out["store_link"] = [run_store_link_bench(k) for k in store_sizes]
    return out


def _rate(n: int, wall: float, cpu: float | None) -> dict[str, float | None]:
    return {"seconds": round(wall, 3), "articles_per_second": round(n / wall, 1) if wall else None,
            "cpu_seconds": round(cpu, 3) if cpu is not None else None,
            "articles_per_cpu_second": round(n / cpu, 1) if cpu else None}


def link_in_subprocess(n: int, ids_only: bool = False) -> dict[str, Any]:
    """``run_link_bench(n)`` in a fresh interpreter, so that its peak memory is that size's alone."""
    code = ("import json; from rasd.bench import run_link_bench; "
            f"print(json.dumps(run_link_bench({int(n)}, ids_only={bool(ids_only)})))")
    res = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def table_rows(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(what, articles/s, articles per CPU second, seconds) rows for the terminal."""
    def row(label: str, x: dict[str, Any]) -> tuple[str, str, str, str]:
        return (label, f"{x['articles_per_second']}", f"{x.get('articles_per_cpu_second') or ''}", f"{x['seconds']}")

    rows = [row(f"stage: {k}", v) for k, v in r["stages"].items()]
    rows.append(row("rasd extract (1 process)" if r["workers"] == 1 else f"rasd extract ({r['workers']} workers)",
                    r["extract"]))
    rows.append(row("rasd ingest, SQLite, 1 process", r["ingest_1"]))
    if f"ingest_{r['workers']}" in r and r["workers"] > 1:
        rows.append(row(f"rasd ingest, SQLite, {r['workers']} workers", r[f"ingest_{r['workers']}"]))
    for x in r.get("link", []):
        rows.append((f"link {x['records']:,} records (in memory)", f"{x['records_per_second']:,.0f} records/s", "",
                     f"{x['link_seconds']} ({x['peak_rss_mb']} MB)"))
    for x in r.get("store_link", []):
        rows.append((f"link a batch of {x['batch']} against {x['stored_records']:,} stored",
                     f"{x['context_records']} read", f"{x['link_cpu_seconds']} CPU s", f"{x['link_seconds']}"))
    return rows


def run_store_link_bench(stored: int, batch: int = 500, db: str | None = None) -> dict[str, Any]:
    """The cost of linking one new batch of ``batch`` records against a store that holds ``stored``
    (``rasd ingest``'s path: the store's indexes find the batch's neighbourhood): synthetic records
    (``synthetic_records``) are written first (not timed), then a batch of other synthetic records
    over the same two years is linked (``link_context`` and ``link``) and timed."""
    from datetime import date

    from rasd.link import link
    from rasd.store import Store
    from rasd.store.ingestion import JOINED, link_context
    from rasd.store.write import DocumentRow, write_batch

    recs = synthetic_records(stored + batch, seed=11)
    new = recs[stored:]
    new_ids = {r["event_id"] for r in new}
    recs = recs[:stored]
    path = db or f"sqlite:///{tempfile.mkdtemp(prefix='rasd-bench-')}/link.db"
    with Store(path) as store:
        t = time.perf_counter()
        for i in range(0, len(recs), 2000):
            part = [dict(r, cluster_id="c" + r["event_id"].split("-")[0]) for r in recs[i:i + 2000]]
            docs = [DocumentRow(id=r["doc_id"], sha256=r["doc_id"], raw="", text="", published=date(2022, 1, 1))
                    for r in part]
            with store.writing() as conn:
                write_batch(conn, docs, part, persons=False)
        fill = time.perf_counter() - t
        new = [dict(r, event_id="n" + r["event_id"], doc_id="n" + r["doc_id"]) for r in new]
        with store.reading() as conn:
            w, c = time.perf_counter(), time.process_time()
            context = link_context(conn, new, exclude_docs=[])
            existing = [dict(r, cluster_id=JOINED + r["cluster_id"]) for r in context]
            res = link(new, existing=existing, summaries=False)
            wall, cpu = time.perf_counter() - w, time.process_time() - c
    joined = sum(1 for r in res.records if r["cluster_id"].startswith(JOINED))
    assert len(new_ids) == batch
    return {"stored_records": stored, "batch": batch, "context_records": len(context),
            "joined_stored_clusters": joined, "link_seconds": round(wall, 3), "link_cpu_seconds": round(cpu, 3),
            "fill_seconds": round(fill, 1), "peak_rss_mb": _rss_mb()}

"""Extraction benchmark: start-up time, articles per second and peak memory (one process)."""

from __future__ import annotations

import json
import resource
import time
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


def run_link_bench(n: int) -> dict[str, Any]:
    """Link n synthetic records (generated first, not timed). Peak RSS is the whole process's, so
    run one size per process for a clean memory figure (scripts/bench.py does)."""
    from rasd.link import link

    recs = synthetic_records(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    res = link(recs)
    dt = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "records": n,
        "clusters": len(res.clusters),
        "multi_report_clusters": sum(1 for c in res.clusters if c["n_reports"] > 1),
        "link_seconds": round(dt, 2),
        "records_per_second": round(n / dt, 0),
        "peak_rss_mb": round(peak, 1),
        "rss_growth_while_linking_mb": round(peak - before, 1),
    }

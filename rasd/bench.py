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
    for d in docs:
        events += len(run_one(RawDoc(d["id"], d, "bench")).records)
    dt = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "documents": n,
        "events": events,
        "startup_seconds": round(startup, 3),
        "extract_seconds": round(dt, 3),
        "articles_per_second": round(n / dt, 1),
        "kchars_per_second": round(chars / dt / 1000, 1),
        "peak_rss_mb": round(peak_mb, 1),
    }

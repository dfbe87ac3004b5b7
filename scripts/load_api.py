#!/usr/bin/env python3
"""A bounded load test of `rasd serve` over loopback: a store of N synthetic events (as
scripts/bench_api.py fills it), the server started as a user starts it, then a fixed number of GET
requests for the main queries from C concurrent clients. Prints requests per second and the p50 and
p99 latency, overall and per query, and stops the server. Nothing leaves 127.0.0.1.

usage: python scripts/load_api.py [--events 100000] [--requests 3000] [--clients 50] [--db store.db]
(--db keeps the store and reuses it on the next run.)"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    ("events, newest", "/api/events", {"limit": 50}),
    ("events, one month", "/api/events", {"date_from": "2023-03-01", "date_to": "2023-03-31", "limit": 50}),
    ("events, country + type", "/api/events", {"country": "SY", "event_type": "Battles", "limit": 50}),
    ("events, text", "/api/events", {"q": "عبوة ناسفة", "limit": 50}),
    ("events, deadliest 500", "/api/events", {"limit": 500, "sort": "-fatalities"}),
    ("clusters", "/api/clusters", {"limit": 25}),
    ("clusters, 2+ reports", "/api/clusters", {"min_reports": 2, "limit": 25}),
    ("timeline, week", "/api/timeline", {"granularity": "week"}),
    ("facets", "/api/facets", {}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def run_load(base: str, n_requests: int, clients: int, timeout: float) -> list[tuple[str, float, int]]:
    import httpx

    out: list[tuple[str, float, int]] = []
    todo = iter(range(n_requests))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        async def worker() -> None:
            for k in todo:
                name, path, params = QUERIES[k % len(QUERIES)]
                t = time.perf_counter()
                try:
                    r = await client.get(path, params=params)
                    status = r.status_code
                except httpx.HTTPError:
                    status = 0
                out.append((name, (time.perf_counter() - t) * 1000, status))

        await asyncio.gather(*(worker() for _ in range(clients)))
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds one request may take")
    ap.add_argument("--db", type=Path, help="keep the SQLite store here (filled when missing)")
    args = ap.parse_args()
    from bench_api import fill, reuse

    with tempfile.TemporaryDirectory(prefix="rasd-load-") as tmp:
        db = args.db or Path(tmp) / "load.db"
        t = time.perf_counter()
        info = reuse(str(db), args.events) if db.exists() else fill(str(db), args.events)
        print(f"store: {info['events']} events, {info['clusters']} clusters ({time.perf_counter() - t:.0f} s to "
              "fill or open)")
        port = free_port()
        rasd = str(Path(sys.executable).with_name("rasd"))
        server = subprocess.Popen([rasd, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.time() + 120
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if server.poll() is not None or time.time() > deadline:
                        print("the server did not start:", server.stderr.read() if server.stderr else "")
                        return 1
                    time.sleep(0.2)
            asyncio.run(run_load(base, min(len(QUERIES) * 2, args.requests), min(5, args.clients), args.timeout))
            t = time.perf_counter()
            res = asyncio.run(run_load(base, args.requests, args.clients, args.timeout))
            wall = time.perf_counter() - t
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    bad = sum(1 for _, _, s in res if s != 200)
    if bad:
        from collections import Counter

        print("not 200:", dict(Counter((n, s) for n, _, s in res if s != 200)))
    lat = [ms for _, ms, _ in res]
    print(f"{len(res)} requests, {args.clients} clients, {wall:.1f} s: {len(res) / wall:.0f} requests/s, "
          f"p50 {statistics.median(lat):.0f} ms, p99 {pct(lat, 0.99):.0f} ms, {bad} not 200")
    print(f"{'query':26} {'p50 ms':>8} {'p99 ms':>8}")
    for name, _, _ in QUERIES:
        xs = [ms for n, ms, _ in res if n == name]
        if xs:
            print(f"{name:26} {statistics.median(xs):8.0f} {pct(xs, 0.99):8.0f}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

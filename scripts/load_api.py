#!/usr/bin/env python3
"""A bounded load test of `rasd serve` over loopback: a store of N synthetic events (as
scripts/bench_api.py fills it), the server started as a user starts it, then a fixed number of GET
requests for the main queries from C concurrent clients. Prints requests per second and the p50 and
p99 latency, overall and per query, and stops the server. Nothing leaves 127.0.0.1.

usage: python scripts/load_api.py [--events 100000] [--requests 3000] [--clients 50] [--db store.db]
                                 [--workers 1] [--cache-mb 64]
(--db keeps the store and reuses it on the next run; --workers and --cache-mb are passed to
`rasd serve`: --cache-mb 0 measures every answer made afresh.) Also printed: the CPU seconds the
server's processes spent (the figure to compare on a shared machine) and the load average."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
from urllib.parse import urlencode

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


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, as lean as a client can be (a Python client
    library costs several times the CPU of the answers it times, and shares the cores with the server)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str, timeout: float) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept-Encoding: gzip\r\n\r\n".encode())
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), timeout)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            body = await asyncio.wait_for(self.reader.readexactly(int(headers["content-length"])), timeout)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            raise ValueError("an answer without a length")
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def run_load(port: int, n_requests: int, clients: int, timeout: float) -> list[tuple[str, float, int | str]]:
    """``n_requests`` GETs of QUERIES in turn from ``clients`` connections at once: (query, ms, status or
    the error's name)."""
    out: list[tuple[str, float, int | str]] = []
    todo = iter(range(n_requests))
    targets = [f"{path}?{urlencode(params)}" if params else path for _, path, params in QUERIES]

    async def worker() -> None:
        conn = Connection("127.0.0.1", port)
        try:
            for k in todo:
                name = QUERIES[k % len(QUERIES)][0]
                t = time.perf_counter()
                status: int | str
                try:
                    status, _ = await conn.get(targets[k % len(QUERIES)], timeout)
                except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                        ValueError) as e:
                    status = type(e).__name__
                    await conn.close()
                out.append((name, (time.perf_counter() - t) * 1000, status))
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return out


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and its live descendants (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, IndexError, ValueError):
            continue
    return total


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
    ap.add_argument("--workers", type=int, help="rasd serve --workers (default: serve's)")
    ap.add_argument("--cache-mb", type=float, help="rasd serve --cache-mb (0: no cache; default: serve's)")
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
        given = [x for opt, v in (("--workers", args.workers), ("--cache-mb", args.cache_mb)) if v is not None
                 for x in (opt, str(v))]
        server = subprocess.Popen([rasd, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port), *given],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
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
            asyncio.run(run_load(port, min(len(QUERIES) * 2, args.requests), min(5, args.clients), args.timeout))
            load_before = os.getloadavg()
            cpu = cpu_seconds(server.pid)
            t, own = time.perf_counter(), time.process_time()
            res = asyncio.run(run_load(port, args.requests, args.clients, args.timeout))
            wall, own = time.perf_counter() - t, time.process_time() - own
            cpu = cpu_seconds(server.pid) - cpu
            load_after = os.getloadavg()
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
    print(f"{len(res)} requests, {args.clients} clients, serve {' '.join(given) or '(defaults)'}, {wall:.1f} s: {len(res) / wall:.0f} requests/s, p50 {statistics.median(lat):.0f} ms, "
          f"p99 {pct(lat, 0.99):.0f} ms, {bad} not 200")
    print(f"server CPU {cpu:.1f} s ({cpu / max(1, len(res)) * 1000:.1f} ms a request), load generator CPU {own:.1f} s; "
          "load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (1 min), {os.cpu_count()} CPUs")
    print(f"{'query':26} {'p50 ms':>8} {'p99 ms':>8}")
    for name, _, _ in QUERIES:
        xs = [ms for n, ms, _ in res if n == name]
        if xs:
            print(f"{name:26} {statistics.median(xs):8.0f} {pct(xs, 0.99):8.0f}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Stopping rasd from outside: worker processes die with their parent, even after kill -9, and
SIGTERM during an ingest rolls back the batch under way and exits cleanly."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE, load_jsonl

RASD = str(Path(sys.executable).with_name("rasd"))
pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")


def _corpus(path: Path, copies: int) -> Path:
    from rasd.clean import arabic_ratio

    docs = [d for d in load_jsonl(SAMPLE) if arabic_ratio(d.get("text") or "") > 0.5]
    with open(path, "w", encoding="utf-8") as f:
        for k in range(copies):
            for d in docs:  # another source each time: another content, read again
                f.write(json.dumps(dict(d, id=f"{d['id']}-{k}", source=f"{d.get('source')} {k}"),
                                   ensure_ascii=False) + "\n")
    return path


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            out.update(int(x) for x in (task / "children").read_text().split())
    return out


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_when_their_parent_is_killed(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 6)
    proc = subprocess.Popen([RASD, "extract", str(src), "-q", "--workers", "2", "-o", str(tmp_path / "o.jsonl")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.time() + 60
    while len(workers) < 2 and time.time() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.1)
    assert len(workers) >= 2, "no worker processes seen"
    proc.kill()
    proc.wait()
    deadline = time.time() + 10
    while any(_alive(w) for w in workers) and time.time() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers {left} outlived their parent"


def _count(db: Path) -> tuple[int, int]:
    try:
        with sqlite3.connect(db, timeout=30) as c:
            return (c.execute("select count(*) from documents").fetchone()[0],
                    c.execute("select count(*) from events").fetchone()[0])
    except sqlite3.Error:
        return 0, 0


def test_sigterm_during_an_ingest_keeps_whole_batches_and_exits_cleanly(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 4)
    total = len(src.read_text(encoding="utf-8").splitlines())
    db = tmp_path / "s.db"
    proc = subprocess.Popen([RASD, "ingest", str(src), "--db", str(db), "-q", "--batch-size", "10"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while _count(db)[0] == 0 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    docs, _ = _count(db)
    assert 0 < docs < total and docs % 10 == 0  # whole batches, the one under way rolled back
    r = subprocess.run([RASD, "ingest", str(src), "--db", str(db), "-q", "--batch-size", "50"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert _count(db)[0] == total


def test_sigterm_during_extract_writes_the_records_read_so_far(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 40)
    out = tmp_path / "o.jsonl"
    proc = subprocess.Popen([RASD, "extract", str(src), "-o", str(out)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 180
    while _cpu_seconds(proc.pid) < 5 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)  # some documents read (resources load in about 2 s of CPU)
    assert proc.poll() is None, "the extract ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    read = int(err.strip().splitlines()[-1].split()[1])
    ids = {json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()}
    assert 0 < read < 40 * 62 and 0 < len(ids) <= read

"""Two ingests at once into one store (SQLite and PostgreSQL): no document or event is stored twice,
and an unchanged document keeps its version."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import sqlalchemy as sa
from conftest import SAMPLE, load_jsonl

from rasd.store import Store, ingest
from rasd.store.schema import documents, events


def _write(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def _at_once(url: str, *jobs: tuple[Path, int]) -> list:
    """Run one ingest per job in its own thread and store, started together; their reports."""
    gate = threading.Barrier(len(jobs))
    reports: list = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(k: int, path: Path, batch: int) -> None:
        try:
            with Store(url) as store:
                gate.wait()
                reports[k] = ingest(store, path, batch_size=batch)
        except BaseException as e:  # noqa: BLE001 - raised in the test below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(k, p, b)) for k, (p, b) in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    return reports


def _stored(url: str) -> tuple[int, int, int, int]:
    """(documents, distinct contents, highest version, events)."""
    with Store(url) as store, store.reading() as c:
        n, distinct, top = c.execute(sa.select(sa.func.count(), sa.func.count(sa.distinct(documents.c.sha256)),
                                               sa.func.max(documents.c.version))).one()
        return n, distinct, top, c.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()


def test_two_ingests_of_overlapping_files_store_each_content_once(db_url, tmp_path):
    docs = [d for d in load_jsonl(SAMPLE) if d["id"] != "junk-en"][:24]
    # both files hold docs 8-15; the second also holds doc 3's content under another id
    a = _write(tmp_path / "a.jsonl", docs[:16])
    b = _write(tmp_path / "b.jsonl", docs[8:] + [dict(docs[3], id="twin-of-3")])
    ra, rb = _at_once(db_url, (a, 3), (b, 4))
    n, distinct, top, n_events = _stored(db_url)
    assert n == distinct == 24 and top == 1
    assert ra.new + rb.new == 24 and ra.updated == rb.updated == 0
    assert ra.unchanged + rb.unchanged + ra.duplicates + rb.duplicates == 8 + 1
    # the same documents ingested one file after the other store as many events
    seq = str(tmp_path / "seq.db")
    with Store(seq) as store:
        ingest(store, a)
        ingest(store, b)
    assert _stored(seq)[3] == n_events


def test_two_ingests_of_the_same_file_bump_no_version(db_url, tmp_path):
    src = _write(tmp_path / "same.jsonl", load_jsonl(SAMPLE)[:12])
    r1, r2 = _at_once(db_url, (src, 4), (src, 4))
    n, distinct, top, _ = _stored(db_url)
    assert n == distinct == 12 and top == 1
    assert r1.updated == r2.updated == 0 and r1.new + r2.new == 12 and r1.unchanged + r2.unchanged == 12


def _open_store(path: str) -> str:
    from rasd.store import Store

    with Store(path) as store:
        store.events(limit=1)
    return "ok"


def test_processes_opening_one_new_sqlite_store_at_once(tmp_path):
    """Several processes creating the same new SQLite file at once all open it (none gets "database is
    locked" while another switches it to WAL or migrates it)."""
    import multiprocessing as mp

    path = str(tmp_path / "fresh.db")
    ctx = mp.get_context("spawn")
    with ctx.Pool(4) as pool:
        assert pool.map(_open_store, [path] * 4) == ["ok"] * 4

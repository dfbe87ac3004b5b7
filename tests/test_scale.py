"""Speed and scale: the synthetic corpus, the streaming batch runner, ingest with workers and on a
Dask cluster (the same store as a local run), and the benchmark's report."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import ROOT, SAMPLE, load_jsonl

from rasd.io import InputProblem, RawDoc
from rasd.pipeline import Outcome, run_batch
from rasd.store import Store, ingest
from rasd.store import schema as S


def _make_corpus() -> Any:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "scripts" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["make_corpus"] = mod
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_make_corpus_is_seeded_and_tells_stories_through_several_outlets():
    mc = _make_corpus()
    a = list(mc.generate(300, seed=3))
    assert a == list(mc.generate(300, seed=3))
    assert a != list(mc.generate(300, seed=4))
    assert len(a) == 300 and len({d["id"] for d in a}) == 300
    assert len({d["text"] for d in a}) == 300  # distinct articles
    assert len({d["source"] for d in a}) >= 4
    headlines = Counter(d["text"].split("\n")[1] for d in a)
    assert any(n > 1 for n in headlines.values())  # a story told more than once
    assert 700 < sum(len(d["text"]) for d in a) / len(a) < 3000


def test_a_synthetic_corpus_yields_events_and_cross_outlet_clusters():
    from rasd import extract

    recs = extract(list(_make_corpus().generate(60, seed=5)))
    assert len(recs) >= 60
    assert {"Armed clash", "Air/drone strike", "Arrests"} <= {r["sub_event_type"] for r in recs}
    sizes = Counter(r["cluster_id"] for r in recs)
    assert any(n > 1 for n in sizes.values())


def _items(n: int, consumed: list[int]) -> Any:
    docs = load_jsonl(SAMPLE)
    for i in range(n):
        consumed[0] = i + 1
        if i == 5:
            yield InputProblem("test", 6, "invalid JSON")
        else:
            yield RawDoc(f"d{i}", dict(docs[i % len(docs)], id=f"d{i}"), f"line {i + 1}")


def test_the_batch_runner_streams_in_input_order_with_bounded_look_ahead():
    consumed = [0]
    seen_when_first = None
    order = []
    for res in run_batch(_items(120, consumed), workers=2, chunk=4):
        if seen_when_first is None:
            seen_when_first = consumed[0]
        order.append(res.doc_id if isinstance(res, Outcome) else "problem")
    assert seen_when_first is not None and seen_when_first <= 4 * 4 + 4  # two chunks per worker, not the input
    assert order == [("problem" if i == 5 else f"d{i}") for i in range(120)]
    local = [r.to_json() for res in run_batch(_items(40, [0])) if isinstance(res, Outcome) for r in res.records]
    pooled = [r.to_json() for res in run_batch(_items(40, [0]), workers=2, chunk=3) if isinstance(res, Outcome)
              for r in res.records]
    assert json.dumps(local, ensure_ascii=False) == json.dumps(pooled, ensure_ascii=False)


def _stored(db: Path) -> list[str]:
    with Store(db) as s, s.reading() as c:
        recs = [json.dumps(r, ensure_ascii=False, sort_keys=True)
                for r in c.execute(sa.select(S.events.c.record).order_by(S.events.c.event_id)).scalars()]
        clusters = [json.dumps([cid, ids], ensure_ascii=False) for cid, ids in
                    c.execute(sa.select(S.clusters.c.cluster_id, S.clusters.c.event_ids).order_by(S.clusters.c.cluster_id))]
        persons = [json.dumps(list(p), ensure_ascii=False, default=str) for p in
                   c.execute(sa.select(S.persons).order_by(S.persons.c.person_id))]
    return sorted(recs) + clusters + persons


def test_ingest_with_workers_stores_what_one_process_stores(tmp_path):
    with Store(tmp_path / "one.db") as s:
        ingest(s, SAMPLE, batch_size=10)
    with Store(tmp_path / "two.db") as s:
        rep = ingest(s, SAMPLE, workers=2, batch_size=10)
    assert rep.new == 62 and rep.skipped == 1 and rep.batches == 7  # one sample page is not Arabic
    assert _stored(tmp_path / "one.db") == _stored(tmp_path / "two.db")


def test_ingest_on_a_dask_cluster_stores_what_a_local_run_stores(tmp_path):
    pytest.importorskip("distributed")
    from rasd.distributed import dask_executor

    with Store(tmp_path / "local.db") as s:
        ingest(s, SAMPLE, batch_size=16)
    with dask_executor("local", workers=2) as ex, Store(tmp_path / "dask.db") as s:
        assert ex.n_workers == 2  # type: ignore[attr-defined]
        rep = ingest(s, SAMPLE, batch_size=16, executor=ex)
        assert rep.new == 62
        out = [r.to_json() for res in run_batch(_items(30, [0]), executor=ex, chunk=4) if isinstance(res, Outcome)
               for r in res.records]
    assert _stored(tmp_path / "local.db") == _stored(tmp_path / "dask.db")
    local = [r.to_json() for res in run_batch(_items(30, [0])) if isinstance(res, Outcome) for r in res.records]
    assert json.dumps(out, ensure_ascii=False) == json.dumps(local, ensure_ascii=False)


def test_bench_reports_every_stage_and_end_to_end(tmp_path):
    from rasd.bench import run_bench, table_rows

    r = run_bench(12, None, workers=1)
    assert set(r["stages"]) == {"prepare", "recognize", "events", "link", "write"}
    for k in ("prepare", "recognize", "events", "write"):
        assert r["stages"][k]["seconds"] > 0
    assert r["documents"] == 12 and r["events"] > 0 and r["peak_rss_mb"]["main"] > 0
    assert r["ingest_1"]["articles_per_second"] > 0
    assert any(row[0] == "stage: recognize" for row in table_rows(r))


def test_a_range_of_the_cached_tokens_is_what_a_scan_of_the_range_finds():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rasd.recognize.tokens import _TOKEN, tokenize

    text = st.text(alphabet="اب لم٣4 5،.-/xyز\n", max_size=60)

    @settings(max_examples=400, deadline=None)
    @given(text, st.integers(-3, 65), st.integers(-3, 70) | st.none())
    def check(norm: str, start: int, end: int | None) -> None:
        scan = _TOKEN.finditer(norm, start) if end is None else _TOKEN.finditer(norm, start, end)
        assert [tuple(t) for t in tokenize(norm, start, end)] == [(m.group(), m.start(), m.end()) for m in scan]

    check()


def test_a_batch_reads_only_its_neighbourhood_of_the_store(tmp_path):
    from datetime import date, timedelta

    from rasd.bench import synthetic_records
    from rasd.store.ingestion import _family_types, link_context
    from rasd.store.write import DocumentRow, write_batch

    recs = [dict(r, cluster_id="c" + r["event_id"].split("-")[0]) for r in synthetic_records(3000, seed=2)]
    with Store(tmp_path / "n.db") as store:
        with store.writing() as conn:
            write_batch(conn, [DocumentRow(id=r["doc_id"], sha256=r["doc_id"], raw="", text="") for r in recs], recs,
                        persons=False)
        new = dict(recs[0], event_id="new-1", doc_id="new-doc")
        with store.reading() as conn:
            ctx = link_context(conn, [new], exclude_docs=[])
    day = date.fromisoformat(new["event_date"])

    def near(r: dict) -> bool:
        d0, d1 = date.fromisoformat(r["event_date"]), date.fromisoformat(r["date_end"])
        return (r["event_type"] in _family_types(new["event_type"]) and r["admin1_code"] == new["admin1_code"]
                and d0 <= day + timedelta(days=1) and d1 >= day - timedelta(days=1))

    assert recs[0]["event_id"] in {r["event_id"] for r in ctx}
    linked_clusters = {r["cluster_id"] for r in ctx if near(r)}
    assert all(near(r) or r["cluster_id"] in linked_clusters for r in ctx)  # the neighbours and their clusters
    assert len(ctx) < 30  # of 3,000 stored

"""The store, in SQLite and in a real PostgreSQL: migrations, ingest (what it stores, idempotence,
versions, incremental linking, crashes, bad input) and records in = records out."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import SAMPLE, load_jsonl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rasd.cli import EXIT_SKIPPED, app
from rasd.link import link
from rasd.store import EventFilter, Store, StoreError, database_url, ingest
from rasd.store import schema as S
from rasd.store.engine import current_revision
from rasd.store.write import DocumentRow, write_batch

runner = CliRunner()


def by_id(recs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["event_id"]: r for r in recs}


def table_counts(store: Store) -> dict[str, int]:
    with store.reading() as c:
        return {name: c.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for name, t in S.metadata.tables.items()}


def check_integrity(store: Store) -> None:
    """Every child row has its event; every event's cluster exists and lists it; clusters have members."""
    with store.reading() as c:
        ev = set(c.execute(sa.select(S.events.c.event_id)).scalars())
        for t in (S.evidence, S.event_actors, S.event_search, S.person_events):
            orphans = set(c.execute(sa.select(t.c.event_id)).scalars()) - ev
            assert not orphans, f"{t.name} rows without their event: {sorted(orphans)[:3]}"
        members: dict[str, set[str]] = {}
        for eid, cid in c.execute(sa.select(S.events.c.event_id, S.events.c.cluster_id)).all():
            members.setdefault(cid, set()).add(eid)
        rows = {r.cluster_id: r for r in c.execute(sa.select(S.clusters)).all()}
        assert set(rows) == set(members), "clusters without events, or events without their cluster"
        for cid, row in rows.items():
            assert set(row.event_ids) == members[cid] and row.n_reports == len(members[cid])
        docs = set(c.execute(sa.select(S.documents.c.id)).scalars())
        assert set(c.execute(sa.select(S.events.c.doc_id)).scalars()) <= docs


# --------------------------------------------------------------------------- opening and migrating


def test_migrations_make_the_schema_of_the_metadata(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with Store(db_url) as store:
        assert current_revision(store.engine) == "0003"
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_object": S.include_object_for(conn.dialect.name)})
            diff = compare_metadata(ctx, S.metadata)
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("events")}
        assert diff == []
        assert (set(S.POSTGRESQL_ONLY) <= indexes) == (store.backend == "postgresql")
    with Store(db_url) as again:  # opening a migrated store changes nothing
        assert current_revision(again.engine) == "0003"


def test_a_store_of_an_older_schema_is_upgraded_with_its_data(db_url, sample_records):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from rasd.store.engine import create_engine, migrate

    with Store(db_url) as store:
        ingest(store, SAMPLE)
    old = create_engine(db_url, migrate_schema=False)
    migrate(old, "0001", down=True)  # a store of the first schema, with its data (0003 added a column)
    assert current_revision(old) == "0001"
    with old.connect() as conn:
        assert "span_days" not in {c["name"] for c in sa.inspect(conn).get_columns("clusters")}
    old.dispose()
    with Store(db_url) as store:
        assert current_revision(store.engine) == "0003"
        assert by_id(store.all_events()) == by_id(sample_records)
        assert store.events(EventFilter(country="SY"))["total"] == sum(r["iso"] == "SY" for r in sample_records)
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_object": S.include_object_for(conn.dialect.name)})
            assert compare_metadata(ctx, S.metadata) == []
            # 0003 filled in the date windows of the clusters stored before it
            spans = conn.execute(sa.select(S.clusters.c.event_date, S.clusters.c.date_end, S.clusters.c.span_days)).all()
        assert spans and all(n == ((b - a).days if a and b else None) for a, b, n in spans)
        assert any(n for _, _, n in spans) or all(a == b for a, b, _ in spans)
        migrate(store.engine, "0001", down=True)  # and down again, the data kept
        assert current_revision(store.engine) == "0001"
        assert store.events(EventFilter(country="SY"))["total"] == sum(r["iso"] == "SY" for r in sample_records)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    with Store(tmp_path / "x.db") as store, store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_schema_from_a_newer_rasd_is_refused(tmp_path):
    path = tmp_path / "x.db"
    Store(path).close()
    eng = sa.create_engine(f"sqlite:///{path}")
    with eng.begin() as c:
        c.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    eng.dispose()
    with pytest.raises(StoreError, match="newer rasd"):
        Store(path)


def test_database_urls():
    assert database_url("rasd.db").render_as_string() == "sqlite:///rasd.db"
    assert database_url("postgresql://u@h:5433/db").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError):
        database_url("mysql://u@h/db")
    with pytest.raises(StoreError):
        database_url("")


# --------------------------------------------------------------------------- ingest


def test_ingest_stores_what_extract_gives_and_again_adds_nothing(db_url, sample_records):
    with Store(db_url) as store:
        first = ingest(store, SAMPLE)
        assert (first.new, first.updated, first.unchanged, first.skipped) == (62, 0, 0, 1)
        assert any("articles.jsonl:63" in p and "not Arabic" in p for p in first.problems)
        stored = store.all_events()
        assert by_id(stored) == by_id(sample_records)  # records, cluster ids included
        linked = link(sample_records)
        assert {c["cluster_id"]: c for c in store.clusters(limit=500)["items"]} == \
            {c["cluster_id"]: c for c in linked.clusters}
        assert store.persons(limit=500)["items"] == linked.persons
        check_integrity(store)
        before = table_counts(store)
        with store.reading() as c:
            docs_before = c.execute(sa.select(S.documents).order_by(S.documents.c.id)).all()

        again = ingest(store, SAMPLE)
        assert (again.new, again.updated, again.unchanged, again.events_added) == (0, 0, 62, 0)
        assert table_counts(store) == before
        with store.reading() as c:
            assert c.execute(sa.select(S.documents).order_by(S.documents.c.id)).all() == docs_before
        assert by_id(store.all_events()) == by_id(sample_records)


CHANGE = ("\n\nإلى ذلك، قصفت القوات التركية بالمدفعية الثقيلة قرية تل تمر في ريف الحسكة، "
          "ما أدى إلى مقتل طفلين.\n\n")


def _changed_sample(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """st-01a with a paragraph about another event inserted after its first one."""
    doc = next(d for d in load_jsonl(SAMPLE) if d["id"] == "st-01a")
    cut = doc["text"].index("\n\n", doc["text"].index("قُتل قيادي")) if "قُتل قيادي" in doc["text"] else len(doc["text"])
    new = dict(doc, text=doc["text"][:cut] + CHANGE + doc["text"][cut:])
    path = tmp_path / "changed.jsonl"
    path.write_text(json.dumps(new, ensure_ascii=False) + "\n", encoding="utf-8")
    return path, new


def test_a_changed_document_is_a_new_version_that_replaces_its_events(db_url, tmp_path):
    from rasd import extract

    with Store(db_url) as store:
        ingest(store, SAMPLE)
        old = {r["event_id"] for r in store.all_events() if r["doc_id"] == "st-01a"}
        others = {r["event_id"]: r["cluster_id"] for r in store.all_events() if r["doc_id"] != "st-01a"}
        path, new = _changed_sample(tmp_path)
        expected = {r["event_id"]: r for r in extract([new])}
        assert set(expected) != old  # the change is one extraction sees
        rep = ingest(store, path)
        assert (rep.new, rep.updated, rep.unchanged) == (0, 1, 0)
        assert (rep.events_removed, rep.events_added) == (len(old), len(expected))
        doc = store.document("st-01a")
        assert doc["version"] == 2 and "تل تمر" in doc["text"]
        now = {r["event_id"]: r for r in store.all_events() if r["doc_id"] == "st-01a"}
        assert set(now) == set(expected)
        assert not (old - set(expected)) & {r["event_id"] for r in store.all_events()}  # old events gone
        for eid, r in now.items():  # the new version's records, as extract gives them
            assert {k: v for k, v in r.items() if k != "cluster_id"} == \
                {k: v for k, v in expected[eid].items() if k != "cluster_id"}
        for e in doc["events"]:  # evidence points into the new text
            for span in e["evidence"]:
                assert doc["text"][span["start"]:span["end"]] == span["text"]
        # stored records of other documents keep their cluster ids
        assert {r["event_id"]: r["cluster_id"] for r in store.all_events() if r["doc_id"] != "st-01a"} == others
        check_integrity(store)
        with store.reading() as c:
            assert c.execute(sa.select(sa.func.count()).select_from(S.documents)).scalar_one() == 62
            assert c.execute(sa.select(sa.func.count()).select_from(S.evidence)
                             .where(S.evidence.c.event_id.in_(old - set(expected)))).scalar_one() == 0
        # the same new version again: nothing changes
        assert ingest(store, path).unchanged == 1
        assert store.document("st-01a")["version"] == 2


def test_incremental_ingest_in_small_batches_links_like_one_batch(tmp_path, sample_records):
    """Batches of 5 documents, each linked against what is stored: the same events, and every story
    told by several outlets still one cluster."""
    with Store(tmp_path / "x.db") as store:
        ingest(store, SAMPLE, batch_size=5)
        stored = store.all_events()
        check_integrity(store)
    assert set(by_id(stored)) == set(by_id(sample_records))

    def partition(recs: list[dict[str, Any]]) -> set[frozenset[str]]:
        groups: dict[str, set[str]] = {}
        for r in recs:
            groups.setdefault(r["cluster_id"], set()).add(r["event_id"])
        return {frozenset(g) for g in groups.values()}

    one_batch = {g for g in partition(sample_records) if len(g) > 1}
    assert one_batch  # the sample tells stories across outlets
    assert one_batch <= partition(stored)


def test_a_crash_mid_ingest_loses_only_its_batch(tmp_path, monkeypatch):
    import rasd.store.ingestion as ing

    calls = {"n": 0}
    real = ing.write_batch

    def failing(conn, docs, recs, **kw):  # noqa: ANN001, ANN003, ANN202
        calls["n"] += 1
        stats = real(conn, docs, recs, **kw)
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")  # after writing: the transaction must roll it back
        return stats

    monkeypatch.setattr(ing, "write_batch", failing)
    with Store(tmp_path / "x.db") as store:
        with pytest.raises(RuntimeError, match="disk on fire"):
            ingest(store, SAMPLE, batch_size=20)
        assert store.counts()["documents"] == 20  # the first batch, whole
        check_integrity(store)
        monkeypatch.setattr(ing, "write_batch", real)
        rep = ingest(store, SAMPLE, batch_size=20)
        assert (rep.unchanged, rep.new) == (20, 42)
        check_integrity(store)
    with Store(tmp_path / "clean.db") as clean:
        ingest(clean, SAMPLE, batch_size=20)
        assert set(by_id(clean.all_events())) == set(by_id(Store(tmp_path / "x.db").all_events()))


def test_cli_ingest_reports_bad_documents_by_line_and_goes_on(tmp_path):
    docs = load_jsonl(SAMPLE)[:3]
    lines = [json.dumps(docs[0], ensure_ascii=False), "{not json", json.dumps({"text": "بلا معرف"}, ensure_ascii=False),
             json.dumps({"id": "empty", "text": "  "}), json.dumps(docs[1], ensure_ascii=False),
             json.dumps(dict(docs[2], id="copy-of-" + docs[1]["id"], text=docs[1]["text"], source=docs[1].get("source"),
                             url=docs[1].get("url"), published=docs[1].get("published")), ensure_ascii=False)]
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    r = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--quiet"])
    assert r.exit_code == EXIT_SKIPPED, r.output
    assert f"{src}:2" in r.output and "invalid JSON" in r.output
    assert f"{src}:3" in r.output and "missing 'id'" in r.output
    assert "'empty'" in r.output and "empty text" in r.output
    assert "the same content as document" in r.output
    assert "Traceback" not in r.output
    with Store(db) as store:
        assert store.counts()["documents"] == 2
        assert store.document(docs[0]["id"]) and store.document(docs[1]["id"])
    r2 = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--quiet"])
    assert "documents unchanged" in r2.output and "│                                           2 │" not in r2.output
    assert "events in the store" in r2.output


def test_cli_ingest_on_a_database_it_cannot_open(tmp_path):
    r = runner.invoke(app, ["ingest", str(SAMPLE), "--db", "mysql://nobody@nowhere/x"])
    assert r.exit_code == 2 and "unsupported database" in r.output and "Traceback" not in r.output


# --------------------------------------------------------------------------- records in = records out

# any text a JSON document can carry, but lone surrogates (not UTF-8) and NUL (which PostgreSQL text
# refuses: text columns hold U+FFFD in its place, as the document text checked below)
text_st = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
maybe = lambda s: st.none() | s  # noqa: E731
day_st = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
actor_st = st.fixed_dictionaries({"name": text_st, "name_ar": text_st,
                                  "type": st.sampled_from(["state", "rebel", "civilians", "unknown"])})
person_st = st.fixed_dictionaries({"name": text_st, "name_ar": st.text(st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي "),
                                                                       min_size=3, max_size=20),
                                   "aliases": st.lists(text_st, max_size=2),
                                   "role": st.sampled_from(["killed", "leader", "other"]),
                                   "affiliation": maybe(text_st)})
floats = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def record_st(draw: st.DrawFn, n: int) -> dict[str, Any]:
    start = draw(maybe(day_st))
    end = None if start is None else start + timedelta(days=draw(st.sampled_from([0, 3, 30])))
    span_text = draw(text_st)
    return {
        "event_id": f"e{n}-" + draw(st.text("abcdef0123456789", min_size=1, max_size=8)),
        "doc_id": f"d{n % 3}", "cluster_id": draw(st.sampled_from(["c1", "c2", f"c-own-{n}"])),
        "salience": draw(st.sampled_from(["main", "background"])),
        "event_type": draw(st.sampled_from(["Battles", "Protests", "Strategic developments"])),
        "sub_event_type": draw(text_st), "event_date": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None, "time_precision": draw(maybe(st.integers(1, 3))),
        "date_text": draw(maybe(text_st)), "country": draw(maybe(text_st)), "iso": draw(maybe(st.sampled_from(["SY", "IQ"]))),
        "admin1": draw(maybe(text_st)), "admin1_code": draw(maybe(st.sampled_from(["SY-DR", "IQ-BG"]))),
        "admin2": draw(maybe(text_st)), "location": draw(maybe(text_st)), "location_ar": draw(maybe(text_st)),
        "latitude": draw(maybe(st.floats(-90, 90))), "longitude": draw(maybe(st.floats(-180, 180))),
        "geo_precision": draw(maybe(st.integers(1, 3))),
        "actor1": draw(maybe(actor_st)), "actor2": draw(maybe(actor_st)), "assoc_actors": draw(st.lists(actor_st, max_size=2)),
        "persons": draw(st.lists(person_st, max_size=2)),
        "fatalities": draw(maybe(st.integers(0, 10**6))), "fatalities_low": draw(maybe(st.integers(0, 10**6))),
        "fatalities_high": draw(maybe(st.integers(0, 10**6))), "injuries": draw(maybe(st.integers(0, 10**6))),
        "reported_by": draw(st.lists(text_st, max_size=2)),
        "evidence": [{"text": span_text, "start": 0, "end": len(span_text)}],
        "notes": draw(text_st), "source": draw(maybe(text_st)), "url": draw(maybe(text_st)),
        "published": draw(maybe(day_st.map(date.isoformat))), "extra": {"nested": [draw(floats), draw(text_st)]},
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=6, unique=True).flatmap(
    lambda ns: st.tuples(*(record_st(n) for n in ns))))
def test_records_in_are_records_out(db_url, recs):
    recs = list({r["event_id"]: r for r in recs}.values())
    with Store(db_url) as store:
        with store.writing() as c:  # a clean slate for every example
            for t in reversed(S.metadata.sorted_tables):
                c.execute(sa.delete(t))
        docs = [DocumentRow(id=d, sha256=d * 8, raw="", text="\x00نص" + d) for d in sorted({r["doc_id"] for r in recs})]
        with store.writing() as c:
            write_batch(c, docs, recs)
        assert by_id(store.all_events()) == by_id(recs)
        for r in recs:
            assert store.event(r["event_id"])["event_id"] == r["event_id"]
        check_integrity(store)
        from rasd.link import build_clusters, build_persons
        assert {c["cluster_id"]: c for c in store.clusters(limit=500)["items"]} == \
            {c["cluster_id"]: c for c in build_clusters(recs)}
        assert store.persons(limit=500)["items"] == build_persons(sorted(
            (r for r in recs if r["persons"]), key=lambda r: r["event_id"]))
        assert store.document(docs[0].id)["text"] == "\ufffdنص" + docs[0].id  # NUL stored as one U+FFFD, offsets kept
        assert store.events(EventFilter(), limit=500)["total"] == len(recs)


def test_a_document_that_breaks_extraction_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    import rasd.store.ingestion as ing

    real = ing.run_one

    def flaky(raw):  # noqa: ANN001, ANN202
        if raw.id == "st-01b":
            raise IndexError("list index out of range")
        return real(raw)

    monkeypatch.setattr(ing, "run_one", flaky)
    with Store(tmp_path / "x.db") as store:
        rep = ingest(store, SAMPLE)
        assert rep.new == 61 and rep.skipped == 2
        assert any("'st-01b'" in p and "internal error in extraction: IndexError" in p for p in rep.problems)
        assert store.document("st-01b") is None and store.document("st-01a") is not None
        monkeypatch.setattr(ing, "run_one", real)
        assert ingest(store, SAMPLE).new == 1  # it is read when it can be


def test_input_that_no_database_text_can_hold_is_stored_all_the_same(db_url, tmp_path):
    """A lone surrogate (JSON can escape one) in the text, and NUL in a source name."""
    doc = dict(load_jsonl(SAMPLE)[0], id="odd", source="Outlet\u0000 X")
    doc["text"] = doc["text"].replace("قُتل", "قُتل\ud800", 1)
    src = tmp_path / "odd.jsonl"
    src.write_text(json.dumps(doc) + "\n", encoding="ascii")  # ensure_ascii: the surrogate as an escape
    with Store(db_url) as store:
        rep = ingest(store, src)
        assert rep.new == 1 and not rep.problems
        stored = store.document("odd")
        assert "\ufffd" in stored["text"] and stored["source"] == "Outlet\ufffd X"
        for e in stored["events"]:
            for span in e["evidence"]:
                assert stored["text"][span["start"]:span["end"]] == span["text"].replace("\ud800", "\ufffd")
        assert ingest(store, src).unchanged == 1

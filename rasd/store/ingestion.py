"""Ingest: documents in, extracted, linked against what is stored, and stored, a batch per transaction.

Idempotent: a document whose content (the fields extraction reads) is stored already is not read
again, under its own id (``unchanged``) or another (``duplicate``); the same id with new content is a
new version, whose old events, evidence, actor rows and cluster memberships are replaced in the
batch's transaction. Existing cluster ids never change: new records join stored clusters through
``rasd.link.link(..., existing=...)`` with the stored records near them in time and place.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasd.io import InputProblem, RawDoc, read_input, short_reason
from rasd.pipeline import Outcome, run_one, submit_chunks
from rasd.store.schema import documents, events
from rasd.store.write import DocumentRow, analyze, chunks, persons_due, rebuild_persons, write_batch

if TYPE_CHECKING:
    from rasd.store import Store

HASHED_FIELDS = ("text", "html", "published", "source", "url", "lang")
SLACK = timedelta(days=1)  # linking joins reports whose dates meet give or take a day (rasd.link.similarity)
GAP = timedelta(days=3)  # windows of a batch this close are read in one query
SPAN = timedelta(days=31)  # stored windows up to this wide are found by an index range on their first day
UNDATED_POOL = 400  # stored records of one type family and region loaded for an undated new record
INGEST_LOCK = 0x72617365  # PostgreSQL advisory lock held by a writing ingest transaction
JOINED = "="  # marks the ids of stored clusters while linking (new ids start with "c")


def content_hash(fields: dict[str, Any]) -> str:
    """sha256 of the fields extraction reads (the text or HTML, publication date, source, URL, language)."""
    canon = {k: fields.get(k) for k in HASHED_FIELDS if fields.get(k) is not None}
    canon["lang"] = canon.get("lang") or "ar"
    s = json.dumps(canon, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(s.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class IngestReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: int = 0
    events_added: int = 0
    events_removed: int = 0
    batches: int = 0
    problems: list[str] = field(default_factory=list)
    skip_reasons: Counter[str] = field(default_factory=Counter)  # why documents were skipped, and how many
    traces: list[str] = field(default_factory=list)  # tracebacks of internal errors (rasd ingest --debug)
    notices: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)


def count_documents(path: str | Path) -> int:
    """How many documents ``path`` holds, for a progress bar (lines of a JSONL file, files of a folder)."""
    p = Path(path)
    try:
        if p.is_dir():
            return sum(1 for f in p.iterdir() if f.is_file() and f.suffix.lower() in {".txt", ".html", ".htm"})
        with open(p, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 0


def ingest(store: Store, path: str | Path, workers: int = 1, batch_size: int = 200,
           on_problem: Callable[[str], None] | None = None, on_notice: Callable[[str], None] | None = None,
           on_progress: Callable[[int], None] | None = None, executor: Executor | None = None) -> IngestReport:
    """Ingest a JSON Lines file or a folder of documents (see ``rasd.io.read_input``)."""
    return ingest_items(store, read_input(path), workers, batch_size, on_problem, on_notice, on_progress, executor)


def _batches(items: Iterable[RawDoc | InputProblem], n: int) -> Iterator[list[RawDoc | InputProblem]]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


def ingest_items(store: Store, items: Iterable[RawDoc | InputProblem], workers: int = 1, batch_size: int = 200,
                 on_problem: Callable[[str], None] | None = None, on_notice: Callable[[str], None] | None = None,
                 on_progress: Callable[[int], None] | None = None,
                 executor: Executor | None = None) -> IngestReport:
    """Ingest documents ``batch_size`` at a time, each batch in one transaction: a failure loses only the
    batch it happens in. Unreadable documents are reported through ``on_problem`` and skipped; copies
    of stored documents under another id through ``on_notice``.

    Documents are extracted in this process, in ``workers`` processes, or on ``executor`` (e.g. a
    Dask cluster's, ``rasd.distributed``); linking and writing happen here, one batch at a time."""
    if batch_size < 1:
        raise ValueError("batch_size must be 1 or more")
    report = IngestReport()

    def problem(msg: str) -> None:
        report.problems.append(msg)
        if on_problem:
            on_problem(msg)

    def notice(msg: str) -> None:
        report.notices.append(msg)
        if on_notice:
            on_notice(msg)

    def advance(n: int = 1) -> None:
        if on_progress and n:
            on_progress(n)

    # a pipeline of two batches: while the workers extract one, this process links and writes the one
    # before it; one pool of workers for the whole ingest
    pool = executor or _pool(workers)
    pending: _Pending | None = None
    try:
        for batch in _batches(items, batch_size):
            raws = [it for it in batch if isinstance(it, RawDoc)]
            todo = _classify(store, raws, report, notice, pending.hashes if pending else {})
            nxt = _Pending(batch, todo, extract_all([r for r, _ in todo], workers, pool))
            if pending is not None:
                _finish(store, pending, report, problem, notice, advance)
            pending = nxt
        if pending is not None:
            _finish(store, pending, report, problem, notice, advance)
    finally:
        if pool is not None and executor is None:
            pool.shutdown(cancel_futures=True)
    with store.writing() as conn:
        if conn.dialect.name == "postgresql":  # two ingests rebuilding the persons at once: one at a time
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK})
        if persons_due(conn):
            rebuild_persons(conn)
    if report.new or report.updated:
        analyze(store.engine)
    report.totals = store.counts()
    return report


@dataclass
class _Pending:
    """A batch whose documents are being extracted: its input, what is to be read, and the outcomes."""

    batch: list[RawDoc | InputProblem]
    todo: list[tuple[RawDoc, str]]
    outcomes: Iterator[Outcome]

    @property
    def hashes(self) -> dict[str, str]:
        return {h: r.id for r, h in self.todo}


def _finish(store: Store, p: _Pending, report: IngestReport, problem: Callable[[str], None],
            notice: Callable[[str], None], advance: Callable[[int], None]) -> None:
    n_raw = 0
    for it in p.batch:
        if isinstance(it, InputProblem):
            report.skipped += 1
            report.skip_reasons[short_reason(it.reason)] += 1
            problem(str(it))
            advance(1)
        else:
            n_raw += 1
    advance(n_raw - len(p.todo))
    if p.todo:
        _ingest_batch(store, p.todo, p.outcomes, report, problem, notice, advance)
    report.batches += 1


def _classify(store: Store, raws: list[RawDoc], report: IngestReport, notice: Callable[[str], None],
              in_flight: dict[str, str]) -> list[tuple[RawDoc, str]]:
    """The documents to read, with their content hashes: new ones and new versions. Unchanged ones
    and copies are counted. ``in_flight``: hash -> document id of the batch being extracted, not
    stored yet."""
    hashes = {r.id: content_hash(r.fields) for r in raws}
    stored: dict[str, str] = {}
    by_hash: dict[str, str] = {}
    with store.reading() as conn:
        for part in chunks(list(hashes)):
            stored.update(conn.execute(sa.select(documents.c.id, documents.c.sha256)
                                       .where(documents.c.id.in_(part))).all())
        for part in chunks(sorted(set(hashes.values()))):
            for doc_id, sha in conn.execute(sa.select(documents.c.id, documents.c.sha256)
                                            .where(documents.c.sha256.in_(part)).order_by(documents.c.id)):
                by_hash.setdefault(sha, doc_id)
    todo: list[tuple[RawDoc, str]] = []
    seen: dict[str, str] = {}
    for r in raws:
        h = hashes[r.id]
        if stored.get(r.id) == h or in_flight.get(h) == r.id:
            report.unchanged += 1
            continue
        twin = by_hash.get(h) if by_hash.get(h) != r.id else None
        twin = twin or seen.get(h) or in_flight.get(h)
        if twin is not None:
            report.duplicates += 1
            notice(f"document {r.id!r} ({r.origin}): the same content as document {twin!r}")
            continue
        seen[h] = r.id
        todo.append((r, h))
    return todo


def _ingest_batch(store: Store, todo: list[tuple[RawDoc, str]], outcomes: Iterator[Outcome], report: IngestReport,
                  problem: Callable[[str], None], notice: Callable[[str], None],
                  advance: Callable[[int], None]) -> None:
    from rasd.link import link

    hashes = {r.id: h for r, h in todo}
    origins = {r.id: r.origin for r, _ in todo}
    docs: list[DocumentRow] = []
    recs: list[dict[str, Any]] = []
    for res in outcomes:
        advance(1)
        for w in res.warnings:
            notice(res.describe(w))
        if res.problem or res.document is None:
            report.skipped += 1
            report.skip_reasons[short_reason(res.problem or "")] += 1
            if res.trace:
                report.traces.append(f"{res.describe()}\n{res.trace}")
            problem(res.describe())
            continue
        d = res.document
        docs.append(DocumentRow(id=d.id, sha256=hashes[d.id], raw=d.raw, text=d.text, source=d.source, url=d.url,
                                published=d.published, published_inferred=d.published_inferred))
        recs.extend(r.to_json() for r in res.records)
    if not docs:
        return
    with store.writing() as conn:
        # another ingest may have stored some of these documents since they were classified: the
        # check is made again under the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory
        # lock held to the end of the transaction), so no document is stored twice
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK})
        docs = _still_to_store(conn, docs, origins, report, notice)
        if not docs:
            return
        ids = [d.id for d in docs]
        keep = set(ids)
        recs = [r for r in recs if r["doc_id"] in keep]
        # stored clusters are passed under marked ids, so that joining one can be told from a new
        # cluster whose id happens to be a stored one's
        existing = [dict(r, cluster_id=JOINED + r["cluster_id"]) for r in link_context(conn, recs, exclude_docs=ids)]
        linked = link(recs, existing=existing, summaries=False)  # write_batch summarizes the clusters it touches
        for p in linked.problems:
            problem(f"linking: {p}")
        stats = write_batch(conn, docs, _final_cluster_ids(conn, linked.records, ids), persons=False)
    report.new += stats.documents_new
    report.updated += stats.documents_updated
    report.events_added += stats.events_added
    report.events_removed += stats.events_removed


def _still_to_store(conn: Connection, docs: list[DocumentRow], origins: dict[str, str], report: IngestReport,
                    notice: Callable[[str], None]) -> list[DocumentRow]:
    """``docs`` less those whose content is stored by now, under their id or another."""
    stored: dict[str, str] = {}
    by_hash: dict[str, str] = {}
    for part in chunks([d.id for d in docs]):
        stored.update(conn.execute(sa.select(documents.c.id, documents.c.sha256).where(documents.c.id.in_(part))).all())
    for part in chunks(sorted({d.sha256 for d in docs})):
        for doc_id, sha in conn.execute(sa.select(documents.c.id, documents.c.sha256)
                                        .where(documents.c.sha256.in_(part)).order_by(documents.c.id)):
            by_hash.setdefault(sha, doc_id)
    out = []
    for d in docs:
        if stored.get(d.id) == d.sha256:
            report.unchanged += 1
        elif by_hash.get(d.sha256) not in (None, d.id):
            report.duplicates += 1
            notice(f"document {d.id!r} ({origins.get(d.id, '?')}): the same content as document "
                   f"{by_hash[d.sha256]!r}")
        else:
            out.append(d)
    return out


def extract_one(raw: RawDoc) -> Outcome:
    """``rasd.pipeline.run_one``, which reports whatever goes wrong in a document as the Outcome's
    problem; should anything escape it all the same, that too is one skipped document."""
    try:
        return run_one(raw)
    except Exception as e:  # noqa: BLE001 - reported, and the batch goes on
        import traceback

        return Outcome(raw.id, raw.origin, [], f"internal error in extraction: {e.__class__.__name__}: {e}",
                       trace=traceback.format_exc())


def extract_many(raws: list[RawDoc]) -> list[Outcome]:
    return [extract_one(r) for r in raws]


def _warm() -> None:
    from rasd.workers import worker_init

    worker_init()


def _pool(workers: int) -> Executor | None:
    if workers <= 1:
        return None
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_warm)


def extract_all(raws: list[RawDoc], workers: int = 1, pool: Executor | None = None) -> Iterator[Outcome]:
    """The outcomes of ``raws`` in their order, extracted in ``workers`` processes (of ``pool`` where
    one is given: the work is submitted now, and the outcomes are read as they come)."""
    if pool is not None:
        return submit_chunks(pool, extract_many, raws, max(1, min(32, len(raws) // (4 * max(workers, 2)))))
    if workers <= 1 or len(raws) < 2:
        return map(extract_one, raws)
    return _extract_in_new_pool(raws, workers)


def _extract_in_new_pool(raws: list[RawDoc], workers: int) -> Iterator[Outcome]:
    with _pool(workers) as ex:  # type: ignore[union-attr]
        yield from ex.map(extract_one, raws, chunksize=8)


def _final_cluster_ids(conn: Connection, recs: list[dict[str, Any]], replaced: list[str]) -> list[dict[str, Any]]:
    """Records that joined a stored cluster take its id; a new cluster whose id (made from its first
    event id) is a stored cluster's (one that a document's old version was in, with other documents)
    gets an id of its own."""
    out = []
    fresh: set[str] = set()
    for r in recs:
        cid = r["cluster_id"]
        if cid.startswith(JOINED):
            out.append(dict(r, cluster_id=cid[len(JOINED):]))
        else:
            fresh.add(cid)
            out.append(r)
    taken: set[str] = set()
    for part in chunks(sorted(fresh)):
        stmt = sa.select(events.c.cluster_id).where(events.c.cluster_id.in_(part)).distinct()
        for rpart in chunks(replaced):
            stmt = stmt.where(events.c.doc_id.not_in(rpart))
        taken.update(conn.execute(stmt).scalars())
    if not taken:
        return out
    rename = {}
    for cid in sorted(taken):
        k = 0
        alt = cid
        while alt in taken or alt in fresh or conn.execute(
                sa.select(events.c.event_id).where(events.c.cluster_id == alt).limit(1)).first():
            k += 1
            alt = "c" + hashlib.sha1(f"{cid}:{k}".encode()).hexdigest()[:15]
        rename[cid] = alt
    return [dict(r, cluster_id=rename.get(r["cluster_id"], r["cluster_id"])) for r in out]


def _family_types(event_type: str) -> list[str]:
    from rasd.link import VIOLENT

    if event_type in VIOLENT:
        return sorted(VIOLENT)
    if event_type in {"Protests", "Riots"}:
        return ["Protests", "Riots"]
    return [event_type]


def link_context(conn: Connection, recs: list[dict[str, Any]], exclude_docs: list[str]) -> list[dict[str, Any]]:
    """The stored records that linking ``recs`` can join, found through the store's indexes on type,
    province and date (the blocking keys of ``rasd.link``), so that a batch reads its neighbourhood and
    not the store: for a dated record, the stored ones of its type family and province (or of its
    country where it names no province) whose dates meet its own give or take a day; the undated ones
    of its places; for an undated new record the latest of its type family and place; and all the
    other records of the clusters these belong to (a cluster is judged whole)."""
    windows: dict[tuple[str, ...], list[tuple[date, date, str | None, str | None]]] = {}
    regions: set[str] = set()
    undated_keys: set[tuple[str, str]] = set()
    for r in recs:
        start = _day(r.get("event_date"))
        end = _day(r.get("date_end")) or start
        region = r.get("admin1_code") or r.get("iso")
        if region:
            regions.add(region)
        if start and end:
            windows.setdefault(tuple(_family_types(r["event_type"])), []).append(
                (start - SLACK, max(start, end) + SLACK, r.get("admin1_code"), r.get("iso")))
        else:
            undated_keys.add((r["event_type"], region or ""))
    e = events.c
    excluded = set(exclude_docs)
    found: dict[str, dict[str, Any]] = {}

    def load(stmt: sa.Select[Any]) -> None:
        for eid, rec in conn.execute(stmt):
            if rec.get("doc_id") not in excluded:
                found.setdefault(eid, rec)

    base = sa.select(e.event_id, e.record)
    lo_all = hi_all = None
    for types, items in sorted(windows.items()):
        for lo, hi, provinces, countries, anywhere in _merged(items):
            lo_all = lo if lo_all is None else min(lo_all, lo)
            hi_all = hi if hi_all is None else max(hi_all, hi)
            # windows up to SPAN days wide, by an index range on the first day
            near = base.where(e.event_type.in_(types), e.event_date >= lo - SPAN, e.event_date <= hi, e.date_end >= lo)
            if anywhere:  # a new record placed nowhere: any stored one of the days
                load(near.order_by(e.event_id))
                continue
            for part in chunks(sorted(provinces)):  # the same province
                load(near.where(e.admin1_code.in_(part)).order_by(e.event_id))
            for part in chunks(sorted(countries)):  # placed only in a country: any province of it
                load(near.where(e.iso.in_(part)).order_by(e.event_id))
            load(near.where(e.admin1_code.is_(None)).order_by(e.event_id))  # stored ones placed in no province
    if lo_all is not None and hi_all is not None:  # the few wider windows (months, years) that meet the batch's
        load(base.where(e.span_days > SPAN.days, e.event_date <= hi_all, e.date_end >= lo_all).order_by(e.event_id))
    region_list = sorted(regions)
    undated = [sa.and_(e.admin1_code.is_(None), e.iso.is_(None))]
    for part in chunks(region_list):
        undated += [e.admin1_code.in_(part), e.iso.in_(part)]
    load(base.where(e.event_date.is_(None), sa.or_(*undated)).order_by(e.event_id))
    keep = [e.doc_id.not_in(part) for part in chunks(exclude_docs)]  # the pool is counted without them
    for et, region in sorted(undated_keys):
        where = [e.event_type.in_(_family_types(et))]
        if region:
            where.append(sa.or_(e.admin1_code == region, e.iso == region))
        load(base.where(*where, *keep).order_by(e.event_date.desc().nulls_last(), e.event_id).limit(UNDATED_POOL))
    for part in chunks(sorted({r["cluster_id"] for r in found.values()})):
        load(base.where(e.cluster_id.in_(part)).order_by(e.event_id))
    return sorted(found.values(), key=lambda r: r["event_id"])


def _merged(items: list[tuple[date, date, str | None, str | None]]
            ) -> list[tuple[date, date, set[str], set[str], bool]]:
    """Date windows of new records that meet or nearly meet (GAP) merged, each with the provinces
    of its records, the countries of those placed in no province, and whether one is placed nowhere."""
    out: list[tuple[date, date, set[str], set[str], bool]] = []
    for lo, hi, admin1, iso in sorted(items, key=lambda x: (x[0], x[1], x[2] or "", x[3] or "")):
        if out and lo <= out[-1][1] + GAP:
            plo, phi, provinces, countries, anywhere = out[-1]
            out[-1] = (plo, max(phi, hi), provinces, countries, anywhere)
        else:
            provinces, countries = set(), set()
            out.append((lo, hi, provinces, countries, False))
        if admin1:
            provinces.add(admin1)
        elif iso:
            countries.add(iso)
        else:
            out[-1] = (*out[-1][:4], True)
    return out


def _day(v: Any) -> date | None:
    try:
        return date.fromisoformat(v[:10]) if isinstance(v, str) else None
    except ValueError:
        return None

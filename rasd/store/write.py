"""Writing to the store, inside the caller's transaction: documents with their events, the clusters
those events touch (recomputed with ``rasd.link.cluster_summary``) and the person registry (rebuilt
with ``rasd.link.build_persons`` from the stored records that name someone)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from rasd.normalize import normalize
from rasd.store.schema import (
    claims,
    clusters,
    contradictions,
    documents,
    event_actors,
    event_search,
    events,
    evidence,
    person_aliases,
    person_events,
    persons,
    store_state,
)

T = TypeVar("T")
PERSONS_DUE = 2  # the store_state row that says the person registry awaits a rebuild (1) or not (0)
CHUNK = 500  # ids per IN (...) list
INT64 = 2**63 - 1


@dataclass
class DocumentRow:
    """One document as stored: ``text`` is the cleaned text that every evidence offset points into."""

    id: str
    sha256: str
    raw: str
    text: str
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_inferred: str | None = None


@dataclass
class WriteStats:
    documents_new: int = 0
    documents_updated: int = 0
    events_added: int = 0
    events_removed: int = 0
    clusters_written: int = 0
    clusters_removed: int = 0
    persons_rebuilt: bool = False


# --------------------------------------------------------------------------- values


def chunks(seq: Sequence[T], n: int = CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def text(v: Any) -> str | None:
    """A string a database can hold: NUL and lone surrogates (which PostgreSQL and UTF-8 refuse) become
    U+FFFD, one character for one, so offsets into the text stay right."""
    if v is None:
        return None
    s = v if isinstance(v, str) else str(v)
    if "\x00" in s:
        s = s.replace("\x00", "\ufffd")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)
    return s


def day(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    if not isinstance(v, str) or len(v) < 10:
        return None
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def integer(v: Any) -> int | None:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    if isinstance(v, float) and not math.isfinite(v):
        return None
    i = int(v)
    return i if -INT64 <= i <= INT64 else None


def number(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    f = float(v)
    return f if math.isfinite(f) else None


def search_text(parts: Iterable[Any]) -> str:
    """Normalized (``rasd.normalize``: lower case, Arabic letter forms folded) text to search in, one line
    per part so that no search term matches across two parts."""
    return text("\n".join(_normalize_short(p) if len(p) <= 80 else normalize(p)
                          for p in parts if isinstance(p, str) and p.strip())) or ""


_normalize_short = lru_cache(maxsize=65_536)(normalize)  # names and places come back batch after batch


def _actors(r: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for role, a in (("actor1", r.get("actor1")), ("actor2", r.get("actor2")),
                    *(("assoc", a) for a in (r.get("assoc_actors") or []))):
        if isinstance(a, dict) and (a.get("name") or a.get("name_ar")):
            out.append((role, a))
    return out


def event_rows(r: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The events row of a record, its search row, and its evidence and actor rows."""
    eid = r["event_id"]
    spans = [e for e in (r.get("evidence") or []) if isinstance(e, dict)]
    acts = _actors(r)
    start = day(r.get("event_date"))
    end = day(r.get("date_end")) or start
    row = {
        "event_id": eid, "doc_id": r["doc_id"], "cluster_id": r["cluster_id"],
        "salience": text(r.get("salience")) or "main",
        "event_type": text(r["event_type"]), "sub_event_type": text(r.get("sub_event_type")) or "",
        "event_date": start, "date_end": end, "span_days": (end - start).days if start and end else None,
        "time_precision": integer(r.get("time_precision")), "date_text": text(r.get("date_text")),
        "country": text(r.get("country")), "iso": text(r.get("iso")), "admin1": text(r.get("admin1")),
        "admin1_code": text(r.get("admin1_code")), "admin2": text(r.get("admin2")),
        "location": text(r.get("location")), "location_ar": text(r.get("location_ar")),
        "latitude": number(r.get("latitude")), "longitude": number(r.get("longitude")),
        "geo_precision": integer(r.get("geo_precision")),
        "fatalities": integer(r.get("fatalities")), "fatalities_low": integer(r.get("fatalities_low")),
        "fatalities_high": integer(r.get("fatalities_high")), "injuries": integer(r.get("injuries")),
        "notes": text(r.get("notes")), "source": text(r.get("source")), "url": text(r.get("url")),
        "published": day(r.get("published")),
        "n_persons": sum(1 for p in (r.get("persons") or []) if isinstance(p, dict)),
        "record": r,
    }
    search = {"event_id": eid,
              "text": search_text([r.get("notes"), r.get("location"), r.get("location_ar"), r.get("admin2"),
                                   r.get("admin1"), r.get("country"),
                                   *(x for _, a in acts for x in (a.get("name"), a.get("name_ar"))),
                                   *(e.get("text") for e in spans)])}
    ev_rows = [{"event_id": eid, "position": i, "start": integer(e.get("start")) or 0,
                "end": integer(e.get("end")) or 0, "text": text(e.get("text")) or ""}
               for i, e in enumerate(spans)]
    act_rows = [{"event_id": eid, "position": i, "role": role, "name": text(a.get("name")) or "",
                 "name_ar": text(a.get("name_ar")) or "", "type": text(a.get("type")),
                 "search": search_text([a.get("name"), a.get("name_ar")])}
                for i, (role, a) in enumerate(acts)]
    return row, search, ev_rows, act_rows


def cluster_rows(c: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The clusters row of a cluster (``rasd.link.cluster_summary``), and its claim and contradiction rows."""
    k = c["consensus"]
    start = day(k.get("event_date"))
    end = day(k.get("date_end")) or start
    row = {
        "cluster_id": c["cluster_id"], "n_reports": c["n_reports"], "event_ids": c["event_ids"],
        "doc_ids": c["doc_ids"], "sources": c["sources"], "consensus": k,
        "event_type": text(k.get("event_type")) or "", "sub_event_type": text(k.get("sub_event_type")) or "",
        "event_date": start, "date_end": end, "span_days": (end - start).days if start and end else None,
        "iso": text(k.get("iso")), "admin1_code": text(k.get("admin1_code")),
        "latitude": number(k.get("latitude")), "longitude": number(k.get("longitude")),
        "fatalities": integer(k.get("fatalities")), "salience": text(k.get("salience")) or "main",
    }
    cl = [{"cluster_id": c["cluster_id"], "field": f, "position": i, "event_id": x["event_id"],
           "doc_id": x["doc_id"], "source": text(x.get("source")) or "", "value": x.get("value")}
          for f, lst in c["claims"].items() for i, x in enumerate(lst)]
    co = [{"cluster_id": c["cluster_id"], "position": i, "field": x["field"], "text": text(x.get("text")) or "",
           "values": x.get("values") or []}
          for i, x in enumerate(c["contradictions"])]
    return row, cl, co


# --------------------------------------------------------------------------- writing


def _ids_in(col: sa.ColumnElement[Any], ids: Sequence[str]) -> Iterator[sa.ColumnElement[bool]]:
    for part in chunks(list(ids)):
        yield col.in_(part)


def delete_events(conn: Connection, event_ids: Sequence[str]) -> None:
    """Events with their evidence, actor rows and person links."""
    for cond_ids in chunks(list(event_ids)):
        for t in (person_events, evidence, event_actors, event_search):
            conn.execute(sa.delete(t).where(t.c.event_id.in_(cond_ids)))
        conn.execute(sa.delete(events).where(events.c.event_id.in_(cond_ids)))


def records_of_clusters(conn: Connection, cluster_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for cond in _ids_in(events.c.cluster_id, sorted(set(cluster_ids))):
        for cid, rec in conn.execute(sa.select(events.c.cluster_id, events.c.record).where(cond)):
            out[cid].append(rec)
    return out


def write_batch(conn: Connection, docs: Sequence[DocumentRow], records: Sequence[dict[str, Any]],
                now: datetime | None = None, persons: bool = True) -> WriteStats:
    """Store ``docs`` (new documents, or new versions of stored ones, whose old events, evidence, actor
    rows and cluster memberships go) with their linked ``records`` (every one with a ``cluster_id``),
    recompute the clusters that gained or lost a record, and rebuild the persons when a record that
    came or went names one. Runs in the caller's transaction: all of it is stored, or none.

    ``persons=False`` (an ingest of many batches): the rebuild, which reads every stored record that
    names someone, is not done here but marked as due (``persons_due``), in the same transaction, for
    ``rebuild_persons`` once the batches are in."""
    stats = WriteStats()
    now = now or datetime.now(UTC)
    by_id = {d.id: d for d in docs}
    if len(by_id) != len(docs):
        raise ValueError("a document is given twice in one batch")
    for r in records:
        if r.get("doc_id") not in by_id:
            raise ValueError(f"record {r.get('event_id')!r} belongs to no document of this batch")
        if not r.get("cluster_id"):
            raise ValueError(f"record {r.get('event_id')!r} has no cluster_id (link the records first)")
    ids = list(by_id)
    versions: dict[str, int] = {}
    for cond in _ids_in(documents.c.id, ids):
        versions.update(conn.execute(sa.select(documents.c.id, documents.c.version).where(cond)).all())

    # the old versions' events go
    old: list[tuple[str, str, int]] = []
    for cond in _ids_in(events.c.doc_id, list(versions)):
        old.extend(conn.execute(sa.select(events.c.event_id, events.c.cluster_id, events.c.n_persons)
                                .where(cond)).all())
    delete_events(conn, [e for e, _, _ in old])
    stats.events_removed = len(old)

    # documents: new rows, or the next version of stored ones
    new_rows, updated_rows = [], []
    for d in docs:
        row = {"sha256": d.sha256, "raw": text(d.raw) or "", "text": text(d.text) or "", "source": text(d.source),
               "url": text(d.url), "published": d.published, "published_inferred": text(d.published_inferred),
               "ingested_at": now}
        if d.id in versions:
            updated_rows.append({"doc_id": d.id, "version": versions[d.id] + 1, **row})
        else:
            new_rows.append({"id": d.id, "version": 1, **row})
    if updated_rows:  # one statement, many parameter sets
        conn.execute(sa.update(documents).where(documents.c.id == sa.bindparam("doc_id")), updated_rows)
    stats.documents_updated = len(updated_rows)
    if new_rows:
        conn.execute(sa.insert(documents), new_rows)
    stats.documents_new = len(new_rows)

    # clusters that gain or lose a record: recomputed from all their records
    touched = {cid for _, cid, _ in old} | {r["cluster_id"] for r in records}
    members = records_of_clusters(conn, touched)
    for r in records:
        members[r["cluster_id"]].append(r)
    write_clusters(conn, touched, members)
    stats.clusters_written = sum(1 for cid in touched if members.get(cid))

    # the events
    ev_rows, search_rows, span_rows, actor_rows = [], [], [], []
    for r in records:
        e, q, s, a = event_rows(r)
        ev_rows.append(e)
        search_rows.append(q)
        span_rows.extend(s)
        actor_rows.extend(a)
    for t, rows in ((events, ev_rows), (event_search, search_rows), (evidence, span_rows),
                    (event_actors, actor_rows)):
        for part in chunks(rows, 2000):
            conn.execute(sa.insert(t), list(part))
    stats.events_added = len(ev_rows)

    empty = sorted(cid for cid in touched if not members.get(cid))
    for cond in _ids_in(clusters.c.cluster_id, empty):
        conn.execute(sa.delete(clusters).where(cond))
    stats.clusters_removed = len(empty)

    if any(n for _, _, n in old) or any(e["n_persons"] for e in ev_rows):
        if persons:
            rebuild_persons(conn)
            stats.persons_rebuilt = True
        else:
            _set_state(conn, PERSONS_DUE, 1)
    bump_generation(conn)
    return stats


def _set_state(conn: Connection, key: int, value: int) -> None:
    if conn.execute(sa.update(store_state).where(store_state.c.id == key).values(generation=value)).rowcount == 0:
        conn.execute(sa.insert(store_state).values(id=key, generation=value))


def persons_due(conn: Connection) -> bool:
    """Whether a write left the person registry to be rebuilt (``write_batch(..., persons=False)``)."""
    return bool(conn.execute(sa.select(store_state.c.generation).where(store_state.c.id == PERSONS_DUE)).scalar())


def bump_generation(conn: Connection) -> None:
    """Say that the data changed (readers' caches of derived values go stale)."""
    if conn.execute(sa.update(store_state).where(store_state.c.id == 1)
                    .values(generation=store_state.c.generation + 1)).rowcount == 0:
        conn.execute(sa.insert(store_state).values(id=1, generation=1))


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics after a large write (PostgreSQL: and the visibility map,
    so that counts and sorted pages read indexes only)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def write_clusters(conn: Connection, cluster_ids: Iterable[str], members: dict[str, list[dict[str, Any]]]) -> None:
    """(Re)write the rows of ``cluster_ids`` from their ``members``; a cluster without members keeps its
    row (without claims) until the caller deletes it, after its events are gone."""
    from rasd.link import cluster_summary

    ids = sorted(set(cluster_ids))
    stored: set[str] = set()
    for part in chunks(ids):
        stored.update(conn.execute(sa.select(clusters.c.cluster_id).where(clusters.c.cluster_id.in_(part))).scalars())
        conn.execute(sa.delete(claims).where(claims.c.cluster_id.in_(part)))
        conn.execute(sa.delete(contradictions).where(contradictions.c.cluster_id.in_(part)))
    inserts, updates, claim_rows, contra_rows = [], [], [], []
    for cid in ids:
        if not members.get(cid):
            continue
        row, cl, co = cluster_rows(cluster_summary(cid, members[cid]))
        claim_rows.extend(cl)
        contra_rows.extend(co)
        if cid in stored:
            updates.append({("cid" if k == "cluster_id" else k): v for k, v in row.items()})
        else:
            inserts.append(row)
    if updates:  # one statement, many parameter sets
        conn.execute(sa.update(clusters).where(clusters.c.cluster_id == sa.bindparam("cid")), updates)
    for t, rows in ((clusters, inserts), (claims, claim_rows), (contradictions, contra_rows)):
        for part in chunks(rows, 2000):
            conn.execute(sa.insert(t), list(part))


def rebuild_persons(conn: Connection) -> int:
    """The person registry anew from every stored record that names a person."""
    from rasd.link import build_persons

    recs = list(conn.execute(sa.select(events.c.record).where(events.c.n_persons > 0)
                             .order_by(events.c.event_id)).scalars())
    found = build_persons(recs)
    conn.execute(sa.delete(person_events))
    conn.execute(sa.delete(person_aliases))
    conn.execute(sa.delete(persons))
    prow, arow, erow = [], [], []
    for p in found:
        prow.append({"person_id": p["person_id"], "name": text(p["name"]) or "", "name_ar": text(p["name_ar"]) or "",
                     "roles": p["roles"], "affiliation": text(p.get("affiliation")),
                     "search": search_text([p["name"], p["name_ar"], *p["aliases"]])})
        arow.extend({"person_id": p["person_id"], "alias": a} for a in dict.fromkeys(text(a) for a in p["aliases"]))
        erow.extend({"person_id": p["person_id"], "event_id": e} for e in dict.fromkeys(p["event_ids"]))
    for t, rows in ((persons, prow), (person_aliases, arow), (person_events, erow)):
        for part in chunks(rows, 2000):
            conn.execute(sa.insert(t), list(part))
    _set_state(conn, PERSONS_DUE, 0)
    bump_generation(conn)  # the persons changed: what readers derived from them is stale
    return len(prow)

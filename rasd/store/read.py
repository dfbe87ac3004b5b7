"""Reading the store: the event filters (one function, used by the API, its exports and ``rasd export``),
pages of events, clusters and persons, and the objects of ``docs/api.md``.

Every query is built from SQLAlchemy expressions with bound parameters: user text reaches the
database only as a parameter. Text filters look for a substring of normalized text with
``instr`` (SQLite) or ``strpos`` (PostgreSQL), so no character of a query is a wildcard."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

from rasd.normalize import normalize
from rasd.store.schema import (
    claims,
    clusters,
    contradictions,
    documents,
    event_actors,
    event_search,
    events,
    metadata,
    person_aliases,
    person_events,
    persons,
    store_state,
)
from rasd.store.write import chunks

MAX_LIMIT = 500
MAX_TERMS = 12
MAX_COUNT = 10**9  # for counts and offsets given as parameters
EXPORT_FORMATS = ("csv", "geojson", "jsonl")
CLAIM_FIELDS = ("sub_event_type", "date", "place", "actor1", "actor2", "fatalities", "injuries")
SORTS: tuple[str, ...] = ("-event_date", "event_date", "-fatalities", "fatalities")
SALIENCE = ("main", "background")
ACTOR_TYPES = ("state", "rebel", "political_militia", "identity_militia", "rioters", "protesters", "civilians",
               "external", "unknown")
# ACLED's disorder types and the event types under them
DISORDER_TYPES: dict[str, tuple[str, ...]] = {
    "Political violence": ("Battles", "Explosions/Remote violence", "Violence against civilians"),
    "Demonstrations": ("Protests", "Riots"),
    "Strategic developments": ("Strategic developments",),
}
ISO2 = re.compile(r"^[A-Za-z]{2}$")
ADMIN1 = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")


class position_in(GenericFunction[int]):  # noqa: N801 - a SQL function's name
    """``position_in(haystack, needle)``: where ``needle`` starts in ``haystack`` (1-based), 0 if nowhere."""

    type = sa.Integer()
    inherit_cache = True


@compiles(position_in, "sqlite")
def _instr(element: position_in, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(position_in, "postgresql")
def _strpos(element: position_in, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


def has(col: sa.ColumnElement[Any], needle: str) -> sa.ColumnElement[bool]:
    """``col`` contains ``needle`` (a plain substring: no wildcards)."""
    return position_in(col, sa.bindparam(None, needle, type_=sa.String)) > 0


class BadFilter(ValueError):
    """A filter value that cannot be used: ``param`` names it, the message says why."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


@dataclass(frozen=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @classmethod
    def parse(cls, s: str) -> BBox:
        """``minlon,minlat,maxlon,maxlat`` (WGS 84); a box across the antimeridian has minlon > maxlon."""
        parts = s.split(",")
        if len(parts) != 4:
            raise BadFilter("bbox", "four numbers expected, minlon,minlat,maxlon,maxlat")
        try:
            w, s_, e, n = (float(p) for p in parts)
        except ValueError as err:
            raise BadFilter("bbox", "four numbers expected, minlon,minlat,maxlon,maxlat") from err
        if not all(-180 <= x <= 180 for x in (w, e)) or not all(-90 <= y <= 90 for y in (s_, n)):
            raise BadFilter("bbox", "longitudes must lie in [-180, 180] and latitudes in [-90, 90]")
        if s_ > n:
            raise BadFilter("bbox", "minlat is greater than maxlat")
        return cls(w, s_, e, n)


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``GET /api/events`` (see docs/api.md). ``None`` or blank: no filter."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    person: str | None = None
    q: str | None = None
    bbox: BBox | None = None
    min_fatalities: int | None = None
    salience: str | None = None
    actor_type: str | None = None  # an actor1 or actor2 of this type
    interaction: str | None = None  # "type-type": actor1 and actor2 of these types, in either order
    disorder_type: str | None = None  # one of DISORDER_TYPES
    outlet: str | None = None  # the document's source, exactly
    geo_precision: int | None = None  # located at least this precisely (1 town, 2 near a town, 3 province)

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, str) and not v.strip():
                object.__setattr__(self, f.name, None)
        if self.country is not None and not ISO2.match(self.country):
            raise BadFilter("country", "an ISO 3166-1 alpha-2 code is expected (SY)")
        if self.admin1 is not None and not ADMIN1.match(self.admin1):
            raise BadFilter("admin1", "an ISO 3166-2 code is expected (SY-DR)")
        if self.salience is not None and self.salience not in SALIENCE:
            raise BadFilter("salience", "main or background")
        if self.min_fatalities is not None and not 0 <= self.min_fatalities <= MAX_COUNT:
            raise BadFilter("min_fatalities", f"0 to {MAX_COUNT}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadFilter("date_to", "date_from is after date_to")
        if self.q is not None:
            terms(self.q)
        if self.actor_type is not None and self.actor_type not in ACTOR_TYPES:
            raise BadFilter("actor_type", f"one of {', '.join(ACTOR_TYPES)}")
        if self.interaction is not None:
            pair = self.interaction.split("-")
            if len(pair) != 2 or not all(t in ACTOR_TYPES for t in pair):
                raise BadFilter("interaction", "two actor types joined by -, e.g. state-civilians")
        if self.disorder_type is not None and self.disorder_type not in DISORDER_TYPES:
            raise BadFilter("disorder_type", f"one of {', '.join(DISORDER_TYPES)}")
        if self.geo_precision is not None and self.geo_precision not in (1, 2, 3):
            raise BadFilter("geo_precision", "1, 2 or 3")


def terms(q: str) -> list[str]:
    """Search terms, normalized like the stored text: words, or "quoted phrases"."""
    out = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', q):
        t = normalize(m.group(1) if m.group(1) is not None else m.group(2))
        if t:
            out.append(t)
    if len(out) > MAX_TERMS:
        raise BadFilter("q", f"at most {MAX_TERMS} terms")
    return out


def _persons_named(person: str) -> sa.Select[Any]:
    """Persons whose id is ``person`` or whose names or aliases contain it."""
    conds: list[sa.ColumnElement[bool]] = [persons.c.person_id == person]
    t = normalize(person)
    if t:
        conds.append(has(persons.c.search, t))
    return sa.select(persons.c.person_id).where(sa.or_(*conds))


def _bbox(lat: sa.ColumnElement[Any], lon: sa.ColumnElement[Any], b: BBox) -> list[sa.ColumnElement[bool]]:
    out = [lat >= b.min_lat, lat <= b.max_lat]
    if b.min_lon <= b.max_lon:
        out += [lon >= b.min_lon, lon <= b.max_lon]
    else:  # across the antimeridian
        out.append(sa.or_(lon >= b.min_lon, lon <= b.max_lon))
    return out


def _member_conditions(f: EventFilter, correlated: bool = False) -> list[sa.ColumnElement[bool]]:
    """The conditions on what an event's lists and text say (actors, persons, q), as ``event_id IN
    (matching ids)`` or, ``correlated``, as ``EXISTS (a match of this event)``: the first is the
    better plan where few events match, the second for a page in date order where many do."""
    parts: list[tuple[sa.Column[Any], list[sa.ColumnElement[bool]]]] = []
    if f.actor:
        t = normalize(f.actor)
        if t:
            parts.append((event_actors.c.event_id, [has(event_actors.c.search, t)]))
    if f.person:
        parts.append((person_events.c.event_id, [person_events.c.person_id.in_(_persons_named(f.person))]))
    if f.q:
        ts = terms(f.q)
        if ts:
            parts.append((event_search.c.event_id, [has(event_search.c.text, t) for t in ts]))
    if f.actor_type:
        parts.append((event_actors.c.event_id, [event_actors.c.type == f.actor_type,
                                                event_actors.c.role.in_(("actor1", "actor2"))]))
    if f.interaction:
        a, b = f.interaction.split("-")
        other = event_actors.alias("other")
        pair = sa.select(other.c.event_id).where(other.c.event_id == event_actors.c.event_id, other.c.role == "actor2",
                                                 other.c.type == sa.case((event_actors.c.type == a, b), else_=a))
        parts.append((event_actors.c.event_id, [event_actors.c.role == "actor1", event_actors.c.type.in_((a, b)),
                                                pair.exists()]))
    if correlated:
        return [sa.exists().where(col == events.c.event_id, *conds) for col, conds in parts]
    return [events.c.event_id.in_(sa.select(col).where(*conds)) for col, conds in parts]


def max_span(conn: Connection) -> int | None:
    """The longest date window stored, in days (bounds the scans of date filters)."""
    return conn.execute(sa.select(sa.func.max(events.c.span_days))).scalar()


def _consensus_conditions(t: sa.Table, f: EventFilter) -> list[sa.ColumnElement[bool]]:
    """The filters on the scalar columns that events and clusters (their consensus) share."""
    c = t.c
    out: list[sa.ColumnElement[bool]] = []
    if f.date_from:
        out.append(c.date_end >= f.date_from)
    if f.date_to:
        out.append(c.event_date <= f.date_to)
    if f.country:
        out.append(c.iso == f.country.upper())
    if f.admin1:
        out.append(c.admin1_code == f.admin1.upper())
    if f.event_type:
        out.append(c.event_type == f.event_type)
    if f.sub_event_type:
        out.append(c.sub_event_type == f.sub_event_type)
    if f.bbox:
        out.extend(_bbox(c.latitude, c.longitude, f.bbox))
    if f.min_fatalities is not None:
        out.append(c.fatalities >= f.min_fatalities)
    if f.salience:
        out.append(c.salience == f.salience)
    if f.disorder_type:
        out.append(c.event_type.in_(DISORDER_TYPES[f.disorder_type]))
    return out


def _report_conditions(f: EventFilter) -> list[sa.ColumnElement[bool]]:
    """The filters on what one report says that a cluster's consensus does not keep (outlet, precision)."""
    out: list[sa.ColumnElement[bool]] = []
    if f.outlet:
        out.append(events.c.source == f.outlet)
    if f.geo_precision is not None:
        out.append(events.c.geo_precision <= f.geo_precision)
    return out


def _days_before(d: date, days: int) -> date:
    """``d`` less ``days`` days, or the first day there is (a filter from 0001-01-01 reads all)."""
    try:
        return d - timedelta(days=days)
    except OverflowError:
        return date.min


def event_conditions(f: EventFilter, span: int | None = None, correlated: bool = False) -> list[sa.ColumnElement[bool]]:
    """The WHERE conditions of an event filter (all must hold). ``span``: the longest date window
    stored (``max_span``); given, a ``date_from`` filter also bounds ``event_date`` from below, which
    lets the database read only the dates near the window asked for. ``correlated``: see
    ``_member_conditions``."""
    out = _consensus_conditions(events, f) + _report_conditions(f)
    if f.date_from and span is not None:
        out.append(events.c.event_date >= _days_before(f.date_from, max(span, 0)))
    return out + _member_conditions(f, correlated)


def max_cluster_span(conn: Connection) -> int | None:
    """The longest date window of a stored cluster, in days (bounds the scans of date filters)."""
    return conn.execute(sa.select(sa.func.max(clusters.c.span_days))).scalar()


def cluster_conditions(f: EventFilter, min_reports: int | None = None, correlated: bool = False,
                       span: int | None = None) -> list[sa.ColumnElement[bool]]:
    """The filters on a cluster's consensus; actor, person, q, outlet and the like hold when one of its
    records matches: ``cluster_id IN (the clusters of matching records)`` or, ``correlated``, ``EXISTS
    (a matching record of this cluster)``, the better plan for a page in date order where many match
    (as ``event_conditions``). ``span``: the longest window stored (``max_cluster_span``); given, a
    ``date_from`` filter also bounds ``event_date`` from below, as for events."""
    out = _consensus_conditions(clusters, f)
    if f.date_from and span is not None:
        out.append(clusters.c.event_date >= _days_before(f.date_from, max(span, 0)))
    if min_reports is not None:
        out.append(clusters.c.n_reports >= min_reports)
    member = _member_conditions(f, correlated) + _report_conditions(f)
    if member and correlated:
        out.append(sa.exists().where(events.c.cluster_id == clusters.c.cluster_id, *member))
    elif member:
        out.append(clusters.c.cluster_id.in_(sa.select(events.c.cluster_id).where(*member)))
    return out


def _cluster_filter(conn: Connection, f: EventFilter, min_reports: int | None = None,
                    correlated: bool = False) -> list[sa.ColumnElement[bool]]:
    """``cluster_conditions`` with the longest window stored looked up where a date filter needs it."""
    return cluster_conditions(f, min_reports, correlated, max_cluster_span(conn) if f.date_from else None)


def _order(t: sa.Table, id_col: str, sort: str) -> list[sa.ColumnElement[Any]]:
    if sort not in SORTS:
        raise BadFilter("sort", f"one of {', '.join(SORTS)}")
    desc = sort.startswith("-")
    key = t.c[sort.lstrip("-")]
    ident = t.c[id_col]
    if desc:
        return [key.desc().nulls_last(), ident.desc()]
    return [key.asc().nulls_last(), ident.asc()]


def _page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadFilter("limit", f"1 to {MAX_LIMIT}")
    if not 0 <= offset <= MAX_COUNT:
        raise BadFilter("offset", f"0 to {MAX_COUNT}")


# --------------------------------------------------------------------------- events


def _page_ids(conn: Connection, f: EventFilter, limit: int, offset: int, sort: str) -> tuple[int, list[str]]:
    """How many events match, and the ids of the page asked for, in order."""
    _page(limit, offset)
    span = max_span(conn) if f.date_from else None
    conds = event_conditions(f, span)
    order = _order(events, "event_id", sort)
    total = conn.execute(sa.select(sa.func.count()).select_from(events).where(*conds)).scalar_one()
    if total and (f.actor or f.person or f.q):
        # many matches: walking the events in page order and testing each (EXISTS) stops early;
        # few: collecting the matches and sorting them (IN) is cheaper
        n_all = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        if total * total >= (offset + limit) * n_all:
            conds = event_conditions(f, span, correlated=True)
    # the page's ids first (narrow rows, so a deep offset skips cheaply), then their records
    ids = list(conn.execute(sa.select(events.c.event_id).where(*conds).order_by(*order)
                            .limit(limit).offset(offset)).scalars())
    return total, ids


def page_events(conn: Connection, f: EventFilter, limit: int = 100, offset: int = 0,
                sort: str = "-event_date") -> dict[str, Any]:
    total, ids = _page_ids(conn, f, limit, offset, sort)
    return {"total": total, "limit": limit, "offset": offset, "items": records(conn, ids)}


def page_events_json(conn: Connection, f: EventFilter, limit: int = 100, offset: int = 0,
                     sort: str = "-event_date", counts: bool = False) -> bytes:
    """``page_events`` as the UTF-8 JSON text of the API, made of the records' stored JSON texts as they
    are: a page of 500 records is neither decoded nor encoded again. ``counts``: each record with
    ``n_reports`` and ``n_sources`` of its cluster (``cluster_counts``) added at its end. A record whose
    text is not JSON proper (a NaN) is decoded and encoded as the API encodes everything else."""
    total, ids = _page_ids(conn, f, limit, offset, sort)
    found: dict[str, tuple[str, str]] = {}
    for part in chunks(list(dict.fromkeys(ids))):
        for eid, cid, text in conn.execute(sa.select(events.c.event_id, events.c.cluster_id,
                                                     sa.cast(events.c.record, sa.Text))
                                           .where(events.c.event_id.in_(part))):
            found[eid] = (cid, text)
    rows = [found[e] for e in ids if e in found]
    texts = [t.strip() for _, t in rows]
    if any("NaN" in t or "Infinity" in t or not t.endswith("}") or t == "{}" for t in texts):
        # json.dumps writes NaN and Infinity, which JSON has not (or a word says them)
        texts = [json.dumps(json.loads(t), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
                 for t in texts]
    if counts:
        n = cluster_counts(conn, [cid or "" for cid, _ in rows])
        for i, (cid, _) in enumerate(rows):
            reports, sources = n.get(cid or "", (1, 1))
            texts[i] = f'{texts[i][:-1]},"n_reports":{reports},"n_sources":{sources}}}'
    head = json.dumps({"total": total, "limit": limit, "offset": offset}, separators=(",", ":"))[:-1]
    return f'{head},"items":[{",".join(texts)}]}}'.encode()


def iter_events(conn: Connection, f: EventFilter, sort: str = "-event_date", batch: int = 1000) -> Iterator[list[dict[str, Any]]]:
    """Every matching record, ``batch`` at a time (for exports: memory stays flat)."""
    conds = event_conditions(f, max_span(conn) if f.date_from else None)
    stmt = sa.select(events.c.record).where(*conds).order_by(*_order(events, "event_id", sort))
    result = conn.execution_options(stream_results=True, yield_per=batch).execute(stmt)
    for part in result.scalars().partitions(batch):
        yield list(part)


def export_text(conn: Connection, f: EventFilter, fmt: str, sort: str = "-event_date") -> Iterator[str]:
    """The matching records as ACLED CSV (31 columns), a GeoJSON FeatureCollection (located records) or
    JSON Lines, in pieces of text: an export of any size streams in flat memory."""
    from rasd.export import to_acled_csv, to_geojson, to_jsonl

    if fmt not in EXPORT_FORMATS:
        raise BadFilter("format", f"one of {', '.join(EXPORT_FORMATS)}")
    parts = iter_events(conn, f, sort)
    if fmt == "csv":
        yield to_acled_csv([])  # the header
        for part in parts:
            yield to_acled_csv(part).split("\n", 1)[1]
    elif fmt == "geojson":
        yield '{"type": "FeatureCollection", "features": ['
        sep = "\n"
        for part in parts:
            for feature in to_geojson(part)["features"]:
                yield sep + json.dumps(feature, ensure_ascii=False)
                sep = ",\n"
        yield "\n]}\n"
    else:
        for part in parts:
            yield to_jsonl(part)


def records(conn: Connection, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Records by id, in the order asked (unknown ids left out)."""
    found: dict[str, dict[str, Any]] = {}
    for part in chunks(list(dict.fromkeys(event_ids))):
        found.update(conn.execute(sa.select(events.c.event_id, events.c.record)
                                  .where(events.c.event_id.in_(part))).all())
    return [found[e] for e in event_ids if e in found]


def get_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(events.c.record, documents.c.id, documents.c.source, documents.c.url,
                                 documents.c.published)
                       .join(documents, documents.c.id == events.c.doc_id)
                       .where(events.c.event_id == event_id)).first()
    if row is None:
        return None
    rec, doc_id, source, url, published = row
    return {**rec, "document": {"id": doc_id, "source": source, "url": url,
                                "published": published.isoformat() if published else None}}


def get_document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    d = conn.execute(sa.select(documents.c.id, documents.c.source, documents.c.url, documents.c.published,
                               documents.c.version, documents.c.text)
                     .where(documents.c.id == doc_id)).first()
    if d is None:
        return None
    recs = list(conn.execute(sa.select(events.c.record).where(events.c.doc_id == doc_id)).scalars())

    def first_start(r: dict[str, Any]) -> int:
        ev = [e.get("start") for e in r.get("evidence") or [] if isinstance(e, dict) and isinstance(e.get("start"), int)]
        return min(ev) if ev else -1

    recs.sort(key=lambda r: (first_start(r), r["event_id"]))
    return {"id": d.id, "source": d.source, "url": d.url, "published": d.published.isoformat() if d.published else None,
            "version": d.version, "text": d.text,
            "events": [{"event_id": r["event_id"], "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
                        "evidence": r.get("evidence") or []} for r in recs]}


def _week(d: date) -> date:
    return _days_before(d, (d.weekday() - 5) % 7)


def timeline(conn: Connection, f: EventFilter, granularity: str = "day", unit: str = "events",
             min_reports: int | None = None) -> list[dict[str, Any]]:
    """Events (reports, ``unit="events"``) or real-world events (clusters, by their consensus) and their
    dead per day (by ``event_date``) or per week (weeks start on Saturday, as in ACLED's weekly data),
    in all and per event type; undated ones are left out."""
    if granularity not in ("day", "week"):
        raise BadFilter("granularity", "day or week")
    if unit not in ("events", "clusters"):
        raise BadFilter("unit", "events or clusters")
    if unit == "clusters":
        t, conds = clusters, _cluster_filter(conn, f, min_reports)
    else:
        t, conds = events, event_conditions(f, max_span(conn) if f.date_from else None)
    stmt = (sa.select(t.c.event_date, t.c.event_type, sa.func.count(), sa.func.coalesce(sa.func.sum(t.c.fatalities), 0))
            .where(*conds, t.c.event_date.is_not(None))
            .group_by(t.c.event_date, t.c.event_type).order_by(t.c.event_date, t.c.event_type))
    out: dict[date, dict[str, Any]] = {}
    for d, et, n, dead in conn.execute(stmt):
        if granularity == "week":
            d = _week(d)
        slot = out.setdefault(d, {"events": 0, "fatalities": 0, "types": {}})
        slot["events"] += n
        slot["fatalities"] += int(dead)
        ty = slot["types"].setdefault(et, {"events": 0, "fatalities": 0})
        ty["events"] += n
        ty["fatalities"] += int(dead)
    return [{"period": d.isoformat(), **v} for d, v in sorted(out.items())]


def summary(conn: Connection, f: EventFilter, min_reports: int | None = None) -> dict[str, Any]:
    """What the matching real-world events (clusters) add up to: how many, their consensus dead, the
    reports and outlets that tell them, their dates, and the same per event type."""
    conds = _cluster_filter(conn, f, min_reports)
    dead = sa.func.coalesce(sa.func.sum(clusters.c.fatalities), 0)
    by_type: dict[str, dict[str, int]] = {}
    n = reports = fatalities = 0
    for et, k, r, d in conn.execute(sa.select(clusters.c.event_type, sa.func.count(),
                                              sa.func.coalesce(sa.func.sum(clusters.c.n_reports), 0), dead)
                                    .where(*conds).group_by(clusters.c.event_type).order_by(clusters.c.event_type)):
        by_type[et] = {"events": k, "fatalities": int(d)}
        n += k
        reports += int(r)
        fatalities += int(d)
    first, last, tolled, located = conn.execute(
        sa.select(sa.func.min(clusters.c.event_date), sa.func.max(clusters.c.date_end),
                  sa.func.count(clusters.c.fatalities), sa.func.count(clusters.c.latitude)).where(*conds)).one()
    ids = sa.select(clusters.c.cluster_id).where(*conds)
    outlets = conn.execute(sa.select(sa.func.count(sa.distinct(events.c.source)))
                           .where(events.c.cluster_id.in_(ids))).scalar_one()
    return {"events": n, "reports": reports, "fatalities": fatalities, "with_fatalities": tolled, "located": located,
            "outlets": outlets, "date_from": first.isoformat() if first else None,
            "date_to": last.isoformat() if last else None, "by_type": by_type}


MAP_LIMIT = 5000


def map_points(conn: Connection, f: EventFilter, min_reports: int | None = None,
               limit: int = MAP_LIMIT) -> dict[str, Any]:
    """The located real-world events (clusters) that match, deadliest first, as light points for a map."""
    conds = _cluster_filter(conn, f, min_reports)
    located = [*conds, clusters.c.latitude.is_not(None), clusters.c.longitude.is_not(None)]
    total = conn.execute(sa.select(sa.func.count()).select_from(clusters).where(*located)).scalar_one()
    rows = conn.execute(sa.select(clusters.c.cluster_id, clusters.c.consensus, clusters.c.n_reports, clusters.c.sources)
                        .where(*located).order_by(*_order(clusters, "cluster_id", "-fatalities")).limit(limit)).all()
    items = []
    for cid, k, n, sources in rows:
        items.append({"cluster_id": cid, "event_type": k.get("event_type"), "sub_event_type": k.get("sub_event_type"),
                      "event_date": k.get("event_date"), "date_end": k.get("date_end"), "location": k.get("location"),
                      "admin1": k.get("admin1"), "admin1_code": k.get("admin1_code"), "country": k.get("country"),
                      "latitude": k.get("latitude"), "longitude": k.get("longitude"),
                      "geo_precision": k.get("geo_precision"), "fatalities": k.get("fatalities"),
                      "salience": k.get("salience"), "n_reports": n, "n_sources": len(sources or [])})
    return {"total": total, "items": items}


def provinces(conn: Connection, f: EventFilter, min_reports: int | None = None) -> list[dict[str, Any]]:
    """The matching real-world events (clusters) per province: how many and their consensus dead."""
    conds = _cluster_filter(conn, f, min_reports)
    dead = sa.func.coalesce(sa.func.sum(clusters.c.fatalities), 0)
    rows = conn.execute(sa.select(clusters.c.admin1_code, sa.func.count(), dead)
                        .where(*conds, clusters.c.admin1_code.is_not(None))
                        .group_by(clusters.c.admin1_code).order_by(clusters.c.admin1_code)).all()
    return [{"code": code, "events": n, "fatalities": int(d)} for code, n, d in rows]


def cluster_counts(conn: Connection, cluster_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """For each cluster id: how many reports and how many outlets tell it."""
    out: dict[str, tuple[int, int]] = {}
    for part in chunks(list(dict.fromkeys(cluster_ids))):
        for cid, n, sources in conn.execute(sa.select(clusters.c.cluster_id, clusters.c.n_reports, clusters.c.sources)
                                            .where(clusters.c.cluster_id.in_(part))):
            out[cid] = (n, len(sources or []))
    return out


def _named_codes(conn: Connection, code: sa.Column[Any], name: sa.Column[Any]) -> dict[str, str]:
    """Each code with the name the stored events give it most often."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for c, n, k in conn.execute(sa.select(code, name, sa.func.count()).where(code.is_not(None)).group_by(code, name)):
        names[c][n or c] += k
    return {c: counter.most_common(1)[0][0] for c, counter in names.items()}


def facets(conn: Connection, max_actors: int = 1000) -> dict[str, Any]:
    """What the stored events hold: the values the filters can take."""
    countries = _named_codes(conn, events.c.iso, events.c.country)
    admin1 = _named_codes(conn, events.c.admin1_code, events.c.admin1)
    types: dict[str, list[str]] = defaultdict(list)
    for et, sub in conn.execute(sa.select(events.c.event_type, events.c.sub_event_type).distinct()):
        types[et].append(sub)
    n = sa.func.count().label("n")
    actors = list(conn.execute(sa.select(event_actors.c.name, n).where(event_actors.c.name != "")
                               .group_by(event_actors.c.name).order_by(n.desc(), event_actors.c.name)
                               .limit(max_actors)).scalars())
    n_docs = sa.func.count().label("n")
    outlets = list(conn.execute(sa.select(events.c.source, n_docs).where(events.c.source.is_not(None))
                                .group_by(events.c.source).order_by(n_docs.desc(), events.c.source)).scalars())
    return {"countries": [{"code": c, "name": countries[c]} for c in sorted(countries, key=lambda c: (countries[c], c))],
            "outlets": outlets, "actor_types": list(ACTOR_TYPES), "disorder_types": list(DISORDER_TYPES),
            "admin1": [{"code": c, "name": admin1[c]} for c in sorted(admin1)],
            "event_types": {k: sorted(v) for k, v in sorted(types.items())}, "actors": actors}


def generation(conn: Connection) -> int:
    """A number that changes with every write to the store."""
    return conn.execute(sa.select(store_state.c.generation).where(store_state.c.id == 1)).scalar() or 0


def counts(conn: Connection) -> dict[str, int]:
    return {name: conn.execute(sa.select(sa.func.count()).select_from(metadata.tables[name])).scalar_one()
            for name in ("documents", "events", "clusters", "persons")}


# --------------------------------------------------------------------------- clusters


def _json_texts(texts: Sequence[str | None]) -> list[Any]:
    """JSON texts (``None``: SQL NULL) decoded in one call: a page's hundreds of small values cost one
    parse instead of one per row."""
    return json.loads("[" + ",".join("null" if t is None else t for t in texts) + "]")


def assemble_clusters(conn: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Cluster objects (as ``rasd.link.cluster_summary`` makes them) from clusters rows: their claims and
    contradictions in one query each, what each claim takes from its record (``reported_by``, the
    first evidence span) read for each record once, and every JSON value decoded in one call."""
    ids = [r.cluster_id for r in rows]
    claim_rows: list[Any] = []
    contra_rows: list[Any] = []
    for part in chunks(ids):
        claim_rows.extend(conn.execute(
            sa.select(claims.c.cluster_id, claims.c.field, claims.c.event_id, claims.c.doc_id, claims.c.source,
                      sa.cast(claims.c.value, sa.Text))
            .where(claims.c.cluster_id.in_(part)).order_by(claims.c.cluster_id, claims.c.field, claims.c.position)))
        contra_rows.extend(conn.execute(
            sa.select(contradictions.c.cluster_id, contradictions.c.field, contradictions.c.text,
                      sa.cast(contradictions.c["values"], sa.Text))
            .where(contradictions.c.cluster_id.in_(part))
            .order_by(contradictions.c.cluster_id, contradictions.c.position)))
    event_ids = list(dict.fromkeys(x[2] for x in claim_rows))
    parts: list[Any] = []
    for part in chunks(event_ids):
        parts.extend(conn.execute(sa.select(events.c.event_id, sa.cast(events.c.record["reported_by"], sa.Text),
                                            sa.cast(events.c.record[("evidence", 0)], sa.Text))
                                  .where(events.c.event_id.in_(part))))
    decoded = iter(_json_texts([x[5] for x in claim_rows] + [x[3] for x in contra_rows]
                               + [t for p in parts for t in (p[1], p[2])]))
    values = [next(decoded) for _ in claim_rows]
    contra_values = [next(decoded) for _ in contra_rows]
    # what rasd.link._claim takes from the record: its reported_by, its first evidence span
    of_record = {p[0]: (next(decoded) or [], next(decoded) or {}) for p in parts}
    cl: dict[str, dict[str, list[dict[str, Any]]]] = {cid: {k: [] for k in CLAIM_FIELDS} for cid in ids}
    for (cid, field, eid, doc_id, source, _), value in zip(claim_rows, values, strict=True):
        reported_by, first = of_record.get(eid, ([], {}))
        cl[cid].setdefault(field, []).append({"event_id": eid, "doc_id": doc_id, "source": source,
                                              "reported_by": reported_by, "value": value, "evidence": first})
    co: dict[str, list[dict[str, Any]]] = {cid: [] for cid in ids}
    for (cid, field, text, _), vals in zip(contra_rows, contra_values, strict=True):
        co[cid].append({"field": field, "values": vals, "text": text})
    return [{"cluster_id": r.cluster_id, "event_ids": r.event_ids, "doc_ids": r.doc_ids, "sources": r.sources,
             "n_reports": r.n_reports, "consensus": r.consensus, "claims": cl[r.cluster_id],
             "contradictions": co[r.cluster_id]} for r in rows]


def page_clusters(conn: Connection, f: EventFilter, min_reports: int | None = None, limit: int = 100,
                  offset: int = 0, sort: str = "-event_date") -> dict[str, Any]:
    _page(limit, offset)
    conds = _cluster_filter(conn, f, min_reports)
    total = conn.execute(sa.select(sa.func.count()).select_from(clusters).where(*conds)).scalar_one()
    if total and (_member_conditions(f) or _report_conditions(f)):
        # as in page_events: many matches, walk the clusters in page order and test each (EXISTS)
        n_all = conn.execute(sa.select(sa.func.count()).select_from(clusters)).scalar_one()
        if total * total >= (offset + limit) * n_all:
            conds = _cluster_filter(conn, f, min_reports, correlated=True)
    rows = conn.execute(sa.select(clusters).where(*conds).order_by(*_order(clusters, "cluster_id", sort))
                        .limit(limit).offset(offset)).all()
    return {"total": total, "limit": limit, "offset": offset, "items": assemble_clusters(conn, rows)}


def get_cluster(conn: Connection, cluster_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(clusters).where(clusters.c.cluster_id == cluster_id)).first()
    if row is None:
        return None
    c = assemble_clusters(conn, [row])[0]
    pids = sa.select(person_events.c.person_id).join(events, events.c.event_id == person_events.c.event_id) \
        .where(events.c.cluster_id == cluster_id)
    prows = conn.execute(sa.select(persons).where(persons.c.person_id.in_(pids))
                         .order_by(persons.c.name, persons.c.person_id)).all()
    return {**c, "records": records(conn, c["event_ids"]), "persons": assemble_persons(conn, prows)}


# --------------------------------------------------------------------------- persons


def assemble_persons(conn: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Person objects (as ``rasd.link.build_persons`` makes them) from persons rows."""
    ids = [r.person_id for r in rows]
    aliases: dict[str, list[str]] = defaultdict(list)
    evs: dict[str, list[str]] = defaultdict(list)
    cls: dict[str, set[str]] = defaultdict(set)
    for part in chunks(ids):
        for pid, alias in conn.execute(sa.select(person_aliases.c.person_id, person_aliases.c.alias)
                                       .where(person_aliases.c.person_id.in_(part))):
            aliases[pid].append(alias)
        for pid, eid, cid in conn.execute(
                sa.select(person_events.c.person_id, person_events.c.event_id, events.c.cluster_id)
                .join(events, events.c.event_id == person_events.c.event_id)
                .where(person_events.c.person_id.in_(part))):
            evs[pid].append(eid)
            if cid:
                cls[pid].add(cid)
    return [{"person_id": r.person_id, "name": r.name, "name_ar": r.name_ar, "aliases": sorted(aliases[r.person_id]),
             "roles": r.roles, "affiliation": r.affiliation, "event_ids": sorted(evs[r.person_id]),
             "cluster_ids": sorted(cls[r.person_id])} for r in rows]


def page_persons(conn: Connection, q: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    _page(limit, offset)
    conds: list[sa.ColumnElement[bool]] = []
    if q and q.strip():
        ts = terms(q)
        conds.append(sa.or_(persons.c.person_id == q.strip(),
                            sa.and_(*(has(persons.c.search, t) for t in ts))
                            if ts else sa.false()))
    total = conn.execute(sa.select(sa.func.count()).select_from(persons).where(*conds)).scalar_one()
    rows = conn.execute(sa.select(persons).where(*conds).order_by(persons.c.name, persons.c.person_id)
                        .limit(limit).offset(offset)).all()
    return {"total": total, "limit": limit, "offset": offset, "items": assemble_persons(conn, rows)}


def get_person(conn: Connection, person_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(persons).where(persons.c.person_id == person_id)).first()
    if row is None:
        return None
    p = assemble_persons(conn, [row])[0]
    return {**p, "events": records(conn, p["event_ids"])}

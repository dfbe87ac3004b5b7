"""The store: documents, events, clusters and persons in SQLite or PostgreSQL (SQLAlchemy Core, schema
by Alembic migrations run whenever a store is opened).

    from rasd.store import Store, ingest
    with Store("rasd.db") as store:
        report = ingest(store, "articles.jsonl")
        page = store.events(EventFilter(country="SY", date_from=date(2023, 3, 1)), limit=50)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from rasd.store import read
from rasd.store.engine import StoreError, create_engine, database_url, writer
from rasd.store.ingestion import IngestReport, content_hash, ingest, ingest_items
from rasd.store.read import BadFilter, BBox, EventFilter


class Store:
    """An open store. Reading methods each run in one transaction of their own."""

    def __init__(self, db: str | Path = "rasd.db", migrate: bool = True) -> None:
        self.url = database_url(db)
        self.engine = create_engine(db, migrate_schema=migrate)
        self._facets: tuple[int, dict[str, Any]] | None = None

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One writing transaction: committed when the block ends, rolled back on an exception."""
        with writer(self.engine).begin() as conn:
            yield conn

    # reading, one call one transaction
    def events(self, f: EventFilter | None = None, limit: int = 100, offset: int = 0,
               sort: str = "-event_date") -> dict[str, Any]:
        with self.reading() as c:
            return read.page_events(c, f or EventFilter(), limit, offset, sort)

    def all_events(self, f: EventFilter | None = None, sort: str = "-event_date") -> list[dict[str, Any]]:
        with self.reading() as c:
            return [r for part in read.iter_events(c, f or EventFilter(), sort) for r in part]

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self.reading() as c:
            return read.get_event(c, event_id)

    def clusters(self, f: EventFilter | None = None, min_reports: int | None = None, limit: int = 100,
                 offset: int = 0, sort: str = "-event_date") -> dict[str, Any]:
        with self.reading() as c:
            return read.page_clusters(c, f or EventFilter(), min_reports, limit, offset, sort)

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        with self.reading() as c:
            return read.get_cluster(c, cluster_id)

    def persons(self, q: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        with self.reading() as c:
            return read.page_persons(c, q, limit, offset)

    def person(self, person_id: str) -> dict[str, Any] | None:
        with self.reading() as c:
            return read.get_person(c, person_id)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.reading() as c:
            return read.get_document(c, doc_id)

    def timeline(self, f: EventFilter | None = None, granularity: str = "day") -> list[dict[str, Any]]:
        with self.reading() as c:
            return read.timeline(c, f or EventFilter(), granularity)

    def facets(self) -> dict[str, Any]:
        """Cached until the next write (facets read every stored event)."""
        with self.reading() as c:
            gen = read.generation(c)
            cached = self._facets
            if cached is not None and cached[0] == gen:
                return cached[1]
            value = read.facets(c)
        self._facets = (gen, value)
        return value

    def counts(self) -> dict[str, int]:
        with self.reading() as c:
            return read.counts(c)


__all__ = ["BBox", "BadFilter", "EventFilter", "IngestReport", "Store", "StoreError", "content_hash",
           "database_url", "ingest", "ingest_items"]

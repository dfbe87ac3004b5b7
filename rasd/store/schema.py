"""The store's tables (SQLAlchemy Core). The migrations in ``rasd/store/migrations`` create them;
a test checks that the migrated database and this metadata agree.

Every event keeps its full record (``record``, the dict of ``SCHEMA.md`` as ``rasd extract`` writes
it); the scalar columns beside it are copies for filtering and sorting, and the child tables
(evidence, actors) hold what the filters search in lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("source", sa.String),
    sa.Column("url", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("published_inferred", sa.String),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

clusters = sa.Table(
    "clusters", metadata,
    sa.Column("cluster_id", sa.String, primary_key=True),
    sa.Column("n_reports", sa.Integer, nullable=False, index=True),
    sa.Column("event_ids", sa.JSON, nullable=False),
    sa.Column("doc_ids", sa.JSON, nullable=False),
    sa.Column("sources", sa.JSON, nullable=False),
    sa.Column("consensus", sa.JSON, nullable=False),
    # copies of the consensus, for filters
    sa.Column("event_type", sa.String, nullable=False, index=True),
    sa.Column("sub_event_type", sa.String, nullable=False, index=True),
    sa.Column("event_date", sa.Date, index=True),
    sa.Column("date_end", sa.Date, index=True),
    sa.Column("span_days", sa.Integer, index=True),  # date_end - event_date: bounds the scans of date filters
    sa.Column("iso", sa.String, index=True),
    sa.Column("admin1_code", sa.String, index=True),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("fatalities", sa.BigInteger, index=True),
    sa.Column("salience", sa.String, nullable=False, index=True),
    sa.Index(None, "latitude", "longitude"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("event_id", sa.String, primary_key=True),
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("cluster_id", sa.String, sa.ForeignKey("clusters.cluster_id"), nullable=False, index=True),
    sa.Column("salience", sa.String, nullable=False, index=True),
    sa.Column("event_type", sa.String, nullable=False),
    sa.Column("sub_event_type", sa.String, nullable=False),
    sa.Column("event_date", sa.Date),
    sa.Column("date_end", sa.Date, index=True),  # the record's date_end, or event_date where that is open
    sa.Column("span_days", sa.Integer, index=True),  # date_end - event_date: bounds the scans of date filters
    sa.Column("time_precision", sa.SmallInteger),
    sa.Column("date_text", sa.Text),
    sa.Column("country", sa.String),
    sa.Column("iso", sa.String),
    sa.Column("admin1", sa.String),
    sa.Column("admin1_code", sa.String),
    sa.Column("admin2", sa.String),
    sa.Column("location", sa.String),
    sa.Column("location_ar", sa.String),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.SmallInteger),
    sa.Column("fatalities", sa.BigInteger),
    sa.Column("fatalities_low", sa.BigInteger),
    sa.Column("fatalities_high", sa.BigInteger),
    sa.Column("injuries", sa.BigInteger),
    sa.Column("notes", sa.Text),
    sa.Column("source", sa.String),
    sa.Column("url", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("n_persons", sa.Integer, nullable=False, index=True),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Index(None, "latitude", "longitude"),
    # date order and date filters; covering for counts of date windows and for the timeline
    sa.Index("ix_events_by_date", "event_date", "event_id", "date_end", "fatalities"),
    sa.Index("ix_events_by_fatalities", "fatalities", "event_id"),
    # one per place and type filter, in date order and covering the date window and the toll: a
    # filtered page reads its first rows in order, and counts and the timeline read the index only
    *(sa.Index(f"ix_events_{col}_by_date", col, "event_date", "event_id", "date_end", "fatalities")
      for col in ("iso", "admin1_code", "event_type", "sub_event_type")),
)
# The API sorts with undated events (and unknown tolls) last in both directions. SQLite reads an
# ascending index backwards in that order; PostgreSQL, which sorts NULL as the largest value, needs
# indexes made in the descending order too.
POSTGRESQL_ONLY = {"ix_events_by_date_desc": "event_date", "ix_events_by_fatalities_desc": "fatalities"}
for _name, _col in POSTGRESQL_ONLY.items():
    sa.Index(_name, events.c[_col].desc().nulls_last(), events.c.event_id.desc()).ddl_if(dialect="postgresql")


def include_object_for(dialect: str) -> Callable[..., bool]:
    """Alembic's ``include_object`` for a database of ``dialect``: leaves out the indexes it has not."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return not (type_ == "index" and name in POSTGRESQL_ONLY and dialect != "postgresql")

    return include

# the text q searches, apart from the wide events rows so that a scan of it reads little
event_search = sa.Table(
    "event_search", metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),  # normalized notes, evidence, places and actors
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("event_id", sa.String, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("role", sa.String, nullable=False),  # actor1 | actor2 | assoc
    sa.Column("name", sa.String, nullable=False, index=True),
    sa.Column("name_ar", sa.String, nullable=False),
    sa.Column("type", sa.String),
    sa.Column("search", sa.String, nullable=False, index=True),  # normalized name and name_ar
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("cluster_id", sa.String, sa.ForeignKey("clusters.cluster_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("field", sa.String, primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.String, nullable=False, index=True),
    sa.Column("doc_id", sa.String, nullable=False),
    sa.Column("source", sa.String, nullable=False),
    sa.Column("value", sa.JSON),  # reported_by and evidence are the claiming record's (see read.py)
)

contradictions = sa.Table(
    "contradictions", metadata,
    sa.Column("cluster_id", sa.String, sa.ForeignKey("clusters.cluster_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("field", sa.String, nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("values", sa.JSON, nullable=False),
)

persons = sa.Table(
    "persons", metadata,
    sa.Column("person_id", sa.String, primary_key=True),
    sa.Column("name", sa.String, nullable=False, index=True),
    sa.Column("name_ar", sa.String, nullable=False),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("affiliation", sa.String),
    sa.Column("search", sa.Text, nullable=False),  # normalized names and aliases
)

person_aliases = sa.Table(
    "person_aliases", metadata,
    sa.Column("person_id", sa.String, sa.ForeignKey("persons.person_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("alias", sa.String, primary_key=True),
    sa.Index(None, "alias"),
)

person_events = sa.Table(
    "person_events", metadata,
    sa.Column("person_id", sa.String, sa.ForeignKey("persons.person_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event_id", sa.String, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    sa.Index(None, "event_id"),
)

# one row: ``generation`` goes up with every write, so that readers can cache what they derive
store_state = sa.Table(
    "store_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("generation", sa.BigInteger, nullable=False),
)

"""Opening a store: database URLs, engine settings per backend, and migrations to the newest schema.

SQLite (the default, a file) runs in WAL mode with foreign keys on; transactions are begun by us
(``BEGIN``, or ``BEGIN IMMEDIATE`` for writers) rather than by the sqlite3 module, so that reads and
DDL are inside them too. PostgreSQL is reached with psycopg 3 (``postgresql+psycopg://``; a plain
``postgresql://`` URL is read as that).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x72617364  # "rasd"
# reads map the file instead of copying each page into every connection's own cache (2 MB each)
MMAP_BYTES = 1 << 30


class StoreError(RuntimeError):
    """The store cannot be opened or used (bad URL, unreachable server, schema from a newer rasd)."""


def database_url(db: str | Path) -> URL:
    """A URL from what a user types: a URL, or a path to an SQLite file (``rasd.db``)."""
    s = str(db).strip()
    if not s:
        raise StoreError("no database given")
    if "://" not in s:
        return URL.create("sqlite", database=s)
    try:
        url = make_url(s)
    except sa.exc.ArgumentError as e:
        raise StoreError(f"not a database URL: {s!r}") from e
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(f"unsupported database {url.get_backend_name()!r}: use SQLite or PostgreSQL")
    return url


def _json(obj: Any) -> str:
    """JSON as it reads (Arabic as itself), or with escapes where a string holds what UTF-8 cannot
    (a lone surrogate, which JSON input can carry): it is stored either way, and read back the same."""
    s = json.dumps(obj, ensure_ascii=False)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj)
    return s


def create_engine(db: str | Path, migrate_schema: bool = True) -> Engine:
    """An engine for ``db`` (URL or SQLite path), migrated to the newest schema."""
    url = database_url(db)
    kw: dict[str, Any] = {"json_serializer": _json, "future": True}
    if url.get_backend_name() == "sqlite":
        memory = url.database in (None, "", ":memory:")
        kw["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if memory:
            kw["poolclass"] = StaticPool  # one connection, or every connection sees its own empty database
        else:
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)  # type: ignore[arg-type]
        engine = sa.create_engine(url, **kw)
        _sqlite_setup(engine, wal=not memory)
    else:
        kw["pool_pre_ping"] = True
        engine = sa.create_engine(url, **kw)
    if migrate_schema:
        try:
            migrate(engine)
        except sa.exc.OperationalError as e:
            engine.dispose()
            raise StoreError(f"cannot open {url.render_as_string(hide_password=True)}: {e.orig}") from e
        except Exception:
            engine.dispose()
            raise
    return engine


def _sqlite_setup(engine: Engine, wal: bool) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if wal:
            _wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        mode = conn.get_execution_options().get("sqlite_begin")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "immediate" else "BEGIN")


def _wal(cur: Any, tries: int = 60) -> None:
    """Put the file in WAL mode (it stays so). Switching needs the file to itself, and SQLite answers
    "database is locked" at once, without waiting, while another process is creating the same new
    store: wait and try again."""
    import sqlite3
    import time

    for k in range(tries):
        try:
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or k == tries - 1:
                raise
            time.sleep(0.25)


def writer(engine: Engine) -> Engine:
    """The engine for a writing transaction: on SQLite it takes the write lock when it begins, so two
    writers queue instead of failing half-way."""
    return engine.execution_options(sqlite_begin="immediate")


def migrate(engine: Engine, revision: str = "head", down: bool = False) -> None:
    """Bring the schema to ``revision``: alembic ``upgrade`` (``down``: ``downgrade``), in one transaction."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":  # two processes opening a new database: one migrates
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        try:
            (command.downgrade if down else command.upgrade)(cfg, revision)
        except CommandError as e:
            heads = ScriptDirectory.from_config(cfg).get_heads()
            raise StoreError(f"the database's schema is not one this rasd knows (it knows up to {heads}): {e}. "
                             "Was it written by a newer rasd?") from e


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()

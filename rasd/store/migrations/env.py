"""Alembic environment: runs on the connection that ``rasd.store.engine.migrate`` hands over
(``config.attributes["connection"]``), or on ``sqlalchemy.url`` when alembic's command line is used
(``alembic -x`` is not needed: set ``sqlalchemy.url`` in an ini file pointing here)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from rasd.store.schema import include_object_for, metadata

config = context.config


def _run(connection) -> None:  # noqa: ANN001
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True, include_object=include_object_for(connection.dialect.name))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config(config.get_section(config.config_ini_section) or {}, prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()

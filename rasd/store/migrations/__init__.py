"""Alembic migrations of the store, run by ``rasd.store.engine.migrate`` whenever a store is opened."""

"""Alembic environment: run by store.engine on start, with the app's own connection."""

from __future__ import annotations

from alembic import context

from store.tables import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through store.engine.make_engine (it passes the connection).")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

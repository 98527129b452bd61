"""Schema migrations with Alembic: every schema change is a file in store/migrations/versions."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


_IN_PROCESS = threading.Lock()
MIGRATION_LOCK = 2026_11_24  # any fixed number: the PostgreSQL advisory lock replicas queue on


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (creates it on first start).

    Processes that start together take turns: the first migrates, the others wait and
    then find the schema up to date. PostgreSQL: an advisory lock. A SQLite file: a lock
    file next to it (SQLite cannot wait for a write lock once a transaction has read).
    """
    with _IN_PROCESS, _sqlite_file_lock(engine), engine.begin() as connection:  # Alembic uses module globals
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        if set(MigrationContext.configure(connection).get_current_heads()) == _heads():
            return  # up to date: Alembic's run (its env and every migration file loaded) is not needed
        command.upgrade(alembic_config(connection), "head")


@cache
def _heads() -> set[str]:
    """The newest migration(s), read from the files once per process."""
    return set(ScriptDirectory(str(MIGRATIONS)).get_heads())


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def new_migration(message: str) -> None:
    """Write the next migration: the difference between the models and the newest migration."""
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/schema.db")
        upgrade(engine)
        with engine.begin() as connection:
            command.revision(alembic_config(connection), message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit('Gebruik: .venv/bin/python -m store.migrate "wat er verandert"')
    new_migration(sys.argv[1])

"""A fresh, empty database for a test: a SQLite file, or a new PostgreSQL database.

The test command runs the whole suite twice: once on SQLite files, once with
ZELFSCAN_TEST_DATABASE_URL naming a PostgreSQL database whose role may create
databases. Each test (or test server) then gets its own database, dropped afterwards.

Migrating a new database takes a few tenths of a second, and most tests want one at the newest schema: with
`migrated=True` a test gets a copy of a database this process migrated once (a copied SQLite file, or PostgreSQL's
CREATE DATABASE ... TEMPLATE). The migration tests themselves ask for an empty one.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.scan import forget_cached_rounds
from store.migrate import upgrade


def database_url_for_tests() -> str | None:
    return os.environ.get("ZELFSCAN_TEST_DATABASE_URL") or None


def postgres_url() -> str | None:
    """A PostgreSQL server for tests that need one whatever the pass (scripts/test sets it)."""
    return os.environ.get("ZELFSCAN_TEST_POSTGRES_URL") or database_url_for_tests()


@contextmanager
def new_database(folder: Path, *, server_url: str | None = None, migrated: bool = False) -> Iterator[str]:
    """Yields the URL of a new database, empty or (`migrated`) at the newest schema; PostgreSQL when server_url (or
    the test URL) is set."""
    server_url = server_url or database_url_for_tests()
    if not server_url:
        path = folder / "zelfscan.db"
        if migrated:
            with closing(sqlite3.connect(_sqlite_template())) as seeded, closing(sqlite3.connect(path)) as mine:
                seeded.backup(mine)
        yield f"sqlite:///{path}"
        return
    name = f"zelfscan_t{uuid.uuid4().hex[:16]}"
    template = f' TEMPLATE "{_postgres_template(server_url)}"' if migrated else ""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{template}'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        forget_cached_rounds()  # round ids start again in the next database
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@cache
def _sqlite_template() -> Path:
    """A SQLite file at the newest schema, made once per process."""
    path = Path(tempfile.mkdtemp(prefix="zelfscan_template_")) / "zelfscan.db"
    _migrate(f"sqlite:///{path}")
    return path


@cache
def _postgres_template(server_url: str) -> str:
    """A PostgreSQL database at the newest schema, made once per process and dropped when it ends."""
    name = f"zelfscan_template_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    _migrate(make_url(server_url).set(database=name).render_as_string(hide_password=False))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    atexit.register(drop)
    return name


def _migrate(url: str) -> None:
    """Migrate with an engine of its own that is gone afterwards: a template must have no connection left."""
    engine = create_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()

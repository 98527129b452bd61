"""A fresh, empty database for a test: a SQLite file, or a new PostgreSQL database.

The test command runs the whole suite twice: once on SQLite files, once with
ZELFSCAN_TEST_DATABASE_URL naming a PostgreSQL database whose role may create
databases. Each test (or test server) then gets its own database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.scan import forget_cached_rounds


def database_url_for_tests() -> str | None:
    return os.environ.get("ZELFSCAN_TEST_DATABASE_URL") or None


def postgres_url() -> str | None:
    """A PostgreSQL server for tests that need one whatever the pass (scripts/test sets it)."""
    return os.environ.get("ZELFSCAN_TEST_POSTGRES_URL") or database_url_for_tests()


@contextmanager
def new_database(folder: Path, *, server_url: str | None = None) -> Iterator[str]:
    """Yields the URL of an empty database; PostgreSQL when server_url (or the test URL) is set."""
    server_url = server_url or database_url_for_tests()
    if not server_url:
        yield f"sqlite:///{folder / 'zelfscan.db'}"
        return
    name = f"zelfscan_t{uuid.uuid4().hex[:16]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        forget_cached_rounds()  # round ids start again in the next database
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

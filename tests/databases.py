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
import copy
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from services.access import forget_cached_keys
from services.scan import forget_cached_rounds
from store.engine import make_engine
from store.migrate import upgrade
from store.version_repo import register_source

T = TypeVar("T")


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
        folder.mkdir(parents=True, exist_ok=True)
        if migrated:
            _copy_sqlite(_sqlite_template(), path)
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


def _copy_sqlite(source: Path, target: Path) -> None:
    """Every page of one SQLite database into another (SQLite's backup: consistent, whatever journal mode)."""
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy_:
        original.backup(copy_)


def _migrate(url: str) -> None:
    """Migrate with an engine of its own that is gone afterwards: a template must have no connection left."""
    engine = create_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


_SEEDED: dict[tuple[str, str], tuple[str, Any]] = {}  # (seed key, server) -> (template, what the seed returned)


def seeded(engine: Engine, key: str, seed: Callable[[Engine], T]) -> T:
    """Fill the database of `engine` (new, at the newest schema, still empty) with what `seed` makes, and return
    what `seed` returned. The seed runs once per process and key, on a database of its own that is then copied
    (the same rows, the same ids), as the migrated template is: for fixtures many tests share, such as the demo
    region or a populated installation. `seed` must make the same whatever the test. The copy replaces the database
    whole: a fixture that wrote before it must be the seed's own first step (as the publications' region is)."""
    url = engine.url
    server = "sqlite" if url.get_backend_name() == "sqlite" else url.set(database="").render_as_string(False)
    if (key, server) not in _SEEDED:
        _SEEDED[(key, server)] = _seed_template(url.render_as_string(hide_password=False), seed)
    template, value = _SEEDED[(key, server)]
    engine.dispose()  # the copy replaces the database whole: no connection of the test may hold it
    if server == "sqlite":
        _copy_sqlite(Path(template), Path(str(url.database)))
    else:
        admin = create_engine(url.set(database=_server_database(url)), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{url.database}" TEMPLATE "{template}"'))
        admin.dispose()
    forget_cached_rounds()
    forget_cached_keys()  # as after a restore: the installation's keys are the copy's
    register_source(engine)
    return copy.deepcopy(value)  # type: ignore[no-any-return]  # a test may change what it got


def _seed_template(like: str, seed: Callable[[Engine], T]) -> tuple[str, T]:
    """A database at the newest schema holding what `seed` makes, kept for the rest of the process."""
    url = make_url(like)
    if url.get_backend_name() == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="zelfscan_seeded_")) / "zelfscan.db"
        _copy_sqlite(_sqlite_template(), path)
        where, name = f"sqlite:///{path}", str(path)
    else:
        server = url.set(database=_server_database(url)).render_as_string(hide_password=False)
        name = f"zelfscan_seeded_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_postgres_template(server)}"'))

        def drop() -> None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        atexit.register(drop)
        where = url.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(where)
    try:
        value = seed(engine)
    finally:
        engine.dispose()  # a template must have no connection left
        forget_cached_rounds()
    return name, value


def _server_database(url: Any) -> str:
    """The database the test URL names (it may create others): where to connect to create or drop one."""
    configured = database_url_for_tests() or postgres_url()
    return str(make_url(configured).database) if configured else "postgres"

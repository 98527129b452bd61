"""A fresh, empty database for a test: a SQLite file, or a new PostgreSQL database.

The test command runs the whole suite twice: once on SQLite files, once with
ZELFSCAN_TEST_DATABASE_URL naming a PostgreSQL database whose role may create
databases. Each test (or test server) then gets its own database, dropped afterwards; on PostgreSQL one at the newest
schema is emptied instead and given to the worker's next test that asks for one (`_pooled_postgres`).

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

from services import live
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
    if migrated:
        with _pooled_postgres(server_url) as url:
            yield url
        return
    name = f"zelfscan_t{uuid.uuid4().hex[:16]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _forget_caches()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# PostgreSQL databases at the newest schema that a test of this process used and that are empty again, per server.
# Copying the template costs the server about 0.25 s of processor time and dropping a database about 0.08 s; emptying
# one (TRUNCATE ... RESTART IDENTITY) about 0.07 s (3 December 2026, this 2-core machine). The PostgreSQL pass is bound
# by the processor, and most of its tests ask for such a database.
_FREE: dict[str, list[str]] = {}


@contextmanager
def _pooled_postgres(server_url: str) -> Iterator[str]:
    """A database at the newest schema with no rows, as a copy of the template is: one a test before used and
    emptied, or a new copy. Afterwards it is emptied for the next test, or dropped when it cannot be."""
    template = _postgres_template(server_url)
    free = _FREE.setdefault(server_url, [])
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    if free:
        name = free.pop()
    else:
        name = f"zelfscan_t{uuid.uuid4().hex[:16]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        _forget_caches()  # the next test reads this database under the same name
        if _emptied(admin, url, _schema_of(server_url, template)):
            free.append(name)
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


_SCHEMA = """SELECT coalesce(string_agg(c.relname || '.' || a.attname || ':' || a.atttypid::regtype::text, ','
                                        ORDER BY c.relname, a.attnum), '')
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped"""
_UNOWNED_SEQUENCES = """SELECT s.relname FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE s.relkind = 'S' AND n.nspname = 'public'
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = s.oid AND d.deptype IN ('a', 'i'))"""
_VERSION = "SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '') FROM alembic_version"


@cache
def _schema_of(server_url: str, template: str) -> tuple[str, str, tuple[str, ...]]:
    """The template's tables, columns, indexes and types, its migration version, and its tables."""
    engine = create_engine(make_url(server_url).set(database=template))
    try:
        with engine.connect() as connection:
            tables = connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).all()
            return (
                connection.execute(text(_SCHEMA)).scalar_one(),
                connection.execute(text(_VERSION)).scalar_one(),
                tuple(sorted(t for (t,) in tables)),
            )
    finally:
        engine.dispose()


def _emptied(admin: Engine, url: str, schema: tuple[str, str, tuple[str, ...]]) -> bool:
    """Empty the database as a new copy of the template is (no rows but the migration version, every sequence
    from 1), when its schema and version are still the template's; False when they are not or it fails."""
    shape, version, tables = schema
    name = make_url(url).database
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:  # what a test left open, as DROP DATABASE ... WITH (FORCE) would
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"), {"name": name}
            )
        with engine.connect() as connection:
            connection.execute(text("SET lock_timeout = '5s'"))
            if connection.execute(text(_SCHEMA)).scalar_one() != shape:
                return False
            if connection.execute(text(_VERSION)).scalar_one() != version:
                return False
            emptied = ", ".join(f'"{t}"' for t in tables if t != "alembic_version")
            connection.execute(text(f"TRUNCATE {emptied} RESTART IDENTITY CASCADE"))
            for sequence in connection.execute(text(_UNOWNED_SEQUENCES)).scalars():  # RESTART IDENTITY did the rest
                connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def _forget_caches() -> None:
    """What this process keeps per database address: a later database may have the same one."""
    forget_cached_rounds()
    forget_cached_keys()
    live.forget()


@atexit.register
def _drop_free() -> None:
    for server_url, names in _FREE.items():
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in names:
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
    _forget_caches()  # as after a restore: the installation's keys are the copy's
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

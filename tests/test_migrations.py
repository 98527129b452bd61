"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from store.tables import Base
from tests.databases import new_database


def test_the_migrations_create_the_schema_the_models_describe(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_starting_twice_on_the_same_database_migrates_once(engine):
    from store.engine import make_engine

    again = make_engine(engine.url.render_as_string(hide_password=False))
    assert "alembic_version" in inspect(again).get_table_names()
    again.dispose()


def _start(url: str) -> None:
    from store.engine import make_engine

    make_engine(url).dispose()


def test_replicas_starting_together_migrate_once_without_errors(tmp_path):
    """Four processes start on one new database at once, as replicas do after a deploy."""
    import multiprocessing

    with new_database(tmp_path) as url:
        context = multiprocessing.get_context("spawn")
        processes = [context.Process(target=_start, args=(url,)) for _ in range(4)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=120)
        assert [p.exitcode for p in processes] == [0, 0, 0, 0]
        engine = create_engine(url)
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        engine.dispose()

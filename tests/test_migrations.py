"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from store.tables import Base


def test_the_migrations_create_the_schema_the_models_describe(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_starting_twice_on_the_same_database_migrates_once(engine):
    from store.engine import make_engine

    again = make_engine(engine.url.render_as_string(hide_password=False))
    assert "alembic_version" in inspect(again).get_table_names()
    again.dispose()

"""Fixtures of the AppTest page tests: the app on a fresh database (SQLite or PostgreSQL), the demo region."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

import settings
from demo.seed import load_demo_region
from domain.models import Regio
from store.engine import shared_engine
from tests.databases import database_url_for_tests, new_database


@pytest.fixture(autouse=True)
def served_like_server_py(monkeypatch):
    """AppTest resets Streamlit's legacy `pages/` flag on every run; server.py turns it off.

    Without this, AppTest.switch_page runs a page file without app.py (and its login check).
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def app_engine(tmp_path, monkeypatch):
    """Point the app at a fresh database and forget engines of earlier tests."""
    with new_database(tmp_path, migrated=True) as url:
        monkeypatch.setenv("ZELFSCAN_DATA_DIR", str(tmp_path))
        if database_url_for_tests():
            monkeypatch.setenv("ZELFSCAN_DATABASE_URL", url)
        settings.get_settings.cache_clear()
        shared_engine.cache_clear()
        engine = shared_engine(settings.get_settings().effective_database_url)
        yield engine
        engine.dispose()
        shared_engine.cache_clear()
        settings.get_settings.cache_clear()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> tuple[Path, Regio] | None:
    """The demo region seeded once per worker into a SQLite file: seeding takes seconds, a copy milliseconds.
    None on PostgreSQL, where each test seeds its own database."""
    if database_url_for_tests():
        return None
    path = tmp_path_factory.mktemp("demo") / "zelfscan.db"
    engine = shared_engine(f"sqlite:///{path}")  # migrated as the app migrates it
    try:
        return path, load_demo_region(engine)
    finally:
        engine.dispose()
        shared_engine.cache_clear()


@pytest.fixture
def demo(app_engine, demo_template):
    """The demo region in this test's own database (a copy of the seeded file on SQLite)."""
    if demo_template is None:
        return load_demo_region(app_engine)
    path, regio = demo_template
    app_engine.dispose()
    with closing(sqlite3.connect(path)) as seeded, closing(sqlite3.connect(app_engine.url.database)) as mine:
        seeded.backup(mine)
    return regio

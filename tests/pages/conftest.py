"""Fixtures of the AppTest page tests: the app on a fresh database (SQLite or PostgreSQL), the demo region."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager

import settings
from demo.seed import load_demo_region
from store.engine import shared_engine
from tests.databases import database_url_for_tests, new_database, seeded


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


@pytest.fixture
def demo(app_engine):
    """The demo region in this test's own database (seeded once per process, then copied: tests/databases.py)."""
    return seeded(app_engine, "demo", load_demo_region)

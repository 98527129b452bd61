from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import Engine

from demo.seed import load_demo_region
from domain.models import Participant, Purpose, Regio
from services.regio import create_regio, list_gemeenten
from services.scan import start_round
from store.engine import make_engine
from store.tables import Base


@pytest.fixture
def engine(tmp_path) -> Engine:
    """A real database: a new SQLite file, or the empty database ZELFSCAN_TEST_DATABASE_URL names."""
    url = os.environ.get("ZELFSCAN_TEST_DATABASE_URL")
    eng = make_engine(url or f"sqlite:///{tmp_path / 'zelfscan.db'}")
    yield eng
    if url:
        Base.metadata.drop_all(eng)
    eng.dispose()


@pytest.fixture
def regio(engine) -> Regio:
    return create_regio(engine, name="Regio Test", gemeente_names=["Aadorp", "Beekdal", "Cranendonk-Oost"])


@pytest.fixture
def round_id(engine, regio) -> int:
    gemeente = list_gemeenten(engine, regio_id=regio.id)[0]
    return start_round(
        engine,
        gemeente_id=gemeente.id,
        held_on=date(2026, 3, 5),
        purpose=Purpose.NULMETING,
        participants=[Participant(name="", role="Teamleider")],
    )


@pytest.fixture
def demo_regio(engine) -> Regio:
    return load_demo_region(engine)

from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import Engine, text

from demo.seed import load_demo_region
from domain.access import Principal, Role
from domain.models import Gemeente, Participant, Purpose, Regio
from services.regio import create_regio, list_gemeenten
from services.scan import forget_cached_rounds, start_round
from store.engine import make_engine
from store.tables import Base

ADMIN = Principal(code_id=0, role=Role.BEHEERDER, label="Testbeheerder", regio_id=None)


@pytest.fixture
def engine(tmp_path) -> Engine:
    """A real database: a new SQLite file, or the empty database ZELFSCAN_TEST_DATABASE_URL names."""
    url = os.environ.get("ZELFSCAN_TEST_DATABASE_URL")
    eng = make_engine(url or f"sqlite:///{tmp_path / 'zelfscan.db'}")
    yield eng
    if url:
        forget_cached_rounds()  # round ids start again in the recreated tables
        Base.metadata.drop_all(eng)
        with eng.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    eng.dispose()


def principal_for(role: Role, regio: Regio, gemeente: Gemeente | None = None, label: str = "Test") -> Principal:
    return Principal(
        code_id=100, role=role, label=label, regio_id=regio.id, gemeente_id=gemeente.id if gemeente else None
    )


@pytest.fixture
def regio(engine) -> Regio:
    return create_regio(engine, ADMIN, name="Regio Test", gemeente_names=["Aadorp", "Beekdal", "Cranendonk-Oost"])


@pytest.fixture
def gemeenten(engine, regio) -> list[Gemeente]:
    return list_gemeenten(engine, ADMIN, regio_id=regio.id)


@pytest.fixture
def aadorp(regio, gemeenten) -> Principal:
    """A gemeente user of Aadorp."""
    return principal_for(Role.GEMEENTE, regio, gemeenten[0], label="team Aadorp")


@pytest.fixture
def regio_user(regio) -> Principal:
    return principal_for(Role.REGIO, regio, label="regioteam")


@pytest.fixture
def round_id(engine, aadorp) -> int:
    return start_round(
        engine,
        aadorp,
        gemeente_id=aadorp.gemeente_id,
        held_on=date(2026, 3, 5),
        purpose=Purpose.NULMETING,
        participants=[Participant(name="", role="Teamleider")],
    )


@pytest.fixture
def demo_regio(engine) -> Regio:
    return load_demo_region(engine)

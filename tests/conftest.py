from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from demo.seed import load_demo_region
from domain.access import Principal, Role
from domain.answers import AnswerValue
from domain.models import Gemeente, Participant, Purpose, Regio
from domain.plan import PlanLayout
from services.plans import create_gemeente_plan
from services.regio import create_regio, list_gemeenten
from services.scan import ToelichtingChange, ValueChange, save_changes, start_round
from store.engine import make_engine
from tests.databases import new_database, seeded

ADMIN = Principal(code_id=0, role=Role.BEHEERDER, label="Testbeheerder", regio_id=None)


@pytest.fixture
def engine(tmp_path) -> Engine:
    """A real database at the newest schema, with nothing in it: a new SQLite file, or a new PostgreSQL database in
    the PostgreSQL pass (a copy of one migrated once: tests/databases.py)."""
    with new_database(tmp_path, migrated=True) as url:
        eng = make_engine(url)
        yield eng
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
    return seeded(engine, "demo", load_demo_region)


def regio_with_rounds(engine, name: str, gemeente_names: list[str], niet, notes: dict[int, str] | None = None) -> Regio:
    """A regio whose gemeenten each have one round (5 March 2026, a nulmeting) with all 31 questions answered:
    `niet(i)` the questions niet op orde at the i-th gemeente, `notes` the same toelichtingen everywhere."""
    regio = create_regio(engine, ADMIN, name=name, gemeente_names=gemeente_names)
    for i, gemeente in enumerate(list_gemeenten(engine, ADMIN, regio_id=regio.id)):
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        round_id = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2026, 3, 5), purpose=Purpose.NULMETING, participants=[]
        )
        answer_all(engine, me, round_id, niet(i), notes)
    return regio


def answer_all(engine, who, round_id, niet: set[int], notes: dict[int, str] | None = None) -> None:
    changes = [
        ValueChange(question_number=n, value=AnswerValue.NIET_OP_ORDE if n in niet else AnswerValue.OP_ORDE)
        for n in range(1, 32)
    ]
    changes += [ToelichtingChange(question_number=n, toelichting=t) for n, t in (notes or {}).items()]
    save_changes(engine, who, round_id=round_id, changes=changes)


@pytest.fixture
def answered(engine, aadorp, round_id) -> int:
    """Aadorp's round: questions 5, 6 and 17 niet op orde, everything else op orde."""
    answer_all(engine, aadorp, round_id, {5, 6, 17}, {5: "Meldcode is bekend, afwegingskader niet.", 1: "Vastgesteld."})
    return round_id


@pytest.fixture
def plan_id(engine, aadorp, answered) -> int:
    return create_gemeente_plan(engine, aadorp, round_id=answered, layout=PlanLayout.PER_STANDAARD)


@pytest.fixture
def three_answered(engine, regio, gemeenten) -> None:
    """Question 17 niet op orde in all three gemeenten, 5 in two, 9 in one."""
    for gemeente, niet in zip(gemeenten, [{5, 9, 17}, {5, 17}, {17}], strict=True):
        me = principal_for(Role.GEMEENTE, regio, gemeente, label=f"team {gemeente.name}")
        rid = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2026, 4, 1), purpose=Purpose.NULMETING, participants=[]
        )
        answer_all(engine, me, rid, niet, {17: f"In {gemeente.name} is de wachtlijst lang."})


def shared(engine, regio: Regio, **options):
    """What the regio shares: it fixes a publication of its rounds by its own rule (as on the Regio page) and
    gets it back; when nothing changed since the last one, that one."""
    from services import ServiceError
    from services.publications import Options, Selection, latest, publish

    viewer = principal_for(Role.REGIO, regio, label="regioteam")
    try:
        return publish(engine, viewer, regio_id=regio.id, selection=Selection(), options=Options(**options))[1].picture
    except ServiceError as exc:
        if "niets nieuws" not in str(exc):
            raise
        return latest(engine, viewer, regio_id=regio.id)


def shared_bytes(engine, regio: Regio, kind: str, *, duiding: str = "", **options) -> tuple[str, bytes, str]:
    """A shared file of the regio (file name, bytes, MIME type), as the Regio page hands it out."""
    from analysis.deidentify import Words
    from services.regio import list_gemeenten
    from services.regio_exports import shared_file

    names = tuple(g.name for g in list_gemeenten(engine, ADMIN, regio_id=regio.id))
    return shared_file(shared(engine, regio, **options), kind, duiding=duiding, words=Words(names=names))

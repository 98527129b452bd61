from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from domain.answers import AnswerValue
from domain.models import Participant, Purpose
from services.scan import ToelichtingChange, ValueChange, open_scan, save_changes, update_round_details
from store import repository as repo
from store.engine import make_engine

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def test_the_database_file_is_created_on_first_start(tmp_path):
    db = tmp_path / "nieuw" / "zelfscan.db"
    make_engine(f"sqlite:///{db}").dispose()
    assert db.exists()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 30_000


def test_saved_answers_are_there_after_a_restart(tmp_path, round_id, engine, aadorp):
    save_changes(
        engine,
        aadorp,
        round_id=round_id,
        changes=[
            ValueChange(question_number=3, value=NIET),
            ToelichtingChange(question_number=3, toelichting="Nog niet op papier"),
        ],
    )
    engine.dispose()
    restarted = make_engine(engine.url.render_as_string(hide_password=False))
    answers = open_scan(restarted, aadorp, round_id=round_id).answers
    assert answers[3].value is NIET
    assert answers[3].toelichting == "Nog niet op papier"


def test_saving_the_same_value_again_changes_nothing(engine, round_id, aadorp):
    change = [ValueChange(question_number=1, value=OP)]
    assert save_changes(engine, aadorp, round_id=round_id, changes=change).changed == 1
    assert save_changes(engine, aadorp, round_id=round_id, changes=change).changed == 0


def test_saving_a_toelichting_keeps_the_answer(engine, round_id, aadorp):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=2, value=OP)])
    save_changes(
        engine, aadorp, round_id=round_id, changes=[ToelichtingChange(question_number=2, toelichting="Zie visie")]
    )
    answer = open_scan(engine, aadorp, round_id=round_id).answers[2]
    assert (answer.value, answer.toelichting) == (OP, "Zie visie")


def test_a_toelichting_can_be_saved_before_the_answer_is_chosen(engine, round_id, aadorp):
    save_changes(
        engine, aadorp, round_id=round_id, changes=[ToelichtingChange(question_number=9, toelichting="Twijfel")]
    )
    answer = open_scan(engine, aadorp, round_id=round_id).answers[9]
    assert answer.value is None
    assert answer.toelichting == "Twijfel"


def test_an_answer_can_be_changed_and_cleared(engine, round_id, aadorp):
    for value in (OP, NIET, None):
        save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=4, value=value)])
        assert open_scan(engine, aadorp, round_id=round_id).answers[4].value is value


def test_every_save_records_when_the_answer_last_changed(engine, round_id, aadorp):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=5, value=OP)])
    assert open_scan(engine, aadorp, round_id=round_id).answers[5].updated_at is not None


def test_many_threads_saving_at_once_lose_no_answer(engine, round_id, aadorp):
    def answer(numbers):
        for n in numbers:
            save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=n, value=OP)])

    threads = [threading.Thread(target=answer, args=(range(start, 32, 4),)) for start in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(open_scan(engine, aadorp, round_id=round_id).answers) == 31


def test_round_details_and_participants_can_be_changed(engine, round_id, aadorp):
    participants = [Participant(name="A. de Vries", role="Veilig Thuis"), Participant(role="Teamleider")]
    update_round_details(
        engine,
        aadorp,
        round_id=round_id,
        held_on=date(2026, 4, 1),
        purpose=Purpose.EVALUATIE,
        participants=participants,
    )
    info = open_scan(engine, aadorp, round_id=round_id).info
    assert (info.held_on, info.purpose) == (date(2026, 4, 1), Purpose.EVALUATIE)
    assert list(info.participants) == participants


def test_deleting_a_regio_removes_its_rounds_and_answers(engine, regio, round_id, aadorp):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=OP)])
    with Session(engine) as session, session.begin():
        session.execute(text("DELETE FROM regio WHERE id = :id"), {"id": regio.id})
    with Session(engine) as session:
        assert repo.answered_numbers(session, round_ids=[round_id]) == {}


def test_saving_to_a_round_deleted_after_an_earlier_save_says_so_in_dutch(engine, regio, round_id, aadorp):
    from services import ServiceError

    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=OP)])
    with Session(engine) as session, session.begin():
        session.execute(text("DELETE FROM regio WHERE id = :id"), {"id": regio.id})
    with pytest.raises(ServiceError, match="ronde bestaat niet"):
        save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=2, value=OP)])

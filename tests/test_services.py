from __future__ import annotations

from datetime import date

import pytest

from demo.seed import DEMO_REGIO_NAME, load_demo_region
from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services import ServiceError
from services.regio import create_regio, has_any_regio, list_gemeenten, list_regios, parse_gemeente_names
from services.scan import ValueChange, list_rounds, open_scan, round_report, save_changes, start_round
from tests.conftest import ADMIN, principal_for

OP = AnswerValue.OP_ORDE


def test_a_new_round_uses_the_current_questionnaire(engine, aadorp, round_id):
    assert open_scan(engine, aadorp, round_id=round_id).info.questionnaire_version == "2026.1"


def test_starting_a_round_for_an_unknown_gemeente_is_refused(engine, aadorp):
    with pytest.raises(ServiceError, match="gemeente bestaat niet"):
        start_round(
            engine, aadorp, gemeente_id=999, held_on=date(2026, 1, 1), purpose=Purpose.NULMETING, participants=[]
        )


def test_opening_an_unknown_round_says_so_in_dutch(engine, aadorp):
    with pytest.raises(ServiceError, match="ronde bestaat niet"):
        open_scan(engine, aadorp, round_id=12345)


def test_an_answer_to_question_32_is_refused_and_nothing_is_saved(engine, aadorp, round_id):
    with pytest.raises(ServiceError, match="Vraag 32 hoort niet bij deze vragenlijst"):
        save_changes(
            engine,
            aadorp,
            round_id=round_id,
            changes=[ValueChange(question_number=1, value=OP), ValueChange(question_number=32, value=OP)],
        )
    assert open_scan(engine, aadorp, round_id=round_id).answers == {}


def test_the_round_list_shows_progress_per_block_and_where_to_resume(engine, aadorp, round_id):
    changes = [ValueChange(question_number=n, value=OP) for n in range(1, 15)]
    save_changes(engine, aadorp, round_id=round_id, changes=changes)
    [summary] = list_rounds(engine, aadorp, gemeente_id=aadorp.gemeente_id)
    assert summary.answered_by_block == {1: 14, 2: 0}
    assert summary.answered == 14
    assert summary.resume_block == 2


def test_the_report_of_a_round_holds_its_scores(engine, aadorp, round_id):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=OP)])
    report = round_report(engine, aadorp, round_id=round_id)
    assert report.result.standards[0].op_orde == 1


def test_gemeente_names_can_be_typed_one_per_line_or_with_commas():
    assert parse_gemeente_names("Aadorp\n Beekdal, Cranendonk \n\n") == ["Aadorp", "Beekdal", "Cranendonk"]


def test_a_regio_with_the_same_gemeente_twice_is_refused(engine):
    with pytest.raises(ServiceError, match="twee keer"):
        create_regio(engine, ADMIN, name="Regio X", gemeente_names=["Aadorp", "aadorp"])
    assert not has_any_regio(engine)


def test_a_second_regio_with_the_same_name_is_refused(engine, regio):
    with pytest.raises(ServiceError, match="bestaat al een regio"):
        create_regio(engine, ADMIN, name=regio.name, gemeente_names=["Zuidhoek"])


def test_a_regio_needs_a_name_and_a_gemeente(engine):
    with pytest.raises(ServiceError, match="naam van de regio"):
        create_regio(engine, ADMIN, name="  ", gemeente_names=["Aadorp"])
    with pytest.raises(ServiceError, match="minstens één gemeente"):
        create_regio(engine, ADMIN, name="Regio Y", gemeente_names=[])


def test_the_demo_region_has_eight_gemeenten_and_is_marked_as_demo(engine, demo_regio):
    assert demo_regio.name == DEMO_REGIO_NAME and demo_regio.is_demo
    assert len(list_gemeenten(engine, ADMIN, regio_id=demo_regio.id)) == 8


def test_loading_the_demo_twice_creates_it_once(engine, demo_regio):
    assert load_demo_region(engine) == demo_regio
    assert len(list_regios(engine, ADMIN)) == 1


def test_the_demo_holds_answers_and_toelichtingen_for_every_gemeente(engine, demo_regio):
    viewer = principal_for(Role.REGIO, demo_regio)
    for gemeente in list_gemeenten(engine, viewer, regio_id=demo_regio.id):
        latest = list_rounds(engine, viewer, gemeente_id=gemeente.id)[0]
        answers = open_scan(engine, viewer, round_id=latest.id).answers
        assert latest.answered >= 14
        assert any(a.toelichting for a in answers.values())


def test_the_demo_has_a_round_with_an_unfinished_block_2(engine, demo_regio):
    viewer = principal_for(Role.REGIO, demo_regio)
    summaries = [
        s
        for g in list_gemeenten(engine, viewer, regio_id=demo_regio.id)
        for s in list_rounds(engine, viewer, gemeente_id=g.id)
    ]
    assert any(0 < s.answered_by_block[2] < 17 for s in summaries)


def test_undoing_the_newest_change_puts_back_what_it_replaced(engine, aadorp, round_id):
    from domain.answers import AnswerValue
    from services.scan import ValueChange, history, open_scan, restore, save_changes

    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=4, value=AnswerValue.OP_ORDE)])
    save_changes(
        engine,
        aadorp,
        round_id=round_id,
        changes=[ValueChange(question_number=4, value=AnswerValue.NIET_OP_ORDE, expected=AnswerValue.OP_ORDE)],
    )
    newest = history(engine, aadorp, round_id=round_id, question_number=4)[0]
    restore(engine, aadorp, change_id=newest.id, undo=True)
    assert open_scan(engine, aadorp, round_id=round_id).answers[4].value is AnswerValue.OP_ORDE


def test_the_demo_rounds_last_changed_on_their_own_day(engine, demo_regio):
    from services.regio import list_gemeenten
    from services.scan import list_rounds
    from tests.conftest import ADMIN, principal_for

    gemeente = list_gemeenten(engine, ADMIN, regio_id=demo_regio.id)[0]
    rounds = list_rounds(engine, principal_for(Role.REGIO, demo_regio), gemeente_id=gemeente.id)
    assert rounds and all(r.last_change.date() == r.held_on for r in rounds if r.answered)

"""A regio's own extra questions: answered like the others, reported apart, never in a core figure."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest

from domain.access import Principal, Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services import ServiceError
from services.authz import Forbidden
from services.extra_questions import add_extra_question, extra_questions, remove_extra_question
from services.publications import Options, Selection, publish
from services.regio_exports import internal_file, shared_file
from services.regio_report import regio_report
from services.scan import ToelichtingChange, ValueChange, open_scan, save_changes, start_round
from services.workbooks import round_workbook
from tests.conftest import answer_all, principal_for

EXTRA = "Heeft de gemeente afspraken met de huisartsen over signalen van geweld?"


@pytest.fixture
def beheerder(regio) -> Principal:
    return Principal(code_id=7, role=Role.BEHEERDER, label="regiobeheer", regio_id=regio.id)


@pytest.fixture
def extra(engine, regio, beheerder):
    extra_id = add_extra_question(
        engine, beheerder, regio_id=regio.id, text=EXTRA, help="Denk aan de meldcode.", standard=7, block=1
    )
    return next(q for q in extra_questions(engine, beheerder, regio_id=regio.id) if q.id == extra_id)


@pytest.fixture
def three_answered(engine, regio, gemeenten, extra):
    """Three gemeenten answered every core question op orde and the extra question: two niet op orde."""
    rounds = []
    for gemeente, value in zip(gemeenten, ["niet_op_orde", "niet_op_orde", "op_orde"], strict=True):
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        round_id = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2026, 5, 1), purpose=Purpose.NULMETING, participants=[]
        )
        answer_all(engine, me, round_id, niet=set())
        save_changes(
            engine, me, round_id=round_id,
            changes=[ValueChange(question_number=extra.number, value=AnswerValue(value)),
                     ToelichtingChange(question_number=extra.number, toelichting=f"Extra bij {gemeente.name}")],
        )  # fmt: skip
        rounds.append((me, round_id))
    return rounds


def test_a_regio_beheerder_adds_an_extra_question_to_its_scan(engine, aadorp, round_id, extra):
    snapshot = open_scan(engine, aadorp, round_id=round_id)
    assert [q.text for q in snapshot.extra_questions] == [EXTRA]


def test_a_gemeente_cannot_add_an_extra_question(engine, regio, aadorp):
    with pytest.raises(ServiceError):
        add_extra_question(engine, aadorp, regio_id=regio.id, text=EXTRA, help="", standard=7, block=1)


def test_another_regios_beheerder_cannot_add_one(engine, regio):
    other = Principal(code_id=8, role=Role.BEHEERDER, label="ander", regio_id=regio.id + 100)
    with pytest.raises(ServiceError):
        add_extra_question(engine, other, regio_id=regio.id, text=EXTRA, help="", standard=7, block=1)


def test_an_answer_to_an_extra_question_is_saved_apart_from_the_core_answers(engine, aadorp, round_id, extra):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=extra.number,
                                                                         value=AnswerValue.NIET_OP_ORDE)])  # fmt: skip
    snapshot = open_scan(engine, aadorp, round_id=round_id)
    assert snapshot.extra_answers[extra.number].value is AnswerValue.NIET_OP_ORDE
    assert snapshot.answers == {} and snapshot.result.total.answered == 0


def test_the_extra_question_never_counts_in_the_regional_figures(engine, regio, regio_user, three_answered, extra):
    report = regio_report(engine, regio_user, regio_id=regio.id)
    assert all(a.mean_share == 1.0 for a in report.average)  # every core answer op orde, the extra ones not
    assert all(q.number <= 31 for q in report.questions)
    assert [(q.text, q.x, q.y) for q in report.extras] == [(EXTRA, 1, 3)]


def test_the_extras_own_table_is_withheld_outside_the_regio_team_by_the_regios_rules(
    engine, regio, regio_user, extra, three_answered
):
    _, made = publish(engine, regio_user, regio_id=regio.id, selection=Selection(), options=Options())
    assert made.picture.extras[0].op_orde.withheld  # 1 van 3: three gemeenten are too few for words


def test_the_round_workbook_has_the_extra_question_on_its_own_sheet_only(engine, three_answered, extra):
    me, round_id = three_answered[0]
    wb = openpyxl.load_workbook(io.BytesIO(round_workbook(engine, me, round_id=round_id)[1]))
    places = [ws.title for ws in wb.worksheets for row in ws.iter_rows(values_only=True) if EXTRA in row]
    assert places == ["Extra vragen regio"]


def test_the_shared_files_show_the_extra_question_only_in_its_own_part(engine, regio, regio_user, three_answered):
    options = Options(include_toelichtingen=True)
    _, made = publish(engine, regio_user, regio_id=regio.id, selection=Selection(), options=options)
    figures = made.picture
    wb = openpyxl.load_workbook(io.BytesIO(shared_file(figures, "xlsx")[1]))
    places = [ws.title for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
              if isinstance(c, str) and EXTRA in c]  # fmt: skip
    assert places == ["Extra vragen regio"]
    text = shared_file(figures, "csv")[1].decode("utf-8-sig")
    assert EXTRA not in text and not any("Extra bij" in c for r in csv.reader(io.StringIO(text)) for c in r)
    html = shared_file(figures, "html")[1].decode()
    assert html.count(EXTRA) == 1 and "Extra vragen van de regio" in html


def test_the_internal_workbook_keeps_the_extra_question_out_of_the_core_sheets(
    engine, regio, regio_user, three_answered
):
    report = regio_report(engine, regio_user, regio_id=regio.id)
    wb = openpyxl.load_workbook(io.BytesIO(internal_file(report)[1]))
    places = {ws.title for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
              if isinstance(c, str) and EXTRA in c}  # fmt: skip
    assert places <= {"Extra vragen regio"}


def test_a_removed_extra_question_is_no_longer_asked_but_its_answers_stay(
    engine, regio, beheerder, three_answered, extra
):
    remove_extra_question(engine, beheerder, regio_id=regio.id, extra_id=extra.id)
    me, round_id = three_answered[0]
    assert [q.text for q in open_scan(engine, me, round_id=round_id).extra_questions] == [EXTRA]
    fresh = start_round(engine, me, gemeente_id=me.gemeente_id, held_on=date(2027, 1, 1), purpose=Purpose.EVALUATIE,
                        participants=[])  # fmt: skip
    assert open_scan(engine, me, round_id=fresh).extra_questions == ()


def test_an_extra_question_of_another_regio_cannot_be_answered(engine, aadorp, round_id):
    with pytest.raises(ServiceError, match="hoort niet bij deze vragenlijst"):
        save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1999,
                                                                             value=AnswerValue.OP_ORDE)])  # fmt: skip


def test_the_regio_cannot_read_another_regios_extra_questions(engine, regio, regio_user):
    with pytest.raises(Forbidden):
        extra_questions(engine, regio_user, regio_id=regio.id + 100)


def test_a_workbook_read_back_in_keeps_the_extra_answers(engine, regio, regio_user, three_answered, extra):
    from services.excel_import import preview, store

    me, round_id = three_answered[0]
    _, data = round_workbook(engine, me, round_id=round_id)
    shown = preview(engine, regio_user, file_name="terug.xlsx", data=data)
    assert shown.can_store and not shown.problems
    new_round = store(engine, regio_user, file_name="terug.xlsx", data=data, digest=shown.digest, accept_problems=False)
    answer = open_scan(engine, regio_user, round_id=new_round).extra_answers[extra.number]
    assert (answer.value, answer.toelichting) == (AnswerValue.NIET_OP_ORDE, "Extra bij Aadorp")


def test_an_extra_answer_of_an_unknown_extra_question_is_named_and_not_read_in(engine, regio_user, three_answered):
    from services.excel_import import preview

    me, round_id = three_answered[0]
    _, data = round_workbook(engine, me, round_id=round_id)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb["Extra vragen regio"]["A3"] = 999
    out = io.BytesIO()
    wb.save(out)
    shown = preview(engine, regio_user, file_name="vreemd.xlsx", data=out.getvalue())
    assert [p.message for p in shown.problems] == [
        "Extra vraag 999 kennen we niet in deze regio. Dat antwoord lezen we niet in."
    ]


def test_the_verslag_has_the_extra_question_in_its_own_table(engine, three_answered):
    from services.gemeente_report import gemeente_report

    me, round_id = three_answered[0]
    report = gemeente_report(engine, me, round_id=round_id)
    assert report.extras == ((EXTRA, "niet op orde", "Extra bij Aadorp"),)
    assert all(q.number <= 31 for q in report.result.questions)


def test_the_regio_archive_holds_only_the_core_questions(engine, regio, regio_user, three_answered):
    from services.workbooks import regio_archive

    wb = openpyxl.load_workbook(io.BytesIO(regio_archive(engine, regio_user, regio_id=regio.id)[1]))
    assert not any(EXTRA in str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row)

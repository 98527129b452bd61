"""Every change is recorded; simultaneous edits are both kept, and the later editor is told."""

from __future__ import annotations

from domain.answers import AnswerValue
from services.scan import ToelichtingChange, ValueChange, history, open_scan, restore, save_changes

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def test_every_change_is_recorded_with_who_when_old_and_new(engine, aadorp, round_id):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=3, value=OP)])
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=3, value=NIET, expected=OP)])
    newest, oldest = history(engine, aadorp, round_id=round_id, question_number=3)
    assert (oldest.old, oldest.new, newest.old, newest.new) == (None, "op_orde", "op_orde", "niet_op_orde")
    assert newest.actor == "team Aadorp (gemeente)" and newest.at is not None


def test_a_toelichting_change_is_recorded_too(engine, aadorp, round_id):
    save_changes(
        engine, aadorp, round_id=round_id, changes=[ToelichtingChange(question_number=8, toelichting="Eén AF")]
    )
    [change] = history(engine, aadorp, round_id=round_id, question_number=8)
    assert (change.field, change.old, change.new) == ("toelichting", None, "Eén AF")


def test_saving_an_unchanged_value_adds_no_history(engine, aadorp, round_id):
    change = [ValueChange(question_number=3, value=OP)]
    save_changes(engine, aadorp, round_id=round_id, changes=change)
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=3, value=OP, expected=OP)])
    assert len(history(engine, aadorp, round_id=round_id)) == 1


def test_the_later_of_two_simultaneous_editors_is_told_whose_change_it_replaced(engine, aadorp, round_id):
    colleague = aadorp.model_copy(update={"label": "team Wmo Aadorp", "code_id": 101})
    # Both saw question 5 unanswered; the colleague saves first.
    save_changes(engine, colleague, round_id=round_id, changes=[ValueChange(question_number=5, value=OP)])
    report = save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=5, value=NIET)])
    [told] = report.overwritten
    assert (told.question_number, told.their_value, told.by) == (5, "op orde", "team Wmo Aadorp (gemeente)")
    assert [c.actor for c in history(engine, aadorp, round_id=round_id, question_number=5)] == [
        "team Aadorp (gemeente)",
        "team Wmo Aadorp (gemeente)",
    ]


def test_an_editor_who_saw_the_latest_value_is_not_warned(engine, aadorp, round_id):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=5, value=OP)])
    report = save_changes(
        engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=5, value=NIET, expected=OP)]
    )
    assert report.overwritten == ()


def test_restore_puts_back_an_earlier_value_and_records_it(engine, aadorp, round_id):
    save_changes(
        engine, aadorp, round_id=round_id, changes=[ToelichtingChange(question_number=2, toelichting="Eerste tekst")]
    )
    save_changes(
        engine,
        aadorp,
        round_id=round_id,
        changes=[ToelichtingChange(question_number=2, toelichting="Tweede", expected="Eerste tekst")],
    )
    first = history(engine, aadorp, round_id=round_id, question_number=2)[-1]
    restore(engine, aadorp, change_id=first.id)
    assert open_scan(engine, aadorp, round_id=round_id).answers[2].toelichting == "Eerste tekst"
    assert len(history(engine, aadorp, round_id=round_id, question_number=2)) == 3

from __future__ import annotations

import pytest

import questionnaire
from analysis.results import StandardStatus
from analysis.scoring import score_round
from domain.answers import Answer, AnswerValue

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def score(values: dict[int, AnswerValue | None]):
    answers = [Answer(question_number=n, value=v) for n, v in values.items()]
    return score_round(questionnaire.current(), answers)


def standard(result, number):
    return next(s for s in result.standards if s.number == number)


def test_a_round_without_answers_has_no_score_for_any_standard():
    result = score({})
    assert all(s.status is StandardStatus.NIET_BEANTWOORD for s in result.standards)
    assert all(s.share is None for s in result.standards)
    assert result.total.answered == 0


def test_the_share_of_a_standard_counts_only_answered_questions():
    # Standard 3 has questions 5-9; two answered, one of them op orde.
    result = score({5: OP, 6: NIET})
    s3 = standard(result, 3)
    assert (s3.op_orde, s3.answered, s3.question_count) == (1, 2, 5)
    assert s3.share == pytest.approx(0.5)


def test_a_partly_answered_standard_is_marked_incomplete():
    assert standard(score({5: OP}), 3).status is StandardStatus.ONVOLLEDIG


def test_an_unanswered_question_is_not_counted_as_niet_op_orde():
    result = score({5: OP, 6: OP, 7: OP, 8: OP})  # question 9 open
    s3 = standard(result, 3)
    assert s3.niet_op_orde == 0
    assert s3.share == 1.0
    assert not s3.whole_standard_op_orde
    assert [q.number for q in result.niet_op_orde_questions] == []


def test_a_standard_is_op_orde_only_when_all_its_questions_are_op_orde():
    assert standard(score({1: OP, 2: OP}), 1).status is StandardStatus.OP_ORDE
    assert standard(score({1: OP, 2: NIET}), 1).status is StandardStatus.NIET_OP_ORDE


def test_a_fully_answered_standard_with_one_niet_op_orde_has_the_right_share():
    s8 = standard(score({23: OP, 24: OP, 25: NIET, 26: OP, 27: OP}), 8)
    assert s8.share == pytest.approx(0.8)
    assert s8.status is StandardStatus.NIET_OP_ORDE


def test_progress_is_counted_per_block_and_in_total():
    result = score({1: OP, 2: NIET, 14: OP, 15: NIET, 31: OP})
    assert [(b.answered, b.total) for b in result.blocks] == [(3, 14), (2, 17)]
    assert (result.total.answered, result.total.total) == (5, 31)


def test_answers_to_questions_outside_the_questionnaire_never_count():
    result = score({32: OP, 1: OP})
    assert result.total.answered == 1
    assert len(result.questions) == 31


def test_niet_op_orde_questions_keep_their_toelichting():
    answers = [Answer(question_number=17, value=NIET, toelichting="Caseload te hoog")]
    result = score_round(questionnaire.current(), answers)
    assert [(q.number, q.toelichting) for q in result.niet_op_orde_questions] == [(17, "Caseload te hoog")]

"""Regional figures on generated regions, compared with values worked out by hand."""

from __future__ import annotations

import pytest

import questionnaire
from analysis.regional import highlights, questions_xy, regional_average, standards_xy
from analysis.scoring import score_round
from domain.answers import Answer, AnswerValue

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def gemeente(values: dict[int, AnswerValue]):
    return score_round(questionnaire.current(), [Answer(question_number=n, value=v) for n, v in values.items()])


# Standard 1 = questions 1 and 2; standard 2 = questions 3 and 4.
A = gemeente({1: OP, 2: OP, 3: OP, 4: NIET})  # s1: 100 %, whole; s2: 50 %
B = gemeente({1: OP, 2: NIET, 3: NIET, 4: NIET})  # s1: 50 %; s2: 0 %
C = gemeente({1: OP})  # s1: 100 % but incomplete; s2: nothing
D = gemeente({})  # no answers at all


def test_the_regional_mean_per_standard_rests_on_the_gemeenten_that_answered():
    s1, s2, s3 = regional_average([A, B, C, D])[:3]
    assert s1.mean_share == pytest.approx((1.0 + 0.5 + 1.0) / 3) and s1.gemeenten == 3
    assert s2.mean_share == pytest.approx((0.5 + 0.0) / 2) and s2.gemeenten == 2
    assert s3.mean_share is None and s3.gemeenten == 0


def test_x_van_y_per_question_counts_op_orde_out_of_those_that_answered():
    q = {row.number: row for row in questions_xy([A, B, C, D])}
    assert (q[1].x, q[1].y) == (3, 3)
    assert (q[2].x, q[2].y) == (1, 2)
    assert (q[4].x, q[4].y) == (0, 2)
    assert (q[5].x, q[5].y) == (0, 0)


def test_x_van_y_per_standard_counts_only_gemeenten_that_answered_it_wholly():
    s = {row.number: row for row in standards_xy([A, B, C, D])}
    assert (s[1].x, s[1].y, s[1].answered_by) == (1, 2, 3)  # C answered only half of standard 1
    assert s[1].mean_share == pytest.approx(2.5 / 3)
    assert (s[2].x, s[2].y) == (0, 2)


def test_a_figure_resting_on_fewer_gemeenten_than_the_threshold_is_withheld():
    q = {row.number: row for row in questions_xy([A, B, C, D], min_gemeenten=3)}
    assert not q[1].withheld  # y = 3
    assert q[2].withheld  # y = 2
    s = {row.number: row for row in standards_xy([A, B, C, D], min_gemeenten=3)}
    assert s[1].withheld  # only 2 answered standard 1 wholly


def test_what_stands_out_puts_the_most_niet_op_orde_question_first():
    found = highlights([A, B, C, D])
    assert found.most_niet_op_orde[0].number == 4  # 2 of 2 niet op orde
    assert found.lowest_standards[0].number == 2  # mean 25 %
    assert found.most_different[0].number == 2  # shares 0.5 and 0.0 differ most


def test_withheld_figures_never_appear_among_what_stands_out():
    found = highlights([A, B, C, D], min_gemeenten=3)
    assert all(q.y >= 3 for q in found.most_niet_op_orde)
    assert all(s.y >= 3 for s in found.lowest_standards)


def test_a_regio_without_rounds_has_no_figures():
    assert regional_average([]) == [] and questions_xy([]) == [] and standards_xy([]) == []


def test_the_question_where_gemeenten_are_most_divided_is_the_closest_to_half():
    found = highlights([A, B, C, D])
    assert found.most_split[0].number == 2  # 1 of 2 op orde: exactly half

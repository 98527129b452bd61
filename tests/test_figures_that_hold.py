"""Figures say what they count: whole standards decided, shares rounded half up, withheld never 'changed',
and rounds without answers count nowhere."""

from __future__ import annotations

from datetime import date

from analysis.compare import regio_changes
from analysis.formatting import percent
from analysis.regional import QuestionXY, highlights, standards_xy
from analysis.results import Progress, RoundResult, StandardScore
from domain.access import Role
from domain.answers import AnswerValue
from domain.meeting import MeetingKind
from domain.models import Purpose
from services.meeting import create_meeting
from services.regio_report import regio_report
from services.scan import ValueChange, list_rounds, save_changes, start_round
from tests.conftest import principal_for


def result(*scores: tuple[int, int, int, int]) -> RoundResult:
    """(standard, question_count, answered, op_orde) per standard."""
    return RoundResult(
        questionnaire_version="test",
        standards=tuple(
            StandardScore(number=n, short_name=f"S{n}", cluster="A", question_count=c, answered=a, op_orde=o)
            for n, c, a, o in scores
        ),
        questions=(),
        blocks=(),
        total=Progress(label="totaal", answered=0, total=0),
    )


def test_a_gemeente_with_an_open_question_and_one_niet_op_orde_counts_as_not_wholly_op_orde():
    rows = standards_xy([result((3, 3, 2, 1)), result((3, 3, 3, 3))])
    assert (rows[0].x, rows[0].y) == (1, 2)


def test_a_gemeente_with_only_op_orde_and_an_open_question_is_left_out_of_y():
    rows = standards_xy([result((3, 3, 2, 2)), result((3, 3, 3, 3))])
    assert (rows[0].x, rows[0].y) == (1, 1)


def test_a_half_way_share_is_rounded_up_as_readers_expect():
    assert [percent(0.625), percent(0.125), percent(0.375), percent(2 / 3)] == ["63%", "13%", "38%", "67%"]


def test_standards_tied_with_the_third_lowest_are_named_too():
    shares = [(1, 4, 4, 1), (2, 4, 4, 2), (3, 4, 4, 2), (4, 4, 4, 2), (5, 4, 4, 4)]
    found = highlights([result(*shares), result(*shares)])
    assert [s.number for s in found.lowest_standards] == [1, 2, 3, 4]


def test_a_withheld_figure_is_never_listed_as_a_change():
    shown = QuestionXY(number=1, standard=1, text="v", x=2, y=4)
    hidden = QuestionXY(number=1, standard=1, text="v", x=0, y=2, withheld=True)
    assert [c.changed for c in regio_changes([shown], [hidden], "niet getoond")] == [False]
    assert [c.changed for c in regio_changes([shown], [shown.model_copy(update={"x": 3})], "-")] == [True]


def test_an_empty_round_never_becomes_the_round_that_counts(engine, regio, gemeenten, three_answered):
    viewer = principal_for(Role.REGIO, regio)
    before = regio_report(engine, viewer, regio_id=regio.id)
    me = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    start_round(engine, me, gemeente_id=me.gemeente_id, held_on=date(2026, 9, 1), purpose=Purpose.EVALUATIE,
                participants=[])  # fmt: skip
    after = regio_report(engine, viewer, regio_id=regio.id)
    assert [g.round_id for g in after.gemeenten] == [g.round_id for g in before.gemeenten]
    assert after.standards == before.standards


def test_a_vervolg_makes_no_rounds_and_leaves_the_regional_figures_as_they_were(
    engine, regio, gemeenten, three_answered
):
    viewer = principal_for(Role.REGIO, regio)
    before = regio_report(engine, viewer, regio_id=regio.id)
    counts = {g.id: len(list_rounds(engine, viewer, gemeente_id=g.id)) for g in gemeenten}
    facilitator = principal_for(Role.FACILITATOR, regio)
    create_meeting(engine, facilitator, regio_id=regio.id, title="Vervolg", held_on=date(2026, 10, 1),
                   kind=MeetingKind.VERVOLG, gemeente_ids=[g.id for g in gemeenten], programme=[])  # fmt: skip
    assert {g.id: len(list_rounds(engine, viewer, gemeente_id=g.id)) for g in gemeenten} == counts
    assert regio_report(engine, viewer, regio_id=regio.id).standards == before.standards


def test_a_startbijeenkomst_continues_an_unfinished_round_instead_of_stacking_a_new_one(engine, regio, gemeenten):
    me = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    started = start_round(engine, me, gemeente_id=me.gemeente_id, held_on=date(2026, 3, 1),
                          purpose=Purpose.NULMETING, participants=[])  # fmt: skip
    save_changes(engine, me, round_id=started, changes=[ValueChange(question_number=1, value=AnswerValue.OP_ORDE)])
    facilitator = principal_for(Role.FACILITATOR, regio)
    create_meeting(engine, facilitator, regio_id=regio.id, title="Start", held_on=date(2026, 10, 1),
                   kind=MeetingKind.START, gemeente_ids=[gemeenten[0].id, gemeenten[1].id], programme=[],
                   new_round_for={gemeenten[1].id})  # fmt: skip
    viewer = principal_for(Role.REGIO, regio)
    assert [r.id for r in list_rounds(engine, viewer, gemeente_id=gemeenten[0].id)] == [started]
    assert len(list_rounds(engine, viewer, gemeente_id=gemeenten[1].id)) == 1


def test_what_stands_out_can_look_at_the_open_block_only():
    from analysis.results import QuestionResult

    def with_questions(values: dict[int, AnswerValue]) -> RoundResult:
        base = result((1, 31, 0, 0))
        questions = tuple(
            QuestionResult(number=n, standard=1, block=1, text=f"v{n}", value=v, toelichting="")
            for n, v in values.items()
        )
        return base.model_copy(update={"questions": questions})

    rounds = [with_questions({2: AnswerValue.NIET_OP_ORDE, 20: AnswerValue.NIET_OP_ORDE})] * 2
    assert [q.number for q in highlights(rounds, only={20}).most_niet_op_orde] == [20]


def half_filled_newer_round(engine, regio, gemeenten) -> tuple[int, int]:
    """Aadorp starts a newer round and answers one question: (that round, its complete earlier one)."""
    viewer = principal_for(Role.REGIO, regio)
    me = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    newer = start_round(engine, me, gemeente_id=me.gemeente_id, held_on=date(2026, 9, 1), purpose=Purpose.EVALUATIE,
                        participants=[])  # fmt: skip
    save_changes(engine, me, round_id=newer, changes=[ValueChange(question_number=1, value=AnswerValue.OP_ORDE)])
    earlier = next(r.id for r in list_rounds(engine, viewer, gemeente_id=gemeenten[0].id) if r.id != newer)
    return newer, earlier


def test_a_half_filled_round_does_not_push_a_complete_one_out_of_the_figures(engine, regio, gemeenten, three_answered):
    _, earlier = half_filled_newer_round(engine, regio, gemeenten)
    report = regio_report(engine, principal_for(Role.REGIO, regio), regio_id=regio.id)
    assert report.gemeenten[0].round_id == earlier
    assert "nieuwste volledig ingevulde ronde" in report.selection


def test_the_regio_can_let_the_newest_round_count_even_when_it_is_not_complete(
    engine, regio, gemeenten, three_answered
):
    from services.regio import set_regio_settings
    from tests.conftest import ADMIN

    newer, _ = half_filled_newer_round(engine, regio, gemeenten)
    set_regio_settings(engine, ADMIN, regio_id=regio.id, counting_rule="nieuwste")
    assert regio_report(engine, principal_for(Role.REGIO, regio), regio_id=regio.id).gemeenten[0].round_id == newer


def test_the_regio_can_choose_the_round_of_one_gemeente_itself(engine, regio, gemeenten, three_answered):
    newer, _ = half_filled_newer_round(engine, regio, gemeenten)
    viewer = principal_for(Role.REGIO, regio)
    chosen = regio_report(engine, viewer, regio_id=regio.id, chosen_rounds={gemeenten[0].id: newer})
    assert chosen.gemeenten[0].round_id == newer


def test_a_round_of_another_gemeente_cannot_be_chosen_for_a_report(engine, regio, gemeenten, three_answered):
    import pytest

    from services import ServiceError

    viewer = principal_for(Role.REGIO, regio)
    other = list_rounds(engine, viewer, gemeente_id=gemeenten[1].id)[0].id
    with pytest.raises(ServiceError, match="andere gemeente"):
        regio_report(engine, viewer, regio_id=regio.id, chosen_rounds={gemeenten[0].id: other})


def test_a_gemeente_removes_its_empty_round(engine, aadorp, round_id):
    from services.scan import remove_empty_round

    remove_empty_round(engine, aadorp, round_id=round_id)
    assert list_rounds(engine, aadorp, gemeente_id=aadorp.gemeente_id) == []


def test_a_round_with_a_toelichting_is_never_removed(engine, aadorp, round_id):
    import pytest

    from services import ServiceError
    from services.scan import ToelichtingChange, remove_empty_round

    save_changes(engine, aadorp, round_id=round_id, changes=[ToelichtingChange(question_number=1, toelichting="x")])
    with pytest.raises(ServiceError, match="blijven bewaard"):
        remove_empty_round(engine, aadorp, round_id=round_id)
    assert len(list_rounds(engine, aadorp, gemeente_id=aadorp.gemeente_id)) == 1


def test_the_regio_cannot_remove_a_round(engine, regio, round_id):
    import pytest

    from services.authz import Forbidden
    from services.scan import remove_empty_round

    with pytest.raises(Forbidden):
        remove_empty_round(engine, principal_for(Role.REGIO, regio), round_id=round_id)

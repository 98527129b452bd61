"""The live bijeenkomst in the core: join codes, block gating, the projector's figures, the wheel."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from domain.access import Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from domain.meeting import DEFAULT_PROGRAMME, MeetingKind, ProgrammeItem
from services import ServiceError
from services.access import principal_for as principal_of_token
from services.meeting import (
    JOIN_MAX_FAILURES,
    create_meeting,
    end_meeting,
    get_meeting,
    join,
    open_block,
    show_names,
    show_results,
    spin_wheel,
)
from services.projector import projector
from services.regio import set_regio_settings
from services.scan import BlockClosed, ValueChange, list_rounds, open_scan, save_changes
from tests.conftest import ADMIN, principal_for

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE
PROGRAMME = [ProgrammeItem(time=t, item=i) for t, i in DEFAULT_PROGRAMME]


@pytest.fixture
def facilitator(regio):
    return principal_for(Role.FACILITATOR, regio, label="voorzitter")


@pytest.fixture
def meeting_id(engine, regio, gemeenten, facilitator) -> int:
    return create_meeting(
        engine,
        facilitator,
        regio_id=regio.id,
        title="Startbijeenkomst Regio Test",
        held_on=dutch_today(),
        kind=MeetingKind.START,
        gemeente_ids=[g.id for g in gemeenten],
        programme=PROGRAMME,
    )


def joined(engine, meeting_id, code, client="tafel"):
    login = join(engine, meeting_id=meeting_id, code=code, client_key=client)
    return principal_of_token(engine, login.session_token)


def test_each_gemeente_gets_a_round_and_a_short_join_code(engine, facilitator, meeting_id):
    meeting = get_meeting(engine, facilitator, meeting_id=meeting_id)
    assert [g.gemeente_name for g in meeting.groups] == ["Aadorp", "Beekdal", "Cranendonk-Oost"]
    assert all(len(g.join_code) == 6 for g in meeting.groups)
    assert len({g.round_id for g in meeting.groups}) == 3


def test_a_join_code_gives_a_login_for_that_gemeentes_round_only(engine, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[1]
    me = joined(engine, meeting_id, f"{group.join_code[:3].lower()}-{group.join_code[3:]}")
    assert (me.role, me.gemeente_id, me.round_id) == (Role.DEELNEMER, group.gemeente_id, group.round_id)


def test_a_wrong_join_code_is_refused_in_dutch(engine, meeting_id):
    with pytest.raises(ServiceError, match="Deze code klopt niet"):
        join(engine, meeting_id=meeting_id, code="AAA-AAA", client_key="tafel")


def test_a_join_code_of_another_bijeenkomst_is_refused(engine, regio, gemeenten, facilitator, meeting_id):
    other = create_meeting(
        engine, facilitator, regio_id=regio.id, title="Tweede", held_on=dutch_today(), kind=MeetingKind.START,
        gemeente_ids=[gemeenten[0].id], programme=[],
    )  # fmt: skip
    code = get_meeting(engine, facilitator, meeting_id=other).groups[0].join_code
    with pytest.raises(ServiceError, match="andere bijeenkomst"):
        join(engine, meeting_id=meeting_id, code=code, client_key="tafel")


def test_a_join_code_of_an_ended_bijeenkomst_no_longer_works(engine, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    code = group.join_code
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    me = joined(engine, meeting_id, code)
    save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=1, value=OP)])
    end_meeting(engine, facilitator, meeting_id=meeting_id)
    with pytest.raises(ServiceError, match="afgelopen"):
        join(engine, meeting_id=meeting_id, code=code, client_key="tafel")


def test_a_join_code_expires_the_night_after_the_bijeenkomst(engine, regio, gemeenten, facilitator):
    past = create_meeting(
        engine, facilitator, regio_id=regio.id, title="Vorige maand", held_on=dutch_today() - timedelta(days=30),
        kind=MeetingKind.START, gemeente_ids=[gemeenten[0].id], programme=[],
    )  # fmt: skip
    code = get_meeting(engine, facilitator, meeting_id=past).groups[0].join_code
    with pytest.raises(ServiceError, match="afgelopen"):
        join(engine, meeting_id=past, code=code, client_key="tafel")


def no_wait(seconds: float) -> None:
    """Tests do not wait out the delays."""


def test_many_wrong_join_codes_are_stopped(engine, meeting_id):
    for _ in range(JOIN_MAX_FAILURES - 1):
        with pytest.raises(ServiceError, match="klopt niet"):
            join(engine, meeting_id=meeting_id, code="AAA-AAA", client_key="raden", sleep=no_wait)
    with pytest.raises(ServiceError, match="Te veel verkeerde codes"):
        join(engine, meeting_id=meeting_id, code="AAA-AAA", client_key="raden", sleep=no_wait)


def test_the_right_join_code_joins_at_once_after_many_wrong_ones_from_the_same_room(engine, facilitator, meeting_id):
    code = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0].join_code
    for _ in range(JOIN_MAX_FAILURES):
        with pytest.raises(ServiceError):
            join(engine, meeting_id=meeting_id, code="AAA-AAA", client_key="zaal", sleep=no_wait)
    waits: list[float] = []
    assert join(engine, meeting_id=meeting_id, code=code, client_key="zaal", sleep=waits.append).principal
    assert waits == []


def test_wrong_join_codes_never_slow_a_login_from_the_same_address(engine, regio, facilitator, meeting_id):
    from services.access import login
    from services.access_codes import issue_code

    for _ in range(JOIN_MAX_FAILURES):
        with pytest.raises(ServiceError):
            join(engine, meeting_id=meeting_id, code="AAA-AAA", client_key="zaal", sleep=no_wait)
    code = issue_code(engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id)
    waits: list[float] = []
    assert login(engine, code=code.code, client_key="zaal", sleep=waits.append).principal
    assert waits == []


def test_a_participant_cannot_open_another_round(engine, facilitator, meeting_id):
    groups = get_meeting(engine, facilitator, meeting_id=meeting_id).groups
    me = joined(engine, meeting_id, groups[0].join_code)
    with pytest.raises(ServiceError, match="geen toegang"):
        open_scan(engine, me, round_id=groups[1].round_id)


def test_nothing_can_be_answered_before_a_block_is_opened(engine, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    me = joined(engine, meeting_id, group.join_code)
    with pytest.raises(BlockClosed):
        save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=1, value=OP)])


def test_only_the_open_block_can_be_answered(engine, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    me = joined(engine, meeting_id, group.join_code)
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=14, value=OP)])
    with pytest.raises(BlockClosed, match="Blok 2 is nu gesloten"):
        save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=15, value=OP)])
    assert set(open_scan(engine, me, round_id=group.round_id).answers) == {14}


def test_closing_a_block_freezes_it_for_the_gemeente_too(engine, regio, gemeenten, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    open_block(engine, facilitator, meeting_id=meeting_id, block=2)
    gemeente = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    with pytest.raises(BlockClosed):
        save_changes(engine, gemeente, round_id=group.round_id, changes=[ValueChange(question_number=1, value=OP)])


def test_after_the_bijeenkomst_the_round_is_an_ordinary_round(engine, regio, gemeenten, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    me = joined(engine, meeting_id, group.join_code)
    save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=1, value=OP)])
    end_meeting(engine, facilitator, meeting_id=meeting_id)
    gemeente = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    save_changes(engine, gemeente, round_id=group.round_id, changes=[ValueChange(question_number=20, value=NIET)])
    assert open_scan(engine, gemeente, round_id=group.round_id).answers[20].value is NIET


def test_two_devices_of_one_gemeente_keep_each_others_answers(engine, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    laptop, tablet = joined(engine, meeting_id, group.join_code, "a"), joined(engine, meeting_id, group.join_code, "b")
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    save_changes(engine, laptop, round_id=group.round_id, changes=[ValueChange(question_number=1, value=OP)])
    save_changes(engine, tablet, round_id=group.round_id, changes=[ValueChange(question_number=2, value=NIET)])
    assert set(open_scan(engine, laptop, round_id=group.round_id).answers) == {1, 2}


def test_the_projector_shows_progress_but_no_figures_until_they_are_revealed(engine, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    me = joined(engine, meeting_id, group.join_code)
    save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=1, value=NIET)])
    view = projector(engine, facilitator, meeting_id=meeting_id)
    assert [(g.label, g.answered, g.total) for g in view.groups] == [
        ("Groep 1", 1, 14),
        ("Groep 2", 0, 14),
        ("Groep 3", 0, 14),
    ]
    assert view.questions == () and view.standards == ()
    show_results(engine, facilitator, meeting_id=meeting_id, shown=True)
    q1 = projector(engine, facilitator, meeting_id=meeting_id).questions[0]
    assert (q1.number, q1.op_orde.withheld, q1.op_orde.y) == (1, True, 1)  # one group: nothing to show
    set_regio_settings(engine, ADMIN, regio_id=get_meeting(engine, facilitator, meeting_id=meeting_id).regio_id,
                       min_gemeenten=1, group_rule="tonen")  # fmt: skip
    q1 = projector(engine, facilitator, meeting_id=meeting_id).questions[0]
    assert (q1.number, q1.op_orde.x, q1.op_orde.y) == (1, 0, 1)


def test_the_projector_counts_only_the_open_block(engine, facilitator, meeting_id):
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    open_block(engine, facilitator, meeting_id=meeting_id, block=2)
    me = joined(engine, meeting_id, group.join_code)
    save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=20, value=NIET)])
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    save_changes(engine, me, round_id=group.round_id, changes=[ValueChange(question_number=1, value=OP)])
    show_results(engine, facilitator, meeting_id=meeting_id, shown=True)
    view = projector(engine, facilitator, meeting_id=meeting_id)
    assert {q.number for q in view.questions} == set(range(1, 15))
    assert {s.number for s in view.standards} == {1, 2, 3, 6}


def test_a_new_round_nobody_joined_is_removed_when_the_bijeenkomst_ends(
    engine, regio, gemeenten, facilitator, meeting_id
):
    groups = get_meeting(engine, facilitator, meeting_id=meeting_id).groups
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    me = joined(engine, meeting_id, groups[0].join_code)
    save_changes(engine, me, round_id=groups[0].round_id, changes=[ValueChange(question_number=1, value=OP)])
    joined(engine, meeting_id, groups[1].join_code, "b")  # joined, answered nothing: the round stays
    end_meeting(engine, facilitator, meeting_id=meeting_id)
    for group, stays in zip(groups, [True, True, False], strict=True):
        gemeente = principal_for(Role.GEMEENTE, regio, next(g for g in gemeenten if g.id == group.gemeente_id))
        assert (group.round_id in [r.id for r in list_rounds(engine, gemeente, gemeente_id=group.gemeente_id)]) is stays


def test_gemeente_names_appear_only_when_the_facilitator_shows_them(engine, facilitator, meeting_id):
    show_names(engine, facilitator, meeting_id=meeting_id, shown=True)
    assert projector(engine, facilitator, meeting_id=meeting_id).groups[0].label == "Aadorp"


def test_the_wheel_never_asks_a_question_twice(engine, facilitator, meeting_id):
    rng = random.Random(3)
    asked = [spin_wheel(engine, facilitator, meeting_id=meeting_id, rng=rng) for _ in range(8)]
    assert len(set(asked)) == 8
    with pytest.raises(ServiceError, match="al gesteld"):
        spin_wheel(engine, facilitator, meeting_id=meeting_id, rng=rng)


def test_only_the_facilitator_of_the_regio_runs_the_bijeenkomst(engine, regio, gemeenten, meeting_id):
    for role in (Role.REGIO, Role.GEMEENTE, Role.BEHEERDER):
        who = principal_for(role, regio, gemeenten[0])
        with pytest.raises(ServiceError, match="geen toegang"):
            open_block(engine, who, meeting_id=meeting_id, block=1)

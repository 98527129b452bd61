"""Eerst ieder apart, dan samen at a running bijeenkomst: per group, with block gating."""

from __future__ import annotations

import pytest

from domain.answers import AnswerValue
from services.access import login
from services.authz import Forbidden
from services.meeting import get_meeting, open_block
from services.partners import apart_phase, close_apart, invite_partner, samen_view, save_partner_changes, set_agreed
from services.scan import BlockClosed, ValueChange, open_scan
from tests.test_meeting import PROGRAMME, facilitator, joined, meeting_id  # noqa: F401 - fixtures

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE
assert PROGRAMME


@pytest.fixture
def group(engine, facilitator, meeting_id):  # noqa: F811
    return get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]


def partner_of(engine, who, round_id, role="Veilig Thuis"):
    code = invite_partner(engine, who, round_id=round_id, role=role).code
    return login(engine, code=code, client_key=f"apart-{role}").principal


def test_the_facilitator_invites_partners_per_group_and_sees_how_far_they_are(engine, facilitator, group):  # noqa: F811
    partner = partner_of(engine, facilitator, group.round_id)
    assert partner.round_id == group.round_id
    assert [p.role for p in apart_phase(engine, facilitator, round_id=group.round_id).partners] == ["Veilig Thuis"]


def test_the_facilitator_never_sees_the_partners_views(engine, facilitator, group):  # noqa: F811
    partner_of(engine, facilitator, group.round_id)
    with pytest.raises(Forbidden):
        samen_view(engine, facilitator, round_id=group.round_id)


def test_a_partner_at_a_bijeenkomst_answers_only_the_open_block(engine, facilitator, meeting_id, group):  # noqa: F811
    partner = partner_of(engine, facilitator, group.round_id)
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    save_partner_changes(engine, partner, changes=[ValueChange(question_number=3, value=NIET)])
    with pytest.raises(BlockClosed):
        save_partner_changes(engine, partner, changes=[ValueChange(question_number=15, value=NIET)])


def test_the_groups_own_device_sets_the_agreed_answer_after_the_phase_closes(
    engine,
    facilitator,  # noqa: F811
    meeting_id,  # noqa: F811
    group,
):
    table = joined(engine, meeting_id, group.join_code)
    partner = partner_of(engine, table, group.round_id)
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    save_partner_changes(engine, partner, changes=[ValueChange(question_number=3, value=NIET)])
    close_apart(engine, facilitator, round_id=group.round_id)
    set_agreed(
        engine, table, round_id=group.round_id, question_number=3, value=NIET, toelichting="", expected_toelichting=""
    )
    assert open_scan(engine, table, round_id=group.round_id).answers[3].value is NIET
    assert samen_view(engine, table, round_id=group.round_id).can_decide


def test_a_partner_at_a_bijeenkomst_sees_which_block_is_open(engine, facilitator, meeting_id, group):  # noqa: F811
    from services.live import live_state

    partner = partner_of(engine, facilitator, group.round_id)
    open_block(engine, facilitator, meeting_id=meeting_id, block=2)
    assert live_state(engine, partner, round_id=group.round_id).open_block == 2


def test_a_partner_sees_no_other_rounds_bijeenkomst(engine, facilitator, meeting_id):  # noqa: F811
    from services.live import live_state

    groups = get_meeting(engine, facilitator, meeting_id=meeting_id).groups
    partner = partner_of(engine, facilitator, groups[0].round_id)
    with pytest.raises(Forbidden):
        live_state(engine, partner, round_id=groups[1].round_id)

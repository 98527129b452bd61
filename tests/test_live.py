"""The state a device at a bijeenkomst checks (services/live.py): one read of every running bijeenkomst, shared by
every device and made at most once per FRESH_SECONDS, a change in this process seen at once, who may read decided
every time."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from domain.access import Role
from services import live
from services.authz import Forbidden
from services.live import live_state
from services.meeting import add_faq, get_meeting, open_block
from store import meeting_repo
from store.unit_of_work import writing
from tests.conftest import principal_for
from tests.test_meeting import PROGRAMME, facilitator, joined, meeting_id  # noqa: F401 - fixtures

assert PROGRAMME


@pytest.fixture
def table(engine, facilitator, meeting_id):  # noqa: F811
    group = get_meeting(engine, facilitator, meeting_id=meeting_id).groups[0]
    return joined(engine, meeting_id, group.join_code), group.round_id


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: now[0])
    live.forget()
    return now


def test_a_block_the_facilitator_opens_is_seen_at_the_next_check(engine, facilitator, meeting_id, table, clock):  # noqa: F811
    device, round_id = table
    assert live_state(engine, device, round_id=round_id).open_block is None
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    assert live_state(engine, device, round_id=round_id).open_block == 1


def test_a_new_faq_item_is_seen_at_the_next_check(engine, facilitator, meeting_id, table, clock):  # noqa: F811
    device, round_id = table
    live_state(engine, device, round_id=round_id)
    add_faq(
        engine, facilitator, meeting_id=meeting_id, question="Wat is een GI?", answer="Een gecertificeerde instelling."
    )
    assert [f.question for f in live_state(engine, device, round_id=round_id).faq] == ["Wat is een GI?"]


def test_a_change_by_another_replica_is_seen_within_the_freshness_time(engine, meeting_id, table, clock):  # noqa: F811
    device, round_id = table
    assert live_state(engine, device, round_id=round_id).open_block is None
    with writing(engine) as session:  # as another process would: this one is not told
        meeting_repo.set_meeting(session, meeting_id=meeting_id, open_block=2)
    clock[0] += live.FRESH_SECONDS / 2
    assert live_state(engine, device, round_id=round_id).open_block is None  # the shared read of half a second ago
    clock[0] += live.FRESH_SECONDS / 2
    assert live_state(engine, device, round_id=round_id).open_block == 2


def test_a_shared_read_never_lets_someone_else_read_the_round(engine, regio, gemeenten, table, clock):
    device, round_id = table
    live_state(engine, device, round_id=round_id)  # now in memory
    other = principal_for(Role.GEMEENTE, regio, next(g for g in gemeenten if g.id != device.gemeente_id))
    with pytest.raises(Forbidden):
        live_state(engine, other, round_id=round_id)


def test_the_checks_of_every_table_share_one_read_of_the_database(engine, regio, facilitator, meeting_id, clock):  # noqa: F811
    rounds = [g.round_id for g in get_meeting(engine, facilitator, meeting_id=meeting_id).groups]
    reader = principal_for(Role.REGIO, regio)
    statements = []

    def seen(connection, cursor, statement, *rest) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        for _ in range(10):
            for round_id in rounds:
                live_state(engine, reader, round_id=round_id)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(rounds) > 1
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2

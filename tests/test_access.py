from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from domain.access import Role
from services import ServiceError
from services.access import (
    MAX_DELAY,
    MAX_FAILURES_PER_CLIENT,
    LoginError,
    cookie_for_handoff,
    delay_for,
    login,
    logout,
    principal_for,
)
from services.access_codes import (
    ALPHABET,
    ensure_first_beheerder_code,
    issue_code,
    replace_code,
    reset_beheerder_code,
    revoke_code,
)
from store.tables import Base, ToegangscodeRow
from store.unit_of_work import reading, writing
from tests.conftest import ADMIN
from tests.conftest import principal_for as make_principal


@pytest.fixture
def code(engine, regio, gemeenten):
    return issue_code(
        engine, ADMIN, role=Role.GEMEENTE, label="team Jeugd Aadorp", regio_id=regio.id, gemeente_id=gemeenten[0].id
    )


def test_a_code_logs_in_with_its_role_and_gemeente(engine, code, gemeenten):
    principal = login(engine, code=code.code, client_key="1.2.3.4").principal
    assert (principal.role, principal.gemeente_id, principal.label) == (
        Role.GEMEENTE,
        gemeenten[0].id,
        "team Jeugd Aadorp",
    )


def test_a_code_may_be_typed_in_lower_case_with_spaces(engine, code):
    typed = code.code.lower().replace("-", " ")
    assert login(engine, code=typed, client_key="1.2.3.4").principal.code_id == code.id


def test_the_plain_code_is_never_stored(engine, code):
    with reading(engine) as session:
        stored = " ".join(
            repr(row) for table in Base.metadata.sorted_tables for row in session.execute(select(table)).all()
        )
    secret = code.code.replace("-", "")[4:]
    assert code.code.replace("-", "")[:4] in stored  # the public part is there, so the dump is real
    assert secret not in stored
    assert code.code not in stored


def test_a_wrong_code_is_refused_in_dutch(engine, code):
    wrong = code.code[:-1] + ("A" if code.code[-1] != "A" else "B")
    with pytest.raises(LoginError, match="Deze code klopt niet"):
        login(engine, code=wrong, client_key="1.2.3.4")


def test_an_expired_code_is_refused(engine, code):
    with writing(engine) as session:
        session.execute(
            update(ToegangscodeRow)
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
            .where(ToegangscodeRow.id == code.id)
        )
    with pytest.raises(LoginError, match="verlopen"):
        login(engine, code=code.code, client_key="1.2.3.4")


def test_a_revoked_code_is_refused(engine, code):
    revoke_code(engine, ADMIN, code_id=code.id)
    with pytest.raises(LoginError, match="ingetrokken"):
        login(engine, code=code.code, client_key="1.2.3.4")


def test_revoking_a_code_ends_its_sessions_at_once(engine, code):
    token = login(engine, code=code.code, client_key="1.2.3.4").session_token
    revoke_code(engine, ADMIN, code_id=code.id)
    assert principal_for(engine, token) is None


def no_wait(seconds: float) -> None:
    """Tests do not wait out the delays; they record them (see waits)."""


def test_too_many_failures_from_one_client_refuse_its_wrong_codes_but_never_a_right_one(engine, code):
    for i in range(MAX_FAILURES_PER_CLIENT - 1):  # a different wrong code each time: only the client limit applies
        with pytest.raises(LoginError, match="klopt niet"):
            login(engine, code=f"{ALPHABET[i % 20]}AA{i % 10}-AAAA-AAAA-AAAA", client_key="6.6.6.6", sleep=no_wait)
    with pytest.raises(LoginError, match="Te veel mislukte pogingen vanaf dit apparaat"):
        login(engine, code="ZZZZ-AAAA-AAAA-AAAA", client_key="6.6.6.6", sleep=no_wait)
    waits: list[float] = []
    assert login(engine, code=code.code, client_key="6.6.6.6", sleep=waits.append).principal.code_id == code.id
    assert waits == []  # a colleague at the same address (a town hall, a room) logs in at once


def test_strangers_guessing_a_code_never_lock_its_owner_out(engine, code):
    wrong = code.code[:-1] + ("A" if code.code[-1] != "A" else "B")
    for client in range(50):
        with pytest.raises(LoginError, match="klopt niet"):
            login(engine, code=wrong, client_key=f"10.0.0.{client}", sleep=no_wait)
    assert login(engine, code=code.code, client_key="1.2.3.4", sleep=no_wait).principal.code_id == code.id


def test_guessing_a_code_makes_every_next_try_at_it_wait_longer(engine, code):
    wrong = code.code[:-1] + ("A" if code.code[-1] != "A" else "B")
    waits: list[float] = []
    for client in range(8):
        with pytest.raises(LoginError):
            login(engine, code=wrong, client_key=f"10.0.1.{client}", sleep=waits.append)
    login(engine, code=code.code, client_key="1.2.3.4", sleep=waits.append)
    assert waits == [1.0, 2.0, 4.0, 8.0, 8.0, MAX_DELAY]  # the wrong ones; the right code did not wait


def test_a_few_typing_errors_cost_no_waiting():
    assert [delay_for(n) for n in range(6)] == [0.0, 0.0, 0.0, 1.0, 2.0, 4.0]


def test_a_tampered_session_token_is_not_accepted(engine, code):
    token = login(engine, code=code.code, client_key="1.2.3.4").session_token
    session_id, _, mac = token.rpartition(".")
    assert principal_for(engine, f"{session_id}x.{mac}") is None
    assert principal_for(engine, token) is not None


def test_logging_out_ends_the_session(engine, code):
    token = login(engine, code=code.code, client_key="1.2.3.4").session_token
    logout(engine, token, origin="127.0.0.1")
    assert principal_for(engine, token) is None


def test_the_cookie_handoff_token_works_once(engine, code):
    result = login(engine, code=code.code, client_key="1.2.3.4")
    cookie = cookie_for_handoff(engine, result.handoff_token)
    assert cookie is not None and principal_for(engine, cookie[0]).code_id == code.id
    assert cookie_for_handoff(engine, result.handoff_token) is None


def test_the_first_beheerder_code_is_made_once(engine):
    first = ensure_first_beheerder_code(engine)
    assert first is not None and first.role is Role.BEHEERDER
    assert ensure_first_beheerder_code(engine) is None
    assert login(engine, code=first.code, client_key="x").principal.regio_id is None


def test_resetting_the_beheerder_code_retires_the_old_one(engine):
    first = ensure_first_beheerder_code(engine)
    second = reset_beheerder_code(engine)
    with pytest.raises(LoginError, match="ingetrokken"):
        login(engine, code=first.code, client_key="x")
    assert login(engine, code=second.code, client_key="x").principal.role is Role.BEHEERDER


def test_replacing_a_code_keeps_its_role_and_label(engine, code):
    new = replace_code(engine, ADMIN, code_id=code.id)
    assert (new.role, new.label) == (code.role, code.label)
    with pytest.raises(LoginError, match="ingetrokken"):
        login(engine, code=code.code, client_key="x")
    assert login(engine, code=new.code, client_key="x").principal.gemeente_id is not None


def test_a_regio_beheerder_cannot_issue_codes_for_another_regio(engine, regio):
    from services.regio import create_regio

    other = create_regio(engine, ADMIN, name="Regio Anders", gemeente_names=["Elders"])
    beheerder = make_principal(Role.BEHEERDER, regio)
    with pytest.raises(ServiceError, match="geen toegang"):
        issue_code(engine, beheerder, role=Role.REGIO, label="x", regio_id=other.id)


def test_a_gemeente_code_needs_a_gemeente(engine, regio):
    with pytest.raises(ServiceError, match="Kies de gemeente"):
        issue_code(engine, ADMIN, role=Role.GEMEENTE, label="x", regio_id=regio.id)


def test_a_code_cannot_expire_in_the_past(engine, regio):
    with pytest.raises(ServiceError, match="verleden"):
        issue_code(
            engine,
            ADMIN,
            role=Role.REGIO,
            label="x",
            regio_id=regio.id,
            expires_at=datetime.now(UTC) - timedelta(days=1),
        )


@pytest.mark.parametrize(
    ("peer", "header", "trusted", "counted_as"),
    [
        ("203.0.113.5", "1.1.1.1", "", "203.0.113.5"),  # no trusted proxy: the header is ignored
        ("127.0.0.1", "1.1.1.1", "", "127.0.0.1"),  # not even from the machine itself
        ("127.0.0.1", "1.1.1.1", "127.0.0.1", "1.1.1.1"),  # through our own proxy
        ("127.0.0.1", "9.9.9.9, 1.1.1.1", "127.0.0.1", "1.1.1.1"),  # the client's own left part is ignored
        ("127.0.0.1", "nonsense", "127.0.0.1", "127.0.0.1"),
        ("10.0.0.2", "1.1.1.1, 10.0.0.3", "10.0.0.2,10.0.0.3", "1.1.1.1"),  # two proxies in a row
    ],
)
def test_a_forwarded_address_counts_only_when_it_came_through_a_trusted_proxy(peer, header, trusted, counted_as):
    from services.client_address import client_address

    assert client_address(peer, header, trusted) == counted_as

"""Logging in with an account: a mapping decides the role; an account without one gets nothing; the app's own
12-hour limit holds; revoking or expiry ends it; every attempt is in the audit log."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from domain.access import AccountMapping, Role
from domain.audit import Action
from services import ServiceError, audit
from services.access import LoginError, principal_for
from services.access_codes import list_codes, replace_code, revoke_code
from services.sso import NO_MAPPING, STALE, Choice, add_mapping, covers, login
from store.repository import now
from tests.conftest import ADMIN
from tests.conftest import principal_for as make_principal

ENTRA = AccountMapping(provider="entra", claim="roles", value="Zelfscan.Regio", tenant="tenant-a")


def claims(**extra):
    return {"sub": "s1", "name": "Anna de Vries", "email": "anna@regio.example", "iat": int(time.time()), **extra}


@pytest.fixture
def regio_mapping(engine, regio):
    return add_mapping(engine, ADMIN, regio_id=regio.id, mapping=ENTRA, role=Role.REGIO, label="regioteam via Entra")


def test_a_claim_holding_the_value_in_the_tenant_is_covered():
    assert covers(ENTRA, claims(roles=["Andere.Rol", "Zelfscan.Regio"], tid="tenant-a"))


@pytest.mark.parametrize(
    "given", [{"roles": ["Zelfscan.Regio"], "tid": "tenant-b"}, {"roles": ["Zelfscan.Gemeente"], "tid": "tenant-a"}, {}]
)
def test_another_tenant_another_value_or_no_claim_is_not_covered(given):
    assert not covers(ENTRA, claims(**given))


def test_a_mapped_account_logs_in_with_the_role_of_its_mapping_and_its_own_name(engine, regio, regio_mapping):
    made = login(engine, provider="entra", claims=claims(roles=["Zelfscan.Regio"], tid="tenant-a"), origin="192.0.2.1")
    assert not isinstance(made, list)
    assert (made.principal.role, made.principal.regio_id) == (Role.REGIO, regio.id)
    assert made.principal.label == "Anna de Vries <anna@regio.example> (regioteam via Entra)"


def test_an_account_without_a_mapping_gets_nothing_and_is_told_whom_to_ask(engine, regio, regio_mapping):
    with pytest.raises(LoginError) as refused:
        login(engine, provider="entra", claims=claims(roles=["Iets.Anders"], tid="tenant-a"), origin="192.0.2.1")
    assert str(refused.value) == NO_MAPPING and "beheerder van uw regio" in NO_MAPPING
    event = audit.events(engine, ADMIN, action=Action.LOGIN)[0]
    assert event.result == "geweigerd: geen koppeling" and event.actor.startswith("Anna de Vries")


def test_a_mapping_of_another_provider_does_not_count(engine, regio, regio_mapping):
    with pytest.raises(LoginError):
        login(engine, provider="google", claims=claims(roles=["Zelfscan.Regio"], tid="tenant-a"), origin="x")


def test_an_authentication_older_than_12_hours_logs_in_no_more(engine, regio, regio_mapping):
    old = claims(roles=["Zelfscan.Regio"], tid="tenant-a", iat=int(time.time()) - 12 * 3600 - 60)
    with pytest.raises(LoginError, match=STALE):
        login(engine, provider="entra", claims=old, origin="x")


def test_the_session_ends_12_hours_after_the_provider_authenticated(engine, regio, regio_mapping):
    from sqlalchemy import select

    from services.access import aware_utc
    from store.tables import SessieRow
    from store.unit_of_work import reading

    issued = int(time.time()) - 11 * 3600
    login(engine, provider="entra", claims=claims(roles=["Zelfscan.Regio"], tid="tenant-a", iat=issued), origin="x")
    with reading(engine) as session:
        ends = session.scalar(select(SessieRow.expires_at).where(SessieRow.code_id == regio_mapping.id))
    assert abs((aware_utc(ends) - now()) - timedelta(hours=1)) < timedelta(minutes=1)


def test_revoking_a_mapping_ends_its_sessions_at_once_and_refuses_the_next_login(engine, regio, regio_mapping):
    given = claims(roles=["Zelfscan.Regio"], tid="tenant-a")
    made = login(engine, provider="entra", claims=given, origin="x")
    revoke_code(engine, ADMIN, code_id=regio_mapping.id)
    assert principal_for(engine, made.session_token) is None
    with pytest.raises(LoginError, match="geen toegang"):
        login(engine, provider="entra", claims=given, origin="x")


def test_an_expired_mapping_logs_in_no_more(engine, regio):
    from sqlalchemy import update

    from store.tables import ToegangscodeRow
    from store.unit_of_work import writing

    made = add_mapping(engine, ADMIN, regio_id=regio.id, mapping=ENTRA, role=Role.REGIO, label="tijdelijk",
                       expires_at=now() + timedelta(days=1))  # fmt: skip
    with writing(engine) as session:
        session.execute(update(ToegangscodeRow).where(ToegangscodeRow.id == made.id).values(expires_at=now()))
    with pytest.raises(LoginError):
        login(engine, provider="entra", claims=claims(roles=["Zelfscan.Regio"], tid="tenant-a"), origin="x")


def test_an_account_covered_by_two_mappings_chooses_one(engine, regio, gemeenten, regio_mapping):
    add_mapping(engine, ADMIN, regio_id=regio.id, role=Role.GEMEENTE, label="Aadorp via Entra",
                gemeente_id=gemeenten[0].id, mapping=ENTRA.model_copy(update={"value": "Zelfscan.Aadorp"}))  # fmt: skip
    given = claims(roles=["Zelfscan.Regio", "Zelfscan.Aadorp"], tid="tenant-a")
    choices = login(engine, provider="entra", claims=given, origin="x")
    assert isinstance(choices, list) and {c.role for c in choices} == {Role.REGIO, Role.GEMEENTE}
    aadorp = next(c for c in choices if isinstance(c, Choice) and c.role is Role.GEMEENTE)
    made = login(engine, provider="entra", claims=given, origin="x", choice=aadorp.code_id)
    assert not isinstance(made, list) and made.principal.gemeente_id == gemeenten[0].id


def test_a_mapping_is_listed_with_the_codes_and_is_not_replaced_like_a_code(engine, regio, regio_mapping):
    [listed] = [c for c in list_codes(engine, ADMIN, regio_id=regio.id) if c.id == regio_mapping.id]
    assert listed.account == ENTRA
    with pytest.raises(ServiceError, match="Trek haar in"):
        replace_code(engine, ADMIN, code_id=regio_mapping.id)


def test_making_a_mapping_is_in_the_audit_log(engine, regio, regio_mapping):
    event = audit.events(engine, ADMIN, action=Action.MAPPING)[0]
    assert "roles = Zelfscan.Regio" in event.object and event.regio_id == regio.id


def test_only_a_beheerder_of_the_regio_maps_accounts(engine, regio):
    with pytest.raises(ServiceError):
        add_mapping(engine, make_principal(Role.REGIO, regio), regio_id=regio.id, mapping=ENTRA, role=Role.REGIO,
                    label="x")  # fmt: skip


@pytest.mark.parametrize("role", [Role.DEELNEMER, Role.PARTNER])
def test_a_mapping_never_gives_a_one_round_role(engine, regio, role):
    with pytest.raises(ServiceError, match="rol"):
        add_mapping(engine, ADMIN, regio_id=regio.id, mapping=ENTRA, role=role, label="x")


def test_a_gemeente_mapping_needs_a_gemeente_of_its_regio(engine, regio):
    with pytest.raises(ServiceError, match="gemeente"):
        add_mapping(engine, ADMIN, regio_id=regio.id, mapping=ENTRA, role=Role.GEMEENTE, label="x")

"""Logging in with one's own account (single sign-on, OIDC through Streamlit's st.login), beside the access codes.

Streamlit authenticates (its identity cookie holds the ID token's claims); this module authorises. A beheerder maps
accounts to a role, regio and gemeente: "accounts of provider P whose claim C holds V (in tenant T)". Each mapping
is backed by a code row without a usable secret, so it expires, is revoked (ending its sessions at once), is logged
and is listed like every code. An account that no mapping covers gets nothing, and is told whom to ask.

The app's own limits hold: a login session lasts at most SESSION_HOURS from the moment the provider authenticated the
person (the ID token's `iat`), so Streamlit's 30-day identity cookie never extends it; after that the person logs in
at the provider again. Logging out ends the app's sessions and Streamlit's identity cookie (and, where the provider
offers it, the provider's session).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from domain.access import AccountMapping, IssuedCode, Principal, Role
from domain.audit import Action
from domain.text import clean_name
from services import ServiceError, audit, fitting
from services.access import SESSION_HOURS, Login, LoginError, aware_utc, hash_secret, start_session
from services.access_codes import check_scope, checked_name, log_code, unused_public_id
from services.authz import require_beheerder
from store import access_repo, sso_repo
from store.repository import now
from store.unit_of_work import writing

NO_MAPPING = (
    "U bent ingelogd bij uw organisatie, maar uw account heeft (nog) geen toegang tot de zelfscan. "
    "Vraag de beheerder van uw regio om uw account te koppelen aan uw gemeente of regio."
)
STALE = "Uw inlog bij uw organisatie is ouder dan 12 uur. Log opnieuw in."
MAPPED_ROLES = (Role.GEMEENTE, Role.REGIO, Role.FACILITATOR, Role.BEHEERDER)
TENANT_CLAIMS = ("tid",)  # Entra ID's tenant; other providers: leave the tenant empty (the provider is one tenant)


class Choice(BaseModel):
    """One of several mappings that cover an account: the person chooses which to use."""

    model_config = ConfigDict(frozen=True)

    code_id: int
    label: str
    role: Role


def person_of(claims: Mapping[str, Any]) -> str:
    """How the person appears in the history and the log: name and e-mail address as the provider gives them."""
    name, mail = (clean_name(str(claims.get(key) or "")) for key in ("name", "email"))
    person = f"{name} <{mail}>" if name and mail else name or mail or clean_name(str(claims.get("sub") or "?"))
    return person[:120]


def covers(mapping: AccountMapping, claims: Mapping[str, Any]) -> bool:
    """True when the claims hold the mapping's value (a claim may be one value or a list, e.g. roles or groups) and,
    when the mapping names a tenant, come from that tenant."""
    if mapping.tenant and all(str(claims.get(key) or "") != mapping.tenant for key in TENANT_CLAIMS):
        return False
    held = claims.get(mapping.claim)
    values = held if isinstance(held, list | tuple) else [held]
    return mapping.value in {str(v) for v in values if v is not None}


def login(
    engine: Engine, *, provider: str, claims: Mapping[str, Any], origin: str, choice: int | None = None
) -> Login | list[Choice]:
    """A session for an account the provider authenticated; the choices when several mappings cover it."""
    person = person_of(claims)
    issued_at = _issued_at(claims)
    how = f"met organisatie-account ({provider})"
    with writing(engine) as session:
        if issued_at is None or now() - issued_at > timedelta(hours=SESSION_HOURS):
            refused = STALE
        else:
            usable = [
                code
                for mapping, code in sso_repo.candidates(session, provider=provider)
                if covers(mapping, claims) and (code.expires_at is None or aware_utc(code.expires_at) > now())
            ]
            if choice is not None:
                usable = [code for code in usable if code.id == choice]
            if len(usable) == 1:
                until = issued_at + timedelta(hours=SESSION_HOURS)
                return start_session(session, usable[0], origin=origin, how=how, person=person, until=until)
            if len(usable) > 1:
                return [Choice(code_id=c.id, label=c.label, role=Role(c.role)) for c in usable]
            refused = NO_MAPPING
        audit.record(
            session,
            action=Action.LOGIN,
            object=how,
            result="geweigerd: login ouder dan 12 uur" if refused is STALE else "geweigerd: geen koppeling",
            origin=origin,
            actor=f"{person} (account zonder koppeling)",
            regio_id=None,
        )
    raise LoginError(refused)


def _issued_at(claims: Mapping[str, Any]) -> datetime | None:
    value = claims.get("iat")
    try:
        return datetime.fromtimestamp(float(value), tz=UTC) if value is not None else None
    except (TypeError, ValueError, OverflowError):
        return None


def add_mapping(
    engine: Engine,
    principal: Principal,
    *,
    regio_id: int | None,
    mapping: AccountMapping,
    role: Role,
    label: str,
    gemeente_id: int | None = None,
    expires_at: datetime | None = None,
) -> IssuedCode:
    """Map accounts to a role in a regio (and a gemeente, for the gemeente role). Only a beheerder; a regio's
    beheerder for its own regio, the installation's beheerder also for installation beheerders (regio_id None)."""
    require_beheerder(principal, regio_id)
    mapping = AccountMapping(
        provider=fitting(clean_name(mapping.provider), 100),
        claim=fitting(clean_name(mapping.claim), 100),
        value=fitting(clean_name(mapping.value), 300),
        tenant=fitting(clean_name(mapping.tenant), 100),
    )
    if not (mapping.provider and mapping.claim and mapping.value):
        raise ServiceError("Vul de inlogdienst, het kenmerk en de waarde in, bijvoorbeeld 'roles' en 'Zelfscan.Regio'.")
    label = checked_name(label, "de koppeling", "regioteam via Entra")
    if role not in MAPPED_ROLES or (regio_id is None and role is not Role.BEHEERDER):
        raise ServiceError("Kies een rol die bij deze koppeling past.")
    with writing(engine) as session:
        check_scope(session, role=role, regio_id=regio_id, gemeente_id=gemeente_id, expires_at=expires_at)
        salt = secrets.token_bytes(16)
        code_id = access_repo.add_code(
            session,
            public_id=unused_public_id(session),
            salt=salt,
            secret_hash=hash_secret(secrets.token_urlsafe(16), salt),  # never shown: only the account logs in
            role=role,
            label=label,
            regio_id=regio_id,
            gemeente_id=gemeente_id if role is Role.GEMEENTE else None,
            expires_at=expires_at,
        )
        sso_repo.add_mapping(session, code_id=code_id, mapping=mapping)
        log_code(
            session,
            Action.MAPPING,
            code_id=code_id,
            label=label,
            role=role,
            regio_id=regio_id,
            by=principal,
            object=f"koppeling {code_id}: {label} ({role.label.lower()}), {mapping.describe()}",
        )
    return IssuedCode(id=code_id, code="", role=role, label=label)

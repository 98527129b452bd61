"""Issuing access codes: for the beheerder, the demo region and bijeenkomsten.

How a code looks and how its secret is kept is described in services.access.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from domain.access import CodeInfo, IssuedCode, Principal, Role
from domain.audit import SERVER, Action
from domain.text import LIMITS, clean_name
from services import ServiceError, audit, fitting
from services.access import (
    NO_ACCESS,
    PUBLIC_LENGTH,
    SECRET_LENGTH,
    aware_utc,
    hash_secret,
    signing_key,
)
from services.authz import require_beheerder, require_installation_beheerder
from store import access_repo, repository
from store.repository import NotFound, now
from store.unit_of_work import reading, writing

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud


def _random_chars(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def _format(plain: str) -> str:
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))


def _issue(
    session: Session,
    *,
    role: Role,
    label: str,
    regio_id: int | None,
    gemeente_id: int | None,
    expires_at: datetime | None,
    demo: bool = False,
    round_id: int | None = None,
) -> IssuedCode:
    public_id = unused_public_id(session)
    secret = _random_chars(SECRET_LENGTH)
    salt = secrets.token_bytes(16)
    code = _format(public_id + secret)
    code_id = access_repo.add_code(
        session,
        public_id=public_id,
        salt=salt,
        secret_hash=hash_secret(secret, salt),
        role=role,
        label=label,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        expires_at=expires_at,
        demo_code=code if demo else None,
        round_id=round_id,
    )
    return IssuedCode(id=code_id, code=code, role=role, label=label)


def log_code(
    session: Session,
    action: Action,
    *,
    code_id: int,
    label: str,
    role: Role,
    regio_id: int | None,
    by: Principal | None,
    object: str | None = None,
) -> None:
    """A code made, revoked or replaced, in the audit log: its number, name and role, never the code."""
    audit.record(
        session,
        action=action,
        object=object or f"toegangscode {code_id}: {label} ({role.label.lower()})",
        origin=by.origin if by is not None else SERVER,
        actor=audit.actor_of(by) if by is not None else "de server (opdrachtregel of eerste start)",
        regio_id=regio_id,
    )


def ensure_first_beheerder_code(engine: Engine) -> IssuedCode | None:
    """On first start: create the signing key and the installation's beheerder code, once."""
    with writing(engine) as session:
        signing_key(session, create=True)
        if access_repo.count_codes(session, role=Role.BEHEERDER) > 0:
            return None
        issued = _issue(
            session, role=Role.BEHEERDER, label="Eerste beheerder", regio_id=None, gemeente_id=None, expires_at=None
        )
        log_code(
            session, Action.CODE_MADE, code_id=issued.id, label=issued.label, role=issued.role, regio_id=None, by=None
        )
        return issued


def reset_beheerder_code(engine: Engine) -> IssuedCode:
    """For whoever runs the server: revoke the installation's beheerder codes, issue a new one."""
    with writing(engine) as session:
        access_repo.revoke_role_codes(session, role=Role.BEHEERDER, regio_id=None)
        issued = _issue(
            session, role=Role.BEHEERDER, label="Beheerder (hersteld)", regio_id=None, gemeente_id=None, expires_at=None
        )
        log_code(
            session,
            Action.CODE_REPLACED,
            code_id=issued.id,
            label=issued.label,
            role=issued.role,
            regio_id=None,
            by=None,
            object=f"alle beheerderscodes van de installatie; nieuw: code {issued.id}",
        )
        return issued


def issue_code(
    engine: Engine,
    principal: Principal,
    *,
    role: Role,
    label: str,
    regio_id: int,
    gemeente_id: int | None = None,
    expires_at: datetime | None = None,
    log: bool = True,
) -> IssuedCode:
    require_beheerder(principal, regio_id)
    label = checked_name(label, "de code", "team Jeugd Aalsveen")
    with writing(engine) as session:
        check_scope(session, role=role, regio_id=regio_id, gemeente_id=gemeente_id, expires_at=expires_at)
        issued = _issue(
            session,
            role=role,
            label=label,
            regio_id=regio_id,
            gemeente_id=gemeente_id if role is Role.GEMEENTE else None,
            expires_at=expires_at,
        )
        if log:
            log_code(
                session, Action.CODE_MADE, code_id=issued.id, label=label, role=role, regio_id=regio_id, by=principal
            )
        return issued


def checked_name(label: str, what: str, example: str) -> str:
    """The cleaned name of a code or an account mapping; refused in Dutch when empty or too long."""
    label = fitting(clean_name(label), LIMITS["name"])
    if not label:
        raise ServiceError(f"Geef {what} een naam, bijvoorbeeld '{example}'.")
    return label


def check_scope(
    session: Session, *, role: Role, regio_id: int | None, gemeente_id: int | None, expires_at: datetime | None
) -> None:
    """What a new code (or account mapping) reaches must hold: a gemeente code names a gemeente of its own regio,
    and an expiry date lies in the future."""
    if role is Role.GEMEENTE and gemeente_id is None:
        raise ServiceError("Kies de gemeente waar dit bij hoort.")
    if expires_at is not None and expires_at <= now():
        raise ServiceError("De vervaldatum ligt in het verleden. Kies een datum in de toekomst.")
    if gemeente_id is not None:
        try:
            gemeente = repository.get_gemeente(session, gemeente_id=gemeente_id)
        except NotFound as exc:
            raise ServiceError("Deze gemeente bestaat niet.") from exc
        if gemeente.regio_id != regio_id:
            raise ServiceError(NO_ACCESS)


def issue_demo_codes(session: Session, *, regio_id: int, gemeenten: list[tuple[int, str]]) -> None:
    """Demo codes are shown on the login page, so a newcomer can try every role."""
    codes: list[tuple[Role, str, int | None]] = [
        (Role.BEHEERDER, "Demo beheerder", None),
        (Role.REGIO, "Demo regio", None),
        (Role.FACILITATOR, "Demo facilitator", None),
        *[(Role.GEMEENTE, f"Demo {name}", gemeente_id) for gemeente_id, name in gemeenten],
    ]
    for role, label, gemeente_id in codes:
        _issue(session, role=role, label=label, regio_id=regio_id, gemeente_id=gemeente_id, expires_at=None, demo=True)


def issue_demo_national_code(session: Session) -> None:
    """The national team's demo code, beside the demo region's."""
    _issue(session, role=Role.LANDELIJK, label="Demo landelijk team", regio_id=None, gemeente_id=None, expires_at=None,
           demo=True)  # fmt: skip


def issue_national_code(
    engine: Engine, principal: Principal, *, label: str, expires_at: datetime | None = None
) -> IssuedCode:
    """A code for the national programme team: made by the installation's beheerder only."""
    require_installation_beheerder(principal)
    label = checked_name(label, "de code", "Programmateam Werken aan veiligheid")
    with writing(engine) as session:
        check_scope(session, role=Role.LANDELIJK, regio_id=None, gemeente_id=None, expires_at=expires_at)
        issued = _issue(session, role=Role.LANDELIJK, label=label, regio_id=None, gemeente_id=None,
                        expires_at=expires_at)  # fmt: skip
        log_code(session, Action.CODE_MADE, code_id=issued.id, label=label, role=Role.LANDELIJK, regio_id=None,
                 by=principal)  # fmt: skip
        return issued


def list_codes(engine: Engine, principal: Principal, *, regio_id: int | None) -> list[CodeInfo]:
    require_beheerder(principal, regio_id)
    with reading(engine) as session:
        return access_repo.list_codes(session, regio_id=regio_id)


def _get_code(session: Session, code_id: int) -> CodeInfo:
    try:
        return access_repo.get_code(session, code_id=code_id)
    except NotFound as exc:
        raise ServiceError("Deze code bestaat niet.") from exc


def revoke_code(engine: Engine, principal: Principal, *, code_id: int, replaced_by: int | None = None) -> None:
    with writing(engine) as session:
        code = _get_code(session, code_id)
        require_beheerder(principal, code.regio_id)
        if code.id == principal.code_id:
            raise ServiceError("U kunt de code waarmee u nu bent ingelogd niet intrekken.")
        access_repo.revoke_code(session, code_id=code_id)
        replaced = f"; nieuw: toegangscode {replaced_by}" if replaced_by is not None else ""
        log_code(
            session,
            Action.CODE_REVOKED if replaced_by is None else Action.CODE_REPLACED,
            code_id=code.id,
            label=code.label,
            role=code.role,
            regio_id=code.regio_id,
            by=principal,
            object=f"toegangscode {code.id}: {code.label} ({code.role.label.lower()}){replaced}",
        )


def replace_code(engine: Engine, principal: Principal, *, code_id: int) -> IssuedCode:
    """Revoke a code and issue a new one with the same role, label, gemeente and expiry."""
    with reading(engine) as session:
        old = _get_code(session, code_id)
    if old.account is not None:
        raise ServiceError("Een koppeling met accounts vervangt u niet. Trek haar in en maak een nieuwe koppeling.")
    if old.regio_id is None:
        raise ServiceError("Een beheerderscode van de installatie vervangt u via de opdrachtregel op de server.")
    expires = old.expires_at if old.expires_at and aware_utc(old.expires_at) > now() else None
    new = issue_code(
        engine,
        principal,
        role=old.role,
        label=old.label,
        regio_id=old.regio_id,
        gemeente_id=old.gemeente_id,
        expires_at=expires,
        log=False,  # one event: this code replaced by the new one
    )
    revoke_code(engine, principal, code_id=code_id, replaced_by=new.id)
    return new


def demo_codes(engine: Engine) -> list[tuple[Role, str, str]]:
    with reading(engine) as session:
        return access_repo.demo_codes(session)


def add_participant_code(
    session: Session, *, label: str, regio_id: int, gemeente_id: int, round_id: int, expires_at: datetime
) -> int:
    """The code row behind a bijeenkomst's join code: it reaches one round. Its own secret is never shown."""
    salt = secrets.token_bytes(16)
    return access_repo.add_code(
        session,
        public_id=unused_public_id(session),
        salt=salt,
        secret_hash=hash_secret(secrets.token_urlsafe(16), salt),
        role=Role.DEELNEMER,
        label=label,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        expires_at=expires_at,
        round_id=round_id,
    )


def add_partner_code(
    session: Session, *, label: str, regio_id: int, gemeente_id: int, round_id: int, expires_at: datetime
) -> IssuedCode:
    """A partner's personal code: it reaches that partner's own answers to one round. Shown once."""
    return _issue(
        session,
        role=Role.PARTNER,
        label=label,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        expires_at=expires_at,
        round_id=round_id,
    )


def unused_public_id(session: Session) -> str:
    public_id = _random_chars(PUBLIC_LENGTH)
    while access_repo.public_id_taken(session, public_id=public_id):
        public_id = _random_chars(PUBLIC_LENGTH)
    return public_id

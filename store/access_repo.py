"""Access codes, login sessions, failed attempts and installation settings."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from domain.access import CodeInfo, CodeKey, LoginSession, Role
from store import sso_repo
from store.access_rows import code_key, login_session
from store.repository import NotFound, now
from store.tables import (
    BijeenkomstGroepRow,
    BijeenkomstRow,
    GemeenteRow,
    InstellingRow,
    MisluktePogingRow,
    RegioRow,
    SessieRow,
    ToegangscodeRow,
)


def get_code_key(session: Session, *, code_id: int) -> CodeKey:
    row = session.get(ToegangscodeRow, code_id)
    if row is None:
        raise LookupError(f"toegangscode {code_id}")
    return code_key(row)


def add_code(
    session: Session,
    *,
    public_id: str,
    salt: bytes,
    secret_hash: bytes,
    role: Role,
    label: str,
    regio_id: int | None,
    gemeente_id: int | None,
    expires_at: datetime | None,
    demo_code: str | None = None,
    round_id: int | None = None,
) -> int:
    row = ToegangscodeRow(
        ronde_id=round_id,
        public_id=public_id,
        salt=salt,
        secret_hash=secret_hash,
        role=role.value,
        label=label,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        created_at=now(),
        expires_at=expires_at,
        is_demo=demo_code is not None,
        demo_code=demo_code,
    )
    session.add(row)
    session.flush()
    return row.id


def public_id_taken(session: Session, *, public_id: str) -> bool:
    return session.scalar(select(ToegangscodeRow.id).where(ToegangscodeRow.public_id == public_id)) is not None


def find_code(session: Session, *, public_id: str) -> CodeKey | None:
    row = session.scalar(select(ToegangscodeRow).where(ToegangscodeRow.public_id == public_id))
    return code_key(row) if row is not None else None


def get_code(session: Session, *, code_id: int) -> CodeInfo:
    row = session.get(ToegangscodeRow, code_id)
    if row is None:
        raise NotFound(f"toegangscode {code_id}")
    return _info(session, row).model_copy(
        update={"account": sso_repo.mappings_of_codes(session, [code_id]).get(code_id)}
    )


def list_codes(session: Session, *, regio_id: int | None) -> list[CodeInfo]:
    query = select(ToegangscodeRow).order_by(ToegangscodeRow.role, ToegangscodeRow.label)
    query = query.where(
        ToegangscodeRow.regio_id.is_(None) if regio_id is None else ToegangscodeRow.regio_id == regio_id
    )
    groups = {
        code_id: (join_code, title)
        for code_id, join_code, title in session.execute(
            select(BijeenkomstGroepRow.code_id, BijeenkomstGroepRow.join_code, BijeenkomstRow.title)
            .join(BijeenkomstRow, BijeenkomstGroepRow.bijeenkomst_id == BijeenkomstRow.id)
            .where(BijeenkomstGroepRow.code_id.in_(query.with_only_columns(ToegangscodeRow.id).order_by(None)))
        )
    }
    accounts = sso_repo.mappings_of_codes(session, query.with_only_columns(ToegangscodeRow.id).order_by(None))
    return [
        _info(session, row, *groups.get(row.id, (None, None))).model_copy(update={"account": accounts.get(row.id)})
        for row in session.scalars(query)
    ]


def _info(
    session: Session, row: ToegangscodeRow, join_code: str | None = None, meeting_title: str | None = None
) -> CodeInfo:
    gemeente = session.get(GemeenteRow, row.gemeente_id) if row.gemeente_id else None
    return CodeInfo(
        id=row.id,
        public_id=row.public_id,
        role=Role(row.role),
        label=row.label,
        regio_id=row.regio_id,
        gemeente_id=row.gemeente_id,
        gemeente_name=gemeente.name if gemeente else None,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
        is_demo=row.is_demo,
        join_code=join_code,
        meeting_title=meeting_title,
    )


def revoke_code(session: Session, *, code_id: int) -> None:
    session.execute(update(ToegangscodeRow).where(ToegangscodeRow.id == code_id).values(revoked_at=now()))
    session.execute(delete(SessieRow).where(SessieRow.code_id == code_id))


def revoke_role_codes(session: Session, *, role: Role, regio_id: int | None) -> int:
    query = update(ToegangscodeRow).where(ToegangscodeRow.role == role.value, ToegangscodeRow.revoked_at.is_(None))
    query = query.where(
        ToegangscodeRow.regio_id.is_(None) if regio_id is None else ToegangscodeRow.regio_id == regio_id
    )
    return session.execute(query.values(revoked_at=now())).rowcount or 0


def count_codes(session: Session, *, role: Role) -> int:
    return session.scalar(select(func.count()).where(ToegangscodeRow.role == role.value)) or 0


def demo_codes(session: Session) -> list[tuple[Role, str, str]]:
    """(role, label, code) of every demo code that still works, for the login page."""
    rows = session.scalars(
        select(ToegangscodeRow)
        .outerjoin(RegioRow, ToegangscodeRow.regio_id == RegioRow.id)
        .where(
            ToegangscodeRow.is_demo,
            or_(RegioRow.is_demo, ToegangscodeRow.role == Role.LANDELIJK.value),  # the national team has no regio
            ToegangscodeRow.revoked_at.is_(None),
        )
        .order_by(ToegangscodeRow.id)
    )
    return [(Role(r.role), r.label, r.demo_code or "") for r in rows]


# --- sessions ------------------------------------------------------------------------


def add_session(
    session: Session,
    *,
    id_hash: str,
    code_id: int,
    expires_at: datetime,
    handoff_hash: str | None = None,
    person: str | None = None,
) -> None:
    session.add(
        SessieRow(
            id_hash=id_hash,
            code_id=code_id,
            person=person,
            created_at=now(),
            expires_at=expires_at,
            handoff_hash=handoff_hash,
            handoff_expires_at=now() + timedelta(minutes=2) if handoff_hash else None,
        )
    )


def session_with_code(session: Session, *, id_hash: str) -> tuple[LoginSession, CodeKey] | None:
    found = session.execute(
        select(SessieRow, ToegangscodeRow)
        .join(ToegangscodeRow, SessieRow.code_id == ToegangscodeRow.id)
        .where(SessieRow.id_hash == id_hash)
    ).first()
    return (login_session(found[0]), code_key(found[1])) if found else None


def take_handoff(session: Session, *, handoff_hash: str) -> LoginSession | None:
    """Use a one-time handoff token: return its session and make the token unusable."""
    row = session.scalar(select(SessieRow).where(SessieRow.handoff_hash == handoff_hash))
    if row is None:
        return None
    valid = row.handoff_expires_at is not None and _aware(row.handoff_expires_at) > now()
    row.handoff_hash = None
    row.handoff_expires_at = None
    return login_session(row) if valid else None


def delete_session(session: Session, *, id_hash: str) -> None:
    session.execute(delete(SessieRow).where(SessieRow.id_hash == id_hash))


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- failed attempts -------------------------------------------------------------------


def add_failure(session: Session, *, client_key: str, public_id: str | None) -> None:
    session.add(MisluktePogingRow(client_key=client_key, public_id=public_id, at=now()))


def count_failures(
    session: Session, *, since: datetime, client_key: str | None = None, public_id: str | None = None
) -> int:
    query = select(func.count()).select_from(MisluktePogingRow).where(MisluktePogingRow.at >= since)
    if client_key is not None:
        query = query.where(MisluktePogingRow.client_key == client_key)
    if public_id is not None:
        query = query.where(MisluktePogingRow.public_id == public_id)
    return session.scalar(query) or 0


def forget_failures(session: Session, *, before: datetime) -> None:
    session.execute(delete(MisluktePogingRow).where(MisluktePogingRow.at < before))


# --- installation settings ------------------------------------------------------------


def setting(session: Session, *, name: str, default_factory=None) -> str | None:  # type: ignore[no-untyped-def]
    """Read a setting; create it from default_factory when it is missing."""
    row = session.get(InstellingRow, name)
    if row is not None:
        return row.value
    if default_factory is None:
        return None
    value = default_factory()
    session.add(InstellingRow(name=name, value=value))
    session.flush()
    return value


def set_setting(session: Session, *, name: str, value: str) -> None:
    row = session.get(InstellingRow, name)
    if row is None:
        session.add(InstellingRow(name=name, value=value))
    else:
        row.value = value
    session.flush()


def new_secret() -> str:
    return secrets.token_urlsafe(48)

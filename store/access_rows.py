"""From the rows of the access tables to the domain's models: store/ hands out these, never a row."""

from __future__ import annotations

from domain.access import CodeKey, LoginSession, Role
from store.tables import SessieRow, ToegangscodeRow


def code_key(row: ToegangscodeRow) -> CodeKey:
    """What the login needs of a code row (store/ hands out no rows)."""
    return CodeKey(
        id=row.id,
        role=Role(row.role),
        label=row.label,
        regio_id=row.regio_id,
        gemeente_id=row.gemeente_id,
        round_id=row.ronde_id,
        salt=row.salt,
        secret_hash=row.secret_hash,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


def login_session(row: SessieRow) -> LoginSession:
    return LoginSession(code_id=row.code_id, person=row.person, expires_at=row.expires_at)

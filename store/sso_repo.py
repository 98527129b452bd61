"""Account mappings (single sign-on): which accounts of an identity provider log in as which code."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.access import AccountMapping, CodeKey
from store.access_rows import code_key
from store.sso_tables import KoppelingRow
from store.tables import ToegangscodeRow


def add_mapping(session: Session, *, code_id: int, mapping: AccountMapping) -> None:
    session.add(
        KoppelingRow(
            code_id=code_id,
            provider=mapping.provider,
            claim=mapping.claim,
            value=mapping.value,
            tenant=mapping.tenant,
        )
    )
    session.flush()


def _mapping(row: KoppelingRow) -> AccountMapping:
    return AccountMapping(provider=row.provider, claim=row.claim, value=row.value, tenant=row.tenant)


def candidates(session: Session, *, provider: str) -> list[tuple[AccountMapping, CodeKey]]:
    """The provider's mappings whose code is not revoked, with their codes (for starting a session)."""
    rows = session.execute(
        select(KoppelingRow, ToegangscodeRow)
        .join(ToegangscodeRow, KoppelingRow.code_id == ToegangscodeRow.id)
        .where(KoppelingRow.provider == provider, ToegangscodeRow.revoked_at.is_(None))
        .order_by(KoppelingRow.id)
    )
    return [(_mapping(mapping), code_key(code)) for mapping, code in rows]


def mappings_of_codes(session: Session, code_ids: Any) -> dict[int, AccountMapping]:
    """code id → its account mapping, for the codes that are one (code_ids: ids or a select of ids)."""
    rows = session.scalars(select(KoppelingRow).where(KoppelingRow.code_id.in_(code_ids)))
    return {row.code_id: _mapping(row) for row in rows}

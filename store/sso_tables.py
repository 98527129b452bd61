"""Database rows of the account mappings (single sign-on). Nothing outside store/ sees these classes."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class KoppelingRow(Base):
    """Which accounts of an identity provider log in as which code: a claim (e.g. Entra's `roles`) holding a value,
    optionally in one tenant. The code row carries role, regio, gemeente, name, expiry and revocation, so a mapping
    ends, expires and is logged like any code; its own secret is never shown and never works."""

    __tablename__ = "koppeling"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("toegangscode.id", ondelete="CASCADE"), unique=True)
    provider: Mapped[str] = mapped_column(String(100), index=True)
    claim: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(String(300))
    tenant: Mapped[str] = mapped_column(String(100), default="")

"""Database rows of the audit log (SQLAlchemy). Nothing outside store/ sees these classes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class LogboekRow(Base):
    """One event of the audit log. regio_id has no foreign key: the log outlives what it names."""

    __tablename__ = "logboek"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    object: Mapped[str] = mapped_column(String(300))
    result: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(250))
    regio_id: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)

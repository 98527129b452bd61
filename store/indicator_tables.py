"""Database rows of the procesindicatoren (SQLAlchemy). Nothing outside store/ sees these classes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class IndicatorRow(Base):
    """One procesindicator of a regio's set, with its definition, so unlike figures are never added up."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("regio_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    thema: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    frequency: Mapped[str] = mapped_column(String(50))
    priority: Mapped[str] = mapped_column(String(10))
    unit: Mapped[str] = mapped_column(String(20))
    standards: Mapped[list] = mapped_column(JSON, default=list)
    questions: Mapped[list] = mapped_column(JSON, default=list)
    template_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    retrievable: Mapped[str | None] = mapped_column(String(5), nullable=True)
    unambiguous: Mapped[str | None] = mapped_column(String(8), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IndicatorWaardeRow(Base):
    """An aggregated figure of one indicator for one gemeente (None: the regio as a whole) and period."""

    __tablename__ = "indicator_waarde"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    gemeente_id: Mapped[int | None] = mapped_column(ForeignKey("gemeente.id", ondelete="CASCADE"), nullable=True)
    period: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(250))


class IndicatorInstellingRow(Base):
    """Per regio: below which count a figure is shown as "minder dan N"."""

    __tablename__ = "indicator_instelling"

    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), primary_key=True)
    min_count: Mapped[int] = mapped_column(Integer, default=5)

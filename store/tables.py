"""Database rows (SQLAlchemy). Nothing outside store/ sees these classes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class RegioRow(Base):
    __tablename__ = "regio"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GemeenteRow(Base):
    __tablename__ = "gemeente"
    __table_args__ = (UniqueConstraint("regio_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))


class RondeRow(Base):
    __tablename__ = "ronde"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(String(40))
    questionnaire_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeelnemerRow(Base):
    __tablename__ = "deelnemer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(100))


class AntwoordRow(Base):
    __tablename__ = "antwoord"

    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), primary_key=True)
    question_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[str | None] = mapped_column(String(20), nullable=True)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

"""Database rows of questionnaire versions loaded by a beheerder, and which version a regio's new rounds use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class VragenlijstVersieRow(Base):
    """A questionnaire version as a file in our YAML schema (from a file, or made from a VNG workbook)."""

    __tablename__ = "vragenlijst_versie"

    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))  # "bestand" or "werkboek"
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    loaded_by: Mapped[str] = mapped_column(String(250))


class RegioVragenlijstRow(Base):
    """The version a regio's new rounds use (no row: the version shipped with the app)."""

    __tablename__ = "regio_vragenlijst"

    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))


class ExtraVraagRow(Base):
    """A regio's own extra question: shown after the core questions, never in a core figure."""

    __tablename__ = "extra_vraag"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    help: Mapped[str] = mapped_column(Text, default="")
    standard: Mapped[int] = mapped_column(Integer)
    block: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    removed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ExtraAntwoordRow(Base):
    """A round's answer to a regio's extra question: its own table, so no core figure can count it."""

    __tablename__ = "extra_antwoord"

    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), primary_key=True)
    extra_vraag_id: Mapped[int] = mapped_column(ForeignKey("extra_vraag.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[str | None] = mapped_column(String(20), nullable=True)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(250), default="")

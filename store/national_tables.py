"""Database rows of the national picture. Nothing outside store/ sees these classes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class DeelnameRow(Base):
    """A regio that takes part in the national picture: on this installation (regio_id set) or by file from another
    (its key names the signing key and the regio there). Withdrawn: it leaves the next national figures."""

    __tablename__ = "landelijke_deelname"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio_key: Mapped[str] = mapped_column(String(120), unique=True)
    regio_id: Mapped[int | None] = mapped_column(ForeignKey("regio.id", ondelete="SET NULL"), nullable=True)
    regio_name: Mapped[str] = mapped_column(String(120))
    named: Mapped[bool] = mapped_column(Boolean, default=False)
    by_file: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    joined_by: Mapped[str] = mapped_column(String(250))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(250), nullable=True)


class BijdrageRow(Base):
    """One regio's contribution for one scan period (analysis.national.Contribution as JSON); a newer one for the
    same period replaces it."""

    __tablename__ = "landelijke_bijdrage"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deelname_id: Mapped[int] = mapped_column(ForeignKey("landelijke_deelname.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(20))
    contribution: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_by: Mapped[str] = mapped_column(String(250))
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LandelijkeStandRow(Base):
    """A national publication (analysis.national.NationalPicture as JSON), kept for the differencing check."""

    __tablename__ = "landelijke_stand"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    made_by: Mapped[str] = mapped_column(String(250))
    picture: Mapped[str] = mapped_column(Text)
    contributions: Mapped[dict] = mapped_column(JSON, default=dict)  # period -> "regio key:digest" it rests on


class VertrouwdeSleutelRow(Base):
    """A signing key of another installation whose contribution files this installation reads in."""

    __tablename__ = "vertrouwde_sleutel"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(250))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

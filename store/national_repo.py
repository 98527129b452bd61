"""The national picture's rows: who takes part, their contributions, national publications and trusted keys."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.national_tables import BijdrageRow, DeelnameRow, LandelijkeStandRow, VertrouwdeSleutelRow
from store.repository import now


class Taking(BaseModel):
    """A regio's part in the national picture, as the services see it."""

    model_config = ConfigDict(frozen=True)

    id: int
    regio_key: str
    regio_id: int | None
    regio_name: str
    named: bool
    by_file: bool
    joined_at: datetime
    joined_by: str
    withdrawn_at: datetime | None
    withdrawn_by: str | None
    periods: tuple[str, ...] = ()  # periods with a current contribution


class TrustedKey(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    fingerprint: str
    label: str
    added_at: datetime
    added_by: str


def _taking(session: Session, row: DeelnameRow) -> Taking:
    periods = session.scalars(
        select(BijdrageRow.period)
        .where(BijdrageRow.deelname_id == row.id, BijdrageRow.replaced_at.is_(None))
        .order_by(BijdrageRow.period)
    )
    return Taking(
        id=row.id,
        regio_key=row.regio_key,
        regio_id=row.regio_id,
        regio_name=row.regio_name,
        named=row.named,
        by_file=row.by_file,
        joined_at=row.joined_at,
        joined_by=row.joined_by,
        withdrawn_at=row.withdrawn_at,
        withdrawn_by=row.withdrawn_by,
        periods=tuple(periods),
    )


def taking(session: Session, *, regio_key: str) -> Taking | None:
    row = session.scalar(select(DeelnameRow).where(DeelnameRow.regio_key == regio_key))
    return None if row is None else _taking(session, row)


def takings(session: Session) -> list[Taking]:
    rows = session.scalars(select(DeelnameRow).order_by(DeelnameRow.id))
    return [_taking(session, r) for r in rows]


def join(
    session: Session, *, regio_key: str, regio_id: int | None, regio_name: str, named: bool, by_file: bool, actor: str
) -> int:
    """Take part (again): one row per regio, its moment and person of joining renewed."""
    row = session.scalar(select(DeelnameRow).where(DeelnameRow.regio_key == regio_key))
    if row is None:
        row = DeelnameRow(regio_key=regio_key, regio_id=regio_id, by_file=by_file)
        session.add(row)
    row.regio_name, row.named, row.joined_at, row.joined_by = regio_name, named, now(), actor
    row.withdrawn_at = row.withdrawn_by = None
    session.flush()
    return row.id


def withdraw(session: Session, *, regio_key: str, actor: str) -> bool:
    row = session.scalar(select(DeelnameRow).where(DeelnameRow.regio_key == regio_key))
    if row is None or row.withdrawn_at is not None:
        return False
    row.withdrawn_at, row.withdrawn_by = now(), actor
    session.execute(
        update(BijdrageRow)
        .where(BijdrageRow.deelname_id == row.id, BijdrageRow.replaced_at.is_(None))
        .values(replaced_at=row.withdrawn_at)
    )
    return True


def contribute(session: Session, *, deelname_id: int, period: str, contribution: str, actor: str) -> None:
    """A new contribution for a period; the one it replaces stays, marked replaced."""
    moment = now()
    session.execute(
        update(BijdrageRow)
        .where(BijdrageRow.deelname_id == deelname_id, BijdrageRow.period == period, BijdrageRow.replaced_at.is_(None))
        .values(replaced_at=moment)
    )
    session.add(
        BijdrageRow(
            deelname_id=deelname_id, period=period, contribution=contribution, received_at=moment, received_by=actor
        )
    )
    session.flush()


def active(session: Session) -> list[tuple[str, str]]:
    """(regio key, contribution JSON) of every current contribution of a regio that takes part."""
    rows = session.execute(
        select(DeelnameRow.regio_key, BijdrageRow.contribution)
        .join(BijdrageRow, BijdrageRow.deelname_id == DeelnameRow.id)
        .where(DeelnameRow.withdrawn_at.is_(None), BijdrageRow.replaced_at.is_(None))
        .order_by(DeelnameRow.id, BijdrageRow.period)
    )
    return [(k, c) for k, c in rows]


def add_publication(session: Session, *, actor: str, picture: str, contributions: dict[str, list[str]]) -> int:
    row = LandelijkeStandRow(made_at=now(), made_by=actor, picture=picture, contributions=contributions)
    session.add(row)
    session.flush()
    return row.id


def latest_publication(session: Session) -> tuple[int, str] | None:
    found = session.execute(
        select(LandelijkeStandRow.id, LandelijkeStandRow.picture).order_by(LandelijkeStandRow.id.desc()).limit(1)
    ).first()
    return (found[0], found[1]) if found else None


def publication_contributions(session: Session) -> list[dict[str, list[str]]]:
    """Per national publication, oldest first: period -> what its figures rested on."""
    return list(session.scalars(select(LandelijkeStandRow.contributions).order_by(LandelijkeStandRow.id)))


def withdrawals_since(session: Session, moment: datetime) -> int:
    return len(
        list(
            session.scalars(
                select(DeelnameRow.id).where(DeelnameRow.withdrawn_at.is_not(None), DeelnameRow.withdrawn_at > moment)
            )
        )
    )


def trusted_keys(session: Session) -> list[TrustedKey]:
    rows = session.scalars(
        select(VertrouwdeSleutelRow).where(VertrouwdeSleutelRow.revoked_at.is_(None)).order_by(VertrouwdeSleutelRow.id)
    )
    return [
        TrustedKey(id=r.id, fingerprint=r.fingerprint, label=r.label, added_at=r.added_at, added_by=r.added_by)
        for r in rows
    ]


def trust_key(session: Session, *, fingerprint: str, label: str, actor: str) -> None:
    row = session.scalar(select(VertrouwdeSleutelRow).where(VertrouwdeSleutelRow.fingerprint == fingerprint))
    if row is None:
        session.add(VertrouwdeSleutelRow(fingerprint=fingerprint, label=label, added_at=now(), added_by=actor))
    else:
        row.label, row.added_at, row.added_by, row.revoked_at = label, now(), actor, None
    session.flush()


def distrust_key(session: Session, *, key_id: int) -> None:
    row = session.get(VertrouwdeSleutelRow, key_id)
    if row is not None:
        row.revoked_at = now()

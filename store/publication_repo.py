"""Publications: the regional picture as it left the regio team, kept as it was shared."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.repository import now
from store.tables import GedeeldeStandRow


def add(
    session: Session,
    *,
    regio_id: int,
    actor: str,
    picture: str,
    contributions: dict[str, list[str]],
    made_at: datetime | None = None,
) -> int:
    row = GedeeldeStandRow(
        regio_id=regio_id, made_at=made_at or now(), made_by=actor, picture=picture, contributions=contributions
    )
    session.add(row)
    session.flush()
    return row.id


def latest(session: Session, *, regio_id: int) -> tuple[int, str] | None:
    """(id, picture as JSON) of the regio's newest publication."""
    found = session.execute(
        select(GedeeldeStandRow.id, GedeeldeStandRow.picture)
        .where(GedeeldeStandRow.regio_id == regio_id)
        .order_by(GedeeldeStandRow.id.desc())
        .limit(1)
    ).first()
    return (found[0], found[1]) if found else None


def get(session: Session, *, publication_id: int) -> tuple[int, str] | None:
    """(regio id, picture as JSON) of one publication."""
    found = session.execute(
        select(GedeeldeStandRow.regio_id, GedeeldeStandRow.picture).where(GedeeldeStandRow.id == publication_id)
    ).first()
    return (found[0], found[1]) if found else None


def contributions(session: Session, *, regio_id: int) -> list[dict[str, list[str]]]:
    """What every earlier publication of the regio rested on, oldest first, per family of figures."""
    return list(
        session.scalars(
            select(GedeeldeStandRow.contributions)
            .where(GedeeldeStandRow.regio_id == regio_id)
            .order_by(GedeeldeStandRow.id)
        )
    )


def register(session: Session, *, regio_id: int) -> list[tuple[int, datetime, str]]:
    """(id, when, by whom) of every publication, newest first."""
    rows = session.execute(
        select(GedeeldeStandRow.id, GedeeldeStandRow.made_at, GedeeldeStandRow.made_by)
        .where(GedeeldeStandRow.regio_id == regio_id)
        .order_by(GedeeldeStandRow.id.desc())
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]

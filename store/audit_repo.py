"""The audit log's rows: add, read with filters, forget what is older than the retention."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from domain.audit import Action, Event
from store.audit_tables import LogboekRow

LONGEST = {"object": 300, "result": 200, "origin": 64, "actor": 250}


def add(session: Session, event: Event) -> None:
    values = {name: getattr(event, name)[:size] for name, size in LONGEST.items()}
    session.add(LogboekRow(at=event.at, action=event.action.value, regio_id=event.regio_id, **values))
    session.flush()


def events(
    session: Session,
    *,
    regio_id: int | None,
    action: Action | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    search: str = "",
    limit: int = 1000,
) -> list[Event]:
    """Newest first. regio_id None: every event of the installation; else that regio's only."""
    query = select(LogboekRow).order_by(LogboekRow.at.desc(), LogboekRow.id.desc()).limit(limit)
    if regio_id is not None:
        query = query.where(LogboekRow.regio_id == regio_id)
    if action is not None:
        query = query.where(LogboekRow.action == action.value)
    if since is not None:
        query = query.where(LogboekRow.at >= since)
    if until is not None:
        query = query.where(LogboekRow.at < until)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (LogboekRow.object, LogboekRow.actor, LogboekRow.result, LogboekRow.origin)
                )
            )
        )
    return [
        Event(
            at=row.at,
            action=Action(row.action),
            object=row.object,
            result=row.result,
            origin=row.origin,
            actor=row.actor,
            regio_id=row.regio_id,
        )
        for row in session.scalars(query)
    ]


def forget_before(session: Session, *, moment: datetime) -> int:
    """Delete the events older than `moment`; how many went."""
    result = session.execute(delete(LogboekRow).where(LogboekRow.at < moment))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult has rowcount

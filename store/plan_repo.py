"""Reading and writing verbeterplannen, their actions and their notes per standard.

Every function takes an open session (keyword-only) and returns plain models. Saving
a value that is already stored changes nothing, as for answers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from domain.plan import (
    ACTION_TEXT_FIELDS,
    PLAN_TEXT_FIELDS,
    ActionLevel,
    ActionStatus,
    Plan,
    PlanAction,
    PlanInfo,
    PlanKind,
    PlanLayout,
)
from store.repository import NotFound, now
from store.tables import PlanNotitieRow, PlanRondeRow, VerbeteractieRow, VerbeterplanRow


def create_plan(
    session: Session,
    *,
    kind: PlanKind,
    regio_id: int,
    gemeente_id: int | None,
    clusters: str,
    layout: PlanLayout,
    min_share: float | None,
    source_round_ids: list[int],
    texts: dict[str, str],
    actor: str,
    publication_id: int | None = None,
) -> int:
    moment = now()
    row = VerbeterplanRow(
        publication_id=publication_id,
        kind=kind.value,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        clusters=clusters,
        layout=layout.value,
        min_share=min_share,
        created_at=moment,
        created_by=actor,
        updated_at=moment,
        updated_by=actor,
        **{name: texts.get(name, "") for name in PLAN_TEXT_FIELDS},
    )
    session.add(row)
    session.flush()
    session.add_all(PlanRondeRow(plan_id=row.id, ronde_id=r) for r in source_round_ids)
    return row.id


def add_action(
    session: Session, *, plan_id: int, standard: int, actor: str, values: dict[str, Any] | None = None
) -> int:
    """A new row at the end of its standard's table."""
    last = session.scalar(
        select(func.max(VerbeteractieRow.position)).where(
            VerbeteractieRow.plan_id == plan_id, VerbeteractieRow.standard == standard
        )
    )
    values = dict(values or {})
    row = VerbeteractieRow(
        plan_id=plan_id,
        standard=standard,
        position=(last or 0) + 1,
        question_numbers=list(values.pop("question_numbers", [])),
        level=values.pop("level", ActionLevel.LOKAAL.value),
        status=values.pop("status", ActionStatus.GEPLAND.value),
        updated_at=now(),
        updated_by=actor,
        **{name: values.get(name, "") for name in ACTION_TEXT_FIELDS},
    )
    session.add(row)
    session.flush()
    return row.id


def plan_ids(session: Session, *, regio_id: int, gemeente_id: int | None = None, kind: PlanKind) -> list[int]:
    query = select(VerbeterplanRow.id).where(VerbeterplanRow.regio_id == regio_id, VerbeterplanRow.kind == kind.value)
    if gemeente_id is not None:
        query = query.where(VerbeterplanRow.gemeente_id == gemeente_id)
    return list(session.scalars(query.order_by(VerbeterplanRow.created_at.desc(), VerbeterplanRow.id.desc())))


def recent_duplicate(
    session: Session,
    *,
    source_round_ids: list[int],
    kind: PlanKind,
    actor: str,
    since: Any,
    publication_id: int | None = None,
) -> int | None:
    """A plan of the same kind, rounds and publication the same person created since `since` (a double submit)."""
    candidates = session.scalars(
        select(VerbeterplanRow.id).where(
            VerbeterplanRow.kind == kind.value,
            VerbeterplanRow.created_by == actor,
            VerbeterplanRow.created_at >= since,
            VerbeterplanRow.publication_id.is_(None)
            if publication_id is None
            else VerbeterplanRow.publication_id == publication_id,
        )
    )
    for plan_id in candidates:
        if sorted(source_rounds(session, plan_id=plan_id)) == sorted(source_round_ids):
            return plan_id
    return None


def source_rounds(session: Session, *, plan_id: int) -> list[int]:
    return list(session.scalars(select(PlanRondeRow.ronde_id).where(PlanRondeRow.plan_id == plan_id)))


def get_info(session: Session, *, plan_id: int) -> PlanInfo:
    row = session.get(VerbeterplanRow, plan_id)
    if row is None:
        raise NotFound(f"verbeterplan {plan_id}")
    return _info(row, source_rounds(session, plan_id=plan_id))


def _info(row: VerbeterplanRow, rounds: list[int]) -> PlanInfo:
    return PlanInfo(
        id=row.id,
        kind=PlanKind(row.kind),
        regio_id=row.regio_id,
        gemeente_id=row.gemeente_id,
        title=row.title,
        period=row.period,
        clusters=row.clusters,
        layout=PlanLayout(row.layout),
        min_share=row.min_share,
        source_round_ids=tuple(sorted(rounds)),
        publication_id=row.publication_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def get_plan(session: Session, *, plan_id: int) -> Plan:
    row = session.get(VerbeterplanRow, plan_id)
    if row is None:
        raise NotFound(f"verbeterplan {plan_id}")
    actions = session.scalars(
        select(VerbeteractieRow)
        .where(VerbeteractieRow.plan_id == plan_id)
        .order_by(VerbeteractieRow.standard, VerbeteractieRow.position, VerbeteractieRow.id)
    )
    notes = session.scalars(select(PlanNotitieRow).where(PlanNotitieRow.plan_id == plan_id))
    return Plan(
        info=_info(row, source_rounds(session, plan_id=plan_id)),
        texts={name: getattr(row, name) for name in PLAN_TEXT_FIELDS},
        keep_notes={n.standard: n.text for n in notes},
        actions=tuple(_action(a) for a in actions),
    )


def _action(row: VerbeteractieRow) -> PlanAction:
    return PlanAction(
        id=row.id,
        standard=row.standard,
        position=row.position,
        question_numbers=tuple(row.question_numbers or ()),
        level=ActionLevel(row.level),
        status=ActionStatus(row.status),
        start_on=row.start_on,
        due_on=row.due_on,
        removed=row.removed_at is not None,
        **{name: getattr(row, name) for name in ACTION_TEXT_FIELDS},
    )


def action_plan_id(session: Session, *, action_id: int) -> int:
    plan_id = session.scalar(select(VerbeteractieRow.plan_id).where(VerbeteractieRow.id == action_id))
    if plan_id is None:
        raise NotFound(f"verbeteractie {action_id}")
    return plan_id


Stored = str | date | list[int] | None


def save_plan_field(session: Session, *, plan_id: int, field: str, new: str, actor: str) -> Stored:
    """Store one text of the plan; returns what was stored before (unchanged: nothing is written)."""
    row = session.get(VerbeterplanRow, plan_id, with_for_update=True)
    if row is None:
        raise NotFound(f"verbeterplan {plan_id}")
    old = getattr(row, field)
    if old != new:
        setattr(row, field, new)
        row.updated_at, row.updated_by = now(), actor
    return old


def save_action_field(session: Session, *, action_id: int, field: str, new: Stored, actor: str) -> Stored:
    row = session.get(VerbeteractieRow, action_id, with_for_update=True)
    if row is None:
        raise NotFound(f"verbeteractie {action_id}")
    old = getattr(row, field)
    if field == "question_numbers":
        old = list(old or [])
    if old != new:
        setattr(row, field, new)
        row.updated_at, row.updated_by = now(), actor
        _touch(session, row.plan_id, actor)
    return old


def save_note(session: Session, *, plan_id: int, standard: int, new: str, actor: str) -> str:
    row = session.get(PlanNotitieRow, (plan_id, standard), with_for_update=True)
    old = row.text if row else ""
    if old != new:
        if row is None:
            session.add(PlanNotitieRow(plan_id=plan_id, standard=standard, text=new))
        else:
            row.text = new
        _touch(session, plan_id, actor)
    return old


def set_removed(session: Session, *, action_id: int, removed: bool, actor: str) -> None:
    row = session.get(VerbeteractieRow, action_id)
    if row is None:
        raise NotFound(f"verbeteractie {action_id}")
    row.removed_at = now() if removed else None
    row.updated_at, row.updated_by = now(), actor
    _touch(session, row.plan_id, actor)


def move_action(session: Session, *, action_id: int, step: int, actor: str) -> None:
    """Swap a row with its neighbour (step -1: up, +1: down) among the shown rows of its standard."""
    row = session.get(VerbeteractieRow, action_id)
    if row is None:
        raise NotFound(f"verbeteractie {action_id}")
    if row.removed_at is not None:
        return
    siblings = list(
        session.scalars(
            select(VerbeteractieRow)
            .where(
                VerbeteractieRow.plan_id == row.plan_id,
                VerbeteractieRow.standard == row.standard,
                VerbeteractieRow.removed_at.is_(None),
            )
            .order_by(VerbeteractieRow.position, VerbeteractieRow.id)
        )
    )
    index = siblings.index(row)
    other = index + step
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    _touch(session, row.plan_id, actor)


def _touch(session: Session, plan_id: int, actor: str) -> None:
    session.execute(
        update(VerbeterplanRow).where(VerbeterplanRow.id == plan_id).values(updated_at=now(), updated_by=actor)
    )

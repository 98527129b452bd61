"""Answers and their audit trail: load, save one field per click, history.

Saving a value that is already stored changes nothing, so repeating a save after an
interrupted Streamlit run is harmless. Every real change adds a row to the history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.answers import Answer, AnswerField, AnswerValue, Change
from store.repository import NotFound, now
from store.tables import AntwoordRow, RondeRow, WijzigingRow


def load_answers(session: Session, *, round_id: int) -> list[Answer]:
    # Columns, not ORM objects: this runs on every rerun of the scan page, and building 31
    # tracked objects cost more than the query (bench/rerun_ratio.py).
    rows = session.execute(
        select(
            AntwoordRow.question_number,
            AntwoordRow.value,
            AntwoordRow.toelichting,
            AntwoordRow.updated_at,
            AntwoordRow.updated_by,
        )
        .where(AntwoordRow.ronde_id == round_id)
        .order_by(AntwoordRow.question_number)
    )
    return [
        Answer(
            question_number=number,
            value=AnswerValue(value) if value else None,
            toelichting=toelichting,
            updated_at=updated_at,
            updated_by=updated_by,
        )
        for number, value, toelichting, updated_at, updated_by in rows
    ]


def answers_of_rounds(session: Session, *, round_ids: list[int]) -> dict[int, list[Answer]]:
    """The answers of many rounds in one query (for regional figures)."""
    found: dict[int, list[Answer]] = {i: [] for i in round_ids}
    if not round_ids:
        return found
    rows = session.execute(
        select(AntwoordRow.ronde_id, AntwoordRow.question_number, AntwoordRow.value, AntwoordRow.toelichting).where(
            AntwoordRow.ronde_id.in_(round_ids)
        )
    )
    for ronde_id, number, value, toelichting in rows:
        found[ronde_id].append(
            Answer(question_number=number, value=AnswerValue(value) if value else None, toelichting=toelichting)
        )
    return found


insert_audit = insert(WijzigingRow)


class FieldChange(BaseModel):
    """What a save did to one field: whether it changed, and whom it overwrote."""

    model_config = ConfigDict(frozen=True)

    changed: bool
    overwritten: str | None = None  # the value someone else had stored since the editor last looked
    overwritten_by: str | None = None
    overwritten_at: datetime | None = None


def _field_statements(field: str) -> dict[str, Any]:
    """The statements of one click, built once: building them per call cost more than running them."""
    where = (
        AntwoordRow.ronde_id == bindparam("b_round"),
        AntwoordRow.question_number == bindparam("b_question"),
    )
    current = select(getattr(AntwoordRow, field), AntwoordRow.updated_by, AntwoordRow.updated_at).where(*where)
    change = (
        update(AntwoordRow)
        .where(*where)
        .values(
            {
                field: bindparam("b_new"),
                "version": AntwoordRow.version + 1,
                "updated_at": bindparam("b_moment"),
                "updated_by": bindparam("b_actor"),
            }
        )
    )
    return {"current": current, "current_locked": current.with_for_update(), "change": change}


_STATEMENTS = {field: _field_statements(field) for field in ("value", "toelichting")}


def save_field(
    session: Session,
    *,
    round_id: int,
    question_number: int,
    field: AnswerField,
    new: str | None,
    expected: str | None,
    actor: str,
    code_id: int | None,
) -> FieldChange:
    """Store one field and record the change in the audit trail.

    `expected` is what the editor last saw. When the stored value differs from it,
    someone else changed it in between: the save still goes ahead (both changes stay in
    the history), and the result says whose change was overwritten.
    """
    moment = now()
    statements = _STATEMENTS[field]
    key = {"b_round": round_id, "b_question": question_number}
    # Core statements on the session's connection: the ORM's path (synchronising the session,
    # resolving attribute names) was most of a save's time (cProfile of save_changes).
    connection = session.connection()
    current_row = connection.execute(statements["current_locked"], key).first()
    if current_row is None:
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        created = connection.execute(
            insert(AntwoordRow)
            .values(
                {
                    "ronde_id": round_id,
                    "question_number": question_number,
                    "value": None,
                    "toelichting": "",
                    "updated_at": moment,
                    "updated_by": actor,
                    "version": 1,
                    field: new,
                }
            )
            .on_conflict_do_nothing(index_elements=[AntwoordRow.ronde_id, AntwoordRow.question_number])
            .returning(AntwoordRow.question_number)
        ).first()
        if created is not None:
            if _same(new, None):
                return FieldChange(changed=False)
            _audit(session, round_id, question_number, field, None, new, actor, code_id, moment)
            return FieldChange(changed=True)
        current_row = connection.execute(statements["current_locked"], key).one()
    current, updated_by, updated_at = current_row
    if _same(current, new):
        return FieldChange(changed=False)
    result = FieldChange(changed=True)
    if not _same(current, expected):
        result = FieldChange(changed=True, overwritten=current, overwritten_by=updated_by, overwritten_at=updated_at)
    connection.execute(statements["change"], {**key, "b_new": new, "b_moment": moment, "b_actor": actor})
    _audit(session, round_id, question_number, field, current, new, actor, code_id, moment)
    return result


def _audit(
    session: Session,
    round_id: int,
    question_number: int,
    field: str,
    old: str | None,
    new: str | None,
    actor: str,
    code_id: int | None,
    moment: datetime,
) -> None:
    session.connection().execute(
        insert_audit,
        {
            "ronde_id": round_id,
            "question_number": question_number,
            "field": field,
            "old": old,
            "new": new,
            "actor": actor,
            "code_id": code_id,
            "at": moment,
        },
    )


def _same(a: str | None, b: str | None) -> bool:
    return (a or None) == (b or None)


def history(session: Session, *, round_id: int, question_number: int | None = None) -> list[Change]:
    query = select(WijzigingRow).where(WijzigingRow.ronde_id == round_id)
    if question_number is not None:
        query = query.where(WijzigingRow.question_number == question_number)
    rows = session.scalars(query.order_by(WijzigingRow.at.desc(), WijzigingRow.id.desc()))
    return [_change(r) for r in rows]


def get_change(session: Session, *, change_id: int) -> tuple[int, Change]:
    """A change and the round it belongs to."""
    row = session.get(WijzigingRow, change_id)
    if row is None:
        raise NotFound(f"wijziging {change_id}")
    return row.ronde_id, _change(row)


def _change(row: WijzigingRow) -> Change:
    return Change(
        id=row.id,
        question_number=row.question_number,
        field=row.field,
        old=row.old,
        new=row.new,
        actor=row.actor,
        at=row.at,
    )


def set_moment_of_round(session: Session, *, round_id: int, moment: datetime) -> None:
    """Date a round, its answers and its history at `moment` (the demo's rounds of years ago)."""
    session.execute(update(RondeRow).where(RondeRow.id == round_id).values(created_at=moment, updated_at=moment))
    session.execute(update(AntwoordRow).where(AntwoordRow.ronde_id == round_id).values(updated_at=moment))
    session.execute(update(WijzigingRow).where(WijzigingRow.ronde_id == round_id).values(at=moment))

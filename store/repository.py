"""Reading and writing regio's, gemeenten, rounds and answers.

Every function takes an open session (keyword-only) and returns plain models; the
caller owns the transaction. Answer saves are idempotent upserts, so repeating one
after an interrupted Streamlit run is harmless.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from analysis.answers import Answer, AnswerValue
from domain.models import Gemeente, Participant, Purpose, Regio, RoundInfo
from store.tables import AntwoordRow, DeelnemerRow, GemeenteRow, RegioRow, RondeRow


class NotFound(LookupError):
    """The requested row does not exist."""


def now() -> datetime:
    return datetime.now(UTC)


# --- regio and gemeente ------------------------------------------------------------


def create_regio(session: Session, *, name: str, is_demo: bool = False) -> Regio:
    row = RegioRow(name=name, is_demo=is_demo, created_at=now())
    session.add(row)
    session.flush()
    return Regio(id=row.id, name=row.name, is_demo=row.is_demo)


def add_gemeente(session: Session, *, regio_id: int, name: str) -> Gemeente:
    row = GemeenteRow(regio_id=regio_id, name=name)
    session.add(row)
    session.flush()
    return Gemeente(id=row.id, regio_id=regio_id, name=row.name)


def list_regios(session: Session) -> list[Regio]:
    rows = session.scalars(select(RegioRow).order_by(RegioRow.is_demo, RegioRow.name))
    return [Regio(id=r.id, name=r.name, is_demo=r.is_demo) for r in rows]


def get_regio(session: Session, *, regio_id: int) -> Regio:
    row = session.get(RegioRow, regio_id)
    if row is None:
        raise NotFound(f"regio {regio_id}")
    return Regio(id=row.id, name=row.name, is_demo=row.is_demo)


def list_gemeenten(session: Session, *, regio_id: int) -> list[Gemeente]:
    rows = session.scalars(select(GemeenteRow).where(GemeenteRow.regio_id == regio_id).order_by(GemeenteRow.name))
    return [Gemeente(id=r.id, regio_id=r.regio_id, name=r.name) for r in rows]


def get_gemeente(session: Session, *, gemeente_id: int) -> Gemeente:
    row = session.get(GemeenteRow, gemeente_id)
    if row is None:
        raise NotFound(f"gemeente {gemeente_id}")
    return Gemeente(id=row.id, regio_id=row.regio_id, name=row.name)


def count_regios(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(RegioRow)) or 0


# --- rounds ------------------------------------------------------------------------


def create_round(
    session: Session,
    *,
    gemeente_id: int,
    held_on: date,
    purpose: Purpose,
    questionnaire_version: str,
    participants: list[Participant],
) -> int:
    moment = now()
    row = RondeRow(
        gemeente_id=gemeente_id,
        held_on=held_on,
        purpose=purpose.value,
        questionnaire_version=questionnaire_version,
        created_at=moment,
        updated_at=moment,
    )
    session.add(row)
    session.flush()
    _write_participants(session, row.id, participants)
    return row.id


def update_round_details(
    session: Session, *, round_id: int, held_on: date, purpose: Purpose, participants: list[Participant]
) -> None:
    row = session.get(RondeRow, round_id)
    if row is None:
        raise NotFound(f"ronde {round_id}")
    row.held_on = held_on
    row.purpose = purpose.value
    row.updated_at = now()
    session.query(DeelnemerRow).filter(DeelnemerRow.ronde_id == round_id).delete()
    _write_participants(session, round_id, participants)


def _write_participants(session: Session, round_id: int, participants: list[Participant]) -> None:
    for position, p in enumerate(participants):
        session.add(DeelnemerRow(ronde_id=round_id, position=position, name=p.name, role=p.role))


def get_round(session: Session, *, round_id: int) -> RoundInfo:
    found = session.execute(
        select(RondeRow, GemeenteRow, RegioRow)
        .join(GemeenteRow, RondeRow.gemeente_id == GemeenteRow.id)
        .join(RegioRow, GemeenteRow.regio_id == RegioRow.id)
        .where(RondeRow.id == round_id)
    ).first()
    if found is None:
        raise NotFound(f"ronde {round_id}")
    ronde, gemeente, regio = found
    participants = session.scalars(
        select(DeelnemerRow).where(DeelnemerRow.ronde_id == round_id).order_by(DeelnemerRow.position)
    )
    return RoundInfo(
        id=ronde.id,
        gemeente_id=gemeente.id,
        gemeente_name=gemeente.name,
        regio_id=regio.id,
        regio_name=regio.name,
        is_demo=regio.is_demo,
        held_on=ronde.held_on,
        purpose=Purpose(ronde.purpose),
        questionnaire_version=ronde.questionnaire_version,
        participants=tuple(Participant(name=p.name, role=p.role) for p in participants),
        created_at=ronde.created_at,
        updated_at=ronde.updated_at,
    )


def round_questionnaire_version(session: Session, *, round_id: int) -> str | None:
    return session.scalar(select(RondeRow.questionnaire_version).where(RondeRow.id == round_id))


def last_answer_change(session: Session, *, round_ids: list[int]) -> dict[int, datetime]:
    """Per round, when an answer or toelichting last changed."""
    if not round_ids:
        return {}
    rows = session.execute(
        select(AntwoordRow.ronde_id, func.max(AntwoordRow.updated_at))
        .where(AntwoordRow.ronde_id.in_(round_ids))
        .group_by(AntwoordRow.ronde_id)
    )
    return {ronde_id: moment for ronde_id, moment in rows}


def list_round_ids(session: Session, *, gemeente_id: int) -> list[int]:
    return list(
        session.scalars(
            select(RondeRow.id)
            .where(RondeRow.gemeente_id == gemeente_id)
            .order_by(RondeRow.held_on.desc(), RondeRow.id.desc())
        )
    )


def answered_numbers(session: Session, *, round_ids: list[int]) -> dict[int, list[int]]:
    """Per round, the numbers of the questions that have an answer value."""
    result: dict[int, list[int]] = defaultdict(list)
    if not round_ids:
        return result
    rows = session.execute(
        select(AntwoordRow.ronde_id, AntwoordRow.question_number).where(
            AntwoordRow.ronde_id.in_(round_ids), AntwoordRow.value.is_not(None)
        )
    )
    for ronde_id, number in rows:
        result[ronde_id].append(number)
    return result


# --- answers -----------------------------------------------------------------------


def load_answers(session: Session, *, round_id: int) -> list[Answer]:
    rows = session.scalars(
        select(AntwoordRow).where(AntwoordRow.ronde_id == round_id).order_by(AntwoordRow.question_number)
    )
    return [
        Answer(
            question_number=r.question_number,
            value=AnswerValue(r.value) if r.value else None,
            toelichting=r.toelichting,
            updated_at=r.updated_at,
        )
        for r in rows
    ]


def save_answer_value(session: Session, *, round_id: int, question_number: int, value: AnswerValue | None) -> bool:
    """Upsert the answer value; returns whether the stored value changed."""
    return _upsert(session, round_id, question_number, "value", value.value if value else None)


def save_toelichting(session: Session, *, round_id: int, question_number: int, toelichting: str) -> bool:
    """Upsert the toelichting; returns whether the stored text changed."""
    return _upsert(session, round_id, question_number, "toelichting", toelichting)


def _upsert(session: Session, round_id: int, question_number: int, column: str, new: str | None) -> bool:
    moment = now()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    values = {
        "ronde_id": round_id,
        "question_number": question_number,
        "value": None,
        "toelichting": "",
        "updated_at": moment,
        column: new,
    }
    stmt = insert(AntwoordRow).values(**values)
    target = getattr(AntwoordRow, column)
    stmt = stmt.on_conflict_do_update(
        index_elements=[AntwoordRow.ronde_id, AntwoordRow.question_number],
        set_={column: getattr(stmt.excluded, column), "updated_at": moment},
        where=target.is_distinct_from(getattr(stmt.excluded, column)),
    ).returning(AntwoordRow.question_number)
    # RETURNING yields a row only when a row was inserted or really updated (rowcount is
    # not reliable for this statement with psycopg).
    return session.execute(stmt).first() is not None

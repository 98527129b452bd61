"""Reading and writing bijeenkomsten: groups and join codes, the open block, FAQ, wheel, break-outs."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.orm import Session

from domain.meeting import (
    Breakout,
    FaqItem,
    LiveTable,
    Meeting,
    MeetingGroup,
    MeetingKind,
    ProgrammeItem,
    Reflection,
)
from store.repository import NotFound, now
from store.tables import (
    BijeenkomstBreakoutRow,
    BijeenkomstFaqRow,
    BijeenkomstGroepRow,
    BijeenkomstReflectieRow,
    BijeenkomstRow,
    GemeenteRow,
    RondeRow,
    SessieRow,
    ToegangscodeRow,
)


def create_meeting(
    session: Session, *, regio_id: int, title: str, held_on: date, kind: MeetingKind, programme: list[ProgrammeItem]
) -> int:
    row = BijeenkomstRow(
        regio_id=regio_id,
        title=title,
        held_on=held_on,
        kind=kind.value,
        open_block=None,
        results_shown=False,
        names_shown=False,
        programme=[p.model_dump() for p in programme],
        created_at=now(),
    )
    session.add(row)
    session.flush()
    return row.id


def add_group(
    session: Session,
    *,
    meeting_id: int,
    gemeente_id: int,
    round_id: int,
    code_id: int,
    join_code: str,
    new_round: bool = False,
) -> None:
    session.add(
        BijeenkomstGroepRow(
            bijeenkomst_id=meeting_id,
            gemeente_id=gemeente_id,
            ronde_id=round_id,
            code_id=code_id,
            join_code=join_code,
            new_round=new_round,
        )
    )


def unused_new_rounds(session: Session, *, meeting_id: int) -> list[int]:
    """The rounds this bijeenkomst made itself (not rounds it continued) that no device joined with."""
    joined = exists().where(SessieRow.code_id == BijeenkomstGroepRow.code_id)
    return list(
        session.scalars(
            select(BijeenkomstGroepRow.ronde_id).where(
                BijeenkomstGroepRow.bijeenkomst_id == meeting_id, BijeenkomstGroepRow.new_round.is_(True), ~joined
            )
        )
    )


def add_reflections(session: Session, *, meeting_id: int, texts: list[str]) -> None:
    session.add_all(
        BijeenkomstReflectieRow(bijeenkomst_id=meeting_id, position=i, text=t) for i, t in enumerate(texts, start=1)
    )


def join_code_taken(session: Session, *, join_code: str) -> bool:
    return session.scalar(select(BijeenkomstGroepRow.id).where(BijeenkomstGroepRow.join_code == join_code)) is not None


def meeting_ids(session: Session, *, regio_id: int) -> list[int]:
    query = select(BijeenkomstRow.id).where(BijeenkomstRow.regio_id == regio_id)
    return list(session.scalars(query.order_by(BijeenkomstRow.held_on.desc(), BijeenkomstRow.id.desc())))


def get_meeting(session: Session, *, meeting_id: int) -> Meeting:
    row = session.get(BijeenkomstRow, meeting_id)
    if row is None:
        raise NotFound(f"bijeenkomst {meeting_id}")
    groups = session.execute(
        select(BijeenkomstGroepRow, GemeenteRow.name)
        .join(GemeenteRow, BijeenkomstGroepRow.gemeente_id == GemeenteRow.id)
        .where(BijeenkomstGroepRow.bijeenkomst_id == meeting_id)
        .order_by(BijeenkomstGroepRow.id)
    )
    faq = session.scalars(
        select(BijeenkomstFaqRow).where(BijeenkomstFaqRow.bijeenkomst_id == meeting_id).order_by(BijeenkomstFaqRow.id)
    )
    reflections = [
        Reflection(id=r.id, text=r.text, asked=r.asked_at is not None)
        for r in session.scalars(
            select(BijeenkomstReflectieRow)
            .where(BijeenkomstReflectieRow.bijeenkomst_id == meeting_id)
            .order_by(BijeenkomstReflectieRow.position)
        )
    ]
    breakouts = session.scalars(
        select(BijeenkomstBreakoutRow)
        .where(BijeenkomstBreakoutRow.bijeenkomst_id == meeting_id)
        .order_by(BijeenkomstBreakoutRow.id)
    )
    return Meeting(
        id=row.id,
        regio_id=row.regio_id,
        title=row.title,
        held_on=row.held_on,
        kind=MeetingKind(row.kind),
        open_block=row.open_block,
        results_shown=row.results_shown,
        names_shown=row.names_shown,
        ended=row.ended_at is not None,
        programme=tuple(ProgrammeItem(**p) for p in row.programme or []),
        groups=tuple(
            MeetingGroup(
                id=g.id,
                gemeente_id=g.gemeente_id,
                gemeente_name=name,
                round_id=g.ronde_id,
                join_code=g.join_code,
                code_id=g.code_id,
            )
            for g, name in groups
        ),
        faq=tuple(FaqItem(id=f.id, question=f.question, answer=f.answer) for f in faq),
        reflections=tuple(reflections),
        breakouts=tuple(Breakout(id=b.id, name=b.name, theme=b.theme, notes=b.notes) for b in breakouts),
        spun=next((r for r in reflections if r.id == row.spun_reflectie_id), None),
        spun_at=row.spun_at,
    )


def set_meeting(session: Session, *, meeting_id: int, **values: Any) -> None:
    session.execute(update(BijeenkomstRow).where(BijeenkomstRow.id == meeting_id).values(**values))


def end_meeting(session: Session, *, meeting_id: int) -> None:
    """Close every block and revoke the join codes: their sessions end at once."""
    moment = now()
    set_meeting(session, meeting_id=meeting_id, ended_at=moment, open_block=None)
    code_ids = select(BijeenkomstGroepRow.code_id).where(BijeenkomstGroepRow.bijeenkomst_id == meeting_id)
    session.execute(update(ToegangscodeRow).where(ToegangscodeRow.id.in_(code_ids)).values(revoked_at=moment))


def groups_with_code(session: Session, *, join_code: str) -> list[tuple[int, int]]:
    """(bijeenkomst id, code id) of every group with this join code."""
    rows = session.execute(
        select(BijeenkomstGroepRow.bijeenkomst_id, BijeenkomstGroepRow.code_id).where(
            BijeenkomstGroepRow.join_code == join_code
        )
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


_MEETING_OF_ROUND = (
    select(BijeenkomstRow.id, BijeenkomstRow.open_block)
    .join(BijeenkomstGroepRow, BijeenkomstGroepRow.bijeenkomst_id == BijeenkomstRow.id)
    .where(BijeenkomstGroepRow.ronde_id == bindparam("b_round"), BijeenkomstRow.ended_at.is_(None))
)  # built once: it runs on every save and every rerun of the scan page


def meeting_of_round(session: Session, *, round_id: int) -> tuple[int, int | None] | None:
    """(bijeenkomst id, open block) when the round is filled in at a bijeenkomst that has not ended."""
    found = session.connection().execute(_MEETING_OF_ROUND, {"b_round": round_id}).first()
    return None if found is None else (found[0], found[1])


_LIVE_TABLES = (
    select(
        BijeenkomstGroepRow.ronde_id,
        RondeRow.gemeente_id,
        GemeenteRow.regio_id,
        BijeenkomstRow.id,
        BijeenkomstRow.title,
        BijeenkomstRow.open_block,
    )
    .join(BijeenkomstRow, BijeenkomstGroepRow.bijeenkomst_id == BijeenkomstRow.id)
    .join(RondeRow, BijeenkomstGroepRow.ronde_id == RondeRow.id)
    .join(GemeenteRow, RondeRow.gemeente_id == GemeenteRow.id)
    .where(BijeenkomstRow.ended_at.is_(None))
)
_LIVE_FAQ = (
    select(BijeenkomstFaqRow.bijeenkomst_id, BijeenkomstFaqRow.id, BijeenkomstFaqRow.question, BijeenkomstFaqRow.answer)
    .join(BijeenkomstRow, BijeenkomstFaqRow.bijeenkomst_id == BijeenkomstRow.id)
    .where(BijeenkomstRow.ended_at.is_(None))
    .order_by(BijeenkomstFaqRow.id)
)  # both built once: every process runs them several times a second while a bijeenkomst runs


def live_tables(session: Session) -> list[LiveTable]:
    """Every round filled in at a bijeenkomst that has not ended, in two statements whatever their number."""
    connection = session.connection()
    faq: dict[int, list[FaqItem]] = {}
    for meeting_id, faq_id, question, answer in connection.execute(_LIVE_FAQ):
        faq.setdefault(meeting_id, []).append(FaqItem(id=faq_id, question=question, answer=answer))
    shared = {meeting_id: tuple(items) for meeting_id, items in faq.items()}
    return [
        LiveTable(
            round_id=round_id,
            gemeente_id=gemeente_id,
            regio_id=regio_id,
            meeting_id=meeting_id,
            title=title,
            open_block=open_block,
            faq=shared.get(meeting_id, ()),
        )
        for round_id, gemeente_id, regio_id, meeting_id, title, open_block in connection.execute(_LIVE_TABLES)
    ]


def add_faq(session: Session, *, meeting_id: int, question: str, answer: str) -> None:
    session.add(BijeenkomstFaqRow(bijeenkomst_id=meeting_id, question=question, answer=answer, created_at=now()))


def spin(session: Session, *, meeting_id: int, reflection_id: int) -> None:
    session.execute(
        update(BijeenkomstReflectieRow).where(BijeenkomstReflectieRow.id == reflection_id).values(asked_at=now())
    )
    set_meeting(session, meeting_id=meeting_id, spun_reflectie_id=reflection_id, spun_at=now())


def add_breakout(session: Session, *, meeting_id: int, name: str, theme: str) -> None:
    session.add(BijeenkomstBreakoutRow(bijeenkomst_id=meeting_id, name=name, theme=theme, notes=""))


def save_breakout(session: Session, *, meeting_id: int, breakout_id: int, theme: str, notes: str) -> None:
    session.execute(
        update(BijeenkomstBreakoutRow)
        .where(BijeenkomstBreakoutRow.id == breakout_id, BijeenkomstBreakoutRow.bijeenkomst_id == meeting_id)
        .values(theme=theme, notes=notes)
    )

"""Partners who answer a round alone first: the phase, the partners, their own answers, and the
decisions that set the round's agreed answer from their views."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from domain.answers import Answer, AnswerValue, View
from domain.models import ApartPhase, PartnerInfo
from store.repository import now
from store.tables import (
    ApartFaseRow,
    PartnerAntwoordRow,
    PartnerRow,
    SamenBesluitRow,
    ToegangscodeRow,
)


def open_phase(session: Session, *, round_id: int, actor: str) -> None:
    if session.get(ApartFaseRow, round_id) is None:
        session.add(ApartFaseRow(ronde_id=round_id, opened_at=now(), opened_by=actor, closed_by=""))
        session.flush()


def close_phase(session: Session, *, round_id: int, actor: str) -> None:
    """Close the partners' own phase. A partner who never handed in answered alone until now (it could see no
    other view): its answers of this moment become its first view."""
    session.execute(
        update(ApartFaseRow)
        .where(ApartFaseRow.ronde_id == round_id, ApartFaseRow.closed_at.is_(None))
        .values(closed_at=now(), closed_by=actor)
    )
    for partner_id in session.scalars(
        select(PartnerRow.id).where(PartnerRow.ronde_id == round_id, PartnerRow.first_done_at.is_(None))
    ).all():
        _keep_first_view(session, partner_id)


def phase(session: Session, *, round_id: int) -> ApartPhase | None:
    row = session.get(ApartFaseRow, round_id)
    if row is None:
        return None
    return ApartPhase(
        round_id=round_id,
        opened_by=row.opened_by,
        closed=row.closed_at is not None,
        partners=tuple(partners(session, round_id=round_id)),
    )


def rounds_with_phase(session: Session, *, round_ids: list[int]) -> set[int]:
    if not round_ids:
        return set()
    return set(session.scalars(select(ApartFaseRow.ronde_id).where(ApartFaseRow.ronde_id.in_(round_ids))))


def add_partner(session: Session, *, round_id: int, role: str, name: str, code_id: int) -> int:
    row = PartnerRow(ronde_id=round_id, role=role, name=name, code_id=code_id, created_at=now())
    session.add(row)
    session.flush()
    return row.id


def partners(session: Session, *, round_id: int) -> list[PartnerInfo]:
    answered = (
        select(PartnerAntwoordRow.partner_id, func.count().label("n"))
        .where(PartnerAntwoordRow.value.is_not(None))
        .group_by(PartnerAntwoordRow.partner_id)
        .subquery()
    )
    rows = session.execute(
        select(PartnerRow, answered.c.n, ToegangscodeRow.revoked_at)
        .outerjoin(answered, answered.c.partner_id == PartnerRow.id)
        .outerjoin(ToegangscodeRow, ToegangscodeRow.id == PartnerRow.code_id)
        .where(PartnerRow.ronde_id == round_id)
        .order_by(PartnerRow.id)
    )
    return [
        PartnerInfo(
            id=p.id,
            round_id=p.ronde_id,
            role=p.role,
            name=p.name,
            answered=n or 0,
            done=p.done_at is not None,
            code_revoked=p.code_id is None or revoked is not None,
        )
        for p, n, revoked in rows
    ]


def partner_of_code(session: Session, *, code_id: int) -> PartnerInfo | None:
    row = session.scalars(select(PartnerRow).where(PartnerRow.code_id == code_id)).first()
    if row is None:
        return None
    return next(p for p in partners(session, round_id=row.ronde_id) if p.id == row.id)


def code_of_partner(session: Session, *, partner_id: int) -> int | None:
    row = session.get(PartnerRow, partner_id)
    return None if row is None else row.code_id


def set_done(session: Session, *, partner_id: int, done: bool) -> None:
    """Hand in (or take back). The first hand-in keeps the answers of that moment as the partner's first view."""
    session.execute(update(PartnerRow).where(PartnerRow.id == partner_id).values(done_at=now() if done else None))
    if done:
        _keep_first_view(session, partner_id)


def _keep_first_view(session: Session, partner_id: int) -> None:
    """The partner's answers of this moment as its first view, once: a later change never replaces it."""
    first = session.execute(
        update(PartnerRow)
        .where(PartnerRow.id == partner_id, PartnerRow.first_done_at.is_(None))
        .values(first_done_at=now())
    )
    if first.rowcount:  # type: ignore[attr-defined]
        session.execute(
            update(PartnerAntwoordRow)
            .where(PartnerAntwoordRow.partner_id == partner_id)
            .values(first_value=PartnerAntwoordRow.value, first_toelichting=PartnerAntwoordRow.toelichting)
        )


def load_answers(session: Session, *, partner_id: int) -> list[Answer]:
    rows = session.execute(
        select(
            PartnerAntwoordRow.question_number,
            PartnerAntwoordRow.value,
            PartnerAntwoordRow.toelichting,
            PartnerAntwoordRow.updated_at,
        )
        .where(PartnerAntwoordRow.partner_id == partner_id)
        .order_by(PartnerAntwoordRow.question_number)
    )
    return [
        Answer(question_number=n, value=AnswerValue(v) if v else None, toelichting=t, updated_at=at)
        for n, v, t, at in rows
    ]


def save_field(session: Session, *, partner_id: int, question_number: int, field: str, new: str | None) -> bool:
    """Store one field of a partner's own answer; False when it was already so."""
    row = session.get(PartnerAntwoordRow, (partner_id, question_number), with_for_update=True)
    if row is None:
        if new in (None, ""):
            return False
        row = PartnerAntwoordRow(
            partner_id=partner_id, question_number=question_number, value=None, toelichting="", updated_at=now()
        )
        session.add(row)
    if (getattr(row, field) or None) == (new or None):
        return False
    setattr(row, field, new if field == "value" else (new or ""))
    row.updated_at = now()
    session.flush()
    return True


def views_of_rounds(session: Session, *, round_ids: list[int]) -> dict[int, dict[int, list[View]]]:
    """round id -> question number -> every partner's view (a partner without an answer: value None)."""
    found: dict[int, dict[int, list[View]]] = {r: {} for r in round_ids}
    if not round_ids:
        return found
    rows = session.execute(
        select(PartnerRow, PartnerAntwoordRow)
        .join(PartnerAntwoordRow, PartnerAntwoordRow.partner_id == PartnerRow.id)
        .where(PartnerRow.ronde_id.in_(round_ids))
        .order_by(PartnerRow.id)
    )
    for partner, answer in rows:
        found[partner.ronde_id].setdefault(answer.question_number, []).append(
            View(
                partner_id=partner.id,
                role=partner.role,
                name=partner.name,
                value=AnswerValue(answer.value) if answer.value else None,
                toelichting=answer.toelichting,
                handed_in=partner.first_done_at is not None,
                first_value=AnswerValue(answer.first_value) if answer.first_value else None,
                first_toelichting=answer.first_toelichting or "",
            )
        )
    return found


def add_decision(
    session: Session, *, round_id: int, question_number: int, value: str | None, views: str, why: str, actor: str
) -> None:
    session.add(
        SamenBesluitRow(
            ronde_id=round_id,
            question_number=question_number,
            value=value,
            views=views,
            why=why,
            actor=actor,
            at=now(),
        )
    )


def decisions(session: Session, *, round_id: int) -> list[tuple[int, str | None, str, str, str, datetime]]:
    """(question, value, views, why, actor, at), newest first."""
    rows = session.execute(
        select(
            SamenBesluitRow.question_number,
            SamenBesluitRow.value,
            SamenBesluitRow.views,
            SamenBesluitRow.why,
            SamenBesluitRow.actor,
            SamenBesluitRow.at,
        )
        .where(SamenBesluitRow.ronde_id == round_id)
        .order_by(SamenBesluitRow.id.desc())
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def remove_partner(session: Session, *, partner_id: int) -> None:
    session.execute(delete(PartnerRow).where(PartnerRow.id == partner_id))

"""Reading and writing regio's, gemeenten, rounds and answers.

Every function takes an open session (keyword-only) and returns plain models; the
caller owns the transaction. Saving a value that is already stored changes nothing,
so repeating a save after an interrupted Streamlit run is harmless.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from domain.models import Gemeente, Participant, Purpose, Regio, RoundInfo, RoundRow
from store.tables import (
    AntwoordRow,
    BijeenkomstGroepRow,
    BijeenkomstRow,
    DeelnemerRow,
    GemeenteRow,
    PartnerRow,
    PlanRondeRow,
    RegioRow,
    RondeRow,
)


class NotFound(LookupError):
    """The requested row does not exist."""


def now() -> datetime:
    return datetime.now(UTC)


# --- regio and gemeente ------------------------------------------------------------


def create_regio(session: Session, *, name: str, is_demo: bool = False) -> Regio:
    row = RegioRow(
        name=name,
        is_demo=is_demo,
        created_at=now(),
        min_gemeenten=3,
        gemeente_sees_average=False,
        counting_rule="volledig",
        group_rule="woorden",
        dominance=75,
        words_kept="",
        words_removed="",
    )
    session.add(row)
    session.flush()
    return _regio(row)


def _regio(row: RegioRow) -> Regio:
    return Regio(
        id=row.id,
        name=row.name,
        is_demo=row.is_demo,
        gemeente_sees_average=row.gemeente_sees_average,
        min_gemeenten=row.min_gemeenten,
        counting_rule=row.counting_rule,
        group_rule=row.group_rule,
        dominance=row.dominance,
        words_kept=tuple(w for w in row.words_kept.splitlines() if w),
        words_removed=tuple(w for w in row.words_removed.splitlines() if w),
    )


def set_regio_settings(session: Session, *, regio_id: int, **values: object) -> None:
    """Change some of gemeente_sees_average, min_gemeenten, counting_rule, group_rule, dominance and the word
    lists of the de-identification (given as tuples)."""
    allowed = {"gemeente_sees_average", "min_gemeenten", "counting_rule", "group_rule", "dominance"}
    allowed |= {"words_kept", "words_removed"}
    if not values or set(values) - allowed:
        raise ValueError(f"unknown regio settings: {sorted(set(values) - allowed)}")
    for key in ("words_kept", "words_removed"):
        if key in values:
            values[key] = "\n".join(values[key])  # type: ignore[call-overload]
    session.execute(update(RegioRow).where(RegioRow.id == regio_id).values(**values))


def add_gemeente(session: Session, *, regio_id: int, name: str) -> Gemeente:
    row = GemeenteRow(regio_id=regio_id, name=name)
    session.add(row)
    session.flush()
    return Gemeente(id=row.id, regio_id=regio_id, name=row.name)


def list_regios(session: Session) -> list[Regio]:
    rows = session.scalars(select(RegioRow).order_by(RegioRow.is_demo, RegioRow.name))
    return [_regio(r) for r in rows]


def get_regio(session: Session, *, regio_id: int) -> Regio:
    row = session.get(RegioRow, regio_id)
    if row is None:
        raise NotFound(f"regio {regio_id}")
    return _regio(row)


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
    source_hash: str | None = None,
) -> int:
    moment = now()
    row = RondeRow(
        gemeente_id=gemeente_id,
        held_on=held_on,
        purpose=purpose.value,
        questionnaire_version=questionnaire_version,
        created_at=moment,
        updated_at=moment,
        source_hash=source_hash,
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


_ROUND_COLUMNS = (
    RondeRow.id,
    RondeRow.held_on,
    RondeRow.purpose,
    RondeRow.questionnaire_version,
    RondeRow.created_at,
    RondeRow.updated_at,
    GemeenteRow.id,
    GemeenteRow.name,
    RegioRow.id,
    RegioRow.name,
    RegioRow.is_demo,
)


def get_round(session: Session, *, round_id: int) -> RoundInfo:
    found = get_rounds(session, round_ids=[round_id])
    if round_id not in found:
        raise NotFound(f"ronde {round_id}")
    return found[round_id]


def get_rounds(session: Session, *, round_ids: list[int]) -> dict[int, RoundInfo]:
    """Rounds by id, in two statements whatever their number (a regio page lists ~100 rounds).

    Columns, not ORM objects: this runs on every rerun of the round pages (bench/rerun_ratio.py).
    """
    if not round_ids:
        return {}
    rows = session.execute(
        select(*_ROUND_COLUMNS)
        .join(GemeenteRow, RondeRow.gemeente_id == GemeenteRow.id)
        .join(RegioRow, GemeenteRow.regio_id == RegioRow.id)
        .where(RondeRow.id.in_(round_ids))
    ).all()
    participants: dict[int, list[Participant]] = defaultdict(list)
    for ronde_id, name, role in session.execute(
        select(DeelnemerRow.ronde_id, DeelnemerRow.name, DeelnemerRow.role)
        .where(DeelnemerRow.ronde_id.in_(round_ids))
        .order_by(DeelnemerRow.ronde_id, DeelnemerRow.position)
    ):
        participants[ronde_id].append(Participant(name=name, role=role))
    found = {}
    for ronde_id, held_on, purpose, version, created, updated, gemeente_id, gemeente, regio_id, regio, demo in rows:
        found[ronde_id] = RoundInfo(
            id=ronde_id,
            gemeente_id=gemeente_id,
            gemeente_name=gemeente,
            regio_id=regio_id,
            regio_name=regio,
            is_demo=demo,
            held_on=held_on,
            purpose=Purpose(purpose),
            questionnaire_version=version,
            participants=tuple(participants[ronde_id]),
            created_at=created,
            updated_at=updated,
        )
    return found


def round_access(session: Session, *, round_id: int) -> tuple[int, int, str] | None:
    """(gemeente id, regio id, questionnaire version) of a round: what a save needs to check."""
    found = session.execute(
        select(RondeRow.gemeente_id, GemeenteRow.regio_id, RondeRow.questionnaire_version)
        .join(GemeenteRow, RondeRow.gemeente_id == GemeenteRow.id)
        .where(RondeRow.id == round_id)
    ).first()
    return (found[0], found[1], found[2]) if found else None


def latest_round_ids(session: Session, *, regio_id: int) -> list[int]:
    """Per gemeente of the regio, its latest round that counts (by date, then by creation)."""
    rows = session.execute(
        select(RondeRow.id, RondeRow.gemeente_id)
        .join(GemeenteRow, RondeRow.gemeente_id == GemeenteRow.id)
        .where(GemeenteRow.regio_id == regio_id, _has_an_answer())
        .order_by(RondeRow.gemeente_id, RondeRow.held_on.desc(), RondeRow.id.desc())
    )
    latest: dict[int, int] = {}
    for round_id, gemeente_id in rows:
        latest.setdefault(gemeente_id, round_id)
    return list(latest.values())


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


def _has_an_answer():  # type: ignore[no-untyped-def]
    """A round counts in figures only once it holds at least one answer (op orde or niet op orde)."""
    return exists().where(AntwoordRow.ronde_id == RondeRow.id, AntwoordRow.value.is_not(None))


def rounds_of_regio(
    session: Session, *, regio_id: int, counting_only: bool = True
) -> list[tuple[int, int, date, str, str]]:
    """(round id, gemeente id, date, purpose, questionnaire version) of the rounds of a regio, newest
    first: only rounds with at least one answer (they count in figures), or every round."""
    query = (
        select(RondeRow.id, RondeRow.gemeente_id, RondeRow.held_on, RondeRow.purpose, RondeRow.questionnaire_version)
        .join(GemeenteRow, RondeRow.gemeente_id == GemeenteRow.id)
        .where(GemeenteRow.regio_id == regio_id)
        .order_by(RondeRow.held_on.desc(), RondeRow.id.desc())
    )
    if counting_only:
        query = query.where(_has_an_answer())
    return [tuple(r) for r in session.execute(query)]  # type: ignore[misc]


def counting_rows(session: Session, *, regio_id: int) -> list[RoundRow]:
    """The rounds of a regio with at least one answer, newest first, with how many questions are answered
    (`total` is the caller's to set from the round's questionnaire version)."""
    answered = (
        select(func.count())
        .select_from(AntwoordRow)
        .where(AntwoordRow.ronde_id == RondeRow.id, AntwoordRow.value.is_not(None))
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            RondeRow.id,
            RondeRow.gemeente_id,
            RondeRow.held_on,
            RondeRow.purpose,
            RondeRow.questionnaire_version,
            answered,
        )
        .join(GemeenteRow, RondeRow.gemeente_id == GemeenteRow.id)
        .where(GemeenteRow.regio_id == regio_id, answered > 0)
        .order_by(RondeRow.held_on.desc(), RondeRow.id.desc())
    )
    return [
        RoundRow(round_id=r, gemeente_id=g, held_on=h, purpose=p, version=v, answered=n) for r, g, h, p, v, n in rows
    ]


def round_from_file(session: Session, *, gemeente_id: int, source_hash: str) -> tuple[int, date] | None:
    """The round already read in from this very file, if any."""
    found = session.execute(
        select(RondeRow.id, RondeRow.held_on).where(
            RondeRow.gemeente_id == gemeente_id, RondeRow.source_hash == source_hash
        )
    ).first()
    return (found[0], found[1]) if found else None


def unfinished_round_ids(session: Session, *, gemeente_ids: list[int], question_count: int) -> dict[int, int]:
    """Per gemeente its newest round with fewer than question_count answers that no bijeenkomst
    has taken yet (a round belongs to at most one bijeenkomst), if it has one."""
    answered = (
        select(func.count())
        .select_from(AntwoordRow)
        .where(AntwoordRow.ronde_id == RondeRow.id, AntwoordRow.value.is_not(None))
        .scalar_subquery()
    )
    rows = session.execute(
        select(RondeRow.id, RondeRow.gemeente_id)
        .where(
            RondeRow.gemeente_id.in_(gemeente_ids),
            answered < question_count,
            ~exists().where(BijeenkomstGroepRow.ronde_id == RondeRow.id),
        )
        .order_by(RondeRow.held_on.desc(), RondeRow.id.desc())
    )
    found: dict[int, int] = {}
    for round_id, gemeente_id in rows:
        found.setdefault(gemeente_id, round_id)
    return found


def why_round_must_stay(session: Session, *, round_id: int) -> str | None:
    """Why a round cannot be removed, in Dutch; None when it is empty and nothing rests on it."""
    if session.scalar(
        select(func.count())
        .select_from(AntwoordRow)
        .where(AntwoordRow.ronde_id == round_id, (AntwoordRow.value.is_not(None)) | (AntwoordRow.toelichting != ""))
    ):
        return "Deze ronde heeft al antwoorden of toelichtingen. Die blijven bewaard; de ronde kan niet weg."
    if session.scalar(
        select(func.count())
        .select_from(BijeenkomstGroepRow)
        .join(BijeenkomstRow, BijeenkomstGroepRow.bijeenkomst_id == BijeenkomstRow.id)
        .where(BijeenkomstGroepRow.ronde_id == round_id, BijeenkomstRow.ended_at.is_(None))
    ):
        return "Deze ronde hoort bij een bijeenkomst die nog loopt. Haal hem weg als de bijeenkomst is afgelopen."
    if session.scalar(select(func.count()).select_from(PlanRondeRow).where(PlanRondeRow.ronde_id == round_id)):
        return "Er is een verbeterplan op deze ronde gebaseerd. Daarom blijft de ronde bestaan."
    if session.scalar(select(func.count()).select_from(PartnerRow).where(PartnerRow.ronde_id == round_id)):
        return "Partners vullen deze ronde eerst apart in. Hun antwoorden blijven bewaard; de ronde kan niet weg."
    return None


def delete_round(session: Session, *, round_id: int) -> None:
    """Remove a round; its participants, codes and meeting place go with it (ON DELETE CASCADE)."""
    session.execute(delete(RondeRow).where(RondeRow.id == round_id))

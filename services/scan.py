"""Rounds and answers: start a round, open it, save what changed, score it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.answers import Answer, AnswerValue
from analysis.results import RoundResult
from analysis.scoring import score_round
from domain.models import Participant, Purpose, RoundInfo, RoundSummary
from questionnaire import Questionnaire
from services import ServiceError
from store import repository as repo
from store.unit_of_work import reading, writing

MAX_TOELICHTING = 5000
ROUND_NOT_FOUND = "Deze ronde bestaat niet (meer). Kies een ronde op de startpagina."


class ValueChange(BaseModel):
    """The answer of one question as the person left it on screen (None: not answered)."""

    model_config = ConfigDict(frozen=True)

    question_number: int
    value: AnswerValue | None


class ToelichtingChange(BaseModel):
    """The toelichting of one question as the person left it on screen."""

    model_config = ConfigDict(frozen=True)

    question_number: int
    toelichting: str


AnswerChange = ValueChange | ToelichtingChange


class ScanSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    info: RoundInfo
    questionnaire: Questionnaire
    answers: dict[int, Answer]
    result: RoundResult


class RoundReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    info: RoundInfo
    result: RoundResult


def start_round(
    engine: Engine, *, gemeente_id: int, held_on: date, purpose: Purpose, participants: list[Participant]
) -> int:
    with writing(engine) as session:
        try:
            repo.get_gemeente(session, gemeente_id=gemeente_id)
        except repo.NotFound as exc:
            raise ServiceError("Deze gemeente bestaat niet (meer). Kies een gemeente uit de lijst.") from exc
        return repo.create_round(
            session,
            gemeente_id=gemeente_id,
            held_on=held_on,
            purpose=purpose,
            questionnaire_version=questionnaire.current().version,
            participants=participants,
        )


def update_round_details(
    engine: Engine, *, round_id: int, held_on: date, purpose: Purpose, participants: list[Participant]
) -> None:
    with writing(engine) as session:
        _info(session, round_id)
        repo.update_round_details(
            session, round_id=round_id, held_on=held_on, purpose=purpose, participants=participants
        )


def list_rounds(engine: Engine, *, gemeente_id: int) -> list[RoundSummary]:
    with reading(engine) as session:
        infos = [repo.get_round(session, round_id=i) for i in repo.list_round_ids(session, gemeente_id=gemeente_id)]
        answered = repo.answered_numbers(session, round_ids=[i.id for i in infos])
        answer_changes = repo.last_answer_change(session, round_ids=[i.id for i in infos])
    summaries = []
    for info in infos:
        qn = questionnaire.by_version(info.questionnaire_version)
        numbers = set(answered.get(info.id, []))
        summaries.append(
            RoundSummary(
                id=info.id,
                held_on=info.held_on,
                purpose=info.purpose,
                answered_by_block={
                    b.number: sum(1 for q in qn.questions_of_block(b.number) if q.number in numbers) for b in qn.blocks
                },
                block_sizes={b.number: len(qn.questions_of_block(b.number)) for b in qn.blocks},
                answered=len(numbers & set(qn.questions_by_number)),
                total=len(qn.questions),
                last_change=max(_utc(info.updated_at), _utc(answer_changes.get(info.id, info.updated_at))),
            )
        )
    return summaries


def open_scan(engine: Engine, *, round_id: int) -> ScanSnapshot:
    with reading(engine) as session:
        info = _info(session, round_id)
        answers = repo.load_answers(session, round_id=round_id)
    qn = questionnaire.by_version(info.questionnaire_version)
    return ScanSnapshot(
        info=info,
        questionnaire=qn,
        answers={a.question_number: a for a in answers},
        result=score_round(qn, answers),
    )


def save_changes(engine: Engine, *, round_id: int, changes: list[AnswerChange]) -> int:
    """Store every change in one transaction; returns how many stored values changed.

    Idempotent: saving a value that is already stored changes nothing.
    """
    if not changes:
        return 0
    with writing(engine) as session:
        version = repo.round_questionnaire_version(session, round_id=round_id)
        if version is None:
            raise ServiceError(ROUND_NOT_FOUND)
        known = questionnaire.by_version(version).questions_by_number
        changed = 0
        for change in changes:
            if change.question_number not in known:
                raise ServiceError(f"Vraag {change.question_number} hoort niet bij deze vragenlijst.")
            if isinstance(change, ValueChange):
                changed += repo.save_answer_value(
                    session, round_id=round_id, question_number=change.question_number, value=change.value
                )
            else:
                changed += repo.save_toelichting(
                    session,
                    round_id=round_id,
                    question_number=change.question_number,
                    toelichting=change.toelichting[:MAX_TOELICHTING],
                )
        return changed


def round_report(engine: Engine, *, round_id: int) -> RoundReport:
    snapshot = open_scan(engine, round_id=round_id)
    return RoundReport(info=snapshot.info, result=snapshot.result)


def _info(session: Session, round_id: int) -> RoundInfo:
    try:
        return repo.get_round(session, round_id=round_id)
    except repo.NotFound as exc:
        raise ServiceError(ROUND_NOT_FOUND) from exc


def _utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; everything is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

"""Rounds and answers: start a round, open it, save what changed, score it, its history."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import questionnaire
from analysis.results import RoundResult
from analysis.scoring import score_round
from domain.access import Principal
from domain.answers import Answer, AnswerField, AnswerValue, Change
from domain.models import EXTRA_BASE, ExtraQuestion, Participant, Purpose, RoundInfo, RoundSummary
from domain.text import clean_text
from questionnaire import Questionnaire
from services import ServiceError, fitting
from services.authz import Forbidden, own_gemeente, require_gemeente, require_progress, require_round
from services.extra_questions import extras_of_round
from store import answers_repo, meeting_repo, partner_repo, version_repo
from store import repository as repo
from store.unit_of_work import reading, writing

MAX_TOELICHTING = 5000
ROUND_NOT_FOUND = "Deze ronde bestaat niet (meer). Kies een ronde op de startpagina."


class BlockClosed(ServiceError):
    """At a running bijeenkomst, only the block the facilitator opened can be answered."""

    def __init__(self, block: int) -> None:
        super().__init__(
            f"Blok {block} is nu gesloten. Wacht tot de facilitator het opent; uw antwoorden zijn bewaard."
        )
        self.block = block


class ValueChange(BaseModel):
    """The answer of one question as the person left it on screen (None: not answered)."""

    model_config = ConfigDict(frozen=True)

    question_number: int
    value: AnswerValue | None
    expected: AnswerValue | None = None  # what the person saw before the change


class ToelichtingChange(BaseModel):
    """The toelichting of one question as the person left it on screen."""

    model_config = ConfigDict(frozen=True)

    question_number: int
    toelichting: Annotated[str, AfterValidator(clean_text)]
    expected: str = ""


AnswerChange = ValueChange | ToelichtingChange


class Overwritten(BaseModel):
    """Someone else changed this field after the person last looked; their value is in the history."""

    model_config = ConfigDict(frozen=True)

    question_number: int
    field: str
    their_value: str
    by: str
    at: datetime | None


class SaveReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    changed: int
    overwritten: tuple[Overwritten, ...] = ()


class ScanSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    info: RoundInfo
    questionnaire: Questionnaire
    answers: dict[int, Answer]
    result: RoundResult
    editable: bool
    meeting_block: int | None = None  # at a running bijeenkomst: the open block (None: all closed)
    in_meeting: bool = False
    extra_questions: tuple[ExtraQuestion, ...] = ()  # the regio's own questions, after the core ones
    extra_answers: dict[int, Answer] = {}  # by ExtraQuestion.number; never part of `result`
    # The gemeente's partners answer this round apart first (a phase was opened). Read for the gemeente itself only:
    # who else opens the scan does not learn it here.
    partners_apart: bool = False


class RoundReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    info: RoundInfo
    result: RoundResult


def start_round(
    engine: Engine,
    principal: Principal,
    *,
    gemeente_id: int,
    held_on: date,
    purpose: Purpose,
    participants: list[Participant],
) -> int:
    with writing(engine) as session:
        try:
            gemeente = repo.get_gemeente(session, gemeente_id=gemeente_id)
        except repo.NotFound as exc:
            raise ServiceError("Deze gemeente bestaat niet (meer). Kies een gemeente uit de lijst.") from exc
        require_gemeente(principal, gemeente_id=gemeente.id, regio_id=gemeente.regio_id, write=True)
        return repo.create_round(
            session,
            gemeente_id=gemeente_id,
            held_on=held_on,
            purpose=purpose,
            questionnaire_version=version_repo.version_for_new_round(session, regio_id=gemeente.regio_id),
            participants=participants,
        )


def update_round_details(
    engine: Engine,
    principal: Principal,
    *,
    round_id: int,
    held_on: date,
    purpose: Purpose,
    participants: list[Participant],
) -> None:
    with writing(engine) as session:
        _readable(session, principal, round_id, write=True)
        repo.update_round_details(
            session, round_id=round_id, held_on=held_on, purpose=purpose, participants=participants
        )


def remove_empty_round(engine: Engine, principal: Principal, *, round_id: int) -> None:
    """A gemeente removes a round it started that has no answer and no toelichting yet (e.g. one made
    for a bijeenkomst it did not fill in). Anything with content, a running bijeenkomst or a plan stays."""
    with writing(engine) as session:
        _readable(session, principal, round_id, write=True)
        if own_gemeente(principal) is None:
            raise Forbidden("Alleen de gemeente zelf kan een lege ronde weghalen.")
        reason = repo.why_round_must_stay(session, round_id=round_id)
        if reason is not None:
            raise ServiceError(reason)
        repo.delete_round(session, round_id=round_id)
    _ROUND_ACCESS.pop((str(engine.url), round_id), None)


def latest_round_of_gemeente(engine: Engine, principal: Principal) -> int | None:
    """A gemeente's round that changed last (one with answers first); None when it has no round."""
    if principal.gemeente_id is None:
        return None
    rounds = list_rounds(engine, principal, gemeente_id=principal.gemeente_id)
    if not rounds:
        return None
    return max(rounds, key=lambda r: (r.answered > 0, r.last_change, r.id)).id


def list_rounds(engine: Engine, principal: Principal, *, gemeente_id: int) -> list[RoundSummary]:
    with reading(engine) as session:
        try:
            gemeente = repo.get_gemeente(session, gemeente_id=gemeente_id)
        except repo.NotFound as exc:
            raise ServiceError("Deze gemeente bestaat niet (meer).") from exc
        require_progress(principal, gemeente_id=gemeente.id, regio_id=gemeente.regio_id)
        return round_summaries(session, repo.list_round_ids(session, gemeente_id=gemeente_id))


def round_summaries(session: Session, round_ids: list[int]) -> list[RoundSummary]:
    """The rounds' progress, in the order of round_ids, in four statements whatever their number.
    The caller has checked that the principal may see them."""
    infos = repo.get_rounds(session, round_ids=round_ids)
    answered = repo.answered_numbers(session, round_ids=round_ids)
    answer_changes = repo.last_answer_change(session, round_ids=round_ids)
    apart = partner_repo.rounds_with_phase(session, round_ids=round_ids)
    summaries = []
    for info in (infos[i] for i in round_ids if i in infos):
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
                apart=info.id in apart,
            )
        )
    return summaries


def open_scan(engine: Engine, principal: Principal, *, round_id: int) -> ScanSnapshot:
    with reading(engine) as session:
        info = _readable(session, principal, round_id)
        answers = answers_repo.load_answers(session, round_id=round_id)
        meeting = meeting_repo.meeting_of_round(session, round_id=round_id)
        extras, extra_answers = extras_of_round(session, regio_id=info.regio_id, round_id=round_id)
        own = own_gemeente(principal) == info.gemeente_id  # in the same read: one transaction per page run
        apart = own and round_id in partner_repo.rounds_with_phase(session, round_ids=[round_id])
    qn = questionnaire.by_version(info.questionnaire_version)
    return ScanSnapshot(
        partners_apart=apart,
        extra_questions=tuple(extras),
        extra_answers=extra_answers,
        in_meeting=meeting is not None,
        meeting_block=meeting[1] if meeting else None,
        info=info,
        questionnaire=qn,
        answers={a.question_number: a for a in answers},
        result=score_round(qn, answers),
        editable=principal.gemeente_id == info.gemeente_id,
    )


def save_changes(engine: Engine, principal: Principal, *, round_id: int, changes: list[AnswerChange]) -> SaveReport:
    """Store every change in one transaction, with who and when in the history.

    Saving a value that is already stored changes nothing. When someone else changed a
    field since the person last looked, the save goes ahead and the report says so.
    """
    if not changes:
        return SaveReport(changed=0)
    changed = 0
    overwritten: list[Overwritten] = []
    try:
        with writing(engine) as session:
            changed, overwritten = _save(session, principal, round_id, changes)
    except IntegrityError as exc:  # the round was deleted since it was looked up
        _ROUND_ACCESS.pop((str(engine.url), round_id), None)
        raise ServiceError(ROUND_NOT_FOUND) from exc
    return SaveReport(changed=changed, overwritten=tuple(overwritten))


# (engine url, round id) -> (gemeente id, regio id, questionnaire version): facts that never
# change for a round, looked up once per process instead of once per click (one statement
# fewer per save). A database replaced under a running server needs a restart.
_ROUND_ACCESS: dict[tuple[str, int], tuple[int, int, str]] = {}


def forget_cached_rounds() -> None:
    """For tests that recreate a database under the same URL."""
    _ROUND_ACCESS.clear()


def _round_access(session: Session, round_id: int) -> tuple[int, int, str]:
    key = (str(session.get_bind().engine.url), round_id)
    if key not in _ROUND_ACCESS:
        access = repo.round_access(session, round_id=round_id)
        if access is None:
            raise ServiceError(ROUND_NOT_FOUND)
        _ROUND_ACCESS[key] = access
    return _ROUND_ACCESS[key]


def _save(
    session: Session, principal: Principal, round_id: int, changes: list[AnswerChange]
) -> tuple[int, list[Overwritten]]:
    changed, overwritten = 0, []
    gemeente_id, regio_id, version = _round_access(session, round_id)
    require_round(principal, round_id=round_id, gemeente_id=gemeente_id, regio_id=regio_id, write=True)
    extras = check_changes(session, round_id, version, changes, regio_id=regio_id)
    for change in changes:
        field: AnswerField
        if isinstance(change, ValueChange):
            field, new, expected = "value", _stored(change.value), _stored(change.expected)
        else:
            field, new, expected = "toelichting", fitting(change.toelichting, MAX_TOELICHTING), change.expected
        save = version_repo.save_extra_field if change.question_number in extras else answers_repo.save_field
        result = save(
            session,
            round_id=round_id,
            question_number=change.question_number,
            field=field,
            new=new,
            expected=expected,
            actor=principal.actor,
            code_id=principal.code_id,
        )
        changed += result.changed
        if result.overwritten_by is not None:
            overwritten.append(
                Overwritten(
                    question_number=change.question_number,
                    field=field,
                    their_value=_shown(field, result.overwritten),
                    by=result.overwritten_by or "onbekend",
                    at=result.overwritten_at,
                )
            )
    return changed, overwritten


def check_changes(
    session: Session, round_id: int, version: str, changes: list[AnswerChange], *, regio_id: int | None = None
) -> dict[int, ExtraQuestion]:
    """Every change is to a question of the round's questionnaire (or, with `regio_id`, to one of the regio's
    extra questions) and, at a running bijeenkomst, of the open block. Returns the extra questions changed.
    Shared by the round's answers and a partner's own answers (core questions only)."""
    blocks = {q.number: q.block for q in questionnaire.by_version(version).questions}
    extras: dict[int, ExtraQuestion] = {}
    if regio_id is not None and any(c.question_number >= EXTRA_BASE for c in changes):
        extras = {q.number: q for q in version_repo.extra_questions(session, regio_id=regio_id)}
        blocks |= {n: q.block for n, q in extras.items()}
    meeting = meeting_repo.meeting_of_round(session, round_id=round_id)
    for change in changes:
        if change.question_number not in blocks:
            raise ServiceError(f"Vraag {change.question_number} hoort niet bij deze vragenlijst.")
        if meeting is not None and blocks[change.question_number] != meeting[1]:
            raise BlockClosed(blocks[change.question_number])
    return {n: q for n, q in extras.items() if any(c.question_number == n for c in changes)}


def round_extras(engine: Engine, principal: Principal, *, round_id: int) -> list[tuple[ExtraQuestion, Answer | None]]:
    """The regio's extra questions of a round with their answers, for their own table."""
    snapshot = open_scan(engine, principal, round_id=round_id)
    return [(q, snapshot.extra_answers.get(q.number)) for q in snapshot.extra_questions]


def round_report(engine: Engine, principal: Principal, *, round_id: int) -> RoundReport:
    snapshot = open_scan(engine, principal, round_id=round_id)
    return RoundReport(info=snapshot.info, result=snapshot.result)


def history(engine: Engine, principal: Principal, *, round_id: int, question_number: int | None = None) -> list[Change]:
    with reading(engine) as session:
        _readable(session, principal, round_id)
        return answers_repo.history(session, round_id=round_id, question_number=question_number)


def restore(engine: Engine, principal: Principal, *, change_id: int, undo: bool = False) -> None:
    """Put back the value a history entry set, or with undo the value it replaced."""
    with reading(engine) as session:
        try:
            round_id, change = answers_repo.get_change(session, change_id=change_id)
        except repo.NotFound as exc:
            raise ServiceError("Deze wijziging bestaat niet (meer).") from exc
        current = {a.question_number: a for a in answers_repo.load_answers(session, round_id=round_id)}.get(
            change.question_number
        )
    if change.field == "value":
        now_value = current.value if current else None
        restored: AnswerChange = ValueChange(
            question_number=change.question_number,
            value=AnswerValue(target) if (target := change.old if undo else change.new) else None,
            expected=now_value,
        )
    else:
        restored = ToelichtingChange(
            question_number=change.question_number,
            toelichting=(change.old if undo else change.new) or "",
            expected=current.toelichting if current else "",
        )
    save_changes(engine, principal, round_id=round_id, changes=[restored])


def _readable(session: Session, principal: Principal, round_id: int, *, write: bool = False) -> RoundInfo:
    try:
        info = repo.get_round(session, round_id=round_id)
    except repo.NotFound as exc:
        raise ServiceError(ROUND_NOT_FOUND) from exc
    require_round(principal, round_id=round_id, gemeente_id=info.gemeente_id, regio_id=info.regio_id, write=write)
    return info


def _stored(value: AnswerValue | None) -> str | None:
    return value.value if value else None


def _shown(field: str, stored: str | None) -> str:
    if field == "value":
        return AnswerValue(stored).label if stored else "niet beantwoord"
    return stored or "(leeg)"


def _utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; everything is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

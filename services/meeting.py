"""The live bijeenkomst: create it, join with a code, open and close blocks, the projector's figures.

A facilitator of the regio runs it. Each gemeente gets a round for the bijeenkomst and
a short join code; participants join without an account and reach that round only.
While the bijeenkomst runs, answers can change only in the open block (checked in
services/scan.py for everyone who saves); once it ends, the join codes stop working
and the rounds are ordinary rounds of their gemeenten.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.formatting import AMSTERDAM, percent
from analysis.regional import Highlights, QuestionXY, StandardAverage, highlights, questions_xy, regional_average
from analysis.scoring import score_round
from domain.access import Principal, Role
from domain.meeting import REFLECTION_QUESTIONS, FaqItem, Meeting, MeetingKind, ProgrammeItem
from domain.models import Purpose
from domain.text import clean_name, clean_text
from services import ServiceError
from services.access import Login, note_failure, start_session, too_many_failures
from services.access_codes import add_participant_code
from services.authz import require_regio, require_round
from store import access_repo, answers_repo, meeting_repo, version_repo
from store import repository as repo
from store.repository import NotFound, now
from store.unit_of_work import reading, writing

JOIN_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"  # no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B: easy to read aloud
MEETING_NOT_FOUND = "Deze bijeenkomst bestaat niet (meer)."
WRONG_JOIN_CODE = (
    "Deze code klopt niet. Kijk nog eens naar de code die u van de facilitator kreeg (zes tekens, zoals "
    "K7P-M3X), of vraag de facilitator om de code van uw gemeente."
)


class GroupProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    answered: int
    total: int


class ProjectorView(BaseModel):
    """What the shared screen shows. Figures only when the facilitator has revealed them."""

    model_config = ConfigDict(frozen=True)

    meeting: Meeting
    block_label: str
    groups: tuple[GroupProgress, ...]
    questions: tuple[QuestionXY, ...] = ()  # of the open block (or all, when no block is open)
    average: tuple[StandardAverage, ...] = ()
    highlights: Highlights | None = None


def _require_facilitator(principal: Principal, regio_id: int) -> None:
    require_regio(principal, regio_id, roles=(Role.FACILITATOR,))


def new_join_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(6))
        if not meeting_repo.join_code_taken(session, join_code=code):
            return code


def normalise_join_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def show_join_code(code: str) -> str:
    return f"{code[:3]}-{code[3:]}"


def create_meeting(
    engine: Engine,
    principal: Principal,
    *,
    regio_id: int,
    title: str,
    held_on: date,
    kind: MeetingKind,
    gemeente_ids: list[int],
    programme: list[ProgrammeItem],
    purpose: Purpose = Purpose.NULMETING,
    new_round_for: set[int] | None = None,
) -> int:
    """The bijeenkomst and the wheel's questions. A startbijeenkomst gives every gemeente a join code
    for a round: its newest unfinished round (so no rounds pile up), or a new one with `purpose` for
    the gemeenten in `new_round_for` and those without an unfinished round. A vervolg looks back and
    plans: it makes no rounds and no join codes, so it never changes what the regio's figures count."""
    _require_facilitator(principal, regio_id)
    title = clean_name(title)
    if not title:
        raise ServiceError("Geef de bijeenkomst een titel.")
    if not gemeente_ids and kind is MeetingKind.START:
        raise ServiceError("Kies de gemeenten die meedoen.")
    until = datetime.combine(held_on + timedelta(days=1), time(3, 0), tzinfo=AMSTERDAM)  # the night after
    with writing(engine) as session:
        gemeenten = {g.id: g for g in repo.list_gemeenten(session, regio_id=regio_id)}
        if any(g not in gemeenten for g in gemeente_ids):
            raise ServiceError("Kies gemeenten van deze regio.")
        meeting_id = meeting_repo.create_meeting(
            session, regio_id=regio_id, title=title, held_on=held_on, kind=kind, programme=programme
        )
        qn = questionnaire.current()
        ids = gemeente_ids if kind is MeetingKind.START else []
        unfinished = repo.unfinished_round_ids(session, gemeente_ids=ids, question_count=len(qn.questions))
        for gemeente_id in ids:
            round_id = unfinished.get(gemeente_id)
            if round_id is None or gemeente_id in (new_round_for or set()):
                round_id = repo.create_round(
                    session,
                    gemeente_id=gemeente_id,
                    held_on=held_on,
                    purpose=purpose,
                    questionnaire_version=version_repo.version_for_new_round(session, regio_id=regio_id),
                    participants=[],
                )
            code_id = add_participant_code(
                session,
                label=f"{title}: {gemeenten[gemeente_id].name}",
                regio_id=regio_id,
                gemeente_id=gemeente_id,
                round_id=round_id,
                expires_at=until,
            )
            meeting_repo.add_group(
                session,
                meeting_id=meeting_id,
                gemeente_id=gemeente_id,
                round_id=round_id,
                code_id=code_id,
                join_code=new_join_code(session),
            )
        meeting_repo.add_reflections(session, meeting_id=meeting_id, texts=list(REFLECTION_QUESTIONS))
        return meeting_id


def list_meetings(engine: Engine, principal: Principal, *, regio_id: int) -> list[Meeting]:
    _require_facilitator(principal, regio_id)
    with reading(engine) as session:
        return [
            meeting_repo.get_meeting(session, meeting_id=i)
            for i in meeting_repo.meeting_ids(session, regio_id=regio_id)
        ]


def get_meeting(engine: Engine, principal: Principal, *, meeting_id: int) -> Meeting:
    """Everything of a bijeenkomst, join codes included: for its facilitator only."""
    with reading(engine) as session:
        meeting = _meeting(session, meeting_id)
    _require_facilitator(principal, meeting.regio_id)
    return meeting


class LiveState(BaseModel):
    """What a table at the bijeenkomst sees: which block is open, and the FAQ. No codes, no other groups."""

    model_config = ConfigDict(frozen=True)

    title: str
    open_block: int | None
    faq: tuple[FaqItem, ...]


def live_state(engine: Engine, principal: Principal, *, round_id: int) -> LiveState | None:
    """The running bijeenkomst a round is filled in at (None: none), for whoever may read the round."""
    with reading(engine) as session:
        try:
            info = repo.get_round(session, round_id=round_id)
        except NotFound as exc:
            raise ServiceError("Deze ronde bestaat niet (meer).") from exc
        # A partner answering this round alone sees the bijeenkomst's state (which block is open), never answers.
        if not (principal.role is Role.PARTNER and principal.round_id == round_id):
            require_round(principal, round_id=round_id, gemeente_id=info.gemeente_id, regio_id=info.regio_id)
        found = meeting_repo.meeting_of_round(session, round_id=round_id)
        if found is None:
            return None
        meeting = _meeting(session, found[0])
    return LiveState(title=meeting.title, open_block=meeting.open_block, faq=meeting.faq)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    try:
        return meeting_repo.get_meeting(session, meeting_id=meeting_id)
    except NotFound as exc:
        raise ServiceError(MEETING_NOT_FOUND) from exc


def _change(engine: Engine, principal: Principal, meeting_id: int, **values: object) -> None:
    with writing(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        if meeting.ended:
            raise ServiceError("Deze bijeenkomst is afgelopen.")
        meeting_repo.set_meeting(session, meeting_id=meeting_id, **values)


def open_block(engine: Engine, principal: Principal, *, meeting_id: int, block: int | None) -> None:
    """Open one block for answering (None: close them all, which freezes the answers)."""
    if block is not None and block not in {b.number for b in questionnaire.current().blocks}:
        raise ServiceError("Dit blok bestaat niet.")
    _change(engine, principal, meeting_id, open_block=block)


def show_results(engine: Engine, principal: Principal, *, meeting_id: int, shown: bool) -> None:
    _change(engine, principal, meeting_id, results_shown=shown)


def show_names(engine: Engine, principal: Principal, *, meeting_id: int, shown: bool) -> None:
    _change(engine, principal, meeting_id, names_shown=shown)


def end_meeting(engine: Engine, principal: Principal, *, meeting_id: int) -> None:
    """Join codes stop working; the rounds stay with their gemeenten, open for work at home."""
    with writing(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        meeting_repo.end_meeting(session, meeting_id=meeting_id)


def add_faq(engine: Engine, principal: Principal, *, meeting_id: int, question: str, answer: str) -> None:
    question, answer = clean_text(question).strip(), clean_text(answer).strip()
    if not question:
        raise ServiceError("Vul de vraag in.")
    with writing(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        meeting_repo.add_faq(session, meeting_id=meeting_id, question=question, answer=answer)


def spin_wheel(engine: Engine, principal: Principal, *, meeting_id: int, rng: random.Random | None = None) -> str:
    """Pick one reflection question not yet asked; the projector shows the wheel stopping on it."""
    with writing(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        left = [r for r in meeting.reflections if not r.asked]
        if not left:
            raise ServiceError("Alle reflectievragen zijn al gesteld.")
        chosen = (rng or random.SystemRandom()).choice(left)
        meeting_repo.spin(session, meeting_id=meeting_id, reflection_id=chosen.id)
        return chosen.text


def add_breakout(engine: Engine, principal: Principal, *, meeting_id: int, name: str, theme: str) -> None:
    name, theme = clean_name(name), clean_text(theme)
    if not name:
        raise ServiceError("Geef de groep een naam.")
    with writing(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        meeting_repo.add_breakout(session, meeting_id=meeting_id, name=name, theme=theme)


def save_breakout(
    engine: Engine, principal: Principal, *, meeting_id: int, breakout_id: int, theme: str, notes: str
) -> None:
    with writing(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        meeting_repo.save_breakout(
            session, meeting_id=meeting_id, breakout_id=breakout_id, theme=clean_text(theme), notes=clean_text(notes)
        )


def join(engine: Engine, *, meeting_id: int | None, code: str, client_key: str) -> Login:
    """Join a bijeenkomst with a group's code: a login that reaches that group's round only."""
    wanted = normalise_join_code(code)
    with writing(engine) as session:
        if too_many_failures(session, client_key=client_key):
            raise ServiceError("Te veel verkeerde codes. Wacht een kwartier en probeer het dan opnieuw.")
        found = meeting_repo.groups_with_code(session, join_code=wanted) if len(wanted) == 6 else []
        if meeting_id is not None and found and all(m != meeting_id for m, _ in found):
            raise ServiceError("Deze code hoort bij een andere bijeenkomst. Kijk of u de goede link gebruikt.")
        found = [(m, c) for m, c in found if meeting_id is None or m == meeting_id]
        if not found:
            note_failure(session, client_key=client_key)  # kept: the error is raised after the commit
        else:
            meeting = _meeting(session, found[0][0])
            row = access_repo.get_code_row(session, code_id=found[0][1])
            expired = row.expires_at is not None and _aware(row.expires_at) <= now()
            if meeting.ended or row.revoked_at is not None or expired:
                raise ServiceError("Deze bijeenkomst is afgelopen; de code werkt niet meer.")
            return start_session(session, row)
    raise ServiceError(WRONG_JOIN_CODE)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=now().tzinfo)


def projector(engine: Engine, principal: Principal, *, meeting_id: int) -> ProjectorView:
    """Per group its progress in the open block; once revealed, x van y, the spinnenweb, what stands out."""
    with reading(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        answers = answers_repo.answers_of_rounds(session, round_ids=[g.round_id for g in meeting.groups])
        minimum = repo.get_regio(session, regio_id=meeting.regio_id).min_gemeenten
    qn = questionnaire.current()
    block = meeting.open_block
    shown = [q.number for q in (qn.questions_of_block(block) if block else qn.questions)]
    groups = tuple(
        GroupProgress(
            label=meeting.group_label(g),
            answered=sum(1 for a in answers[g.round_id] if a.value is not None and a.question_number in shown),
            total=len(shown),
        )
        for g in meeting.groups
    )
    label = f"Blok {block} is open" if block else "Er is geen blok open"
    if not meeting.results_shown:
        return ProjectorView(meeting=meeting, block_label=label, groups=groups)
    results = [score_round(qn, answers[g.round_id]) for g in meeting.groups]
    results = [r for r in results if r.total.answered]
    # In the room every group is present, so the small-number rule of exports does not hide figures
    # here; it still keeps figures on fewer than two groups out of "what stands out".
    return ProjectorView(
        meeting=meeting,
        block_label=label,
        groups=groups,
        questions=tuple(q for q in questions_xy(results) if q.number in shown),
        average=tuple(regional_average(results)),
        highlights=highlights(results, max(2, min(minimum, len(results))), only=set(shown)),
    )


def follow_up_themes(engine: Engine, principal: Principal, *, meeting_id: int) -> list[str]:
    """What stands out in the regio (latest round of each gemeente), as themes for break-out groups."""
    with reading(engine) as session:
        meeting = _meeting(session, meeting_id)
        _require_facilitator(principal, meeting.regio_id)
        latest: dict[int, tuple[int, str]] = {}
        for round_id, gemeente_id, _held_on, _purpose, version in repo.rounds_of_regio(
            session, regio_id=meeting.regio_id
        ):
            latest.setdefault(gemeente_id, (round_id, version))  # newest first
        answers = answers_repo.answers_of_rounds(session, round_ids=[r for r, _ in latest.values()])
        minimum = repo.get_regio(session, regio_id=meeting.regio_id).min_gemeenten
    results = [score_round(questionnaire.by_version(v), answers[r]) for r, v in latest.values()]
    results = [r for r in results if r.total.answered]
    found = highlights(results, minimum)
    qn = questionnaire.current()
    themes = [
        f"Standaard {s.number}: {s.short_name} (gemiddeld {percent(s.mean_share or 0)} op orde)"
        for s in found.lowest_standards
    ]
    themes += [
        f"Vraag {q.number}: {qn.questions_by_number[q.number].topic} (niet op orde bij {q.niet_op_orde} van {q.y})"
        for q in found.most_niet_op_orde[:3]
    ]
    return themes

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
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.formatting import long_date
from domain.access import Principal, Role
from domain.audit import NOBODY, Action
from domain.calendar import AMSTERDAM
from domain.meeting import REFLECTION_QUESTIONS, Meeting, MeetingKind, ProgrammeItem
from domain.models import Purpose
from domain.text import LIMITS, clean_name, clean_text
from services import ServiceError, audit, fitting, live
from services.access import Login, delay_for, note_failure, start_session, wrong_answer
from services.access_codes import add_participant_code
from services.authz import require_regio
from services.publications import latest
from store import access_repo, meeting_repo, version_repo
from store import repository as repo
from store.repository import NotFound, now
from store.unit_of_work import reading, writing

JOIN_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"  # no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B: easy to read aloud
MEETING_NOT_FOUND = "Deze bijeenkomst bestaat niet (meer)."
WRONG_JOIN_CODE = (
    "Deze code klopt niet. Kijk nog eens naar de code die u van de facilitator kreeg (zes tekens, zoals "
    "K7P-M3X), of vraag de facilitator om de code van uw gemeente."
)


def require_facilitator(principal: Principal, regio_id: int) -> None:
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


class RoundChoice(BaseModel):
    """What a startbijeenkomst does for one gemeente: continue an unfinished round, or begin a new one."""

    model_config = ConfigDict(frozen=True)

    gemeente_id: int
    gemeente_name: str
    continue_round: int | None = None  # the round it continues (None: a new round)
    continue_words: str = ""  # that round in words, e.g. "evaluatie van 3 maart 2026 (5 van 31 beantwoord)"
    purpose: Purpose = Purpose.NULMETING  # of a new round
    older: tuple[int, str] | None = None  # an unfinished round of another year it may continue, if asked

    @property
    def words(self) -> str:
        if self.continue_round is not None:
            return f"gaat verder in de {self.continue_words}"
        return f"begint een nieuwe ronde ({self.purpose.value})"


def round_choices(
    engine: Engine,
    principal: Principal,
    *,
    regio_id: int,
    gemeente_ids: list[int],
    held_on: date,
    continue_older: set[int] | None = None,
    new_round_for: set[int] | None = None,
) -> list[RoundChoice]:
    """Per gemeente what a startbijeenkomst on `held_on` will do, before it is made. The rule: continue the
    gemeente's unfinished round of the same year (one no other bijeenkomst took); an unfinished round of
    another year only when the facilitator asks (`continue_older`); otherwise a new round, an evaluatie when
    the gemeente has answered a round before and a nulmeting when it has not. `new_round_for`: always new."""
    require_facilitator(principal, regio_id)
    with reading(engine) as session:
        return _round_choices(session, regio_id, gemeente_ids, held_on, continue_older or set(), new_round_for or set())


def _round_choices(
    session: Session, regio_id: int, gemeente_ids: list[int], held_on: date, older: set[int], fresh: set[int]
) -> list[RoundChoice]:
    gemeenten = {g.id: g.name for g in repo.list_gemeenten(session, regio_id=regio_id)}
    if any(g not in gemeenten for g in gemeente_ids):
        raise ServiceError("Kies gemeenten van deze regio.")
    qn = questionnaire.current()
    unfinished = repo.unfinished_round_ids(session, gemeente_ids=gemeente_ids, question_count=len(qn.questions))
    infos = repo.get_rounds(session, round_ids=list(unfinished.values()))
    answered = repo.answered_numbers(session, round_ids=list(unfinished.values()))
    with_answers = {r.gemeente_id for r in repo.counting_rows(session, regio_id=regio_id)}
    choices = []
    for gemeente_id in gemeente_ids:
        purpose = Purpose.EVALUATIE if gemeente_id in with_answers else Purpose.NULMETING
        choice = RoundChoice(gemeente_id=gemeente_id, gemeente_name=gemeenten[gemeente_id], purpose=purpose)
        round_id = unfinished.get(gemeente_id)
        if round_id is not None and gemeente_id not in fresh:
            info = infos[round_id]
            words = (
                f"{info.purpose.value} van {long_date(info.held_on)} "
                f"({len(answered.get(round_id, []))} van {len(qn.questions)} beantwoord)"
            )
            if info.held_on.year == held_on.year or gemeente_id in older:
                choice = choice.model_copy(update={"continue_round": round_id, "continue_words": words})
            else:
                choice = choice.model_copy(update={"older": (round_id, words)})
        choices.append(choice)
    return choices


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
    new_round_for: set[int] | None = None,
    continue_older: set[int] | None = None,
) -> int:
    """The bijeenkomst and the wheel's questions. A startbijeenkomst gives every gemeente a join code for a
    round as `round_choices` says. A round made for the bijeenkomst that is still empty when it ends is removed
    again, so a bijeenkomst never leaves rounds behind for gemeenten that did not need one. A vervolg looks back
    and plans: it makes no rounds and no join codes, so it never changes what the regio's figures count."""
    require_facilitator(principal, regio_id)
    title = fitting(clean_name(title), LIMITS["name"])
    if not title:
        raise ServiceError("Geef de bijeenkomst een titel.")
    if not gemeente_ids and kind is MeetingKind.START:
        raise ServiceError("Kies de gemeenten die meedoen.")
    until = datetime.combine(held_on + timedelta(days=1), time(3, 0), tzinfo=AMSTERDAM)  # the night after
    with writing(engine) as session:
        ids = gemeente_ids if kind is MeetingKind.START else []
        choices = _round_choices(session, regio_id, ids, held_on, continue_older or set(), new_round_for or set())
        meeting_id = meeting_repo.create_meeting(
            session, regio_id=regio_id, title=title, held_on=held_on, kind=kind, programme=programme
        )
        for choice in choices:
            round_id = choice.continue_round
            if round_id is None:
                round_id = repo.create_round(
                    session,
                    gemeente_id=choice.gemeente_id,
                    held_on=held_on,
                    purpose=choice.purpose,
                    questionnaire_version=version_repo.version_for_new_round(session, regio_id=regio_id),
                    participants=[],
                )
            code_id = add_participant_code(
                session,
                label=f"{title}: {choice.gemeente_name}",
                regio_id=regio_id,
                gemeente_id=choice.gemeente_id,
                round_id=round_id,
                expires_at=until,
            )
            meeting_repo.add_group(
                session,
                meeting_id=meeting_id,
                gemeente_id=choice.gemeente_id,
                round_id=round_id,
                code_id=code_id,
                join_code=new_join_code(session),
                new_round=choice.continue_round is None,
            )
        meeting_repo.add_reflections(session, meeting_id=meeting_id, texts=list(REFLECTION_QUESTIONS))
        if choices:
            made = f"{len(choices)} bijeenkomstcodes voor bijeenkomst {meeting_id}: {title}"
            audit.record_by(session, principal, action=Action.CODE_MADE, object=made, regio_id=regio_id)
        return meeting_id


def list_meetings(engine: Engine, principal: Principal, *, regio_id: int) -> list[Meeting]:
    require_facilitator(principal, regio_id)
    with reading(engine) as session:
        return [
            meeting_repo.get_meeting(session, meeting_id=i)
            for i in meeting_repo.meeting_ids(session, regio_id=regio_id)
        ]


def get_meeting(engine: Engine, principal: Principal, *, meeting_id: int) -> Meeting:
    """Everything of a bijeenkomst, join codes included: for its facilitator only."""
    with reading(engine) as session:
        meeting = meeting_in(session, meeting_id)
    require_facilitator(principal, meeting.regio_id)
    return meeting


def meeting_in(session: Session, meeting_id: int) -> Meeting:
    try:
        return meeting_repo.get_meeting(session, meeting_id=meeting_id)
    except NotFound as exc:
        raise ServiceError(MEETING_NOT_FOUND) from exc


def _change(engine: Engine, principal: Principal, meeting_id: int, **values: object) -> None:
    with writing(engine) as session:
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
        if meeting.ended:
            raise ServiceError("Deze bijeenkomst is afgelopen.")
        meeting_repo.set_meeting(session, meeting_id=meeting_id, **values)
    live.forget()


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
    """Join codes stop working; the rounds stay with their gemeenten, open for work at home. A round made for the
    bijeenkomst that no device joined and that holds nothing (no answer, no toelichting, nothing resting on it)
    is removed: the gemeente did not need it."""
    with writing(engine) as session:
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
        meeting_repo.end_meeting(session, meeting_id=meeting_id)
        revoked = f"bijeenkomstcodes van bijeenkomst {meeting_id}"
        audit.record_by(session, principal, action=Action.CODE_REVOKED, object=revoked, regio_id=meeting.regio_id)
        session.flush()
        for round_id in meeting_repo.unused_new_rounds(session, meeting_id=meeting_id):
            if repo.why_round_must_stay(session, round_id=round_id) is None:
                repo.delete_round(session, round_id=round_id)
    live.forget()


def add_faq(engine: Engine, principal: Principal, *, meeting_id: int, question: str, answer: str) -> None:
    question = fitting(clean_text(question).strip(), LIMITS["faq_question"])
    answer = fitting(clean_text(answer).strip(), LIMITS["faq_answer"])
    if not question:
        raise ServiceError("Vul de vraag in.")
    with writing(engine) as session:
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
        meeting_repo.add_faq(session, meeting_id=meeting_id, question=question, answer=answer)
    live.forget()


def spin_wheel(engine: Engine, principal: Principal, *, meeting_id: int, rng: random.Random | None = None) -> str:
    """Pick one reflection question not yet asked; the projector shows the wheel stopping on it."""
    with writing(engine) as session:
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
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
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
        meeting_repo.add_breakout(session, meeting_id=meeting_id, name=name, theme=theme)


def save_breakout(
    engine: Engine, principal: Principal, *, meeting_id: int, breakout_id: int, theme: str, notes: str
) -> None:
    with writing(engine) as session:
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
        meeting_repo.save_breakout(
            session, meeting_id=meeting_id, breakout_id=breakout_id, theme=clean_text(theme), notes=clean_text(notes)
        )


JOIN_FREE_FAILURES = 10  # a room shares one address and people mistype: the first ten cost nothing
JOIN_MAX_FAILURES = 60


def join(
    engine: Engine, *, meeting_id: int | None, code: str, client_key: str, sleep: Callable[[float], None] = clock.sleep
) -> Login:
    """Join a bijeenkomst with a group's code: a login that reaches that group's round only. The right code always
    joins at once; wrong join codes are counted apart from wrong login codes (a room mistypes its short codes,
    which must not slow anyone's login), and answered later the more came from this client."""
    wanted = normalise_join_code(code)
    key = f"deelnemen:{client_key}"
    with writing(engine) as session:
        found = meeting_repo.groups_with_code(session, join_code=wanted) if len(wanted) == 6 else []
        if meeting_id is not None and found and all(m != meeting_id for m, _ in found):
            raise ServiceError("Deze code hoort bij een andere bijeenkomst. Kijk of u de goede link gebruikt.")
        found = [(m, c) for m, c in found if meeting_id is None or m == meeting_id]
        if found:
            meeting = meeting_in(session, found[0][0])
            row = access_repo.get_code_key(session, code_id=found[0][1])
            expired = row.expires_at is not None and _aware(row.expires_at) <= now()
            if meeting.ended or row.revoked_at is not None or expired:
                raise ServiceError("Deze bijeenkomst is afgelopen; de code werkt niet meer.")
            return start_session(session, row, origin=client_key, how=f"met bijeenkomstcode (bijeenkomst {meeting.id})")
        failures = note_failure(session, client_key=key)  # kept: the error is raised after the commit
        audit.record(
            session,
            action=Action.LOGIN,
            object="met een bijeenkomstcode",
            result="mislukt: code klopt niet",
            origin=client_key,
            actor=NOBODY,
            regio_id=None,
        )
    wrong_answer(key, delay_for(failures, free=JOIN_FREE_FAILURES), sleep)
    if failures >= JOIN_MAX_FAILURES:
        raise ServiceError("Te veel verkeerde codes. Wacht een kwartier en probeer het dan opnieuw.")
    raise ServiceError(WRONG_JOIN_CODE)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=now().tzinfo)


def follow_up_themes(engine: Engine, principal: Principal, *, meeting_id: int) -> list[str]:
    """What stands out in the regio, as themes for break-out groups: from the regio's newest publication (the
    room is not the regio team), never from live figures."""
    with reading(engine) as session:
        meeting = meeting_in(session, meeting_id)
        require_facilitator(principal, meeting.regio_id)
    shared = latest(engine, principal, regio_id=meeting.regio_id)
    if shared is None:
        return []
    qn = questionnaire.current()
    lowest = sorted((s for s in shared.standards if s.mean.value is not None), key=lambda s: (s.mean.value, s.number))
    themes = [f"Standaard {s.number}: {s.name} (gemiddeld {s.mean.text()} op orde)" for s in lowest[:3]]
    niet = [(q, q.op_orde.complement()) for q in shared.questions if not q.op_orde.withheld and q.op_orde.y]
    niet = [(q, c) for q, c in niet if (c.low or 0) > 0]
    niet.sort(key=lambda item: (-(item[1].low or 0) / item[1].y, item[0].number))
    themes += [
        f"Vraag {q.number}: {qn.questions_by_number[q.number].topic} (niet op orde bij {c.of()})" for q, c in niet[:3]
    ]
    return themes

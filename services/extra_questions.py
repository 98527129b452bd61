"""A regio's own extra questions: added by its beheerder, answered in the scan after the core questions,
reported in their own table, never in a core score, a spinnenweb axis, x van y or the regional mean.

The answers live in their own table (store/version_tables.py: extra_antwoord), so no core figure can
count them: every core figure reads only the core answers.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.regional import QuestionXY
from domain.access import Principal
from domain.answers import Answer, AnswerValue
from domain.models import EXTRA_BASE, ExtraQuestion
from domain.text import LIMITS, clean_text
from services import ServiceError, fitting
from services.authz import require_beheerder, require_installation_beheerder
from store import version_repo
from store.unit_of_work import reading, writing

MAX_TEXT = 500


def extra_questions(engine: Engine, principal: Principal, *, regio_id: int) -> list[ExtraQuestion]:
    if principal.regio_id != regio_id:
        require_installation_beheerder(principal)
    with reading(engine) as session:
        return version_repo.extra_questions(session, regio_id=regio_id)


def add_extra_question(
    engine: Engine, principal: Principal, *, regio_id: int, text: str, help: str, standard: int, block: int
) -> int:
    require_beheerder(principal, regio_id)
    text, help = clean_text(text).strip(), clean_text(help).strip()
    if len(text) < 10:
        raise ServiceError("Schrijf de vraag in minstens 10 tekens.")
    fitting(text, MAX_TEXT)
    fitting(help, LIMITS["extra_help"])
    if standard not in questionnaire.current().standards_by_number or block not in (1, 2):
        raise ServiceError("Kies een standaard (1 tot en met 10) en een blok (1 of 2).")
    with writing(engine) as session:
        return version_repo.add_extra(session, regio_id=regio_id, text=text, help=help, standard=standard, block=block)


def remove_extra_question(engine: Engine, principal: Principal, *, regio_id: int, extra_id: int) -> None:
    """The question is no longer asked; answers given to it stay with their rounds."""
    require_beheerder(principal, regio_id)
    with writing(engine) as session:
        found = version_repo.get_extra(session, extra_id=extra_id)
        if found is None or found.regio_id != regio_id:
            raise ServiceError("Deze extra vraag bestaat niet (meer).")
        version_repo.set_extra_removed(session, extra_id=extra_id, removed=True)


def extras_of_round(session: Session, *, regio_id: int, round_id: int) -> tuple[list[ExtraQuestion], dict[int, Answer]]:
    """The regio's extra questions asked now (and removed ones this round answered), with the answers by number."""
    asked = version_repo.extra_questions(session, regio_id=regio_id, with_removed=True)
    if not asked:  # most regios ask none: no answers to read (a scan page reads this on every run)
        return [], {}
    answers = version_repo.extra_answers(session, round_ids=[round_id])[round_id]
    shown = [q for q in asked if not q.removed or q.id in answers]
    return shown, {EXTRA_BASE + i: a.model_copy(update={"question_number": EXTRA_BASE + i}) for i, a in answers.items()}


def regional_extras(session: Session, *, regio_id: int, round_ids: list[int], min_gemeenten: int) -> list[QuestionXY]:
    """Per extra question: x of y gemeenten (the counted rounds) op orde, withheld below the minimum."""
    answers = version_repo.extra_answers(session, round_ids=round_ids)
    found = []
    for extra in version_repo.extra_questions(session, regio_id=regio_id, with_removed=True):
        values = [a[extra.id].value for a in answers.values() if extra.id in a and a[extra.id].value is not None]
        if extra.removed and not values:
            continue
        found.append(
            QuestionXY(
                number=extra.number, standard=extra.standard, text=extra.text,
                x=sum(1 for v in values if v is AnswerValue.OP_ORDE), y=len(values),
                withheld=len(values) < min_gemeenten,
            )
        )  # fmt: skip
    return found

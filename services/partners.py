"""Eerst ieder apart, dan samen: partners answer a round alone, then the gemeente sets the agreed answer.

Who may do what:
- the gemeente (its own rounds) starts the phase, invites partners with a personal code and a role,
  closes the phase, sees every partner's view by role and sets the round's agreed answer; at a running
  bijeenkomst the group's own device (deelnemer) does the same for its round, and the facilitator may
  start, invite and close per group but sees no views;
- a partner answers the round alone, sees nobody's answers until marking itself done, and then
  sees the views of the partners who are done (after the gemeente closes the phase: all views);
- the regio sees counts over gemeenten only, from a publication (services/publications.py), never a view of a
  named gemeente.

The partners' views never change the round's answers: the agreed answer is set with one click per
question, stored like any other change (history, who) and recorded with the views it came from.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.agreement import (
    QuestionViews,
    StandardAgreement,
    question_views,
    samen_order,
    standard_agreement,
)
from analysis.scoring import score_round
from domain.access import IssuedCode, Principal
from domain.answers import AnswerValue
from domain.audit import Action
from domain.models import PARTICIPANT_ROLES, ApartPhase, PartnerInfo, RoundInfo
from domain.text import LIMITS, clean_name, clean_text
from services import ServiceError, fitting
from services.access_codes import add_partner_code, log_code
from services.authz import (
    answers_alone,
    keeps_the_round,
    require_partner,
    require_partner_round,
)
from services.scan import (
    MAX_TOELICHTING,
    ROUND_NOT_FOUND,
    AnswerChange,
    SaveReport,
    ScanSnapshot,
    ToelichtingChange,
    ValueChange,
    check_changes,
    save_changes,
)
from store import access_repo, answers_repo, meeting_repo, partner_repo
from store import repository as repo
from store.unit_of_work import reading, writing

CODE_DAYS = 90
NOT_A_PARTNER = "Deze code hoort niet (meer) bij een partner van een ronde. Vraag de gemeente om een nieuwe code."
PHASE_NOT_STARTED = "Bij deze ronde vullen de partners niet eerst apart in."


class SamenView(BaseModel):
    """The partners' views of one round, beside its agreed answers."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    info: RoundInfo
    questionnaire: questionnaire.Questionnaire
    phase: ApartPhase
    rows: tuple[QuestionViews, ...]  # disagreements first
    standards: tuple[StandardAgreement, ...]
    toelichtingen: dict[int, str]  # the round's agreed toelichting per question
    decisions: tuple[tuple[int, str | None, str, str, str, object], ...]
    can_decide: bool
    shows_all: bool  # False: a partner sees only the views of partners who are done

    @property
    def disagreements(self) -> list[QuestionViews]:
        return [r for r in self.rows if r.disagree]


# --- the gemeente ------------------------------------------------------------------------


def _own_round(session: Session, principal: Principal, round_id: int, *, write: bool, views: bool = False) -> RoundInfo:
    """The gemeente's own round. At a running bijeenkomst also the group's own device (deelnemer), and
    the facilitator of the regio for starting, inviting and closing, never for the views (`views`)."""
    try:
        info = repo.get_round(session, round_id=round_id)
    except repo.NotFound as exc:
        raise ServiceError(ROUND_NOT_FOUND) from exc
    require_partner_round(
        principal,
        round_id=round_id,
        gemeente_id=info.gemeente_id,
        regio_id=info.regio_id,
        write=write,
        views=views,
        meeting_running=lambda: meeting_repo.meeting_of_round(session, round_id=round_id) is not None,
    )
    return info


def start_apart(engine: Engine, principal: Principal, *, round_id: int) -> None:
    """Choose "eerst ieder apart, dan samen" for a round. Starting twice changes nothing."""
    with writing(engine) as session:
        _own_round(session, principal, round_id, write=True)
        partner_repo.open_phase(session, round_id=round_id, actor=principal.actor)


def apart_phase(engine: Engine, principal: Principal, *, round_id: int) -> ApartPhase | None:
    with reading(engine) as session:
        _own_round(session, principal, round_id, write=False)
        return partner_repo.phase(session, round_id=round_id)


def invite_partner(engine: Engine, principal: Principal, *, round_id: int, role: str, name: str = "") -> IssuedCode:
    """A personal code for one partner. The code is shown once; only its hash is kept."""
    if role not in PARTICIPANT_ROLES:
        raise ServiceError("Kies de rol van de partner uit de lijst.")
    name = fitting(clean_name(name), LIMITS["name"])
    with writing(engine) as session:
        info = _own_round(session, principal, round_id, write=True)
        found = partner_repo.phase(session, round_id=round_id)
        if found is not None and found.closed:
            raise ServiceError("Het apart invullen is afgesloten. Nieuwe partners kunnen nu niet meer apart invullen.")
        partner_repo.open_phase(session, round_id=round_id, actor=principal.actor)
        # No name in the code's label: the beheerder lists codes, and a partner's name stays with the gemeente.
        label = f"Partner {role}, {info.gemeente_name}, ronde van {info.held_on:%d-%m-%Y}"
        issued = add_partner_code(
            session,
            label=label[:200],
            regio_id=info.regio_id,
            gemeente_id=info.gemeente_id,
            round_id=round_id,
            expires_at=repo.now() + timedelta(days=CODE_DAYS),
        )
        partner_repo.add_partner(session, round_id=round_id, role=role, name=name, code_id=issued.id)
        log_code(
            session,
            Action.CODE_MADE,
            code_id=issued.id,
            label=issued.label,
            role=issued.role,
            regio_id=info.regio_id,
            by=principal,
        )
        return issued


def revoke_partner(engine: Engine, principal: Principal, *, round_id: int, partner_id: int) -> None:
    """The partner's code stops working; what the partner answered stays with the round."""
    with writing(engine) as session:
        _own_round(session, principal, round_id, write=True)
        if partner_id not in {p.id for p in partner_repo.partners(session, round_id=round_id)}:
            raise ServiceError("Deze partner hoort niet bij deze ronde.")
        code_id = partner_repo.code_of_partner(session, partner_id=partner_id)
        if code_id is not None:
            access_repo.revoke_code(session, code_id=code_id)
            code = access_repo.get_code(session, code_id=code_id)
            log_code(
                session,
                Action.CODE_REVOKED,
                code_id=code_id,
                label=code.label,
                role=code.role,
                regio_id=code.regio_id,
                by=principal,
            )


def close_apart(engine: Engine, principal: Principal, *, round_id: int) -> None:
    """End the individual phase: nobody answers alone any more, and every partner sees all views."""
    with writing(engine) as session:
        _own_round(session, principal, round_id, write=True)
        if partner_repo.phase(session, round_id=round_id) is None:
            raise ServiceError(PHASE_NOT_STARTED)
        partner_repo.close_phase(session, round_id=round_id, actor=principal.actor)


# --- the partner -------------------------------------------------------------------------


def _me(session: Session, principal: Principal) -> tuple[PartnerInfo, ApartPhase]:
    require_partner(principal)
    me = partner_repo.partner_of_code(session, code_id=principal.code_id)
    found = partner_repo.phase(session, round_id=me.round_id) if me is not None else None
    if me is None or found is None or me.round_id != principal.round_id:
        raise ServiceError(NOT_A_PARTNER)
    return me, found


def whoami(engine: Engine, principal: Principal) -> tuple[PartnerInfo, ApartPhase]:
    with reading(engine) as session:
        return _me(session, principal)


def partner_snapshot(engine: Engine, principal: Principal) -> ScanSnapshot:
    """The partner's own answers, shaped as the scan page shows a round."""
    with reading(engine) as session:
        me, found = _me(session, principal)
        info = repo.get_round(session, round_id=me.round_id)
        answers = [
            a.model_copy(update={"updated_by": principal.actor})
            for a in partner_repo.load_answers(session, partner_id=me.id)
        ]
        meeting = meeting_repo.meeting_of_round(session, round_id=me.round_id)
    qn = questionnaire.by_version(info.questionnaire_version)
    return ScanSnapshot(
        info=info,
        questionnaire=qn,
        answers={a.question_number: a for a in answers},
        result=score_round(qn, answers),
        editable=not me.done and not found.closed,
        in_meeting=meeting is not None,
        meeting_block=meeting[1] if meeting else None,
    )


def save_partner_changes(engine: Engine, principal: Principal, *, changes: list[AnswerChange]) -> SaveReport:
    """Store the partner's own answers. After marking done or after the phase closed: nothing changes."""
    if not changes:
        return SaveReport(changed=0)
    changed = 0
    with writing(engine) as session:
        me, found = _me(session, principal)
        if me.done or found.closed:
            raise ServiceError("U heeft uw antwoorden al ingeleverd. Ze zijn bewaard zoals ze waren.")
        version = repo.get_round(session, round_id=me.round_id).questionnaire_version
        check_changes(session, me.round_id, version, changes)
        for change in changes:
            if isinstance(change, ValueChange):
                field, new = "value", change.value.value if change.value else None
            else:
                field, new = "toelichting", fitting(change.toelichting, MAX_TOELICHTING)
            changed += partner_repo.save_field(
                session, partner_id=me.id, question_number=change.question_number, field=field, new=new
            )
    return SaveReport(changed=changed)


def mark_done(engine: Engine, principal: Principal, *, done: bool = True) -> None:
    """Hand in (or, while the phase is open, take back) the partner's own answers."""
    with writing(engine) as session:
        me, found = _me(session, principal)
        if found.closed and not done:
            raise ServiceError("Het apart invullen is afgesloten; uw antwoorden zijn ingeleverd.")
        partner_repo.set_done(session, partner_id=me.id, done=done)


# --- samen -------------------------------------------------------------------------------


def samen_view(engine: Engine, principal: Principal, *, round_id: int | None = None) -> SamenView:
    """For the gemeente: every view. For a partner who is done: the views of the partners who are done."""
    found: ApartPhase | None
    with reading(engine) as session:
        if answers_alone(principal):
            me, found = _me(session, principal)
            if not me.done and not found.closed:
                raise ServiceError("U ziet de antwoorden van de anderen zodra u uw eigen antwoorden inlevert.")
            round_id = me.round_id
            visible = {p.id for p in found.partners if p.done or found.closed}
            info = repo.get_round(session, round_id=round_id)
        else:
            if round_id is None:
                raise ServiceError(ROUND_NOT_FOUND)
            info = _own_round(session, principal, round_id, write=False, views=True)
            found = partner_repo.phase(session, round_id=round_id)
            if found is None:
                raise ServiceError(PHASE_NOT_STARTED)
            visible = {p.id for p in found.partners}
        views = partner_repo.views_of_rounds(session, round_ids=[round_id])[round_id]
        answers = {a.question_number: a for a in answers_repo.load_answers(session, round_id=round_id)}
        decisions = partner_repo.decisions(session, round_id=round_id)
    qn = questionnaire.by_version(info.questionnaire_version)
    shown = {n: [v for v in vs if v.partner_id in visible] for n, vs in views.items()}
    rows = question_views(
        [(q.number, q.standard) for q in qn.questions],
        shown,
        {n: a.value for n, a in answers.items()},
    )
    return SamenView(
        info=info,
        questionnaire=qn,
        phase=found,
        rows=tuple(samen_order(rows)),
        standards=tuple(standard_agreement(rows)),
        toelichtingen={n: a.toelichting for n, a in answers.items()},
        decisions=tuple(decisions),
        can_decide=keeps_the_round(principal) and found.closed,
        shows_all=not answers_alone(principal) or found.closed,
    )


def set_agreed(
    engine: Engine,
    principal: Principal,
    *,
    round_id: int,
    question_number: int,
    value: AnswerValue,
    toelichting: str,
    expected_toelichting: str,
) -> None:
    """Set the round's agreed answer from the partners' views, with why, in the round's history."""
    view = samen_view(engine, principal, round_id=round_id)
    if not view.can_decide:
        raise ServiceError("Sluit eerst het apart invullen af. Daarna stelt u samen het antwoord vast.")
    row = next((r for r in view.rows if r.number == question_number), None)
    if row is None:
        raise ServiceError(f"Vraag {question_number} hoort niet bij deze vragenlijst.")
    why = fitting(clean_text(toelichting), MAX_TOELICHTING)
    save_changes(
        engine,
        principal.model_copy(update={"label": f"{principal.label}, samen vastgesteld"}),
        round_id=round_id,
        changes=[
            ValueChange(question_number=question_number, value=value, expected=row.agreed),
            ToelichtingChange(question_number=question_number, toelichting=why, expected=expected_toelichting),
        ],
    )
    with writing(engine) as session:
        partner_repo.add_decision(
            session,
            round_id=round_id,
            question_number=question_number,
            value=value.value,
            views=row.spread,
            why=why,
            actor=principal.actor,
        )


def agreement_of_round(engine: Engine, principal: Principal, *, round_id: int) -> list[StandardAgreement] | None:
    """Per standard how far the partners agreed; None when the round was not filled in apart first,
    or for anyone outside the gemeente."""
    if not keeps_the_round(principal):
        return None
    try:
        view = samen_view(engine, principal, round_id=round_id)
    except ServiceError:
        return None
    return list(view.standards)


def disagreements_of_rounds(session: Session, round_ids: list[int]) -> dict[int, list[QuestionViews]]:
    """For the plan: per round (with a phase) its questions with every view. Caller checks access."""
    with_phase = sorted(partner_repo.rounds_with_phase(session, round_ids=round_ids))
    views = partner_repo.views_of_rounds(session, round_ids=with_phase)
    found = {}
    for round_id in with_phase:
        qn = questionnaire.by_version(repo.get_round(session, round_id=round_id).questionnaire_version)
        found[round_id] = question_views([(q.number, q.standard) for q in qn.questions], views[round_id], {})
    return found

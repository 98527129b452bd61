"""Editing a verbeterplan: save what was typed (reporting what someone else changed just
before), and add, move or remove its rows. Who may edit is decided by plans.plan_access."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.formatting import long_date
from analysis.verbeterplan import standards_in_scope
from domain.access import Principal
from domain.plan import ACTION_TEXT_FIELDS, PLAN_TEXT_FIELDS, ActionLevel, ActionStatus, PlanInfo, PlanKind
from domain.text import clean_text
from services import ServiceError, fitting
from services.plans import PLAN_NOT_FOUND, plan_access
from store import plan_repo
from store.repository import NotFound
from store.unit_of_work import writing

MAX_TEXT = 20000


class PlanChange(BaseModel):
    """One field as the person left it on screen, and what they saw before."""

    model_config = ConfigDict(frozen=True)

    target: Literal["plan", "action", "note"]
    key: int | None = None  # action id, or standard number for a note
    field: str = "text"
    value: str | date | tuple[int, ...] | None
    expected: str | date | tuple[int, ...] | None


class PlanSaveReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    changed: int
    overwritten: tuple[str, ...] = ()  # Dutch notices: someone else changed it just before


# --- saving ------------------------------------------------------------------------


def save_plan_changes(
    engine: Engine, principal: Principal, *, plan_id: int, changes: list[PlanChange]
) -> PlanSaveReport:
    """Store every change in one transaction. A field someone else changed meanwhile is reported, then saved."""
    if not changes:
        return PlanSaveReport(changed=0)
    changed, overwritten = 0, []
    with writing(engine) as session:
        info = _writable(session, principal, plan_id)
        qn = questionnaire.current()
        in_scope = {s.number for s in standards_in_scope(qn, info.clusters)}
        for change in changes:
            new = _clean(change, qn)
            old = _save_one(session, principal, plan_id, change, new, in_scope)
            if old != new:
                changed += 1
                if old != change.expected:
                    overwritten.append(
                        f"Iemand anders had {_what(change)} kort daarvoor gewijzigd in: “{_shown(old)}”. "
                        "Uw wijziging is daarna opgeslagen."
                    )
    return PlanSaveReport(changed=changed, overwritten=tuple(overwritten))


def _writable(session: Session, principal: Principal, plan_id: int) -> PlanInfo:
    try:
        info = plan_repo.get_info(session, plan_id=plan_id)
    except NotFound as exc:
        raise ServiceError(PLAN_NOT_FOUND) from exc
    plan_access(principal, info, write=True)
    return info


def _clean(change: PlanChange, qn: questionnaire.Questionnaire) -> str | date | tuple[int, ...] | None:
    value = change.value
    if change.field in ("status", "level"):
        allowed = {s.value for s in (ActionStatus if change.field == "status" else ActionLevel)}
        if value not in allowed:
            raise ServiceError("Deze keuze bestaat niet. Kies een van de opties in de lijst.")
        return value
    if change.field in ("start_on", "due_on"):
        if value is not None and not isinstance(value, date):
            raise ServiceError("Vul een datum in, of laat het veld leeg.")
        return value
    if change.field == "question_numbers":
        if value is not None and not isinstance(value, tuple):
            raise ServiceError("Kies vragen uit de vragenlijst.")
        numbers = tuple(sorted(set(value or ())))
        if any(n not in qn.questions_by_number for n in numbers):
            raise ServiceError("Kies vragen uit de vragenlijst.")
        return numbers
    return fitting(clean_text(str(value or "")), MAX_TEXT)


def _save_one(
    session: Session,
    principal: Principal,
    plan_id: int,
    change: PlanChange,
    new: str | date | tuple[int, ...] | None,
    in_scope: set[int],
) -> object:
    actor = principal.actor
    if change.target == "plan":
        if change.field not in PLAN_TEXT_FIELDS:
            raise ServiceError("Dit veld hoort niet bij een verbeterplan.")
        return plan_repo.save_plan_field(session, plan_id=plan_id, field=change.field, new=str(new), actor=actor)
    if change.target == "note":
        if change.key not in in_scope:
            raise ServiceError("Deze standaard hoort niet bij dit plan.")
        return plan_repo.save_note(session, plan_id=plan_id, standard=change.key, new=str(new), actor=actor)
    _own_action(session, plan_id, change.key)
    if change.field not in (*ACTION_TEXT_FIELDS, "level", "status", "start_on", "due_on", "question_numbers"):
        raise ServiceError("Dit veld hoort niet bij een verbeteractie.")
    stored = list(new) if isinstance(new, tuple) else new
    old = plan_repo.save_action_field(session, action_id=change.key or 0, field=change.field, new=stored, actor=actor)
    return tuple(old) if isinstance(old, list) else old


def _own_action(session: Session, plan_id: int, action_id: int | None) -> None:
    try:
        if plan_repo.action_plan_id(session, action_id=action_id or 0) != plan_id:
            raise ServiceError("Deze rij hoort niet bij dit plan.")
    except NotFound as exc:
        raise ServiceError("Deze rij bestaat niet (meer).") from exc


def _what(change: PlanChange) -> str:
    if change.target == "plan":
        return f"‘{PLAN_TEXT_FIELDS[change.field]}’"
    if change.target == "note":
        return f"de notitie bij standaard {change.key}"
    return "dit veld van een actie"


def _shown(value: object) -> str:
    if value in (None, "", ()):
        return "(leeg)"
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, tuple):
        return ", ".join(str(n) for n in value)
    return str(value)


# --- rows --------------------------------------------------------------------------


def add_action(engine: Engine, principal: Principal, *, plan_id: int, standard: int) -> int:
    with writing(engine) as session:
        info = _writable(session, principal, plan_id)
        if standard not in {s.number for s in standards_in_scope(questionnaire.current(), info.clusters)}:
            raise ServiceError("Deze standaard hoort niet bij dit plan.")
        level = ActionLevel.REGIONAAL if info.kind is PlanKind.REGIO else ActionLevel.LOKAAL
        return plan_repo.add_action(
            session, plan_id=plan_id, standard=standard, actor=principal.actor, values={"level": level.value}
        )


def move_action(engine: Engine, principal: Principal, *, plan_id: int, action_id: int, step: int) -> None:
    with writing(engine) as session:
        _writable(session, principal, plan_id)
        _own_action(session, plan_id, action_id)
        plan_repo.move_action(session, action_id=action_id, step=1 if step > 0 else -1, actor=principal.actor)


def set_action_removed(engine: Engine, principal: Principal, *, plan_id: int, action_id: int, removed: bool) -> None:
    """Remove a row from the plan, or put a removed row back. Nothing is deleted."""
    with writing(engine) as session:
        _writable(session, principal, plan_id)
        _own_action(session, plan_id, action_id)
        plan_repo.set_removed(session, action_id=action_id, removed=removed, actor=principal.actor)

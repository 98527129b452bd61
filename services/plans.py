"""Verbeterplannen: draft one from a scan, open it, save what was typed, manage its rows.

Who may do what:
- a gemeente drafts and edits plans of its own gemeente, and reads its regio's regional plans;
- the regio drafts and edits regional plans, and reads the plans of its gemeenten.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.formatting import long_date
from analysis.regional import questions_xy, standards_xy
from analysis.scoring import score_round
from analysis.verbeterplan import (
    Draft,
    PlanView,
    gemeente_draft,
    gemeente_figures,
    gemeente_follow_up,
    progress,
    regional_draft,
    regional_figures,
    regional_follow_up,
    sections,
    standards_in_scope,
)
from domain.access import Principal, Role
from domain.models import Purpose
from domain.plan import (
    ACTION_TEXT_FIELDS,
    ALL_CLUSTERS,
    PLAN_TEXT_FIELDS,
    ActionLevel,
    ActionStatus,
    PlanInfo,
    PlanKind,
    PlanLayout,
)
from services import ServiceError
from services.authz import Forbidden, require_gemeente, require_regio
from services.regio_report import regio_report
from store import answers_repo, plan_repo
from store import repository as repo
from store.repository import NotFound
from store.unit_of_work import reading, writing

PLAN_NOT_FOUND = "Dit verbeterplan bestaat niet (meer). Kies een plan uit de lijst."
MAX_TEXT = 20000
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=30)


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


class PlanLists(BaseModel):
    model_config = ConfigDict(frozen=True)

    own: tuple[PlanInfo, ...]  # plans this person may edit
    readable: tuple[tuple[str, PlanInfo], ...]  # (whose, plan) this person may read


# --- drafting ----------------------------------------------------------------------


def create_gemeente_plan(
    engine: Engine, principal: Principal, *, round_id: int, clusters: str = ALL_CLUSTERS, layout: PlanLayout
) -> int:
    """A plan for the round's gemeente, prefilled from the round. A double submit gives the same plan."""
    with writing(engine) as session:
        try:
            info = repo.get_round(session, round_id=round_id)
        except NotFound as exc:
            raise ServiceError("Deze ronde bestaat niet (meer). Kies een andere ronde.") from exc
        require_gemeente(principal, gemeente_id=info.gemeente_id, regio_id=info.regio_id, write=True)
        qn = questionnaire.by_version(info.questionnaire_version)
        _check_clusters(qn, clusters)
        result = score_round(qn, answers_repo.load_answers(session, round_id=round_id))
        draft = gemeente_draft(
            qn,
            result,
            gemeente_name=info.gemeente_name,
            held_on=info.held_on,
            purpose_label=info.purpose.short_label,
            clusters=clusters,
        )
        return _store_draft(
            session,
            principal,
            draft,
            kind=PlanKind.GEMEENTE,
            regio_id=info.regio_id,
            gemeente_id=info.gemeente_id,
            clusters=clusters,
            layout=layout,
            min_share=None,
            rounds=[round_id],
        )


def create_regional_plan(
    engine: Engine,
    principal: Principal,
    *,
    regio_id: int,
    min_share: float,
    clusters: str = ALL_CLUSTERS,
    layout: PlanLayout,
) -> int:
    """A plan for the regio, from the latest round of each gemeente; it names no gemeente."""
    if not 0 < min_share <= 1:
        raise ServiceError("Kies een deel van de gemeenten tussen 1% en 100%.")
    report = regio_report(engine, principal, regio_id=regio_id)
    counted = report.counted
    minimum = report.regio.min_gemeenten
    if len(counted) < minimum:
        raise ServiceError(
            f"Er zijn nog te weinig gemeenten met een scan ({len(counted)}; minimaal {minimum}) "
            "voor een regionaal plan dat geen gemeente herkenbaar maakt."
        )
    qn = questionnaire.current()
    _check_clusters(qn, clusters)
    dates = [g.held_on for g in counted if g.held_on is not None]
    draft = regional_draft(
        qn,
        report.questions,
        report.standards,
        regio_name=report.regio.name,
        gemeenten=len(counted),
        dates=(min(dates), max(dates)),
        min_share=min_share,
        clusters=clusters,
    )
    with writing(engine) as session:
        return _store_draft(
            session,
            principal,
            draft,
            kind=PlanKind.REGIO,
            regio_id=regio_id,
            gemeente_id=None,
            clusters=clusters,
            layout=layout,
            min_share=min_share,
            rounds=[g.round_id for g in counted if g.round_id is not None],
        )


def _check_clusters(qn: questionnaire.Questionnaire, clusters: str) -> None:
    if clusters != ALL_CLUSTERS and clusters not in {c.code for c in qn.clusters}:
        raise ServiceError("Kies alle standaarden of één cluster (A tot en met E).")


def _store_draft(
    session: Session,
    principal: Principal,
    draft: Draft,
    *,
    kind: PlanKind,
    regio_id: int,
    gemeente_id: int | None,
    clusters: str,
    layout: PlanLayout,
    min_share: float | None,
    rounds: list[int],
) -> int:
    since = repo.now() - DOUBLE_SUBMIT_WINDOW
    same = plan_repo.recent_duplicate(session, source_round_ids=rounds, kind=kind, actor=principal.actor, since=since)
    if same is not None:
        return same
    plan_id = plan_repo.create_plan(
        session,
        kind=kind,
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        clusters=clusters,
        layout=layout,
        min_share=min_share,
        source_round_ids=rounds,
        texts=draft.texts,
        actor=principal.actor,
    )
    for action in draft.actions:
        plan_repo.add_action(
            session,
            plan_id=plan_id,
            standard=action.standard,
            actor=principal.actor,
            values={
                "question_numbers": list(action.question_numbers),
                "measure": action.measure,
                "current_state": action.current_state,
                "level": action.level.value,
            },
        )
    return plan_id


# --- listing and opening -----------------------------------------------------------


def list_plans(engine: Engine, principal: Principal, *, regio_id: int, gemeente_id: int | None = None) -> PlanLists:
    with reading(engine) as session:
        if principal.role is Role.GEMEENTE:
            if gemeente_id is None or principal.gemeente_id != gemeente_id:
                raise Forbidden()
            own = _infos(
                session, plan_repo.plan_ids(session, regio_id=regio_id, gemeente_id=gemeente_id, kind=PlanKind.GEMEENTE)
            )
            regional = _infos(session, plan_repo.plan_ids(session, regio_id=regio_id, kind=PlanKind.REGIO))
            return PlanLists(own=tuple(own), readable=tuple(("Regio", p) for p in regional))
        require_regio(principal, regio_id, roles=(Role.REGIO,))
        own = _infos(session, plan_repo.plan_ids(session, regio_id=regio_id, kind=PlanKind.REGIO))
        names = {g.id: g.name for g in repo.list_gemeenten(session, regio_id=regio_id)}
        local = _infos(session, plan_repo.plan_ids(session, regio_id=regio_id, kind=PlanKind.GEMEENTE))
        readable = sorted(((names.get(p.gemeente_id or 0, "?"), p) for p in local), key=lambda t: t[0])
        return PlanLists(own=tuple(own), readable=tuple(readable))


def _infos(session: Session, ids: list[int]) -> list[PlanInfo]:
    return [plan_repo.get_info(session, plan_id=i) for i in ids]


def _access(principal: Principal, info: PlanInfo, *, write: bool) -> bool:
    """Raises Forbidden when the person may not read (or, with write, change) the plan; returns may-write."""
    if info.kind is PlanKind.GEMEENTE:
        require_gemeente(principal, gemeente_id=info.gemeente_id or 0, regio_id=info.regio_id, write=write)
        return principal.role is Role.GEMEENTE
    if principal.role is Role.GEMEENTE and not write:
        require_regio(principal, info.regio_id, roles=(Role.GEMEENTE,))
        return False
    if principal.role is not Role.REGIO:
        raise Forbidden("Alleen de regio kan het regionale plan wijzigen.")
    require_regio(principal, info.regio_id, roles=(Role.REGIO,))
    return True


def open_plan(engine: Engine, principal: Principal, *, plan_id: int) -> PlanView:
    with reading(engine) as session:
        try:
            plan = plan_repo.get_plan(session, plan_id=plan_id)
        except NotFound as exc:
            raise ServiceError(PLAN_NOT_FOUND) from exc
        editable = _access(principal, plan.info, write=False)
        rounds = repo.rounds_of_regio(session, regio_id=plan.info.regio_id)
        source = [r for r in rounds if r[0] in plan.info.source_round_ids]
        newer = _newer_rounds(rounds, source)
        answers = answers_repo.answers_of_rounds(session, round_ids=[r[0] for r in source + newer])
        regio = repo.get_regio(session, regio_id=plan.info.regio_id)
        subject = (
            regio.name
            if plan.info.kind is PlanKind.REGIO
            else repo.get_gemeente(session, gemeente_id=plan.info.gemeente_id or 0).name
        )
    qn = questionnaire.by_version(source[0][4]) if source else questionnaire.current()
    results = [score_round(questionnaire.by_version(r[4]), answers[r[0]]) for r in source]
    newer_results = [score_round(questionnaire.by_version(r[4]), answers[r[0]]) for r in newer]
    follow_up = None
    if plan.info.kind is PlanKind.GEMEENTE:
        figures = gemeente_figures(qn, results[0] if results else score_round(qn, []))
        based_on = _round_words(source[0]) if source else "een ronde die niet meer bestaat"
        if newer:
            follow_up = gemeente_follow_up(newer_results[0], f"Nieuwere ronde: {_round_words(newer[0])}")
    else:
        minimum = regio.min_gemeenten
        figures = regional_figures(qn, questions_xy(results, minimum), standards_xy(results, minimum))
        based_on = f"de laatste ronde van {len(source)} gemeenten"
        if newer:
            follow_up = regional_follow_up(
                questions_xy(newer_results, minimum),
                f"Nieuwere rondes van {len(newer)} van de {len(source)} gemeenten",
            )
    clusters = sections(qn, plan, figures)
    return PlanView(
        plan=plan,
        subject=subject,
        based_on=based_on,
        figures=tuple(figures),
        clusters=tuple(clusters),
        progress=tuple(progress(clusters)),
        follow_up=follow_up,
        editable=editable,
        questionnaire=qn,
    )


RoundRow = tuple[int, int, date, str, str]


def _newer_rounds(rounds: list[RoundRow], source: list[RoundRow]) -> list[RoundRow]:
    """Per gemeente of the source rounds, its newest round that is newer than the source round."""
    newer = []
    for round_id, gemeente_id, held_on, _purpose, _version in source:
        later = [r for r in rounds if r[1] == gemeente_id and (r[2], r[0]) > (held_on, round_id)]
        if later:
            newer.append(later[0])  # rounds come newest first
    return newer


def _round_words(row: RoundRow) -> str:
    return f"ronde van {long_date(row[2])} ({Purpose(row[3]).short_label.lower()})"


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
    _access(principal, info, write=True)
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
        numbers = tuple(sorted(set(value or ())))  # type: ignore[arg-type]
        if any(n not in qn.questions_by_number for n in numbers):
            raise ServiceError("Kies vragen uit de vragenlijst.")
        return numbers
    return str(value or "")[:MAX_TEXT]


def _save_one(
    session: Session, principal: Principal, plan_id: int, change: PlanChange, new: object, in_scope: set[int]
) -> object:
    actor = principal.actor
    if change.target == "plan":
        if change.field not in PLAN_TEXT_FIELDS:
            raise ServiceError("Dit veld hoort niet bij een verbeterplan.")
        return plan_repo.save_plan_field(session, plan_id=plan_id, field=change.field, new=new, actor=actor)  # type: ignore[arg-type]
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

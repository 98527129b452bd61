"""Verbeterplannen: draft one from a scan, list them, open one. Editing is in plan_edits.

Who may do what:
- a gemeente drafts and edits plans of its own gemeente, and reads its regio's regional plans;
- the regio drafts and edits regional plans, and reads the plans of its gemeenten.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.agreement import spread_line
from analysis.compare import without
from analysis.deidentify import Words, clean
from analysis.follow_up import FollowUp, gemeente_follow_up, not_comparable, regional_follow_up
from analysis.formatting import long_date
from analysis.scoring import score_round
from analysis.verbeterplan import (
    Draft,
    PlanView,
    StandardFigures,
    gemeente_draft,
    gemeente_figures,
    progress,
    regional_draft,
    regional_figures,
    sections,
)
from domain.access import Principal, Role
from domain.models import Purpose
from domain.plan import (
    ALL_CLUSTERS,
    Plan,
    PlanInfo,
    PlanKind,
    PlanLayout,
)
from questionnaire import Questionnaire
from services import ServiceError
from services.authz import Forbidden, can_write, own_gemeente, require_gemeente, require_regio, require_regional_plan
from services.partners import disagreements_of_rounds
from services.publications import get, latest_with_id, words_of
from store import answers_repo, plan_repo
from store import repository as repo
from store.repository import NotFound
from store.unit_of_work import reading, writing

PLAN_NOT_FOUND = "Dit verbeterplan bestaat niet (meer). Kies een plan uit de lijst."
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=30)


class PlanLists(BaseModel):
    model_config = ConfigDict(frozen=True)

    own: tuple[PlanInfo, ...]  # plans this person may edit
    readable: tuple[tuple[str, PlanInfo], ...]  # (whose, plan) this person may read


# --- drafting ----------------------------------------------------------------------


def create_gemeente_plan(
    engine: Engine,
    principal: Principal,
    *,
    round_id: int,
    clusters: str = ALL_CLUSTERS,
    layout: PlanLayout,
    partners: str = "none",
) -> int:
    """A plan for the round's gemeente, prefilled from the round. A double submit gives the same plan.

    `partners` (when partners answered the round alone first): "none" leaves their views out of the plan (the
    regio can read the plan); "counts" adds where they differed as counts; "roles" names their roles too. A
    partner's name never goes into a plan."""
    if partners not in ("none", "counts", "roles"):
        raise ServiceError("Kies of de verschillen tussen partners in het plan komen.")
    with writing(engine) as session:
        try:
            info = repo.get_round(session, round_id=round_id)
        except NotFound as exc:
            raise ServiceError("Deze ronde bestaat niet (meer). Kies een andere ronde.") from exc
        require_gemeente(principal, gemeente_id=info.gemeente_id, regio_id=info.regio_id, write=True)
        qn = questionnaire.by_version(info.questionnaire_version)
        _check_clusters(qn, clusters)
        result = score_round(qn, answers_repo.load_answers(session, round_id=round_id))
        views = disagreements_of_rounds(session, [round_id]).get(round_id, []) if partners != "none" else []
        who = "roles" if partners == "roles" else "none"
        draft = gemeente_draft(
            qn,
            result,
            gemeente_name=info.gemeente_name,
            held_on=info.held_on,
            purpose_label=info.purpose.short_label,
            clusters=clusters,
            disagreements={q.number: spread_line(q.views, who=who) for q in views if q.disagree},
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
    """A plan for the regio, from its newest publication (the figures as shared); it names no gemeente."""
    if not 0 < min_share <= 1:
        raise ServiceError("Kies een deel van de gemeenten tussen 1% en 100%.")
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    found = latest_with_id(engine, principal, regio_id=regio_id)
    if found is None:
        raise ServiceError(
            "De regio heeft nog geen stand gedeeld. Leg eerst een stand vast op de pagina Regio, bij 'Delen en "
            "downloaden'; het regionale plan gebruikt de cijfers van die stand."
        )
    publication_id, picture = found
    qn = questionnaire.current()
    _check_clusters(qn, clusters)
    day = picture.made_on
    draft = regional_draft(
        qn,
        picture.questions,
        picture.standards,
        regio_name=picture.regio_name,
        gemeenten=picture.gemeenten_counted,
        dates=(day, day),
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
            rounds=[],
            publication_id=publication_id,
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
    publication_id: int | None = None,
) -> int:
    since = repo.now() - DOUBLE_SUBMIT_WINDOW
    same = plan_repo.recent_duplicate(
        session,
        source_round_ids=rounds,
        kind=kind,
        actor=principal.actor,
        since=since,
        publication_id=publication_id,
    )
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
        publication_id=publication_id,
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
        own_id = own_gemeente(principal)
        if own_id is not None:
            if gemeente_id != own_id:
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


def plan_access(principal: Principal, info: PlanInfo, *, write: bool) -> bool:
    """Raises Forbidden when the person may not read (or, with write, change) the plan; returns may-write."""
    if info.kind is PlanKind.GEMEENTE:
        require_gemeente(principal, gemeente_id=info.gemeente_id or 0, regio_id=info.regio_id, write=write)
        return can_write(principal, info.gemeente_id or 0)
    return require_regional_plan(principal, info.regio_id, write=write)


def open_plan(engine: Engine, principal: Principal, *, plan_id: int, shared: bool = False) -> PlanView:
    """A plan as its page shows it; `shared`: as its files show it, a regional plan's texts through the one
    de-identification step of shared text (with the regio's word lists)."""
    with reading(engine) as session:
        try:
            plan = plan_repo.get_plan(session, plan_id=plan_id)
        except NotFound as exc:
            raise ServiceError(PLAN_NOT_FOUND) from exc
        editable = plan_access(principal, plan.info, write=False)
        regio = repo.get_regio(session, regio_id=plan.info.regio_id)
        if plan.info.kind is PlanKind.REGIO:
            subject = regio.name
            if shared:
                names = [g.name for g in repo.list_gemeenten(session, regio_id=regio.id)]
                plan = _deidentified(plan, words_of(regio, names))
        else:
            subject = repo.get_gemeente(session, gemeente_id=plan.info.gemeente_id or 0).name
            rounds = repo.rounds_of_regio(session, regio_id=plan.info.regio_id)
            source = [r for r in rounds if r[0] in plan.info.source_round_ids]
            newer = _newer_rounds(rounds, source)
            answers = answers_repo.answers_of_rounds(session, round_ids=[r[0] for r in source + newer])
    if plan.info.kind is PlanKind.REGIO:
        return _regional_view(engine, principal, plan, subject, editable)
    qn = questionnaire.by_version(source[0][4]) if source else questionnaire.current()
    results = [score_round(questionnaire.by_version(r[4]), answers[r[0]]) for r in source]
    # A newer round of another questionnaire version: a question that cannot be compared says so instead.
    left_out: dict[int, str] = {}
    for r in newer:
        left_out |= questionnaire.comparability(qn, questionnaire.by_version(r[4]))
    newer_results = [score_round(questionnaire.by_version(r[4]), without(answers[r[0]], left_out)) for r in newer]
    follow_up = None
    figures = gemeente_figures(qn, results[0] if results else score_round(qn, []))
    based_on = _round_words(source[0]) if source else "een ronde die niet meer bestaat"
    if newer:
        follow_up = gemeente_follow_up(newer_results[0], f"Nieuwere ronde: {_round_words(newer[0])}")
    if follow_up is not None and left_out:
        follow_up = not_comparable(follow_up, left_out)
    return _view(plan, subject, based_on, qn, figures, follow_up, editable)


ACTION_TEXTS = ("measure", "current_state", "description", "intended_result", "owner", "planning")


def _deidentified(plan: Plan, words: Words) -> Plan:
    """A regional plan as it leaves the regio team: every text through the de-identification of shared text."""
    actions = tuple(a.model_copy(update={f: clean(getattr(a, f), words) for f in ACTION_TEXTS}) for a in plan.actions)
    info = plan.info.model_copy(
        update={"title": clean(plan.info.title, words), "period": clean(plan.info.period, words)}
    )
    return plan.model_copy(
        update={
            "info": info,
            "texts": {k: clean(v, words) for k, v in plan.texts.items()},
            "keep_notes": {k: clean(v, words) for k, v in plan.keep_notes.items()},
            "actions": actions,
        }
    )


def _view(
    plan: Plan,
    subject: str,
    based_on: str,
    qn: Questionnaire,
    figures: Sequence[StandardFigures],
    follow_up: FollowUp | None,
    editable: bool,
) -> PlanView:
    """The plan as its page and documents show it: its clusters from the figures it rests on."""
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


def _regional_view(engine: Engine, principal: Principal, plan: Plan, subject: str, editable: bool) -> PlanView:
    """A regional plan shows the figures of the publication it was drafted from, and how its questions stand in
    the regio's newest publication: only what the regio shared, so every reader sees the same."""
    qn = questionnaire.current()
    newest = latest_with_id(engine, principal, regio_id=plan.info.regio_id)
    source = None
    if plan.info.publication_id is not None:
        source = get(engine, principal, publication_id=plan.info.publication_id)
    elif newest is not None:  # a plan from before publications: the newest shared figures
        source = newest[1]
    if source is None:
        figures = regional_figures(qn, [], [])
        based_on = "geen gedeelde stand"
    else:
        figures = regional_figures(qn, source.questions, source.standards)
        based_on = f"de stand van de regio van {long_date(source.made_on)} ({source.gemeenten_counted} gemeenten)"
    follow_up = None
    if newest is not None and source is not None and newest[0] != plan.info.publication_id and newest[1] != source:
        follow_up = regional_follow_up(
            newest[1].questions, f"Nieuwere stand van de regio: {long_date(newest[1].made_on)}"
        )
    return _view(plan, subject, based_on, qn, figures, follow_up, editable)


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

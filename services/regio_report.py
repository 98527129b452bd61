"""The regio's whole picture: which round counts per gemeente, and every regional figure."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

import questionnaire
from analysis.compare import without
from analysis.regional import (
    Highlights,
    QuestionXY,
    StandardAverage,
    StandardXY,
    highlights,
    questions_xy,
    regional_average,
    standards_xy,
)
from analysis.results import RoundResult
from analysis.scoring import score_round
from domain.access import Principal, Role
from domain.models import Gemeente, Purpose, Regio, RoundSummary
from services import ServiceError
from services.authz import require_regio
from services.extra_questions import regional_extras
from services.scan import round_summaries
from store import answers_repo, version_repo
from store import repository as repo
from store.unit_of_work import reading


class GemeenteResult(BaseModel):
    """One gemeente with the round that counts (None: no round in the chosen period)."""

    model_config = ConfigDict(frozen=True)

    gemeente_id: int
    gemeente_name: str
    round_id: int | None = None
    held_on: date | None = None
    purpose: Purpose | None = None
    result: RoundResult | None = None
    version: str | None = None  # the questionnaire version of the round


class Toelichting(BaseModel):
    model_config = ConfigDict(frozen=True)

    standard: int
    question_number: int
    gemeente_name: str
    op_orde: bool | None
    text: str


class RegioReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    regio: Regio
    period: tuple[date, date] | None
    gemeenten: tuple[GemeenteResult, ...]
    average: tuple[StandardAverage, ...]
    questions: tuple[QuestionXY, ...]
    standards: tuple[StandardXY, ...]
    highlights: Highlights
    toelichtingen: tuple[Toelichting, ...]
    extras: tuple[QuestionXY, ...] = ()  # the regio's own questions: their own table, never in the figures above
    left_out: tuple[str, ...] = ()  # questions of rounds of another version that do not count, and why

    @property
    def counted(self) -> list[GemeenteResult]:
        return [g for g in self.gemeenten if g.result is not None]


def regio_report(
    engine: Engine,
    principal: Principal,
    *,
    regio_id: int,
    period: tuple[date, date] | None = None,
    purpose: Purpose | None = None,
    only_gemeenten: set[int] | None = None,
    chosen_rounds: dict[int, int] | None = None,
) -> RegioReport:
    """Per gemeente its latest round with answers (within the period, of the purpose, when given), or
    the round the regio chose for it in `chosen_rounds` (gemeente id -> round id), and the regional
    figures. A round without any answer never counts."""
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    if period is not None and period[0] > period[1]:
        raise ServiceError("De begindatum ligt na de einddatum. Kies een andere periode.")
    with reading(engine) as session:
        try:
            regio = repo.get_regio(session, regio_id=regio_id)
        except repo.NotFound as exc:
            raise ServiceError("Deze regio bestaat niet (meer).") from exc
        gemeenten = repo.list_gemeenten(session, regio_id=regio_id)
        if only_gemeenten is not None:
            gemeenten = [g for g in gemeenten if g.id in only_gemeenten]
        chosen: dict[int, tuple[int, date, str, str]] = {}
        for round_id, gemeente_id, held_on, purpose_value, version in repo.rounds_of_regio(session, regio_id=regio_id):
            in_period = period is None or period[0] <= held_on <= period[1]
            fits = in_period and (purpose is None or purpose.value == purpose_value)
            if fits and gemeente_id not in chosen:  # newest first, so the first one counts
                chosen[gemeente_id] = (round_id, held_on, purpose_value, version)
        by_id = {r[0]: r for r in repo.rounds_of_regio(session, regio_id=regio_id)}
        for gemeente_id, round_id in (chosen_rounds or {}).items():
            row = by_id.get(round_id)
            if row is None or row[1] != gemeente_id:
                raise ServiceError(
                    "Deze ronde bestaat niet, hoort bij een andere gemeente of heeft nog geen antwoorden."
                )
            chosen[gemeente_id] = (row[0], row[2], row[3], row[4])
        answers = answers_repo.answers_of_rounds(session, round_ids=[c[0] for c in chosen.values()])
        extras = regional_extras(
            session, regio_id=regio_id, round_ids=[c[0] for c in chosen.values()], min_gemeenten=regio.min_gemeenten
        )
        reference = questionnaire.by_version(version_repo.version_for_new_round(session, regio_id=regio_id))
    rows, comparable, skipped = [], [], {}  # type: ignore[var-annotated]
    for gemeente in gemeenten:
        if gemeente.id not in chosen:
            rows.append(GemeenteResult(gemeente_id=gemeente.id, gemeente_name=gemeente.name))
            continue
        round_id, held_on, purpose_value, version = chosen[gemeente.id]
        qn = questionnaire.by_version(version)
        rows.append(
            GemeenteResult(
                gemeente_id=gemeente.id,
                gemeente_name=gemeente.name,
                round_id=round_id,
                held_on=held_on,
                purpose=Purpose(purpose_value),
                result=score_round(qn, answers[round_id]),
                version=version,
            )
        )
        left = questionnaire.comparability(qn, reference)
        comparable.append(score_round(qn, without(answers[round_id], left)))
        for number, reason in left.items():
            skipped.setdefault((number, version, reason), []).append(gemeente.name)
    results = comparable
    left_out = tuple(
        f"Vraag {number} van {len(names)} {'gemeente' if len(names) == 1 else 'gemeenten'} (versie {version}) telt "
        f"niet mee in de cijfers van de regio: {reason}"
        for (number, version, reason), names in sorted(skipped.items())
    )
    minimum = regio.min_gemeenten
    return RegioReport(
        regio=regio,
        period=period,
        gemeenten=tuple(rows),
        average=tuple(regional_average(results)),
        questions=tuple(questions_xy(results, minimum)),
        standards=tuple(standards_xy(results, minimum)),
        highlights=highlights(results, minimum),
        toelichtingen=tuple(_toelichtingen(rows)),
        extras=tuple(extras),
        left_out=left_out,
    )


def _toelichtingen(rows: list[GemeenteResult]) -> list[Toelichting]:
    found = []
    for row in rows:
        if row.result is None:
            continue
        for q in row.result.questions:
            if q.toelichting.strip():
                found.append(
                    Toelichting(
                        standard=q.standard,
                        question_number=q.number,
                        gemeente_name=row.gemeente_name,
                        op_orde=None if q.value is None else q.value.value == "op_orde",
                        text=q.toelichting,
                    )
                )
    return sorted(found, key=lambda t: (t.standard, t.question_number, t.gemeente_name))


def regio_rounds(engine: Engine, principal: Principal, *, regio_id: int) -> list[tuple[Gemeente, list[RoundSummary]]]:
    """Every gemeente of the regio with all its rounds and their progress."""
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    with reading(engine) as session:
        gemeenten = repo.list_gemeenten(session, regio_id=regio_id)
        rounds = repo.rounds_of_regio(session, regio_id=regio_id, counting_only=False)  # newest first
        summaries = {s.id: s for s in round_summaries(session, [r[0] for r in rounds])}
    per_gemeente: dict[int, list[RoundSummary]] = {g.id: [] for g in gemeenten}
    for round_id, gemeente_id, *_ in rounds:
        per_gemeente[gemeente_id].append(summaries[round_id])
    return [(g, per_gemeente[g.id]) for g in gemeenten]


def compare_moments(
    engine: Engine, principal: Principal, *, regio_id: int, first: Purpose, second: Purpose
) -> tuple[RegioReport, RegioReport]:
    """Two reports over the same gemeenten: only those with a round of both kinds count."""
    before = regio_report(engine, principal, regio_id=regio_id, purpose=first)
    after = regio_report(engine, principal, regio_id=regio_id, purpose=second)
    both = {g.gemeente_id for g in before.counted} & {g.gemeente_id for g in after.counted}
    return (
        regio_report(engine, principal, regio_id=regio_id, purpose=first, only_gemeenten=both),
        regio_report(engine, principal, regio_id=regio_id, purpose=second, only_gemeenten=both),
    )

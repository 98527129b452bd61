"""The regional picture, computed once: which round counts per gemeente, and every regional figure.

This is the one place that reads the rounds of a regio and turns them into regional figures. The regio
team reads them exactly (the Regio page, Vergelijken); everything for other readers is a publication made
from this picture by `services/publications.py` (through `analysis/picture.py` and the disclosure rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.compare import without
from analysis.picture import CountingRule, fingerprint, rounds_that_count, selection_words
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
from domain.answers import Answer, AnswerValue
from domain.models import ExtraQuestion, Gemeente, Purpose, Regio, RoundRow, RoundSummary
from services import ServiceError
from services.authz import require_regio
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
    result: RoundResult | None = None  # every question of the round, as answered
    version: str | None = None  # the questionnaire version of the round
    complete: bool = False
    fingerprint: str = ""  # what its figures rest on (the counted answers and texts), for differencing


class Toelichting(BaseModel):
    model_config = ConfigDict(frozen=True)

    standard: int
    question_number: int
    gemeente_name: str
    op_orde: bool | None
    text: str


class RegioReport(BaseModel):
    """The exact regional picture for the regio team (gemeenten named). Never handed to another reader."""

    model_config = ConfigDict(frozen=True)

    regio: Regio
    period: tuple[date, date] | None
    selection: str  # which rounds count, in words
    gemeenten: tuple[GemeenteResult, ...]
    results: tuple[RoundResult, ...]  # the counted rounds as they count (questions of another version left out)
    average: tuple[StandardAverage, ...]
    questions: tuple[QuestionXY, ...]
    standards: tuple[StandardXY, ...]
    highlights: Highlights
    toelichtingen: tuple[Toelichting, ...]
    extras: tuple[QuestionXY, ...] = ()  # the regio's own questions: their own table, never in the figures above
    left_out: tuple[str, ...] = ()  # questions of rounds of another version that do not count, and why
    chosen: tuple[tuple[int, int], ...] = ()  # (gemeente, round) the regio picked itself

    @property
    def counted(self) -> list[GemeenteResult]:
        return [g for g in self.gemeenten if g.result is not None]


def counting_rows(session: Session, *, regio_id: int) -> list[RoundRow]:
    """The regio's rounds with answers, each with the size of its questionnaire version."""
    rows = repo.counting_rows(session, regio_id=regio_id)
    sizes = {v: len(questionnaire.by_version(v).questions) for v in {r.version for r in rows}}
    return [r.model_copy(update={"total": sizes[r.version]}) for r in rows]


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
    """Per gemeente the round that counts by the regio's rule (within the period, of the purpose, when
    given), or the round the regio chose for it in `chosen_rounds` (gemeente id -> round id), and the
    regional figures. A round without any answer never counts."""
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    with reading(engine) as session:
        return report_in(
            session,
            regio_id=regio_id,
            period=period,
            purpose=purpose,
            only_gemeenten=only_gemeenten,
            chosen_rounds=chosen_rounds or {},
        )


def report_in(
    session: Session,
    *,
    regio_id: int,
    period: tuple[date, date] | None,
    purpose: Purpose | None,
    only_gemeenten: set[int] | None,
    chosen_rounds: dict[int, int],
) -> RegioReport:
    """The regio's figures within an open unit of work (the caller has checked who may): `regio_report` and the
    making of a publication (`services/publications.py`) both compute them here."""
    if period is not None and period[0] > period[1]:
        raise ServiceError("De begindatum ligt na de einddatum. Kies een andere periode.")
    try:
        regio = repo.get_regio(session, regio_id=regio_id)
    except repo.NotFound as exc:
        raise ServiceError("Deze regio bestaat niet (meer).") from exc
    gemeenten = repo.list_gemeenten(session, regio_id=regio_id)
    if only_gemeenten is not None:
        gemeenten = [g for g in gemeenten if g.id in only_gemeenten]
    rows = counting_rows(session, regio_id=regio_id)
    by_id = {r.round_id: r for r in rows}
    for gemeente_id, round_id in chosen_rounds.items():
        if round_id not in by_id or by_id[round_id].gemeente_id != gemeente_id:
            raise ServiceError("Deze ronde bestaat niet, hoort bij een andere gemeente of heeft nog geen antwoorden.")
    rule = CountingRule(regio.counting_rule)
    chosen = rounds_that_count(
        rows, rule, period=period, purpose=purpose.value if purpose else None, chosen=chosen_rounds
    )
    round_ids = [c.round_id for c in chosen.values()]
    answers = answers_repo.answers_of_rounds(session, round_ids=round_ids)
    extra_answers = version_repo.extra_answers(session, round_ids=round_ids)
    extra_questions = version_repo.extra_questions(session, regio_id=regio_id, with_removed=True)
    reference = questionnaire.by_version(version_repo.version_for_new_round(session, regio_id=regio_id))
    gemeente_rows: list[GemeenteResult] = []
    comparable: list[RoundResult] = []
    skipped: dict[tuple[int, str, str], list[str]] = {}
    counted_ids: list[int] = []
    for gemeente in gemeenten:
        row = chosen.get(gemeente.id)
        if row is None:
            gemeente_rows.append(GemeenteResult(gemeente_id=gemeente.id, gemeente_name=gemeente.name))
            continue
        qn = questionnaire.by_version(row.version)
        left = questionnaire.comparability(qn, reference)
        counting = without(answers[row.round_id], left)
        extras = extra_answers.get(row.round_id, {})
        gemeente_rows.append(
            GemeenteResult(
                gemeente_id=gemeente.id,
                gemeente_name=gemeente.name,
                round_id=row.round_id,
                held_on=row.held_on,
                purpose=Purpose(row.purpose),
                result=score_round(qn, answers[row.round_id]),
                version=row.version,
                complete=row.complete,
                fingerprint=_fingerprint(row.round_id, counting, extras),
            )
        )
        comparable.append(score_round(qn, counting))
        counted_ids.append(row.round_id)
        for number, reason in left.items():
            skipped.setdefault((number, row.version, reason), []).append(gemeente.name)
    left_out = tuple(
        f"Vraag {number} van {len(names)} {'gemeente' if len(names) == 1 else 'gemeenten'} (versie {version}) telt "
        f"niet mee in de cijfers van de regio: {reason}"
        for (number, version, reason), names in sorted(skipped.items())
    )
    return RegioReport(
        regio=regio,
        period=period,
        selection=selection_words(rule, period, purpose.value if purpose else None, chosen_rounds),
        gemeenten=tuple(gemeente_rows),
        results=tuple(comparable),
        average=tuple(regional_average(comparable)),
        questions=tuple(questions_xy(comparable)),
        standards=tuple(standards_xy(comparable)),
        highlights=highlights(comparable),
        toelichtingen=tuple(_toelichtingen(gemeente_rows)),
        extras=tuple(_extras(extra_questions, [extra_answers.get(i, {}) for i in counted_ids])),
        left_out=left_out,
        chosen=tuple(sorted(chosen_rounds.items())),
    )


def _fingerprint(round_id: int, counting: list[Answer], extras: dict[int, Answer]) -> str:
    answers = sorted((a.question_number, a.value, a.toelichting) for a in counting)
    extra = sorted((k, a.value, a.toelichting) for k, a in extras.items())
    return fingerprint(round_id, answers, extra)


def _extras(extra_questions: Sequence[ExtraQuestion], per_round: list[dict[int, Answer]]) -> list[QuestionXY]:
    """Per extra question: x of y counted gemeenten op orde."""
    found = []
    for extra in extra_questions:
        values = [a[extra.id].value for a in per_round if extra.id in a and a[extra.id].value is not None]
        if extra.removed and not values:
            continue
        found.append(
            QuestionXY(
                number=extra.number,
                standard=extra.standard,
                text=extra.text,
                x=sum(1 for v in values if v is AnswerValue.OP_ORDE),
                y=len(values),
            )
        )
    return found


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


class Comparison(BaseModel):
    """Two moments over the same gemeenten, per question only the gemeenten that answered it both times."""

    model_config = ConfigDict(frozen=True)

    before: RegioReport
    after: RegioReport
    questions: tuple[tuple[int, str, QuestionXY, QuestionXY], ...]  # number, text, paired before and after
    average: tuple[tuple[int, StandardAverage, StandardAverage], ...]  # per standard, paired gemeenten only
    left: tuple[str, ...] = ()  # what was left out of the comparison, and why


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


def paired(before: RegioReport, after: RegioReport) -> Comparison:
    """Like with like: per question only the gemeenten that answered it in both moments, per standard only
    the gemeenten with a share in both; and what was left out, in words."""
    first = {g.gemeente_id: g for g in before.counted}
    second = {g.gemeente_id: g for g in after.counted}
    both = sorted(set(first) & set(second))
    pairs = [(_counted(before, first[g]), _counted(after, second[g])) for g in both]
    questions = []
    unequal = []
    for q in before.questions:
        a_values, b_values = [], []
        for a, b in pairs:
            va, vb = _value(a, q.number), _value(b, q.number)
            if va is not None and vb is not None:
                a_values.append(va)
                b_values.append(vb)
        answered = sum(1 for a, b in pairs if (_value(a, q.number) is None) != (_value(b, q.number) is None))
        if answered:
            unequal.append(q.number)
        questions.append(
            (
                q.number,
                q.text,
                _xy(q, a_values),
                _xy(q, b_values),
            )
        )
    average = []
    for s in before.average:
        shares = [
            (x.share, y.share)
            for a, b in pairs
            for x in a.standards
            for y in b.standards
            if x.number == s.number == y.number and x.share is not None and y.share is not None
        ]
        average.append(
            (
                s.number,
                _mean(s, [x for x, _ in shares]),
                _mean(s, [y for _, y in shares]),
            )
        )
    left: tuple[str, ...] = ()
    if unequal:
        numbers = ", ".join(str(n) for n in unequal[:10]) + (" en meer" if len(unequal) > 10 else "")
        left = (
            "Per vraag tellen alleen gemeenten die de vraag op beide momenten beantwoordden. Bij vraag "
            f"{numbers} had minstens één gemeente de vraag op één moment nog niet beantwoord; die gemeente telt "
            "daar niet mee.",
        )
    return Comparison(before=before, after=after, questions=tuple(questions), average=tuple(average), left=left)


def _counted(report: RegioReport, gemeente: GemeenteResult) -> RoundResult:
    index = [g.gemeente_id for g in report.counted].index(gemeente.gemeente_id)
    return report.results[index]


def _value(result: RoundResult, number: int) -> AnswerValue | None:
    return next((q.value for q in result.questions if q.number == number), None)


def _xy(q: QuestionXY, values: list[AnswerValue]) -> QuestionXY:
    return q.model_copy(update={"x": sum(1 for v in values if v is AnswerValue.OP_ORDE), "y": len(values)})


def _mean(s: StandardAverage, shares: list[float]) -> StandardAverage:
    return s.model_copy(update={"mean_share": sum(shares) / len(shares) if shares else None, "gemeenten": len(shares)})

"""The report of one gemeente's round, for the gemeente itself and for the regio.

It holds the gemeente's spinnenweb over the regio's average (only when the regio lets
gemeenten see the average, or for the regio itself), its questions niet op orde with their
toelichting, what changed since its previous round, and how its plans progress.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

import questionnaire
from analysis.compare import QuestionChange, gemeente_changes
from analysis.indicators import IndicatorLine
from analysis.picture import SharedPicture
from analysis.results import RoundResult
from analysis.verbeterplan import ClusterProgress
from domain.access import Principal
from domain.calendar import dutch_today
from domain.models import RoundInfo
from exports.pdf_writer import html_to_pdf
from exports.report_html import ReportPlan, gemeente_report_html
from services.authz import require_team
from services.indicators import gemeente_lines
from services.plans import list_plans, open_plan
from services.publications import gemeente_average
from services.scan import list_rounds, open_scan
from services.workbooks import file_slug


class GemeenteReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    info: RoundInfo
    result: RoundResult
    average: SharedPicture | None  # the regio's newest publication, when this reader may set it beside
    previous: RoundInfo | None
    changes: tuple[QuestionChange, ...]  # only the questions whose answer changed (answered in both rounds)
    unanswered: int = 0  # questions not answered in one of the two rounds: not compared
    plans: tuple[ReportPlan, ...]
    indicators: tuple[IndicatorLine, ...] = ()
    extras: tuple[tuple[str, str, str], ...] = ()  # the regio's own questions: (text, answer, toelichting)


def gemeente_report(engine: Engine, principal: Principal, *, round_id: int) -> GemeenteReport:
    require_team(principal)
    snapshot = open_scan(engine, principal, round_id=round_id)  # checks who may read the round
    info = snapshot.info
    earlier = [
        r
        for r in list_rounds(engine, principal, gemeente_id=info.gemeente_id)
        if (r.held_on, r.id) < (info.held_on, info.id) and r.answered
    ]
    previous, unanswered = None, 0
    changes: tuple[QuestionChange, ...] = ()
    if earlier:
        before = open_scan(engine, principal, round_id=max(earlier, key=lambda r: (r.held_on, r.id)).id)
        previous = before.info
        left_out = questionnaire.comparability(before.questionnaire, snapshot.questionnaire)
        compared = gemeente_changes(before.result, snapshot.result, left_out)
        changes = tuple(c for c in compared if c.changed)
        unanswered = sum(1 for c in compared if c.unanswered)
    plans = []
    lists = list_plans(engine, principal, regio_id=info.regio_id, gemeente_id=info.gemeente_id)
    for plan in [*lists.own, *(p for _, p in lists.readable)]:
        if plan.gemeente_id != info.gemeente_id:
            continue
        view = open_plan(engine, principal, plan_id=plan.id)
        plans.append(ReportPlan(title=plan.title, period=plan.period, progress=_progress(view.progress)))
    return GemeenteReport(
        info=info,
        result=snapshot.result,
        average=gemeente_average(engine, principal, regio_id=info.regio_id),
        previous=previous,
        changes=changes,
        unanswered=unanswered,
        plans=tuple(plans),
        indicators=gemeente_lines(engine, principal, gemeente_id=info.gemeente_id),
        extras=tuple(
            (
                q.text,
                a.value.label if (a := snapshot.extra_answers.get(q.number)) and a.value else "niet beantwoord",
                a.toelichting if a else "",
            )
            for q in snapshot.extra_questions
        ),
    )


def _progress(progress: tuple[ClusterProgress, ...]) -> tuple[ClusterProgress, ...]:
    return tuple(p for p in progress if p.total)


def report_file_name(gemeente_name: str, held_on: date) -> str:
    return f"verslag-zelfscan-{file_slug(gemeente_name)}-{held_on.isoformat()}.pdf"


def gemeente_report_pdf(
    engine: Engine, principal: Principal, *, round_id: int, today: date | None = None
) -> tuple[str, bytes]:
    report = gemeente_report(engine, principal, round_id=round_id)
    html = gemeente_report_html(
        report.info,
        report.result,
        average=report.average.standards if report.average else None,
        previous=report.previous,
        changes=report.changes,
        unanswered=report.unanswered,
        plans=report.plans,
        made_on=today or dutch_today(),
        indicators=report.indicators,
        extras=report.extras,
    )
    return report_file_name(report.info.gemeente_name, report.info.held_on), html_to_pdf(html)

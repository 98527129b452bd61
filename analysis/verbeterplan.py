"""What a verbeterplan says: the first draft from a scan, its sections per cluster, its progress.

A gemeente's plan rests on one of its rounds; the regio's plan on the latest round of
each gemeente, shown only as "x van y gemeenten", so it names no gemeente.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from analysis.follow_up import FollowUp
from analysis.formatting import long_date, percent
from analysis.picture import SharedQuestion, SharedStandard
from analysis.results import RoundResult, StandardStatus
from domain.answers import AnswerValue
from domain.plan import ALL_CLUSTERS, ActionLevel, ActionStatus, Plan, PlanAction
from questionnaire import Questionnaire, Standard


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class DraftAction(_Model):
    standard: int
    question_numbers: tuple[int, ...]
    measure: str
    current_state: str
    level: ActionLevel


class Draft(_Model):
    texts: dict[str, str]
    actions: tuple[DraftAction, ...]


class StandardFigures(_Model):
    """What the plan says about the score of one standard."""

    number: int
    short_name: str
    description: str
    cluster: str
    score_line: str
    share: float | None  # for the spinnenweb: share op orde (regio: the mean over gemeenten)
    fully_op_orde: bool
    gaps: tuple[str, ...]  # the questions niet op orde, one line each
    complete: bool = True  # every question of the standard answered (a gemeente's plan)


class StandardSection(_Model):
    figures: StandardFigures
    actions: tuple[PlanAction, ...]
    keep_note: str


class ClusterSection(_Model):
    code: str
    name: str
    standards: tuple[StandardSection, ...]

    @property
    def actions(self) -> list[PlanAction]:
        return [a for s in self.standards for a in s.actions]


class ClusterProgress(_Model):
    code: str
    name: str
    counts: dict[ActionStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_share(self) -> float | None:
        """Share gereed of the actions that still count (vervallen ones do not)."""
        counting = self.total - self.counts[ActionStatus.VERVALLEN]
        return self.counts[ActionStatus.GEREED] / counting if counting else None


class PlanView(_Model):
    """Everything a page or a file needs to show one plan."""

    plan: Plan
    subject: str  # the gemeente's name, or the regio's name for a regional plan
    based_on: str  # which round(s) the plan rests on, in words
    figures: tuple[StandardFigures, ...]
    clusters: tuple[ClusterSection, ...]
    progress: tuple[ClusterProgress, ...]
    follow_up: FollowUp | None
    editable: bool
    questionnaire: Questionnaire


def standards_in_scope(qn: Questionnaire, clusters: str) -> list[Standard]:
    return [s for s in qn.standards if clusters in (ALL_CLUSTERS, s.cluster)]


def scope_label(qn: Questionnaire, clusters: str) -> str:
    if clusters == ALL_CLUSTERS:
        return "alle standaarden"
    return f"cluster {clusters}: {qn.cluster(clusters).name}"


# --- drafts ------------------------------------------------------------------------


def gemeente_draft(
    qn: Questionnaire,
    result: RoundResult,
    *,
    gemeente_name: str,
    held_on: date,
    purpose_label: str,
    clusters: str,
    disagreements: Mapping[int, str] | None = None,
) -> Draft:
    """Texts the app can fill in, and a row for every question niet op orde in scope.

    `disagreements` (question -> how the partners answered, when they answered alone first and
    differed): such a question gets a row of its own ("we zien dit verschillend") when it is not
    already niet op orde, and its row says how the partners saw it when it is."""
    scope = {s.number for s in standards_in_scope(qn, clusters)}
    differ = dict(disagreements or {})
    niet = {q.number for q in result.niet_op_orde_questions}
    rows = []
    for q in result.questions:
        if q.standard not in scope or (q.number not in niet and q.number not in differ):
            continue
        state = q.toelichting.strip()
        if q.number in differ:
            seen = f"De partners antwoordden verschillend: {differ[q.number]}."
            state = f"{seen}\n{state}" if state else seen
        topic = qn.questions_by_number[q.number].topic
        rows.append(
            DraftAction(
                standard=q.standard,
                question_numbers=(q.number,),
                measure=topic if q.number in niet else f"We zien dit verschillend: {topic}",
                current_state=state,
                level=ActionLevel.LOKAAL,
            )
        )
    actions = tuple(rows)
    texts = {
        "title": f"Verbeterplan Werken aan veiligheid {gemeente_name}",
        "period": f"{held_on.year}–{held_on.year + 2}",
        "introduction": (
            f"Dit verbeterplan is gemaakt na de zelfscan Werken aan veiligheid van {gemeente_name} "
            f"op {long_date(held_on)} ({purpose_label.lower()}). In de zelfscan is bij {len(qn.questions)} vragen "
            f"over {len(qn.standards)} kwaliteitsstandaarden nagegaan of het op orde is. "
            f"Dit plan gaat over {scope_label(qn, clusters)}. Per standaard staat hieronder de score, "
            "wat niet op orde is en wat we daaraan gaan doen."
        ),
        "context": _CONTEXT_TEMPLATE,
        "summary": _gemeente_summary(qn, result, scope),
    }
    return Draft(texts=texts, actions=actions)


def regional_draft(
    qn: Questionnaire,
    questions: Sequence[SharedQuestion],
    standards: Sequence[SharedStandard],
    *,
    regio_name: str,
    gemeenten: int,
    dates: tuple[date, date],
    min_share: float,
    clusters: str,
) -> Draft:
    """Rows for the questions niet op orde in at least `min_share` of the gemeenten, as x van y (as shared: a
    figure in words counts by its lowest possible value, a withheld figure not at all)."""
    scope = {s.number for s in standards_in_scope(qn, clusters)}
    chosen = [q for q in questions if q.standard in scope and _niet_share(q) >= min_share]
    actions = tuple(
        DraftAction(
            standard=q.standard,
            question_numbers=(q.number,),
            measure=qn.questions_by_number[q.number].topic,
            current_state=f"Niet op orde bij {q.op_orde.complement().of()}.",
            level=ActionLevel.REGIONAAL,
        )
        for q in chosen
    )
    first, last = dates
    when = long_date(first) if first == last else f"{long_date(first)} tot en met {long_date(last)}"
    texts = {
        "title": f"Regionaal verbeterplan Werken aan veiligheid {regio_name}",
        "period": f"{last.year}–{last.year + 2}",
        "introduction": (
            f"Dit regionale verbeterplan is gemaakt na de zelfscans van {gemeenten} gemeenten in de regio "
            f"({when}). De cijfers komen uit de stand die de regio deelde, en noemen geen gemeenten: ze staan "
            f"als 'x van y gemeenten'. Een vraag staat in dit plan als hij bij ten minste {percent(min_share)} "
            f"van de gemeenten niet op orde is. Dit plan gaat over {scope_label(qn, clusters)}."
        ),
        "context": _CONTEXT_TEMPLATE,
        "summary": _regional_summary(chosen, standards, scope, gemeenten),
    }
    return Draft(texts=texts, actions=actions)


_CONTEXT_TEMPLATE = (
    "Regionale visie en uitgangspunten:\n\n"
    "Lokale uitgangspunten en afspraken:\n\n"
    "Belangrijkste punten uit de regiobrede scan:\n"
)


def _gemeente_summary(qn: Questionnaire, result: RoundResult, scope: set[int]) -> str:
    scores = [s for s in result.standards if s.number in scope]
    answered = sum(s.answered for s in scores)
    op_orde = sum(s.op_orde for s in scores)
    lines = [
        f"Van de {answered} beantwoorde vragen zijn er {op_orde} op orde en {answered - op_orde} niet op orde."
        if answered != 1
        else f"Er is 1 vraag beantwoord; die is {'op orde' if op_orde else 'niet op orde'}."
    ]
    open_questions = sum(s.question_count - s.answered for s in scores)
    if open_questions:
        lines.append(f"{open_questions} vragen zijn nog niet beantwoord; die tellen niet mee.")
    whole = [f"{s.number} ({s.short_name})" for s in scores if s.whole_standard_op_orde]
    if whole:
        lines.append("Helemaal op orde: standaard " + _join(whole) + ".")
    lowest = sorted((s for s in scores if s.share is not None and s.share < 1), key=lambda s: (s.share, s.number))[:3]
    if lowest:
        lines.append(
            "De laagste scores: "
            + _join(
                [f"standaard {s.number} ({s.short_name}, {s.op_orde} van {s.question_count} op orde)" for s in lowest]
            )
            + "."
        )
    lines.append("De voorgestelde maatregelen staan per cluster in de tabellen hieronder.")
    return " ".join(lines)


def _regional_summary(
    chosen: list[SharedQuestion], standards: Sequence[SharedStandard], scope: set[int], n: int
) -> str:
    lines = [f"{n} gemeenten hebben de zelfscan ingevuld."]
    shown = [s for s in standards if s.number in scope and s.mean.value is not None]
    lowest = sorted(shown, key=lambda s: (s.mean.value, s.number))[:3]
    if lowest:
        lines.append(
            "Gemiddeld het laagst: "
            + _join([f"standaard {s.number} ({s.name}, {s.mean.text()} op orde)" for s in lowest])
            + "."
        )
    if chosen:
        worst = sorted(chosen, key=lambda q: (-_niet_share(q), q.number))[:3]
        lines.append(
            "Het vaakst niet op orde: "
            + _join([f"vraag {q.number} ({q.op_orde.complement().of()})" for q in worst])
            + "."
        )
    else:
        lines.append("Geen vraag is bij het gekozen deel van de gemeenten niet op orde.")
    lines.append("De voorgestelde maatregelen staan per cluster in de tabellen hieronder.")
    return " ".join(lines)


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _niet_share(q: SharedQuestion) -> float:
    """The lowest share of gemeenten that can have the question niet op orde, as shared (0 when withheld)."""
    niet = q.op_orde.complement()
    return (niet.low or 0) / niet.y if niet.low is not None and niet.y else 0.0


# --- figures per standard ----------------------------------------------------------


def gemeente_figures(qn: Questionnaire, result: RoundResult) -> list[StandardFigures]:
    figures = []
    for score in result.standards:
        standard = qn.standards_by_number[score.number]
        line = f"{score.op_orde} van de {score.answered} beantwoorde vragen op orde."
        if score.status in (StandardStatus.ONVOLLEDIG, StandardStatus.NIET_BEANTWOORD):
            line += f" Nog niet beantwoord: {score.question_count - score.answered}."
        gaps = tuple(
            f"Vraag {q.number}. {qn.questions_by_number[q.number].topic}"
            for q in result.questions
            if q.standard == score.number and q.value is AnswerValue.NIET_OP_ORDE
        )
        figures.append(
            _figures(standard, line, score.share, score.whole_standard_op_orde, gaps).model_copy(
                update={"complete": score.complete}
            )
        )
    return figures


def regional_figures(
    qn: Questionnaire, questions: Sequence[SharedQuestion], standards: Sequence[SharedStandard]
) -> list[StandardFigures]:
    """Per standard the figures as shared (a publication): in words where the rules say so."""
    figures = []
    for shared in standards:
        standard = qn.standards_by_number[shared.number]
        if shared.whole.withheld and shared.mean.withheld:
            line, share, whole = "Geen cijfer: dat zou te veel zeggen over afzonderlijke gemeenten.", None, False
        else:
            line = f"{shared.whole.of()} hebben deze standaard helemaal op orde."
            if shared.whole.withheld:
                line = "Hoeveel gemeenten deze standaard helemaal op orde hebben, tonen we niet."
            if shared.mean.value is not None:
                line += f" Gemiddeld is {shared.mean.text()} van de beantwoorde vragen op orde."
            share, whole = shared.mean.value, shared.whole.exact and shared.whole.x == shared.whole.y
        gaps = tuple(
            f"Vraag {q.number}. {qn.questions_by_number[q.number].topic}: niet op orde bij "
            f"{q.op_orde.complement().of()}"
            for q in questions
            if q.standard == shared.number and not q.op_orde.withheld and (q.op_orde.complement().high or 0) > 0
        )
        figures.append(_figures(standard, line[0].upper() + line[1:], share, whole, gaps))
    return figures


def _figures(standard: Standard, line: str, share: float | None, whole: bool, gaps: tuple[str, ...]) -> StandardFigures:
    return StandardFigures(
        number=standard.number,
        short_name=standard.short_name,
        description=standard.description,
        cluster=standard.cluster,
        score_line=line,
        share=share,
        fully_op_orde=whole,
        gaps=gaps,
    )


# --- the plan as sections, its progress and its follow-up --------------------------


def sections(qn: Questionnaire, plan: Plan, figures: Sequence[StandardFigures]) -> list[ClusterSection]:
    """The clusters in scope, each with its standards, their figures, rows and notes."""
    by_number = {f.number: f for f in figures}
    in_scope = standards_in_scope(qn, plan.info.clusters)
    result = []
    for cluster in qn.clusters:
        standards = [s for s in in_scope if s.cluster == cluster.code]
        if not standards:
            continue
        result.append(
            ClusterSection(
                code=cluster.code,
                name=cluster.name,
                standards=tuple(
                    StandardSection(
                        figures=by_number[s.number],
                        actions=tuple(a for a in plan.live_actions if a.standard == s.number),
                        keep_note=plan.keep_notes.get(s.number, ""),
                    )
                    for s in standards
                ),
            )
        )
    return result


def progress(clusters: Sequence[ClusterSection]) -> list[ClusterProgress]:
    return [
        ClusterProgress(
            code=c.code,
            name=c.name,
            counts={status: sum(1 for a in c.actions if a.status is status) for status in ActionStatus},
        )
        for c in clusters
    ]

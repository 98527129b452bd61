"""How a plan's questions stand in newer rounds: per question a line, for a gemeente or for the regio."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from analysis.picture import SharedQuestion
from analysis.results import RoundResult
from domain.answers import AnswerValue
from domain.plan import PlanAction


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class QuestionNow(_Model):
    """How a question of the plan stands in the newest round(s)."""

    number: int
    line: str
    op_orde: bool | None  # None: not answered, or withheld


class FollowUp(_Model):
    label: str
    questions: dict[int, QuestionNow]

    def of(self, action: PlanAction) -> list[QuestionNow]:
        return [self.questions[n] for n in action.question_numbers if n in self.questions]


def gemeente_follow_up(newer: RoundResult, label: str) -> FollowUp:
    questions = {}
    for q in newer.questions:
        op_orde = None if q.value is None else q.value is AnswerValue.OP_ORDE
        line = {None: "nog niet beantwoord", True: "nu op orde", False: "nog niet op orde"}[op_orde]
        questions[q.number] = QuestionNow(number=q.number, line=f"Vraag {q.number}: {line}", op_orde=op_orde)
    return FollowUp(label=label, questions=questions)


def regional_follow_up(newer: Sequence[SharedQuestion], label: str) -> FollowUp:
    """How the plan's questions stand in a newer publication of the regio (as shared)."""
    questions = {}
    for q in newer:
        if q.op_orde.withheld or q.op_orde.y == 0:
            line, op_orde = f"Vraag {q.number}: geen cijfer in de gedeelde stand", None
        else:
            line = f"Vraag {q.number}: nu op orde bij {q.op_orde.of()}"
            op_orde = q.op_orde.low == q.op_orde.y
        questions[q.number] = QuestionNow(number=q.number, line=line, op_orde=op_orde)
    return FollowUp(label=label, questions=questions)


def not_comparable(follow_up: FollowUp, left_out: Mapping[int, str]) -> FollowUp:
    """The follow-up with every question that cannot be compared across versions saying so, and why."""
    lines = {
        n: QuestionNow(
            number=n, line=f"vraag {n}: niet te vergelijken met de ronde van het plan ({reason})", op_orde=None
        )
        for n, reason in left_out.items()
    }
    return follow_up.model_copy(update={"questions": {**follow_up.questions, **lines}})

"""Two rounds side by side: per question what changed, for a gemeente or for the regio."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from analysis.answers import AnswerValue
from analysis.regional import QuestionXY
from analysis.results import RoundResult


class QuestionChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    text: str
    before: str
    after: str
    comparable: bool = True  # False when a figure on either side is withheld or missing

    @property
    def changed(self) -> bool:
        """Only a change between two figures that are both shown counts as a change."""
        return self.comparable and self.before != self.after


def _shown(value: AnswerValue | None) -> str:
    return value.label if value else "niet beantwoord"


def gemeente_changes(before: RoundResult, after: RoundResult) -> list[QuestionChange]:
    """Per question the answer in the first and in the second round."""
    later = {q.number: q for q in after.questions}
    return [
        QuestionChange(
            number=q.number,
            text=q.text,
            before=_shown(q.value),
            after=_shown(later[q.number].value) if q.number in later else "niet beantwoord",
        )
        for q in before.questions
    ]


def regio_changes(before: Sequence[QuestionXY], after: Sequence[QuestionXY], withheld: str) -> list[QuestionChange]:
    """Per question "x van y" in the first and in the second moment (withheld where too few)."""
    later = {q.number: q for q in after}

    def shown(q: QuestionXY | None) -> str:
        if q is None or q.y == 0:
            return "geen antwoorden"
        return withheld if q.withheld else f"{q.x} van {q.y} op orde"

    def comparable(q: QuestionXY | None) -> bool:
        return q is not None and q.y > 0 and not q.withheld

    return [
        QuestionChange(
            number=q.number,
            text=q.text,
            before=shown(q),
            after=shown(later.get(q.number)),
            comparable=comparable(q) and comparable(later.get(q.number)),
        )
        for q in before
    ]

"""Two rounds side by side: per question what changed, for a gemeente or for the regio."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from analysis.regional import QuestionXY
from analysis.results import RoundResult
from domain.answers import Answer, AnswerValue


class QuestionChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    text: str
    before: str
    after: str
    comparable: bool = True  # False when a figure on either side is withheld, missing or not answered
    unanswered: bool = False  # not answered in one of the two rounds: like is not compared with unlike

    @property
    def changed(self) -> bool:
        """Only a change between two figures that are both shown counts as a change."""
        return self.comparable and self.before != self.after


def _shown(value: AnswerValue | None) -> str:
    return value.label if value else "niet beantwoord"


def gemeente_changes(
    before: RoundResult, after: RoundResult, left_out: Mapping[int, str] | None = None
) -> list[QuestionChange]:
    """Per question the answer in the first and in the second round. `left_out`: questions that cannot be
    compared between the two rounds' questionnaire versions, with the reason (never counted as a change).
    A question not answered in one of the two rounds is no change either: it is counted apart (`unanswered`)."""
    later = {q.number: q for q in after.questions}
    left_out = left_out or {}
    rows = []
    for q in before.questions:
        now = later[q.number].value if q.number in later else None
        unanswered = q.value is None or now is None
        rows.append(
            QuestionChange(
                number=q.number,
                text=q.text,
                before=_shown(q.value),
                after=_shown(now) + (f" (niet te vergelijken: {left_out[q.number]})" if q.number in left_out else ""),
                comparable=q.number not in left_out and not unanswered,
                unanswered=unanswered and q.number not in left_out,
            )
        )
    return rows


def without(answers: Sequence[Answer], left_out: Mapping[int, str]) -> list[Answer]:
    """The answers of a round minus the questions that cannot be compared with the version they are set beside."""
    return [a for a in answers if a.question_number not in left_out]


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

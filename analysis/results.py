"""Results of scoring one round. Unanswered is always kept apart from niet op orde."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from domain.answers import AnswerValue


class StandardStatus(StrEnum):
    OP_ORDE = "op_orde"  # every question answered and op orde
    NIET_OP_ORDE = "niet_op_orde"  # every question answered, at least one niet op orde
    ONVOLLEDIG = "onvolledig"  # some questions answered, not all
    NIET_BEANTWOORD = "niet_beantwoord"  # no question answered

    @property
    def label(self) -> str:
        return {
            StandardStatus.OP_ORDE: "Helemaal op orde",
            StandardStatus.NIET_OP_ORDE: "Niet helemaal op orde",
            StandardStatus.ONVOLLEDIG: "Nog niet alle vragen beantwoord",
            StandardStatus.NIET_BEANTWOORD: "Nog geen vraag beantwoord",
        }[self]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class QuestionResult(_Result):
    number: int
    standard: int
    block: int
    text: str
    value: AnswerValue | None
    toelichting: str


class StandardScore(_Result):
    number: int
    short_name: str
    cluster: str
    question_count: int
    answered: int
    op_orde: int

    @property
    def niet_op_orde(self) -> int:
        return self.answered - self.op_orde

    @property
    def complete(self) -> bool:
        return self.answered == self.question_count

    @property
    def share(self) -> float | None:
        """Share op orde of the answered questions (0-1); None when nothing is answered."""
        return self.op_orde / self.answered if self.answered else None

    @property
    def status(self) -> StandardStatus:
        if self.answered == 0:
            return StandardStatus.NIET_BEANTWOORD
        if not self.complete:
            return StandardStatus.ONVOLLEDIG
        if self.op_orde == self.question_count:
            return StandardStatus.OP_ORDE
        return StandardStatus.NIET_OP_ORDE

    @property
    def whole_standard_op_orde(self) -> bool:
        return self.status is StandardStatus.OP_ORDE

    @property
    def decided(self) -> bool:
        """Whether "the whole standard op orde" is known: all questions answered, or at least one
        niet op orde (then it is certainly not wholly op orde, whatever the open questions say)."""
        return self.complete or self.niet_op_orde > 0


class Progress(_Result):
    """How many questions are answered, for one block or for the whole scan."""

    label: str
    answered: int
    total: int

    @property
    def done(self) -> bool:
        return self.answered == self.total


class RoundResult(_Result):
    questionnaire_version: str
    questions: tuple[QuestionResult, ...]
    standards: tuple[StandardScore, ...]
    blocks: tuple[Progress, ...]
    total: Progress

    @property
    def op_orde(self) -> int:
        return sum(1 for q in self.questions if q.value is AnswerValue.OP_ORDE)

    @property
    def niet_op_orde_questions(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.value is AnswerValue.NIET_OP_ORDE]

    @property
    def unanswered_questions(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.value is None]

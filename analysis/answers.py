"""Answers as the core sees them: one value and one toelichting per question."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class AnswerValue(StrEnum):
    """The two possible answers. Not answered is `None`, never a third value."""

    OP_ORDE = "op_orde"
    NIET_OP_ORDE = "niet_op_orde"

    @property
    def label(self) -> str:
        return ANSWER_LABELS[self]


ANSWER_LABELS = {AnswerValue.OP_ORDE: "op orde", AnswerValue.NIET_OP_ORDE: "niet op orde"}


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True)

    question_number: int
    value: AnswerValue | None = None
    toelichting: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def is_answered(self) -> bool:
        return self.value is not None


class Change(BaseModel):
    """One entry of the audit trail of an answer."""

    model_config = ConfigDict(frozen=True)

    id: int
    question_number: int
    field: str  # "value" or "toelichting"
    old: str | None
    new: str | None
    actor: str
    at: datetime

    def shown(self, which: str | None) -> str:
        """A stored value as a person reads it."""
        if self.field == "value":
            return AnswerValue(which).label if which else "niet beantwoord"
        return which or "(leeg)"

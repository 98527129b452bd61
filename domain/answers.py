"""Answers as every layer sees them: one value and one toelichting per question, a change in an answer's history,
and a partner's own view. The store hands these out; analysis scores them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict


class AnswerValue(StrEnum):
    """The two possible answers. Not answered is `None`, never a third value."""

    OP_ORDE = "op_orde"
    NIET_OP_ORDE = "niet_op_orde"

    @property
    def label(self) -> str:
        return ANSWER_LABELS[self]


ANSWER_LABELS = {AnswerValue.OP_ORDE: "op orde", AnswerValue.NIET_OP_ORDE: "niet op orde"}

AnswerField = Literal["value", "toelichting"]  # the two parts of an answer a person changes


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


class View(BaseModel):
    model_config = ConfigDict(frozen=True)

    """One partner's own answer to one question."""

    partner_id: int
    role: str
    name: str = ""
    value: AnswerValue | None = None
    toelichting: str = ""
    handed_in: bool = False  # handed in at least once: `first_value` is the view it first gave alone
    first_value: AnswerValue | None = None
    first_toelichting: str = ""

    @property
    def changed_later(self) -> bool:
        """The partner changed this answer after first handing in (after seeing the others' views)."""
        return self.handed_in and (self.first_value, self.first_toelichting) != (self.value, self.toelichting)

    @property
    def who(self) -> str:
        """The role, and the name when one was entered: "Veilig Thuis (Sanne)"."""
        return f"{self.role} ({self.name})" if self.name else self.role

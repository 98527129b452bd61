"""Procesindicatoren: what a regio measures beside the zelfscan. Validated when the set loads.

An indicator always carries its definition, source and unit, so that unlike figures are never
added up. Figures are aggregated counts or percentages per gemeente (or the regio) and period;
never data about a person.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from questionnaire.models import CORE_QUESTION_COUNT, STANDARD_COUNT


class Level(StrEnum):
    REGIO = "regio"
    GEMEENTE = "gemeente"
    WIJK = "wijk"


class Priority(StrEnum):
    NEED = "need"
    NICE = "nice"

    @property
    def label(self) -> str:
        return {Priority.NEED: "nodig om te weten", Priority.NICE: "handig om te weten"}[self]


class Unit(StrEnum):
    COUNT = "aantal"
    PERCENTAGE = "percentage"


class Retrievable(StrEnum):
    """Automatically retrievable from the registration (pre-study): + at a fixed place in 75 % of files
    or more, +/- in some files or in varying places (25-50 %), - absent or scattered."""

    YES = "+"
    PARTLY = "+/-"
    NO = "-"


class Unambiguous(StrEnum):
    YES = "+"
    PARTLY = "+/-"
    NO = "-"
    NOT_APPLICABLE = "n.v.t."


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Indicator(_Frozen):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")
    thema: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=200)
    definition: str = Field(min_length=1, max_length=1000)
    source: str = Field(min_length=1, max_length=100)
    level: Level
    frequency: str = Field(min_length=1, max_length=50)
    priority: Priority
    unit: Unit
    standards: tuple[int, ...] = ()
    questions: tuple[int, ...] = ()

    @field_validator("standards")
    @classmethod
    def _standards(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        wrong = [s for s in value if not 1 <= s <= STANDARD_COUNT]
        if wrong:
            raise ValueError(f"standaard {wrong[0]} bestaat niet (1 tot en met {STANDARD_COUNT})")
        return value

    @field_validator("questions")
    @classmethod
    def _questions(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        wrong = [q for q in value if not 1 <= q <= CORE_QUESTION_COUNT]
        if wrong:
            raise ValueError(f"vraag {wrong[0]} bestaat niet (1 tot en met {CORE_QUESTION_COUNT})")
        return value


class IndicatorSet(_Frozen):
    """A versioned set of indicators a regio can start from."""

    version: str = Field(min_length=1, max_length=40)
    source: str = Field(min_length=1)
    indicators: tuple[Indicator, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> IndicatorSet:
        seen: set[str] = set()
        for indicator in self.indicators:
            if indicator.key in seen:
                raise ValueError(f"de code '{indicator.key}' staat er twee keer in")
            seen.add(indicator.key)
        return self

    def by_key(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)


class RegioIndicator(_Frozen):
    """An indicator as a regio holds it: its definition, and how available its figures are."""

    id: int
    position: int
    indicator: Indicator
    template_version: str | None = None
    retrievable: Retrievable | None = None
    unambiguous: Unambiguous | None = None

    @property
    def deliverable_now(self) -> bool:
        """Low-hanging fruit: at a fixed place in the registration and recorded the same way."""
        return self.retrievable is Retrievable.YES and self.unambiguous is Unambiguous.YES


class Figure(_Frozen):
    """One aggregated figure: a count or a percentage, for a gemeente (None: the regio) and a period."""

    indicator_id: int
    gemeente_id: int | None
    period: str
    value: float

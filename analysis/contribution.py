"""A regio's contribution to the national picture: its shared regional figures only (see `analysis/national.py`).
Numbers, and its own name, shown only when it chose so. Pure."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from analysis.disclosure import Count, Share
from analysis.picture import SharedPicture, fingerprint


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Range(_Model):
    """A number as the regio shared it: exact (low == high), a range (in words), or withheld (both None)."""

    low: float | None = None
    high: float | None = None

    @field_validator("low", "high")
    @classmethod
    def _six_decimals(cls, value: float | None) -> float | None:
        """Six decimals: enough for a share, and what a workbook keeps exactly (the signature covers it)."""
        return None if value is None else round(value, 6)

    @property
    def withheld(self) -> bool:
        return self.low is None or self.high is None


def _within(value: Range, top: float) -> None:
    if (value.low is None) != (value.high is None):
        raise ValueError("a range has both ends or neither")
    if value.low is not None and value.high is not None and not 0 <= value.low <= value.high <= top:
        raise ValueError("a figure outside its bounds")


class ContributedStandard(_Model):
    number: int = Field(ge=1, le=99)
    mean: Range  # the regio's mean share op orde (0..1)
    whole: Range  # how many of its gemeenten have the whole standard op orde
    of: int = Field(ge=0, le=10_000)  # out of how many gemeenten

    @model_validator(mode="after")
    def _bounds(self) -> ContributedStandard:
        _within(self.mean, 1.0)
        _within(self.whole, self.of)
        return self


class ContributedQuestion(_Model):
    number: int = Field(ge=1, le=999)
    standard: int = Field(ge=1, le=99)
    op_orde: Range  # how many of its gemeenten have it op orde
    of: int = Field(ge=0, le=10_000)

    @model_validator(mode="after")
    def _bounds(self) -> ContributedQuestion:
        _within(self.op_orde, self.of)
        return self


class Contribution(_Model):
    """What one regio adds to the national figures of one scan period. Numbers only, besides its own name, which
    is shown only when `named`."""

    regio_name: str = Field(min_length=1, max_length=120)
    named: bool
    period: str = Field(pattern=r"^20\d\d$")
    questionnaire_version: str = Field(min_length=1, max_length=40)
    made_on: date  # when the regio fixed the figures (its publication)
    gemeenten_counted: int = Field(ge=0, le=10_000)
    standards: tuple[ContributedStandard, ...]
    questions: tuple[ContributedQuestion, ...]

    def digest(self) -> str:
        """What the figures hold, for the differencing check (a changed contribution is a new one)."""
        return fingerprint(self.model_dump(mode="json", exclude={"regio_name", "named"}))


def _range_of_count(c: Count) -> Range:
    return Range(low=c.low, high=c.high)


def _range_of_share(s: Share) -> Range:
    return Range(low=s.low, high=s.high)


def contribution_of(picture: SharedPicture, *, named: bool, period: str, questionnaire_version: str) -> Contribution:
    """A regio's contribution from its publication: the figures as they left the regio team, nothing else."""
    return Contribution(
        regio_name=picture.regio_name,
        named=named,
        period=period,
        questionnaire_version=questionnaire_version,
        made_on=picture.made_on,
        gemeenten_counted=picture.gemeenten_counted,
        standards=tuple(
            ContributedStandard(
                number=s.number, mean=_range_of_share(s.mean), whole=_range_of_count(s.whole), of=s.whole.y
            )
            for s in picture.standards
        ),
        questions=tuple(
            ContributedQuestion(
                number=q.number, standard=q.standard, op_orde=_range_of_count(q.op_orde), of=q.op_orde.y
            )
            for q in picture.questions
        ),
    )


__all__ = ["ContributedQuestion", "ContributedStandard", "Contribution", "Range", "contribution_of"]

"""The regional picture: averages, "x van y gemeenten", and what stands out.

Every figure says on how many gemeenten it rests. A figure that rests on fewer
gemeenten than the regio's threshold is withheld in anonymised views and exports,
because with few gemeenten a figure can identify one.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from analysis.results import RoundResult
from domain.answers import AnswerValue

DEFAULT_MIN_GEMEENTEN = 3


class _Figure(BaseModel):
    model_config = ConfigDict(frozen=True)


class StandardAverage(_Figure):
    """Mean share op orde of one standard, and on how many gemeenten it rests."""

    number: int
    short_name: str
    mean_share: float | None
    gemeenten: int


class QuestionXY(_Figure):
    """x gemeenten answered op orde, out of y that answered the question."""

    number: int
    standard: int
    text: str
    x: int
    y: int
    withheld: bool = False

    @property
    def niet_op_orde(self) -> int:
        return self.y - self.x


class StandardXY(_Figure):
    """x of y gemeenten have the whole standard op orde. y: the gemeenten for which that is decided
    (every question answered, or at least one niet op orde). mean_share: the mean of the gemeenten's
    shares op orde of their answered questions, over answered_by gemeenten."""

    number: int
    short_name: str
    x: int
    y: int
    mean_share: float | None
    answered_by: int  # gemeenten with at least one answer: what the mean rests on
    withheld: bool = False


class Spread(_Figure):
    """How far gemeenten differ on a standard: the spread of their shares."""

    number: int
    short_name: str
    lowest: float
    highest: float
    stdev: float
    gemeenten: int


class Highlights(_Figure):
    """What stands out, for the follow-up meeting."""

    most_niet_op_orde: tuple[QuestionXY, ...]
    lowest_standards: tuple[StandardXY, ...]
    most_different: tuple[Spread, ...]
    most_split: tuple[QuestionXY, ...] = ()  # questions where gemeenten are most divided


def regional_average(results: Iterable[RoundResult]) -> list[StandardAverage]:
    """Gemeenten without any answer for a standard do not count for that standard."""
    results = list(results)
    if not results:
        return []
    averages = []
    for standard in results[0].standards:
        shares = _shares(results, standard.number)
        averages.append(
            StandardAverage(
                number=standard.number,
                short_name=standard.short_name,
                mean_share=statistics.fmean(shares) if shares else None,
                gemeenten=len(shares),
            )
        )
    return averages


def questions_xy(results: Sequence[RoundResult], min_gemeenten: int = 1) -> list[QuestionXY]:
    if not results:
        return []
    rows = []
    for question in results[0].questions:
        values = [q.value for r in results for q in r.questions if q.number == question.number and q.value is not None]
        y = len(values)
        rows.append(
            QuestionXY(
                number=question.number,
                standard=question.standard,
                text=question.text,
                x=sum(1 for v in values if v is AnswerValue.OP_ORDE),
                y=y,
                withheld=y < min_gemeenten,
            )
        )
    return rows


def standards_xy(results: Sequence[RoundResult], min_gemeenten: int = 1) -> list[StandardXY]:
    if not results:
        return []
    rows = []
    for standard in results[0].standards:
        scores = [s for r in results for s in r.standards if s.number == standard.number]
        decided = [s for s in scores if s.decided]
        shares = _shares(results, standard.number)
        rows.append(
            StandardXY(
                number=standard.number,
                short_name=standard.short_name,
                x=sum(1 for s in decided if s.whole_standard_op_orde),
                y=len(decided),
                mean_share=statistics.fmean(shares) if shares else None,
                answered_by=len(shares),
                withheld=len(decided) < min_gemeenten or len(shares) < min_gemeenten,
            )
        )
    return rows


def highlights(
    results: Sequence[RoundResult], min_gemeenten: int = 1, top: int = 5, only: set[int] | None = None
) -> Highlights:
    """The questions most often niet op orde, the lowest standards, and where gemeenten differ most.

    Withheld figures never appear here. `only`: look at these questions only (e.g. the open block).
    """
    per_question = [q for q in questions_xy(results, min_gemeenten) if only is None or q.number in only]
    questions = [q for q in per_question if not q.withheld and q.niet_op_orde > 0]
    questions.sort(key=lambda q: (-q.niet_op_orde / q.y, -q.niet_op_orde, q.number))
    standards = [s for s in standards_xy(results, min_gemeenten) if not s.withheld and s.mean_share is not None]
    standards.sort(key=lambda s: (s.mean_share, s.number))
    spreads = []
    for standard in results[0].standards if results else ():
        shares = _shares(results, standard.number)
        if len(shares) >= max(2, min_gemeenten):
            spreads.append(
                Spread(
                    number=standard.number,
                    short_name=standard.short_name,
                    lowest=min(shares),
                    highest=max(shares),
                    stdev=statistics.pstdev(shares),
                    gemeenten=len(shares),
                )
            )
    spreads.sort(key=lambda s: (-s.stdev, s.number))
    split = [q for q in per_question if not q.withheld and 0 < q.x < q.y]
    split.sort(key=lambda q: (abs(q.x / q.y - 0.5), -q.y, q.number))
    return Highlights(
        most_split=tuple(split[:3]),
        most_niet_op_orde=tuple(questions[:top]),
        lowest_standards=tuple(_with_ties(standards, 3)),
        most_different=tuple(s for s in spreads[:3] if s.stdev > 0),
    )


def _with_ties(standards: list[StandardXY], n: int) -> list[StandardXY]:
    """The n lowest standards, and every standard tied with the last of them (sorted by share)."""
    if len(standards) <= n:
        return standards
    cutoff = standards[n - 1].mean_share or 0.0
    return [s for s in standards if (s.mean_share or 0.0) <= cutoff + 1e-9]


def _shares(results: Iterable[RoundResult], standard: int) -> list[float]:
    return [s.share for r in results for s in r.standards if s.number == standard and s.share is not None]

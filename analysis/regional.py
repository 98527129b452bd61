"""The regional average: per standard, the mean of the gemeenten's shares."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from analysis.results import RoundResult


class StandardAverage(BaseModel):
    """Mean share op orde of one standard, and on how many gemeenten it rests."""

    model_config = ConfigDict(frozen=True)

    number: int
    short_name: str
    mean_share: float | None
    gemeenten: int


def regional_average(results: Iterable[RoundResult]) -> list[StandardAverage]:
    """Gemeenten without any answer for a standard do not count for that standard."""
    results = list(results)
    if not results:
        return []
    averages = []
    for standard in results[0].standards:
        shares = [s.share for r in results for s in r.standards if s.number == standard.number and s.share is not None]
        averages.append(
            StandardAverage(
                number=standard.number,
                short_name=standard.short_name,
                mean_share=sum(shares) / len(shares) if shares else None,
                gemeenten=len(shares),
            )
        )
    return averages

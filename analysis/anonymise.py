"""Anonymised figures for sharing outside the regio team: no gemeente name anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from analysis.regional import Highlights, QuestionXY, StandardAverage, StandardXY

MASK = "[gemeente]"


def mask_names(text: str, names: Iterable[str]) -> str:
    """Replace every gemeente name (whole words, any case) by [gemeente]; longest names first."""
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", MASK, text, flags=re.IGNORECASE)
    return text


class StandardFigure(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    name: str
    mean_share: float | None  # None: withheld or no answers
    rests_on: int
    x: int | None
    y: int | None
    withheld: bool


class QuestionFigure(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    standard: int
    text: str
    x: int | None
    y: int | None
    withheld: bool


class MaskedToelichting(BaseModel):
    model_config = ConfigDict(frozen=True)

    standard: int
    question_number: int
    text: str


class AnonymisedFigures(BaseModel):
    """Everything an anonymised export shows. Built only from figures, never from names."""

    model_config = ConfigDict(frozen=True)

    title: str
    made_on: date
    period: str
    gemeenten_counted: int
    min_gemeenten: int
    standards: tuple[StandardFigure, ...]
    questions: tuple[QuestionFigure, ...]
    highlights: tuple[str, ...]
    toelichtingen: tuple[MaskedToelichting, ...] = ()
    duiding: str = ""


def anonymise(
    *,
    title: str,
    made_on: date,
    period: str,
    gemeente_names: list[str],
    gemeenten_counted: int,
    min_gemeenten: int,
    average: Iterable[StandardAverage],
    standards: Iterable[StandardXY],
    questions: Iterable[QuestionXY],
    highlights: Highlights,
    toelichtingen: Iterable[tuple[int, int, str]] = (),
    duiding: str = "",
) -> AnonymisedFigures:
    """Apply the small-number rule to every figure and mask names in every free text."""
    means = {a.number: a for a in average}
    standard_rows = []
    for s in standards:
        avg = means[s.number]
        mean_hidden = avg.mean_share is None or avg.gemeenten < min_gemeenten
        standard_rows.append(
            StandardFigure(
                number=s.number,
                name=s.short_name,
                mean_share=None if mean_hidden else avg.mean_share,
                rests_on=avg.gemeenten,
                x=None if s.withheld else s.x,
                y=None if s.withheld else s.y,
                withheld=s.withheld or mean_hidden,
            )
        )
    question_rows = [
        QuestionFigure(
            number=q.number,
            standard=q.standard,
            text=q.text,
            x=None if q.withheld else q.x,
            y=None if q.withheld else q.y,
            withheld=q.withheld,
        )
        for q in questions
    ]
    return AnonymisedFigures(
        title=mask_names(title, gemeente_names),
        made_on=made_on,
        period=period,
        gemeenten_counted=gemeenten_counted,
        min_gemeenten=min_gemeenten,
        standards=tuple(standard_rows),
        questions=tuple(question_rows),
        highlights=tuple(_highlight_lines(highlights)),
        toelichtingen=tuple(
            MaskedToelichting(standard=s, question_number=q, text=mask_names(t, gemeente_names))
            for s, q, t in toelichtingen
        ),
        duiding=mask_names(duiding, gemeente_names),
    )


def _highlight_lines(found: Highlights) -> list[str]:
    lines = [
        f"Vraag {q.number} (standaard {q.standard}) is bij {q.niet_op_orde} van {q.y} gemeenten niet op orde."
        for q in found.most_niet_op_orde
    ]
    lines += [
        f"Standaard {s.number} ({s.short_name}) scoort gemiddeld het laagst: {round((s.mean_share or 0) * 100)}%."
        for s in found.lowest_standards
    ]
    lines += [
        f"Bij standaard {s.number} ({s.short_name}) verschillen gemeenten het meest: "
        f"van {round(s.lowest * 100)}% tot {round(s.highest * 100)}% op orde."
        for s in found.most_different
    ]
    lines += [
        f"Over vraag {q.number} (standaard {q.standard}) zijn gemeenten het meest verdeeld: {q.x} van {q.y} op orde."
        for q in found.most_split
    ]
    return lines

"""Anonymised figures for sharing outside the regio team: no gemeente name anywhere."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from analysis.formatting import percent
from analysis.indicators import IndicatorLine
from analysis.regional import Highlights, QuestionXY, StandardAverage, StandardXY

MASK = "[gemeente]"


# Names people use for a gemeente besides its official one (lower case, accents folded).
SHORT_FORMS = {
    "s-hertogenbosch": ("den bosch",),
    "s-gravenhage": ("den haag",),
    "sudwest-fryslan": ("sudwest friesland", "zuidwest-friesland", "zuidwest friesland"),
    "noardeast-fryslan": ("noordoost-friesland", "noordoost friesland"),
}
_SEPARATORS = r"[\s\-\u2010-\u2015_.'\u2018\u2019`]"
_SUFFIX = r"(?:s|se|er|ers|erse|'s|\u2019s)?"


def fold(text: str) -> tuple[str, list[int]]:
    """Lower case without accents, and for each folded character the index it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch).casefold():
            if not unicodedata.combining(part):
                folded.append(part)
                origin.append(i)
    return "".join(folded), origin


def _name_pattern(name: str) -> str | None:
    """A gemeente name however it is typed: any case or accents, hyphens or spaces or nothing
    between its parts, with or without its 's- or 't- prefix, and as an adjective (Aadorpse)."""
    parts = [p for p in re.split(_SEPARATORS + "+", fold(name)[0]) if p]
    if not parts:
        return None
    prefix = ""
    if len(parts) > 1 and parts[0] in ("s", "t"):
        prefix = rf"(?:['\u2018\u2019`]?\s*{parts[0]}{_SEPARATORS}+)?"
        parts = parts[1:]
    body = (_SEPARATORS + "*").join(re.escape(p) for p in parts)
    return rf"(?<!\w){prefix}{body}{_SUFFIX}(?!\w)"


def name_patterns(names: Iterable[str]) -> list[str]:
    """Patterns for every name and its known short forms, longest first."""
    forms: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        forms.add(name)
        key = "-".join(p for p in re.split(_SEPARATORS + "+", fold(name)[0]) if p)
        forms.update(SHORT_FORMS.get(key, ()))
    patterns = [_name_pattern(f) for f in sorted(forms, key=len, reverse=True)]
    return [p for p in patterns if p]


def find_names(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where in `text` a name stands (start, end), without overlaps, in order."""
    folded, origin = fold(text)
    spans: list[tuple[int, int]] = []
    for pattern in name_patterns(names):
        for match in re.finditer(pattern, folded):
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
    return sorted(spans)


def mask_names(text: str, names: Iterable[str]) -> str:
    """Replace every gemeente name, however it is typed, by [gemeente]."""
    for start, end in reversed(find_names(text, names)):
        text = text[:start] + MASK + text[end:]
    return text


def masked_words(text: str, names: Iterable[str]) -> list[str]:
    """The words that mask_names takes out of `text`, as they were typed."""
    return [text[start:end] for start, end in find_names(text, names)]


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
    indicators: tuple[IndicatorLine, ...] = ()  # procesindicatoren, newest period, already without names
    extras: tuple[QuestionFigure, ...] = ()  # the regio's own questions: apart, never in the figures above


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
    extra_words: Iterable[str] = (),
    extras: Iterable[QuestionXY] = (),
) -> AnonymisedFigures:
    """Apply the small-number rule to every figure and mask names (and the regio's own extra
    words, e.g. a wijk or a team) in every free text."""
    gemeente_names = [*gemeente_names, *extra_words]
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

    def figure(q: QuestionXY, *, regio_text: bool = False) -> QuestionFigure:
        return QuestionFigure(
            number=q.number,
            standard=q.standard,
            text=mask_names(q.text, gemeente_names) if regio_text else q.text,
            x=None if q.withheld else q.x,
            y=None if q.withheld else q.y,
            withheld=q.withheld,
        )

    question_rows = [figure(q) for q in questions]
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
        extras=tuple(figure(q, regio_text=True) for q in extras),
    )


def _highlight_lines(found: Highlights) -> list[str]:
    lines = [
        f"Vraag {q.number} (standaard {q.standard}) is bij {q.niet_op_orde} van {q.y} gemeenten niet op orde."
        for q in found.most_niet_op_orde
    ]
    lines += [
        f"Standaard {s.number} ({s.short_name}) scoort gemiddeld het laagst: {percent(s.mean_share or 0)}."
        for s in found.lowest_standards
    ]
    lines += [
        f"Bij standaard {s.number} ({s.short_name}) verschillen gemeenten het meest: "
        f"van {percent(s.lowest)} tot {percent(s.highest)} op orde."
        for s in found.most_different
    ]
    lines += [
        f"Over vraag {q.number} (standaard {q.standard}) zijn gemeenten het meest verdeeld: {q.x} van {q.y} op orde."
        for q in found.most_split
    ]
    return lines

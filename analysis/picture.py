"""The regional picture as it may leave the regio team, built once from the exact figures. Pure.

`services/regio_report.py` computes the exact figures of the rounds that count (for the regio team);
`share_picture` turns them, with the regio's disclosure rules (`analysis/disclosure.py`), into the one
`SharedPicture` that every output for other readers renders: the anonymised workbook and CSV, the
factsheet, the regional plan, the average a gemeente sees, the vervolg's themes, the partners' counts and
the indicators' regional figures. A withheld figure is absent from the model, not only from a page.

It also holds the one rule for which round of a gemeente counts (`rounds_that_count`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from analysis.disclosure import GROUP, Count, GroupRule, Rules, Share, count, share, total
from analysis.formatting import count_of, long_date, percent
from analysis.regional import QuestionXY, StandardAverage, StandardXY, questions_xy, regional_average, standards_xy
from analysis.results import RoundResult
from domain.models import RoundRow


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


# --- which round counts -----------------------------------------------------------------------


class CountingRule(StrEnum):
    """Which round of a gemeente counts in the regio's figures, unless the regio picks one itself."""

    VOLLEDIG = "volledig"
    NIEUWSTE = "nieuwste"

    @property
    def sentence(self) -> str:
        return {
            CountingRule.VOLLEDIG: "Van elke gemeente telt haar nieuwste volledig ingevulde ronde. Heeft een "
            "gemeente nog geen volledige ronde, dan telt haar nieuwste ronde met antwoorden. Een ronde die nog "
            "niet af is, duwt zo nooit een volledige ronde weg.",
            CountingRule.NIEUWSTE: "Van elke gemeente telt haar nieuwste ronde met antwoorden, ook als die nog "
            "niet af is.",
        }[self]

    @property
    def label(self) -> str:
        return {
            CountingRule.VOLLEDIG: "De nieuwste volledige ronde (anders de nieuwste met antwoorden)",
            CountingRule.NIEUWSTE: "De nieuwste ronde met antwoorden, ook als die niet af is",
        }[self]


def rounds_that_count(
    rows: Sequence[RoundRow],
    rule: CountingRule,
    *,
    period: tuple[date, date] | None = None,
    purpose: str | None = None,
    chosen: Mapping[int, int] | None = None,
) -> dict[int, RoundRow]:
    """Per gemeente the round that counts: the regio's own choice (`chosen`: gemeente -> round), else the rule
    applied to its rounds within the period and of the purpose (when given). `rows`: rounds with answers."""
    ordered = sorted(rows, key=lambda r: (r.held_on, r.round_id), reverse=True)
    found: dict[int, RoundRow] = {}
    fallback: dict[int, RoundRow] = {}
    for row in ordered:
        if period is not None and not period[0] <= row.held_on <= period[1]:
            continue
        if purpose is not None and row.purpose != purpose:
            continue
        fallback.setdefault(row.gemeente_id, row)
        if rule is CountingRule.NIEUWSTE or row.complete:
            found.setdefault(row.gemeente_id, row)
    for gemeente_id, row in fallback.items():
        found.setdefault(gemeente_id, row)
    by_id = {r.round_id: r for r in rows}
    for gemeente_id, round_id in (chosen or {}).items():
        if round_id in by_id and by_id[round_id].gemeente_id == gemeente_id:
            found[gemeente_id] = by_id[round_id]
    return found


def fingerprint(*parts: object) -> str:
    """A short stable digest of what a contribution holds (answers and texts), for the differencing check."""
    data = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


# --- the shared picture -------------------------------------------------------------------------


class SharedStandard(_Model):
    number: int
    name: str
    mean: Share  # the mean share op orde over the gemeenten that answered the standard
    whole: Count  # x of y gemeenten have the whole standard op orde


class SharedQuestion(_Model):
    number: int
    standard: int
    text: str
    op_orde: Count


class SharedToelichting(_Model):
    standard: int
    question_number: int
    text: str  # already without gemeente names and personal details


class SharedPartners(_Model):
    """Per question: at how many gemeenten partners who answered alone first gave different answers, as they
    first handed in alone and as their answers stand now."""

    gemeenten_apart: int
    questions: tuple[tuple[int, Count, Count], ...] = ()  # number, first views, views now
    note: str = ""  # why nothing is shown, when that is so


class SharedIndicatorPeriod(_Model):
    period: str
    regio: str  # the regional figure in words ("115", "minder dan 5", "niet getoond")
    value: float | None = None  # the same as a number, None when withheld or absent
    basis: str  # "geleverd voor de regio", "som van 8 gemeenten", or why it is not shown
    gemeenten: int  # how many gemeenten delivered a figure


class SharedIndicator(_Model):
    indicator_id: int
    name: str
    definition: str
    unit: str
    source: str = ""
    standards: tuple[int, ...] = ()
    periods: tuple[SharedIndicatorPeriod, ...] = ()


class SharedPicture(_Model):
    """Everything that leaves the regio team about its gemeenten, as one stored publication."""

    regio_name: str
    is_demo: bool = False  # the demo region: every file says its figures are made up
    made_at: datetime
    selection: str  # which rounds count, in words
    gemeenten_counted: int
    gemeenten_total: int
    rules: Rules
    standards: tuple[SharedStandard, ...]
    questions: tuple[SharedQuestion, ...]
    extras: tuple[SharedQuestion, ...] = ()  # the regio's own questions: apart, never in the figures above
    highlights: tuple[str, ...] = ()
    toelichtingen: tuple[SharedToelichting, ...] = ()
    left_out: tuple[str, ...] = ()
    partners: SharedPartners | None = None
    indicators: tuple[SharedIndicator, ...] = ()
    kept: tuple[str, ...] = ()  # parts kept as they were in an earlier publication, and why
    texts_checked: bool = False  # its texts passed the de-identification of shared text (analysis/deidentify)

    @property
    def made_on(self) -> date:
        return self.made_at.date()

    def standard(self, number: int) -> SharedStandard:
        return next(s for s in self.standards if s.number == number)


def shared_questions(questions: Sequence[QuestionXY], rules: Rules) -> list[SharedQuestion]:
    return [
        SharedQuestion(number=q.number, standard=q.standard, text=q.text, op_orde=count(q.x, q.y, rules))
        for q in questions
    ]


def shared_standards(
    standards: Sequence[StandardXY],
    average: Sequence[StandardAverage],
    questions: Sequence[SharedQuestion],
    results: Sequence[RoundResult],
    rules: Rules,
) -> list[SharedStandard]:
    """Per standard its mean share and whole-standard count. When a question of the standard is in words or
    withheld, the exact mean would give it away (it adds up the questions): the mean is then the range that
    the words allow, or withheld when not every gemeente answered every question of the standard."""
    means = {a.number: a for a in average}
    found = []
    for xy in standards:
        avg = means[xy.number]
        own = [q for q in questions if q.standard == xy.number]
        vague = [q for q in own if not q.op_orde.exact]
        mean: Share
        if avg.mean_share is None:
            mean = share(None, None, avg.gemeenten, rules)
        elif not vague or rules.group is GroupRule.TONEN:
            mean = share(avg.mean_share, avg.mean_share, avg.gemeenten, rules)
        else:
            mean = _mean_range(xy.number, own, results, avg, rules)
        found.append(SharedStandard(number=xy.number, name=xy.short_name, mean=mean, whole=count(xy.x, xy.y, rules)))
    return found


def _mean_range(
    number: int, own: Sequence[SharedQuestion], results: Sequence[RoundResult], avg: StandardAverage, rules: Rules
) -> Share:
    scores = [s for r in results for s in r.standards if s.number == number and s.answered]
    if not scores or not all(s.complete for s in scores):
        return Share(low=None, high=None, rests_on=avg.gemeenten, reason="zou de cijfers per vraag verraden")
    low = high = 0
    for q in own:
        c = q.op_orde
        if c.low is not None and c.high is not None:
            low, high = low + c.low, high + c.high
        else:  # withheld: for all the reader knows it lies anywhere from 0 to y
            high += c.y
    denominator = len(own) * len(scores)
    return share(low / denominator, high / denominator, avg.gemeenten, rules, reason=GROUP)


def shared_figures(
    results: Sequence[RoundResult], rules: Rules, noun: str = "gemeenten"
) -> tuple[list[SharedStandard], list[SharedQuestion], list[str]]:
    """Means, "x van y" and what stands out of these rounds, under the rules: the one way a set of rounds becomes
    figures for readers outside the regio team (a publication, the projector at a bijeenkomst)."""
    questions = shared_questions(questions_xy(results), rules)
    standards = shared_standards(standards_xy(results), regional_average(results), questions, results, rules)
    return standards, questions, shared_highlights(standards, questions, noun)


def shared_highlights(
    standards: Sequence[SharedStandard], questions: Sequence[SharedQuestion], noun: str = "gemeenten"
) -> list[str]:
    """What stands out, from the shown figures only: no gemeente's own value (no lowest or highest)."""
    lines = []
    niet = [(q, q.op_orde.complement()) for q in questions if not q.op_orde.withheld and q.op_orde.y]
    niet = [(q, c) for q, c in niet if (c.high or 0) > 0]
    niet.sort(key=lambda item: (-(item[1].low or 0) / item[1].y, -(item[1].high or 0) / item[1].y, item[0].number))
    lines += [f"Vraag {q.number} (standaard {q.standard}) is bij {c.of(noun)} niet op orde." for q, c in niet[:5]]
    shown = [s for s in standards if s.mean.value is not None]
    shown.sort(key=lambda s: (s.mean.value, s.number))
    lines += [
        f"Standaard {s.number} ({s.name}) scoort gemiddeld het laagst: {s.mean.text()} op orde."
        for s in shown[:3]
        if (s.mean.value or 0) < 1
    ]
    split = [q for q in questions if q.op_orde.exact and 0 < (q.op_orde.x or 0) < q.op_orde.y]
    split.sort(key=lambda q: (abs((q.op_orde.x or 0) / q.op_orde.y - 0.5), -q.op_orde.y, q.number))
    lines += [
        f"Over vraag {q.number} (standaard {q.standard}) zijn {noun} het meest verdeeld: {q.op_orde.of(noun)} op orde."
        for q in split[:3]
    ]
    return lines


def shared_indicator_period(
    period: str,
    delivered_for_regio: float | None,
    per_gemeente: Sequence[float],
    unit: str,
    min_count: int,
    rules: Rules,
) -> SharedIndicatorPeriod:
    """The regional figure of one indicator and period: the one delivered for the regio, else (for counts) the
    sum of the gemeenten, withheld when it rests on too few or one gemeente dominates. Never a lowest or highest
    (that would be one gemeente's own figure)."""
    n = len(per_gemeente)
    if delivered_for_regio is not None:
        words, value = _count_words(delivered_for_regio, unit, min_count)
        return SharedIndicatorPeriod(
            period=period, regio=words, value=value, basis="geleverd voor de regio", gemeenten=n
        )
    if unit != "aantal" or not per_gemeente:
        return SharedIndicatorPeriod(period=period, regio="geen regiocijfer", basis="geen regiocijfer", gemeenten=n)
    summed = total(per_gemeente, rules)
    if summed.value is None:
        return SharedIndicatorPeriod(
            period=period, regio="niet getoond", basis=f"niet getoond: {summed.reason}", gemeenten=n
        )
    words, value = _count_words(summed.value, unit, min_count)
    return SharedIndicatorPeriod(
        period=period, regio=words, value=value, basis=f"som van {count_of(n, 'gemeente', 'gemeenten')}", gemeenten=n
    )


def _count_words(value: float, unit: str, min_count: int) -> tuple[str, float | None]:
    if unit == "aantal":
        if 0 < value < min_count:
            return f"minder dan {min_count}", None
        return f"{value:,.0f}".replace(",", "."), value
    return percent(value / 100, 1 if value != round(value) else 0), value


def selection_words(
    rule: CountingRule, period: tuple[date, date] | None, purpose: str | None, chosen: Mapping[int, int] | None
) -> str:
    """Which rounds count, in one sentence for every output."""
    words = rule.sentence
    if period is not None:
        words += f" Alleen rondes tussen {long_date(period[0])} en {long_date(period[1])}."
    if purpose is not None:
        words += f" Alleen rondes met het doel {purpose}."
    if chosen:
        words += f" Voor {count_of(len(chosen), 'gemeente', 'gemeenten')} koos de regio zelf de ronde."
    return words


__all__ = [
    "CountingRule",
    "SharedIndicator",
    "SharedIndicatorPeriod",
    "SharedPartners",
    "SharedPicture",
    "SharedQuestion",
    "SharedStandard",
    "SharedToelichting",
    "fingerprint",
    "rounds_that_count",
    "selection_words",
    "shared_figures",
    "shared_highlights",
    "shared_indicator_period",
    "shared_questions",
    "shared_standards",
]

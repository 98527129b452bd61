"""The national picture: the regional pictures of the regions that joined, taken together. Pure.

A regio contributes only what it already shares outside its regio team (its newest publication,
`analysis/picture.SharedPicture`): per standard the mean share op orde and "x van y gemeenten" with the whole
standard op orde, per question "x van y gemeenten" op orde, each as shown under the regio's own rules (exact, in
words, or withheld). No gemeente name, no toelichting, no extra question, no indicator.

The rules one level up (`NationalRules.sentences` says them in words):
- **a regio counts as op orde** on a question when at least half of its gemeenten have it op orde, and on a
  standard when its gemeenten have on average at least half of the standard's questions op orde. A regio whose
  figure is withheld, or in words that leave both sides open, is not counted for that figure (and it says so);
- **too few**: "x van y regio's" rests on at least `min_regios` regions, "x van y gemeenten" on at least
  `min_gemeenten` gemeenten, else it is withheld;
- **all or none**: "0 van y" and "y van y" say what every regio (or gemeente) has; they are put in words or
  withheld, as the regio's rule does for gemeenten (`analysis.disclosure.count`);
- **differencing**: the national figures are kept as publications; a new one is checked against the earlier
  ones (`analysis.disclosure.smallest_isolated`) per scan period, so that no subtracting isolates fewer than
  `min_regios` regions; a change between two periods is shown over the regions in both only;
- **names**: a regio is named (in the list of regions that take part, never beside a figure) only when it chose
  to be; a gemeente never.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from analysis.contribution import Contribution, Range
from analysis.disclosure import GROUP, SMALL, Count, GroupRule, Rules, Share, count
from analysis.formatting import count_of, percent

OP_ORDE_FROM = 0.5  # a regio counts as op orde from this share of its gemeenten (question) or mean share (standard)
BANDS = ((0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0))


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


# --- the rules one level up -----------------------------------------------------------------


class NationalRules(_Model):
    min_regios: int = Field(default=3, ge=2, le=50)
    min_gemeenten: int = Field(default=5, ge=3, le=500)
    group: GroupRule = GroupRule.WOORDEN

    def sentences(self) -> tuple[str, ...]:
        group = {
            GroupRule.TONEN: "Staat er '0 van 6 regio's' of '6 van 6 regio's', dan tonen we dat zo. Let op: dan weet "
            "iedereen wat elke regio heeft.",
            GroupRule.WOORDEN: "Bij '0 van 6 regio's' of '6 van 6 regio's' weet iedereen wat elke regio heeft. Daarom "
            "schrijven we 'hoogstens 1 van de 6' of 'minstens 5 van de 6' (bij weinig regio's 'hoogstens 2').",
            GroupRule.WEGLATEN: "Bij '0 van 6 regio's' of '6 van 6 regio's' weet iedereen wat elke regio heeft. Zulke "
            "cijfers, en de cijfers die er vlak bij liggen, tonen we niet.",
        }[self.group]
        return (
            "Een regio telt bij een vraag als op orde als minstens de helft van haar gemeenten die vraag op orde "
            "heeft; bij een standaard als haar gemeenten gemiddeld minstens de helft van de vragen van die standaard "
            "op orde hebben. Heeft een regio een cijfer niet gedeeld, of alleen in woorden die beide kanten op "
            "kunnen, dan telt zij bij dat cijfer niet mee.",
            f"Een cijfer dat op minder dan {self.min_regios} regio's of minder dan {self.min_gemeenten} gemeenten "
            "rust, tonen we niet: dan is één regio te herkennen.",
            group,
            "Wat we landelijk delen, bewaren we. Nieuwe cijfers van een periode delen we alleen als niemand door "
            f"oude en nieuwe naast elkaar te leggen kan uitrekenen wat minder dan {self.min_regios} regio's deelden.",
            "Een verandering tussen twee periodes tellen we alleen over de regio's die in beide periodes meededen.",
            "Een regio noemen we alleen als zij daarvoor koos, en dan alleen in de lijst van regio's die meedoen, "
            "nooit bij een cijfer. Een gemeente noemen we nooit.",
        )

    def regio_rules(self) -> Rules:
        return Rules(min_gemeenten=self.min_regios, group=self.group)

    def gemeente_rules(self) -> Rules:
        return Rules(min_gemeenten=self.min_gemeenten, group=self.group)


# --- the national figures --------------------------------------------------------------------


class NationalStandard(_Model):
    number: int
    regios: Count  # x van y regio's op orde on this standard (by the rule above)
    unknown: int  # regions not counted here: withheld or both ways possible
    gemeenten: Count  # x van y gemeenten with the whole standard op orde, over the regions that shared it
    mean: Share  # the mean of the regional mean shares (each regio weighs the same)
    bands: tuple[int, ...] | None  # regions per band of their mean share (BANDS); None: withheld
    bands_reason: str = ""


class NationalQuestion(_Model):
    number: int
    standard: int
    regios: Count
    unknown: int
    gemeenten: Count


class PeriodPicture(_Model):
    period: str
    regios: int  # how many regions it rests on
    gemeenten: int  # how many gemeenten those regions counted
    standards: tuple[NationalStandard, ...] = ()
    questions: tuple[NationalQuestion, ...] = ()
    withheld: str = ""  # why this period's figures are not shown (then standards and questions are empty)


class Change(_Model):
    """Per standard: x van y regio's op orde in each period, over the regions that took part in both."""

    first: str
    second: str
    regios: int
    standards: tuple[tuple[int, Count, Count], ...] = ()
    withheld: str = ""


class NationalPicture(_Model):
    made_at: datetime
    rules: NationalRules
    questionnaire_version: str
    named: tuple[str, ...]  # the regions that chose to be named, alphabetically
    unnamed: int  # regions taking part that did not
    periods: tuple[PeriodPicture, ...]  # oldest first
    change: Change | None = None
    left_out: tuple[str, ...] = ()  # contributions that do not count, and why (no names)
    kept: tuple[str, ...] = ()  # what stays as in an earlier national publication, and why
    withdrawn_since: tuple[str, ...] = ()  # filled when read: regions that left after it was made (no names)
    is_demo: bool = False

    def period(self, name: str) -> PeriodPicture | None:
        return next((p for p in self.periods if p.period == name), None)


def _regio_op_orde(value: Range, of: float) -> bool | None:
    """Op orde by the rule (share at least OP_ORDE_FROM), or None when withheld or both ways possible."""
    if value.low is None or value.high is None or of <= 0:
        return None
    if value.low / of >= OP_ORDE_FROM:
        return True
    if value.high / of < OP_ORDE_FROM:
        return False
    return None


def _regios(votes: Sequence[bool | None], rules: NationalRules) -> tuple[Count, int]:
    known = [v for v in votes if v is not None]
    found = count(sum(known), len(known), rules.regio_rules())
    if found.reason == SMALL:
        found = found.model_copy(update={"reason": "te weinig regio's"})
    elif found.reason == GROUP:
        found = found.model_copy(update={"reason": "zou laten zien wat elke regio heeft"})
    return found, len(votes) - len(known)


def _gemeenten(parts: Sequence[tuple[Range, int]], rules: NationalRules) -> Count:
    """x van y gemeenten summed over the regions that shared the figure (exact or in words)."""
    shown = [(r, of) for r, of in parts if not r.withheld]
    low = sum(int(r.low or 0) for r, _ in shown)
    high = sum(int(r.high or 0) for r, _ in shown)
    y = sum(of for _, of in shown)
    if len(shown) < rules.min_regios:
        return Count(y=y, low=None, high=None, reason="te weinig regio's")
    if low == high:
        return count(low, y, rules.gemeente_rules())
    if y < rules.min_gemeenten:
        return Count(y=y, low=None, high=None, reason="te weinig gemeenten")
    return Count(y=y, low=low, high=high, reason="een regio deelde dit in woorden")


def _bands(means: Sequence[Range], rules: NationalRules) -> tuple[tuple[int, ...] | None, str]:
    placed = [0] * len(BANDS)
    n = 0
    for m in means:
        if m.low is None or m.high is None:
            continue
        for i, (lo, hi) in enumerate(BANDS):
            last = i == len(BANDS) - 1
            if lo <= m.low and (m.high < hi or (last and m.high <= hi)):
                placed[i] += 1
                n += 1
                break
    if n < rules.min_regios:
        words = "valt maar 1 regio" if n == 1 else f"vallen maar {n} regio's"
        return None, f"er {words} duidelijk in één deel"
    if max(placed) == n and rules.group is not GroupRule.TONEN:  # all or none, one level up
        return None, "alle regio's vallen in hetzelfde deel: dat zou laten zien hoe elke regio ervoor staat"
    return tuple(placed), ""


def period_picture(period: str, parts: Sequence[Contribution], rules: NationalRules) -> PeriodPicture:
    regios = len(parts)
    gemeenten = sum(c.gemeenten_counted for c in parts)
    if regios < rules.min_regios:
        return PeriodPicture(
            period=period,
            regios=regios,
            gemeenten=gemeenten,
            withheld=f"{count_of(regios, 'regio doet', 'regio’s doen')} mee; we tonen cijfers vanaf "
            f"{rules.min_regios} regio's.",
        )
    numbers = sorted({s.number for c in parts for s in c.standards})
    standards = []
    for number in numbers:
        own = [s for c in parts for s in c.standards if s.number == number]
        votes = [_regio_op_orde(s.mean, 1.0) for s in own]
        regio_count, unknown = _regios(votes, rules)
        shown = [s.mean for s in own if not s.mean.withheld]
        if len(shown) >= rules.min_regios:
            mean = Share(
                low=sum(m.low or 0 for m in shown) / len(shown),
                high=sum(m.high or 0 for m in shown) / len(shown),
                rests_on=len(shown),
            )
        else:
            mean = Share(low=None, high=None, rests_on=len(shown), reason="te weinig regio's")
        bands, why = _bands([s.mean for s in own], rules)
        standards.append(
            NationalStandard(
                number=number,
                regios=regio_count,
                unknown=unknown,
                gemeenten=_gemeenten([(s.whole, s.of) for s in own], rules),
                mean=mean,
                bands=bands,
                bands_reason=why,
            )
        )
    questions = []
    for number in sorted({q.number for c in parts for q in c.questions}):
        own_q = [q for c in parts for q in c.questions if q.number == number]
        regio_count, unknown = _regios([_regio_op_orde(q.op_orde, q.of) for q in own_q], rules)
        questions.append(
            NationalQuestion(
                number=number,
                standard=own_q[0].standard,
                regios=regio_count,
                unknown=unknown,
                gemeenten=_gemeenten([(q.op_orde, q.of) for q in own_q], rules),
            )
        )
    return PeriodPicture(
        period=period, regios=regios, gemeenten=gemeenten, standards=tuple(standards), questions=tuple(questions)
    )


def change_between(
    first: str, second: str, by_period: dict[str, dict[str, Contribution]], rules: NationalRules
) -> Change:
    """Per standard the regions op orde in both periods, over the regions that contributed to both."""
    both = sorted(set(by_period.get(first, {})) & set(by_period.get(second, {})))
    if len(both) < rules.min_regios:
        return Change(
            first=first,
            second=second,
            regios=len(both),
            withheld=f"{count_of(len(both), 'regio deed', 'regio’s deden')} in beide periodes mee; we vergelijken "
            f"vanaf {rules.min_regios} regio's.",
        )
    rows = []
    numbers = sorted({s.number for key in both for s in by_period[first][key].standards})
    for number in numbers:
        counts = []
        for period in (first, second):
            means = [s.mean for key in both for s in by_period[period][key].standards if s.number == number]
            votes = [_regio_op_orde(m, 1.0) for m in means]
            counts.append(_regios(votes, rules)[0])
        rows.append((number, counts[0], counts[1]))
    return Change(first=first, second=second, regios=len(both), standards=tuple(rows))


def band_label(index: int) -> str:
    lo, hi = BANDS[index]
    return f"{percent(lo)} tot {percent(hi)}" if index < len(BANDS) - 1 else f"{percent(lo)} tot en met {percent(hi)}"


__all__ = [
    "BANDS",
    "OP_ORDE_FROM",
    "Change",
    "NationalPicture",
    "NationalRules",
    "NationalStandard",
    "PeriodPicture",
    "band_label",
    "change_between",
    "period_picture",
]

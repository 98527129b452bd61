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
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from analysis.disclosure import GROUP, SMALL, Count, GroupRule, Rules, Share, count, smallest_isolated
from analysis.formatting import count_of, percent
from analysis.picture import SharedPicture, fingerprint

OP_ORDE_FROM = 0.5  # a regio counts as op orde from this share of its gemeenten (question) or mean share (standard)
BANDS = ((0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0))


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


# --- one regio's contribution ----------------------------------------------------------------


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


def build(
    active: Sequence[tuple[str, Contribution]],
    *,
    rules: NationalRules,
    questionnaire_version: str,
    made_at: datetime,
    earlier: Sequence[dict[str, list[str]]],
    before: NationalPicture | None,
    is_demo: bool = False,
) -> tuple[NationalPicture, dict[str, frozenset[str]]]:
    """The national picture of the active contributions ((regio key, contribution)), checked per period against
    the earlier national publications (`earlier`: per publication, period -> what its figures rested on). A period
    whose new figures would isolate fewer than `min_regios` regions keeps the figures of the newest publication
    when every regio of those is still in (one joined or changed), and is withheld when one left (keeping them
    would keep the regio that left). Returns the picture and, per period, what its figures rest on."""
    left_out = []
    by_period: dict[str, dict[str, Contribution]] = {}
    for key, c in active:
        if c.questionnaire_version != questionnaire_version:
            left_out.append(
                f"Een bijdrage over {c.period} gebruikt vragenlijst {c.questionnaire_version}; de landelijke cijfers "
                f"gaan over vragenlijst {questionnaire_version}. Die bijdrage telt niet mee."
            )
            continue
        by_period.setdefault(c.period, {})[key] = c
    last = earlier[-1] if earlier else {}
    periods, kept, rested = [], [], {}
    fresh = set()  # periods whose figures are made now from the current contributions (not kept, not withheld)
    for period in sorted(by_period):
        members = frozenset(f"{key}:{c.digest()}" for key, c in by_period[period].items())
        found = period_picture(period, list(by_period[period].values()), rules)
        if found.withheld:
            periods.append(found)
            continue
        history = _history(earlier, period)
        previous = frozenset(last.get(period, ()))
        safe = members in history or smallest_isolated([*history, members], rules.min_regios) is None
        if members == previous or safe:
            periods.append(found)
            rested[period] = members
            fresh.add(period)
            continue
        regios_before = {m.rsplit(":", 1)[0] for m in previous}
        regios_now = {m.rsplit(":", 1)[0] for m in members}
        old = before.period(period) if before is not None else None
        why = f"nieuwe cijfers zouden naast de vorige laten zien wat minder dan {rules.min_regios} regio's deelden"
        if regios_before <= regios_now and old is not None and not old.withheld:
            periods.append(old)
            rested[period] = previous
            kept.append(f"De cijfers over {period} blijven zoals in de vorige landelijke stand: {why}.")
            continue
        periods.append(
            PeriodPicture(
                period=period,
                regios=found.regios,
                gemeenten=found.gemeenten,
                withheld=f"De cijfers over {period} tonen we nu niet: {why}"
                + (" (sinds de vorige stand stopte een regio)." if not regios_before <= regios_now else "."),
            )
        )
    names = sorted({c.regio_name for part in by_period.values() for c in part.values() if c.named})
    keys = {key for part in by_period.values() for key in part}
    named_keys = {key for part in by_period.values() for key, c in part.items() if c.named}
    shown = [p.period for p in periods if not p.withheld]
    change = None
    if len(shown) >= 2:
        change = _checked_change(shown[-2], shown[-1], by_period, rules, earlier, rested, fresh)
    picture = NationalPicture(
        made_at=made_at,
        rules=rules,
        questionnaire_version=questionnaire_version,
        named=tuple(names),
        unnamed=len(keys - named_keys),
        periods=tuple(periods),
        change=change,
        left_out=tuple(left_out),
        kept=tuple(kept),
        is_demo=is_demo,
    )
    return picture, rested


def _history(earlier: Sequence[dict[str, list[str]]], period: str) -> list[frozenset[str]]:
    """Every set an earlier national stand rested on for this period: its figures and its change's column."""
    return [frozenset(p.get(key, ())) for p in earlier for key in (period, f"{CHANGE}{period}") if p.get(key)]


CHANGE = "verandering:"


def _checked_change(
    first: str,
    second: str,
    by_period: dict[str, dict[str, Contribution]],
    rules: NationalRules,
    earlier: Sequence[dict[str, list[str]]],
    rested: dict[str, frozenset[str]],
    fresh: set[str],
) -> Change:
    """The change between two periods, over the regions in both. Its columns rest on other sets of regions than the
    periods' own figures (a regio in one period only is left out), so each column is checked against those and
    every earlier stand as a publication of its own: withheld when subtracting would isolate fewer than
    `min_regios` regions. Added to `rested` when shown."""
    found = change_between(first, second, by_period, rules)
    if found.withheld:
        return found
    if not {first, second} <= fresh:
        return found.model_copy(
            update={
                "standards": (),
                "withheld": "De cijfers van een van beide periodes blijven zoals eerder gedeeld; "
                "een verandering zou die naast de nieuwe cijfers zetten.",
            }
        )
    both = set(by_period[first]) & set(by_period[second])
    columns = {}
    for period in (first, second):
        column = frozenset(f"{key}:{by_period[period][key].digest()}" for key in both)
        sets = [*_history(earlier, period), rested[period], column]
        if column not in sets[:-1] and smallest_isolated(sets, rules.min_regios) is not None:
            return found.model_copy(
                update={
                    "standards": (),
                    "withheld": f"In {period} deden ook regio's mee die in de andere periode niet meededen, minder "
                    f"dan {rules.min_regios}. Een verandering over alleen de regio's in beide periodes zou naast de "
                    f"cijfers van {period} laten zien wat die regio's deelden.",
                }
            )
        columns[f"{CHANGE}{period}"] = column
    rested.update(columns)
    return found


def band_label(index: int) -> str:
    lo, hi = BANDS[index]
    return f"{percent(lo)} tot {percent(hi)}" if index < len(BANDS) - 1 else f"{percent(lo)} tot en met {percent(hi)}"


__all__ = [
    "BANDS",
    "OP_ORDE_FROM",
    "Change",
    "Contribution",
    "NationalPicture",
    "NationalRules",
    "NationalStandard",
    "PeriodPicture",
    "Range",
    "band_label",
    "build",
    "change_between",
    "contribution_of",
    "period_picture",
]

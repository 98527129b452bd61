"""Disclosure control: what a figure may say to a reader outside the regio team. Pure functions.

The rules, set per regio (see `Rules.sentences` for the words the pages show):

- **minimum**: a figure that rests on fewer than `min_gemeenten` gemeenten is withheld;
- **group**: "x van y" with x at or near 0 or y says what every gemeente answered (group disclosure in the
  statistical offices' sense). Such figures are shown as is, in words that keep ambiguity ("hoogstens 1 van
  de 8 gemeenten"), or withheld. The words always cover a band of values (0 and 1, or 0 to 2 for small y),
  so a reader cannot tell a 0 from a 1;
- **dominance**: a sum in which one gemeente supplies more than `dominance` percent is withheld;
- **secondary**: a withheld cell is never recoverable from a total and the other cells (`secondary`);
- **differencing**: outputs that leave the regio team rest on stored publications; a new publication is
  checked against the earlier ones (`smallest_isolated`) so that no adding and subtracting of them isolates
  fewer than `min_gemeenten` gemeenten.

Withheld means absent: a withheld `Count` or `Share` carries no value, so no caller can leak it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from itertools import combinations

import numpy as np
from pydantic import BaseModel, ConfigDict

from analysis.formatting import count_of, percent

MAX_SUBSETS = 2_000_000  # beyond this the differencing check does not try: it says "cannot be checked"


class GroupRule(StrEnum):
    """What happens to "x van y" at or near 0 and y."""

    TONEN = "tonen"
    WOORDEN = "woorden"
    WEGLATEN = "weglaten"

    @property
    def label(self) -> str:
        return {
            GroupRule.TONEN: "Gewoon tonen",
            GroupRule.WOORDEN: "In woorden die niets verraden (bijvoorbeeld 'hoogstens 1 van de 8')",
            GroupRule.WEGLATEN: "Niet tonen",
        }[self]


class Rules(BaseModel):
    """A regio's disclosure settings. The defaults are the safe ones."""

    model_config = ConfigDict(frozen=True)

    min_gemeenten: int = 3
    group: GroupRule = GroupRule.WOORDEN
    dominance: int = 75  # percent of a sum one gemeente may supply

    def sentences(self) -> tuple[str, ...]:
        """One plain sentence per rule, with its reason, for beside the figures and in every shared file."""
        group = {
            GroupRule.TONEN: "Staat bij een vraag '0 van 8' of '8 van 8', dan tonen we dat zo. Let op: dan weet "
            "iedereen wat elke gemeente antwoordde.",
            GroupRule.WOORDEN: "Bij '0 van 8' of '8 van 8' weet iedereen wat elke gemeente antwoordde. Daarom "
            "schrijven we 'hoogstens 1 van de 8' of 'minstens 7 van de 8' (bij weinig gemeenten 'hoogstens 2').",
            GroupRule.WEGLATEN: "Bij '0 van 8' of '8 van 8' weet iedereen wat elke gemeente antwoordde. Zulke "
            "cijfers, en de cijfers die er vlak bij liggen, tonen we niet.",
        }[self.group]
        return (
            f"Een cijfer dat op minder dan {self.min_gemeenten} gemeenten rust, tonen we niet: dan is één gemeente "
            "te herkennen.",
            group,
            f"Een som waarvan één gemeente meer dan {self.dominance}% levert, tonen we niet: die som zegt dan vooral "
            "iets over die ene gemeente.",
            "Is een cijfer weggelaten, dan laten we ook een tweede cijfer of het totaal weg, zodat niemand het kan "
            "terugrekenen.",
            "Wat we delen, bewaren we. Een nieuwe stand delen we alleen als niemand door oude en nieuwe standen "
            f"naast elkaar te leggen kan uitrekenen wat minder dan {self.min_gemeenten} gemeenten antwoordden.",
        )


SMALL = "te weinig gemeenten"
GROUP = "zou laten zien wat elke gemeente antwoordde"


class Count(BaseModel):
    """ "x van y" as it may be shown: x lies between `low` and `high` (equal when exact); withheld: both None."""

    model_config = ConfigDict(frozen=True)

    y: int
    low: int | None
    high: int | None
    reason: str = ""  # why it is withheld or in words; empty when exact

    @property
    def withheld(self) -> bool:
        return self.low is None

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def x(self) -> int | None:
        return self.low if self.exact else None

    def of(self, noun: str = "gemeenten", withheld: str = "niet getoond") -> str:
        """'5 van 8 gemeenten', 'hoogstens 1 van de 8 gemeenten', 'minstens 7 van de 8 gemeenten'."""
        if self.low is None or self.high is None:
            return f"{withheld} ({self.reason})" if self.reason else withheld
        if self.low == self.high:
            return f"{self.low} van {self.y} {noun}".rstrip()
        if self.low == 0:
            return f"hoogstens {self.high} van de {self.y} {noun}".rstrip()
        if self.high < self.y:  # a sum of figures in words (the national picture): both ends
            return f"tussen {self.low} en {self.high} van de {self.y} {noun}".rstrip()
        return f"minstens {self.low} van de {self.y} {noun}".rstrip()

    def complement(self) -> Count:
        """The same figure counted the other way round (niet op orde instead of op orde)."""
        if self.low is None or self.high is None:
            return self
        return Count(y=self.y, low=self.y - self.high, high=self.y - self.low, reason=self.reason)


def exact(x: int, y: int) -> Count:
    return Count(y=y, low=x, high=x)


def band_width(y: int, rules: Rules) -> int:
    """How many values at each end go into words besides 0 (or y): 1, or 2 when y is small (fewer than twice
    the minimum), so that a gemeente that knows its own answer cannot work out the others' either."""
    return 2 if y < 2 * rules.min_gemeenten else 1


def count(x: int, y: int, rules: Rules | None) -> Count:
    """ "x van y" under the rules (None: the regio team itself reads it, exact)."""
    if rules is None:
        return exact(x, y)
    if y < rules.min_gemeenten:
        return Count(y=y, low=None, high=None, reason=SMALL)
    if rules.group is GroupRule.TONEN:
        return exact(x, y)
    k = band_width(y, rules)
    if y <= 2 * k:  # the two ends would overlap: every value says too much
        return Count(y=y, low=None, high=None, reason=GROUP)
    if x > k and x < y - k:
        return exact(x, y)
    if rules.group is GroupRule.WEGLATEN:
        return Count(y=y, low=None, high=None, reason=GROUP)
    low, high = (0, k) if x <= k else (y - k, y)
    return Count(y=y, low=low, high=high, reason=GROUP)


class Share(BaseModel):
    """A share (0-1) as it may be shown: exact (low == high), a range, or withheld (both None)."""

    model_config = ConfigDict(frozen=True)

    low: float | None
    high: float | None
    rests_on: int
    reason: str = ""

    @property
    def withheld(self) -> bool:
        return self.low is None

    @property
    def value(self) -> float | None:
        """A point for a chart: the exact value, the middle of a range, None when withheld."""
        if self.low is None or self.high is None:
            return None
        return (self.low + self.high) / 2

    @property
    def exact(self) -> bool:
        return self.low is not None and self.high is not None and abs(self.high - self.low) < 1e-12

    def text(self, withheld: str = "niet getoond") -> str:
        if self.low is None or self.high is None:
            if not self.reason and self.rests_on == 0:
                return "geen score"  # no gemeente answered: nothing withheld, nothing to show
            return f"{withheld} ({self.reason})" if self.reason else withheld
        if self.exact:
            return percent(self.low)
        return f"tussen {percent(self.low)} en {percent(self.high)}"


def share(low: float | None, high: float | None, rests_on: int, rules: Rules | None, reason: str = "") -> Share:
    """A mean share resting on `rests_on` gemeenten; withheld under the minimum."""
    if low is None or high is None:
        return Share(low=None, high=None, rests_on=rests_on, reason=reason)
    if rules is not None and rests_on < rules.min_gemeenten:
        return Share(low=None, high=None, rests_on=rests_on, reason=SMALL)
    return Share(low=low, high=high, rests_on=rests_on, reason=reason)


# --- sums -----------------------------------------------------------------------------------


class Total(BaseModel):
    """A sum of gemeenten's figures as it may be shown (value None: withheld, with the reason)."""

    model_config = ConfigDict(frozen=True)

    value: float | None
    rests_on: int
    reason: str = ""


def total(values: Sequence[float], rules: Rules) -> Total:
    """The sum of the gemeenten's figures: withheld when it rests on too few, or one gemeente dominates it."""
    n = len(values)
    if n < rules.min_gemeenten:
        return Total(value=None, rests_on=n, reason=f"{count_of(n, 'gemeente', 'gemeenten')}: {SMALL}")
    summed = float(sum(values))
    if summed > 0 and max(values) > summed * rules.dominance / 100:
        return Total(value=None, rests_on=n, reason=f"één gemeente levert meer dan {rules.dominance}%")
    return Total(value=summed, rests_on=n)


def secondary(cells: Mapping[int, float], primary: set[int], min_count: int) -> set[int] | None:
    """Cells to withhold beside a shown total so that no withheld cell can be computed back.

    With any primary cell, at least two cells are withheld and together hold at least `min_count`: the
    total minus the shown cells then says only something about the group. Extra cells are the smallest
    others (ties by key). None: not possible, so the total itself must be withheld.
    """
    if not primary:
        return set()
    hidden = set(primary)
    others = sorted((v, k) for k, v in cells.items() if k not in hidden)
    while len(hidden) < 2 or sum(cells[k] for k in hidden) < min_count:
        if not others:
            return None
        hidden.add(others.pop(0)[1])
    return hidden


# --- differencing between publications --------------------------------------------------------


def smallest_isolated(sets: Sequence[frozenset[str]], minimum: int) -> int | None:
    """The size of the smallest group of contributions that adding and subtracting these sets isolates, when
    that group is smaller than `minimum`; None when every isolated group has at least `minimum` members.

    Each set lists the contributions one publication's figures rest on (e.g. "gemeente 4, round 17, these
    answers"). A reader who holds several publications can subtract one from another: what is left is a
    combination of the sets. That combination may only ever cover `minimum` or more contributions.
    Contributions that are in exactly the same sets can never be told apart ("atoms"); the check looks for a
    combination of the sets that is zero everywhere except on fewer than `minimum` contributions.
    """
    sets = [s for s in sets if s]
    members = sorted(set().union(*sets)) if sets else []
    if not members:
        return None
    atoms: dict[tuple[bool, ...], int] = {}
    for member in members:
        pattern = tuple(member in s for s in sets)
        atoms[pattern] = atoms.get(pattern, 0) + 1
    patterns = list(atoms)
    sizes = np.array([atoms[p] for p in patterns])
    matrix = np.array([[1.0 if p[i] else 0.0 for p in patterns] for i in range(len(sets))])
    # Projector onto the combinations of atoms that no combination of sets can express; a group of atoms is
    # isolated exactly when its columns of this projector are linearly dependent.
    gram = np.eye(len(patterns)) - np.linalg.pinv(matrix) @ matrix
    small = [i for i in range(len(patterns)) if sizes[i] < minimum]
    found: int | None = None
    for size in range(1, minimum):
        groups = [g for g in combinations(small, size) if sizes[list(g)].sum() < minimum]
        if not groups:
            continue
        if len(groups) > MAX_SUBSETS:
            return int(min(sizes[list(g)].sum() for g in groups[:1]))  # too many to check: assume the worst
        index = np.array(groups)
        blocks = gram[index[:, :, None], index[:, None, :]]
        dependent = np.abs(np.linalg.det(blocks)) < 1e-9
        for group, hit in zip(groups, dependent, strict=True):
            if hit:
                weight = int(sizes[list(group)].sum())
                found = weight if found is None else min(found, weight)
    return found

"""Figures of procesindicatoren over time: per gemeente, for the regio, small counts suppressed. Pure.

- A count from 1 up to the regio's threshold is never shown as a number ("minder dan 5"): it could
  point to a family. A zero is shown.
- The regional line is the figure delivered for the regio as a whole. When there is none, a count
  is the sum of the gemeenten that delivered one for that period (and says how many); a percentage
  is never averaged (without the numbers behind it that would add up unlike figures).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from analysis.disclosure import secondary
from analysis.formatting import percent
from indicators.models import Figure, Unit

PERIOD = re.compile(r"^(\d{4})(?:-(K[1-4]|H[12]|0[1-9]|1[0-2]))?$")


def normal_period(text: str) -> str | None:
    """'2025-k1' -> '2025-K1', ' 2025 ' -> '2025', '2025-3' -> None (months need two digits)."""
    candidate = text.strip().upper().replace(" ", "")
    return candidate if PERIOD.fullmatch(candidate) else None


def period_key(period: str) -> tuple[int, int, str]:
    """Sort key: year, then the start month of the quarter, half year or month."""
    found = PERIOD.fullmatch(period)
    if found is None:
        raise ValueError(f"not a period: {period!r}")  # periods are normalised (normal_period) before they are stored
    year, part = found.groups()
    if part is None:
        start = 1
    elif part[0] == "K":
        start = 3 * int(part[1]) - 2
    elif part[0] == "H":
        start = 6 * int(part[1]) - 5
    else:
        start = int(part)
    return int(year), start, period


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Shown(_Model):
    """A figure as a person may see it: the number (None when suppressed or absent) and its words."""

    value: float | None
    text: str
    suppressed: bool = False


NONE = Shown(value=None, text="geen cijfer")


def shown(value: float | None, unit: Unit, min_count: int) -> Shown:
    if value is None:
        return NONE
    if unit is Unit.COUNT:
        if 0 < value < min_count:
            return Shown(value=None, text=f"minder dan {min_count}", suppressed=True)
        return Shown(value=value, text=f"{value:,.0f}".replace(",", "."))
    return Shown(value=value, text=percent(value / 100, 1 if value != round(value) else 0))


class SeriesRow(_Model):
    period: str
    gemeenten: dict[int, Shown]  # gemeente id -> figure
    regio: Shown
    regio_basis: str  # "geleverd voor de regio", "som van 3 gemeenten", "geen regiocijfer"


SECONDARY = "niet getoond (anders is een klein aantal terug te rekenen)"


def series(figures: Sequence[Figure], unit: Unit, gemeente_ids: Sequence[int], min_count: int) -> list[SeriesRow]:
    """One row per period, oldest first, for one indicator. A small count is "minder dan N"; beside a regional
    figure, another cell (or the regional figure) is withheld too, so the small one cannot be computed back."""
    periods = sorted({f.period for f in figures}, key=period_key)
    rows = []
    for period in periods:
        here = [f for f in figures if f.period == period]
        per_gemeente = {f.gemeente_id: f.value for f in here if f.gemeente_id is not None}
        delivered = next((f.value for f in here if f.gemeente_id is None), None)
        if delivered is not None:
            regio, basis = shown(delivered, unit, min_count), "geleverd voor de regio"
        elif unit is Unit.COUNT and per_gemeente:
            n = len(per_gemeente)
            regio = shown(sum(per_gemeente.values()), unit, min_count)
            basis = f"som van {n} {'gemeente' if n == 1 else 'gemeenten'}"
        else:
            regio, basis = NONE, "geen regiocijfer"
        cells = {g: shown(per_gemeente.get(g), unit, min_count) for g in gemeente_ids}
        if unit is Unit.COUNT and regio.value is not None:
            cells, regio = _secondary(cells, per_gemeente, regio, min_count)
        rows.append(SeriesRow(period=period, gemeenten=cells, regio=regio, regio_basis=basis))
    return rows


def exact_shown(value: float | None, unit: Unit) -> Shown:
    """A figure shown as it was delivered (to the gemeente that delivered it: it is its own)."""
    return shown(value, unit, 0)


def _secondary(
    cells: dict[int, Shown], values: dict[int, float], regio: Shown, min_count: int
) -> tuple[dict[int, Shown], Shown]:
    primary = {g for g, c in cells.items() if c.suppressed}
    hidden = secondary(values, primary, min_count)
    if hidden is None:
        return cells, Shown(value=None, text=SECONDARY, suppressed=True)
    withheld = Shown(value=None, text=SECONDARY, suppressed=True)
    return {g: withheld if g in hidden - primary else c for g, c in cells.items()}, regio


class IndicatorLine(_Model):
    """One indicator's newest period as a document shows it: already suppressed and, where it leaves the
    regio team, without gemeente names (the caller masks the texts)."""

    name: str
    definition: str
    unit: str
    standards: tuple[int, ...]
    period: str
    own: str = ""  # the gemeente's own figure (in a gemeente's report)
    regio: str
    regio_basis: str
    spread: str = ""  # lowest to highest gemeente, or why that is not shown (files without names)

    @property
    def regio_words(self) -> str:
        """'115 (som van 8 gemeenten)', '26 (geleverd voor de regio)', or 'geen regiocijfer'."""
        if self.regio_basis in ("geen regiocijfer", "niet getoond"):
            return self.regio_basis
        return f"{self.regio} ({self.regio_basis})"

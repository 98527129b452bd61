"""The procesindicatoren without gemeente names, as CSV for Dutch Excel."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.indicators import AnonymousRow
from exports.csv_writer import csv_bytes
from indicators.models import RegioIndicator


def anonymised_csv(rows: Sequence[tuple[RegioIndicator, Sequence[AnonymousRow]]]) -> bytes:
    lines: list[list] = [
        ["indicator", "definitie", "eenheid", "periode", "regio", "regiocijfer is", "gemeenten", "laagste", "hoogste"]
    ]
    for item, found in rows:
        i = item.indicator
        for row in found:
            lines.append(
                [i.name, i.definition, i.unit.value, row.period, row.regio.text, row.regio_basis, row.gemeenten,
                 row.lowest, row.highest]
            )  # fmt: skip
    return csv_bytes(lines)

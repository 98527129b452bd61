"""The procesindicatoren of a publication, without gemeente names, as CSV for Dutch Excel."""

from __future__ import annotations

from analysis.picture import SharedPicture
from exports.csv_writer import csv_bytes


def anonymised_csv(picture: SharedPicture) -> bytes:
    lines: list[list] = [["indicator", "definitie", "eenheid", "periode", "regio", "regiocijfer is", "gemeenten"]]
    for item in picture.indicators:
        for period in item.periods:
            lines.append(
                [item.name, item.definition, item.unit, period.period, period.regio, period.basis, period.gemeenten]
            )
    return csv_bytes(lines)

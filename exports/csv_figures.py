"""A publication's figures as CSV: semicolons and a BOM, so Dutch Excel opens it as it should."""

from __future__ import annotations

from analysis import definitions
from analysis.formatting import percent
from analysis.picture import SharedPicture
from exports import rules_lines, x_cell, y_cell
from exports.csv_writer import csv_bytes

COLUMNS = [
    "soort",
    "nummer",
    "standaard",
    "omschrijving",
    "x (op orde)",
    "y (beantwoord of beslist)",
    "gemiddeld deel op orde",
    "opmerking",
]


def figures_csv(picture: SharedPicture) -> bytes:
    rows: list[list] = [COLUMNS]
    for s in picture.standards:
        mean = percent(s.mean.low, 1).removesuffix("%") if s.mean.exact else s.mean.text()
        note = "" if s.whole.exact else s.whole.of()
        rows.append(["standaard", s.number, s.number, s.name, x_cell(s.whole), y_cell(s.whole), mean, note])
    for q in picture.questions:
        note = "" if q.op_orde.exact else q.op_orde.of()
        rows.append(["vraag", q.number, q.standard, q.text, x_cell(q.op_orde), y_cell(q.op_orde), "", note])
    rows += [["uitleg", "", "", line, "", "", "", ""] for line in (*definitions.ALL, *rules_lines(picture))]
    return csv_bytes(rows)

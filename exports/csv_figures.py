"""The anonymised figures as CSV: semicolons and a BOM, so Dutch Excel opens it as it should."""

from __future__ import annotations

from analysis import definitions
from analysis.anonymise import AnonymisedFigures
from analysis.formatting import percent
from exports import WITHHELD_TEXT
from exports.csv_writer import csv_bytes

COLUMNS = [
    "soort",
    "nummer",
    "standaard",
    "omschrijving",
    "x (op orde)",
    "y (beantwoord)",
    "gemiddeld deel op orde",
    "opmerking",
]


def figures_csv(figures: AnonymisedFigures) -> bytes:
    rows: list[list] = [COLUMNS]
    withheld = WITHHELD_TEXT.format(n=figures.min_gemeenten)
    for s in figures.standards:
        share = "" if s.mean_share is None else percent(s.mean_share, 1).removesuffix("%")
        rows.append(["standaard", s.number, s.number, s.name, s.x, s.y, share, withheld if s.withheld else ""])
    for q in figures.questions:
        rows.append(["vraag", q.number, q.standard, q.text, q.x, q.y, "", withheld if q.withheld else ""])
    rows += [["uitleg", "", "", line, "", "", "", ""] for line in definitions.ALL]
    return csv_bytes(rows)

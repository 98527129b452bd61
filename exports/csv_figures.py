"""The anonymised figures as CSV: semicolons and a BOM, so Dutch Excel opens it as it should."""

from __future__ import annotations

import csv
import io

from analysis.anonymise import AnonymisedFigures
from exports import WITHHELD_TEXT

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
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    withheld = WITHHELD_TEXT.format(n=figures.min_gemeenten)
    for s in figures.standards:
        share = "" if s.mean_share is None else f"{s.mean_share * 100:.1f}".replace(".", ",")
        writer.writerow(
            ["standaard", s.number, s.number, s.name, _n(s.x), _n(s.y), share, withheld if s.withheld else ""]
        )
    for q in figures.questions:
        writer.writerow(["vraag", q.number, q.standard, q.text, _n(q.x), _n(q.y), "", withheld if q.withheld else ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _n(value: int | None) -> str:
    return "" if value is None else str(value)

"""The one way a CSV file leaves the app: semicolons and a BOM for Dutch Excel, and no cell
that a spreadsheet would run as a formula.

OWASP's guidance on CSV injection: a cell that starts with = + - @, a tab or a carriage
return (after any spaces) is prefixed with a single quote, so Excel and LibreOffice show the
text as typed instead of computing it. Numbers are written by us, never taken from user text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from domain.text import clean_text
from exports.xlsx_writer import starts_like_formula

Cell = str | int | float | None


def csv_bytes(rows: Iterable[Iterable[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return str(value).replace(".", ",")
    text = clean_text(value)
    return "'" + text if starts_like_formula(text) or text[:1] in ("\t", "\r") else text

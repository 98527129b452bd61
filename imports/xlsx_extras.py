"""The sheet of a regio's extra questions in a zelfscan workbook (as exports/xlsx_zelfscan writes it)."""

from __future__ import annotations

from imports.xlsx_values import cell_text
from imports.xlsx_zelfscan import EXTRA_SHEET, ParsedAnswer, Problem, _answer, _cell, _problem


def read_extras(
    rows: list[list], formulas: set[tuple[int, int]]
) -> tuple[tuple[ParsedAnswer, ...], tuple[Problem, ...]]:
    """The sheet of the regio's extra questions: id in column A, answer in E, toelichting in F."""
    problems: list[Problem] = []
    found: dict[int, ParsedAnswer] = {}
    columns = {"answer": 4, "toelichting": 5, "op": -1, "niet": -1}
    for r, row in enumerate(rows):
        if not row or isinstance(row[0], bool) or not isinstance(row[0], int | float) or r < 2:
            continue
        extra_id = int(row[0])
        value = _answer(EXTRA_SHEET, r, row, formulas, columns, problems)
        note = cell_text(row[5]) if len(row) > 5 else ""
        if extra_id in found:
            _problem(problems, EXTRA_SHEET, _cell(r, 0), f"Extra vraag {extra_id} staat er twee keer in.")
            continue
        if value is not None or note:
            found[extra_id] = ParsedAnswer(number=extra_id, value=value, toelichting=note)
    return tuple(found.values()), tuple(problems)

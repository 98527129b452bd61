"""Reading the question texts of a VNG zelfscan workbook, by number, to make a questionnaire version.

The workbook holds the official wording; our standards, blocks, help texts and begrippen stay. The
same safety as the zelfscan import: size, old format, password, zip bomb, hidden sheets, and a Dutch
message with the sheet and cell for every problem.
"""

from __future__ import annotations

from imports.reader import cell_name
from imports.xlsx_values import cell_label, cell_number, cell_text
from imports.xlsx_zelfscan import (
    QUESTION_COUNT,
    WorkbookRefused,
    header_row,
    open_upload,
    questions_sheet,
    sheet_rows,
)

TEXT_LABELS = ("vraag", "vraagtekst", "tekst", "omschrijving", "vraag omschrijving")


def read_question_texts(
    data: bytes, *, sheet: str | None = None, file_name: str = "vragenlijst.xlsx"
) -> tuple[str, dict[int, str]]:
    """(sheet name, question number -> text), through the one reader. Every question 1 to 31 must have a text."""
    upload = open_upload(data, file_name)
    name = questions_sheet(upload, sheet)
    rows = sheet_rows(upload, name).rows
    header = header_row(rows)
    labels = [cell_label(v) for v in rows[header]] if header is not None else []
    text_column = next((i for i, label in enumerate(labels) if label in TEXT_LABELS), None)
    texts: dict[int, str] = {}
    for r, row in enumerate(rows):
        number = cell_number(row[0]) if row else None
        if number is None or (header is not None and r <= header) or not 1 <= number <= QUESTION_COUNT:
            continue
        if number in texts:
            raise WorkbookRefused(f"Blad '{name}', cel {cell_name(r, 0)}: vraag {number} staat er twee keer in.")
        if text_column is not None:
            text = cell_text(row[text_column]) if text_column < len(row) else ""
        else:  # no recognisable header: the longest text in the row is the question
            text = max((cell_text(v) for v in row[1:] if isinstance(v, str)), key=len, default="")
        if len(text) < 10:
            where = cell_name(r, text_column if text_column is not None else 1)
            raise WorkbookRefused(f"Blad '{name}', cel {where}: bij vraag {number} staat geen vraagtekst.")
        texts[number] = text
    missing = [n for n in range(1, QUESTION_COUNT + 1) if n not in texts]
    if missing:
        raise WorkbookRefused(
            f"Blad '{name}': vraag {', '.join(map(str, missing))} ontbreekt. Een versie van de zelfscan heeft de "
            f"vragen 1 tot en met {QUESTION_COUNT}."
        )
    return name, texts

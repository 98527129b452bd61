"""Read a filled-in zelfscan workbook: ours, or the common variants of hand-made ones.

Accepted: answers as "op orde"/"niet op orde" or "ja"/"nee" in one answer column, or an
"x" in one of two columns headed "op orde" and "niet op orde"; questions identified by
their number 1-31 in the first column; blank rows anywhere. Everything else is reported
as a problem with sheet, cell and a plain Dutch explanation. Nothing here touches the
database: the caller decides what to store.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date, datetime

import openpyxl
from pydantic import BaseModel, ConfigDict

from analysis.answers import AnswerValue

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_RATIO = 100
QUESTION_COUNT = 31
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
VALUES = {
    "op orde": AnswerValue.OP_ORDE,
    "ja": AnswerValue.OP_ORDE,
    "niet op orde": AnswerValue.NIET_OP_ORDE,
    "nee": AnswerValue.NIET_OP_ORDE,
}
PURPOSES = {"nulmeting", "evaluatie", "toetsingsmoment"}


class WorkbookRefused(ValueError):
    """The file cannot be read at all; the message says why and what to do."""


class Problem(BaseModel):
    model_config = ConfigDict(frozen=True)

    sheet: str
    cell: str
    message: str


class ParsedAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    value: AnswerValue | None
    toelichting: str


class ParsedWorkbook(BaseModel):
    model_config = ConfigDict(frozen=True)

    file_hash: str
    gemeente: str | None
    held_on: date | None
    purpose: str | None
    answers: tuple[ParsedAnswer, ...]
    problems: tuple[Problem, ...]

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers if a.value is not None)

    @property
    def toelichtingen(self) -> int:
        return sum(1 for a in self.answers if a.toelichting)


def read_workbook(data: bytes) -> ParsedWorkbook:
    _refuse_unsafe(data)
    try:
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise WorkbookRefused(
            "Dit bestand kan niet worden gelezen als Excel-werkboek. Open het in Excel of LibreOffice "
            "en sla het opnieuw op als .xlsx."
        ) from exc
    sheet_name = _questions_sheet(values)
    rows = [list(r) for r in values[sheet_name].iter_rows(values_only=True)]
    formula_rows = [list(r) for r in formulas[sheet_name].iter_rows(values_only=True)]
    return _parse(hashlib.sha256(data).hexdigest(), sheet_name, rows, formula_rows)


def _refuse_unsafe(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise WorkbookRefused(
            f"Dit bestand is te groot ({len(data) // 1024 // 1024} MB). Een zelfscan-werkboek is veel kleiner; "
            "lees alleen het werkboek van de zelfscan in."
        )
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in data:
            raise WorkbookRefused(
                "Dit werkboek is beveiligd met een wachtwoord. Haal het wachtwoord eraf "
                "(in Excel: Bestand, Info, Werkmap beveiligen) en lees het opnieuw in."
            )
        raise WorkbookRefused(
            "Dit is een oud Excel-bestand (.xls). Open het in Excel of LibreOffice en sla het op als .xlsx."
        )
    if not data.startswith(b"PK"):
        raise WorkbookRefused("Dit is geen Excel-bestand (.xlsx). Kies het werkboek van de zelfscan.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise WorkbookRefused(
            "Dit bestand is beschadigd. Sla het opnieuw op als .xlsx en probeer het nog eens."
        ) from exc
    if unzipped > MAX_UNZIPPED or unzipped > MAX_RATIO * max(len(data), 1):
        raise WorkbookRefused(
            "Dit bestand pakt uit tot veel meer gegevens dan een zelfscan kan bevatten. Het wordt niet ingelezen."
        )


def _questions_sheet(wb: openpyxl.Workbook) -> str:
    for name in wb.sheetnames:
        if name.strip().casefold() == "vragen":
            return name
    for name in wb.sheetnames:  # a hand-made workbook: the sheet whose first column counts 1..31
        numbers = {_number(row[0]) for row in wb[name].iter_rows(max_col=1, values_only=True) if row}
        if set(range(1, QUESTION_COUNT + 1)) <= numbers:
            return name
    raise WorkbookRefused(
        "Er staat geen blad 'Vragen' in dit werkboek, en geen blad met de vraagnummers 1 tot en met 31 in de "
        "eerste kolom. Gebruik het werkboek van de zelfscan."
    )


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _cell(row: int, column: int) -> str:
    return f"{openpyxl.utils.get_column_letter(column + 1)}{row + 1}"


def _parse(file_hash: str, sheet: str, rows: list[list], formula_rows: list[list]) -> ParsedWorkbook:
    problems: list[Problem] = []
    header = _header_row(rows)
    columns = _columns(rows[header] if header is not None else [])
    info = _info(rows[: header if header is not None else 6])
    answers: dict[int, ParsedAnswer] = {}
    for r, row in enumerate(rows):
        number = _number(row[0]) if row else None
        if number is None or (header is not None and r <= header):
            continue
        if not 1 <= number <= QUESTION_COUNT:
            raise WorkbookRefused(
                f"Blad '{sheet}', cel {_cell(r, 0)}: vraag {number} bestaat niet. De zelfscan heeft de vragen "
                "1 tot en met 31."
            )
        if number in answers:
            raise WorkbookRefused(
                f"Blad '{sheet}', cel {_cell(r, 0)}: vraag {number} staat er twee keer in. Haal één van beide weg."
            )
        value = _answer(sheet, r, row, formula_rows[r] if r < len(formula_rows) else [], columns, problems)
        note = _text(row[columns["toelichting"]]) if columns["toelichting"] < len(row) else ""
        answers[number] = ParsedAnswer(number=number, value=value, toelichting=note)
    for number in range(1, QUESTION_COUNT + 1):
        if number not in answers:
            problems.append(Problem(sheet=sheet, cell="kolom A", message=f"Vraag {number} ontbreekt in het werkboek."))
    return ParsedWorkbook(
        file_hash=file_hash,
        gemeente=info.get("gemeente"),
        held_on=info.get("datum"),
        purpose=info.get("doel"),
        answers=tuple(sorted(answers.values(), key=lambda a: a.number)),
        problems=tuple(problems),
    )


def _header_row(rows: list[list]) -> int | None:
    for r, row in enumerate(rows[:30]):
        labels = {_text(v).casefold() for v in row}
        if "vraag" in labels or "nr" in labels or {"op orde", "niet op orde"} <= labels:
            return r
    return None


def _columns(header: list) -> dict[str, int]:
    """Where the answer and toelichting are; our own layout when there is no recognisable header."""
    labels = [_text(v).casefold() for v in header]
    found = {"answer": 4, "toelichting": 5, "op": -1, "niet": -1}
    for i, label in enumerate(labels):
        if label == "antwoord":
            found["answer"] = i
        elif label == "toelichting":
            found["toelichting"] = i
        elif label == "op orde":
            found["op"] = i
        elif label == "niet op orde":
            found["niet"] = i
    return found


def _answer(
    sheet: str, r: int, row: list, formula_row: list, columns: dict[str, int], problems: list
) -> AnswerValue | None:
    if columns["op"] >= 0 and columns["niet"] >= 0:  # an "x" in one of two columns
        op = _text(row[columns["op"]]) if columns["op"] < len(row) else ""
        niet = _text(row[columns["niet"]]) if columns["niet"] < len(row) else ""
        if op and niet:
            problems.append(
                Problem(
                    sheet=sheet,
                    cell=_cell(r, columns["op"]),
                    message="Zowel 'op orde' als 'niet op orde' is aangekruist.",
                )
            )
            return None
        return AnswerValue.OP_ORDE if op else AnswerValue.NIET_OP_ORDE if niet else None
    column = columns["answer"]
    raw = row[column] if column < len(row) else None
    formula = formula_row[column] if column < len(formula_row) else None
    if raw is None and isinstance(formula, str) and formula.startswith("="):
        problems.append(
            Problem(
                sheet=sheet,
                cell=_cell(r, column),
                message="Hier staat een formule zonder berekende waarde. Open het werkboek in Excel, "
                "sla het op en lees het opnieuw in, of typ het antwoord in.",
            )
        )
        return None
    text = _text(raw).casefold()
    if not text:
        return None
    if text in VALUES:
        return VALUES[text]
    problems.append(
        Problem(
            sheet=sheet,
            cell=_cell(r, column),
            message=f"Het antwoord '{_text(raw)}' kennen we niet. Gebruik 'op orde' of 'niet op orde' (of ja/nee).",
        )
    )
    return None


def _info(rows: list[list]) -> dict:
    info: dict = {}
    for row in rows:
        cells = [v for v in row if v is not None and _text(v)]
        if len(cells) < 2:
            continue
        label, value = _text(cells[0]).casefold(), cells[1]
        if label == "gemeente":
            info["gemeente"] = _text(value)
        elif label == "datum":
            info["datum"] = _date(value)
        elif label == "doel" and _text(value).casefold() in PURPOSES:
            info["doel"] = _text(value).casefold()
    return info


def _date(value: object) -> date | None:
    """A real date cell, or a date typed as text: 5-3-2026, 05-03-2026 or 2026-03-05."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).replace("/", "-")
    for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None

"""Read a filled-in zelfscan workbook as a person sees it in Excel: ours, or a hand-made one.

What a person sees is what is read: only visible sheets, a merged cell's value in every cell
it covers, booleans and dates as Excel shows them. Anything that cannot be read for sure is
a problem with sheet, cell and a plain Dutch explanation, or the whole file is refused with
one. Nothing here touches the database: the caller decides what to store.

Accepted, per part of the workbook:
- the questions sheet: a visible sheet named "Vragen", or any visible sheet with the question
  numbers 1 to 31 in its first column; with several such sheets the caller must choose;
- question numbers as 7, 7.0, "7", "7.", "7)", "vraag 7", "V7" or "nr. 7";
- answers as "op orde" / "niet op orde" / "ja" / "nee" (any case, spaces or hyphens) in a
  column headed "Antwoord" (else column E), or a mark (x, ✓, WAAR) in one of two columns headed
  "op orde" and "niet op orde";
- "Gemeente", "Datum" and "Doel" above the questions, with or without a colon; the date as a
  date cell, a date serial, 5-3-2026, 2026-03-05, 5/3/2026 or "5 maart 2026".
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ConfigDict

from analysis.answers import AnswerValue
from domain.text import clean_name
from imports.xlsx_values import cell_date, cell_label, cell_number, cell_text

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 2000
QUESTION_COUNT = 31
EXTRA_SHEET = "Extra vragen regio"  # as exports/xlsx_zelfscan writes it
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
VALUES = {
    "op orde": AnswerValue.OP_ORDE,
    "oporde": AnswerValue.OP_ORDE,
    "in orde": AnswerValue.OP_ORDE,
    "ja": AnswerValue.OP_ORDE,
    "✓": AnswerValue.OP_ORDE,
    "✔": AnswerValue.OP_ORDE,
    "niet op orde": AnswerValue.NIET_OP_ORDE,
    "nietoporde": AnswerValue.NIET_OP_ORDE,
    "niet in orde": AnswerValue.NIET_OP_ORDE,
    "nee": AnswerValue.NIET_OP_ORDE,
    "✗": AnswerValue.NIET_OP_ORDE,
    "✘": AnswerValue.NIET_OP_ORDE,
}
MARKS = {"x", "✓", "✔", "v", "ja", "waar", "true", "1"}
PURPOSES = {"nulmeting": "nulmeting", "evaluatie": "evaluatie", "toetsingsmoment": "toetsingsmoment"}
LABELS = {
    "gemeente": ("gemeente", "naam gemeente", "naam van de gemeente"),
    "datum": ("datum", "datum ronde", "datum van de ronde", "datum scan", "datum van de scan"),
    "doel": ("doel", "doel ronde", "doel van de ronde", "soort ronde"),
    "versie": ("versie vragenlijst", "versie van de vragenlijst", "versie"),
}
UNREADABLE_DATE = "De datum '{}' kunnen we niet lezen. We nemen de datum van vandaag. Schrijf de datum als 5-3-2026"
UNREADABLE_PURPOSE = (
    "Het doel '{}' kennen we niet. We nemen 'nulmeting'. Gebruik nulmeting, evaluatie of toetsingsmoment"
)


class WorkbookRefused(ValueError):
    """The file cannot be read at all; the message says why and what to do."""


class ChooseSheet(WorkbookRefused):
    """Several visible sheets hold the questions: the person chooses which one is the scan."""

    def __init__(self, sheets: list[str]) -> None:
        self.sheets = sheets
        names = ", ".join(f"'{s}'" for s in sheets)
        super().__init__(f"Op meer dan één blad staan de vragen ({names}). Kies welk blad u wilt inlezen.")


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
    sheet: str
    gemeente: str | None
    held_on: date | None
    purpose: str | None
    version: str | None = None  # the questionnaire version the workbook says it holds
    answers: tuple[ParsedAnswer, ...]
    extras: tuple[ParsedAnswer, ...] = ()  # the regio's extra questions, `number` being their id
    problems: tuple[Problem, ...]
    cells: dict[str, str] = {}  # where gemeente, datum and doel were found (or belong)

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers if a.value is not None)

    @property
    def toelichtingen(self) -> int:
        return sum(1 for a in self.answers if a.toelichting)

    @property
    def is_empty(self) -> bool:
        return self.answered == 0 and self.toelichtingen == 0

    @property
    def digest(self) -> str:
        """What would be stored, in one value: the preview and the store must agree on it."""
        return hashlib.sha256(self.model_dump_json(exclude={"problems", "cells"}).encode()).hexdigest()


def open_workbook(data: bytes, *, formulas: bool = False) -> tuple[openpyxl.Workbook, openpyxl.Workbook | None]:
    """The workbook's values (and, with `formulas`, its formulas), after the safety checks; a Dutch message
    when it cannot be read."""
    _refuse_unsafe(data)
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        return values, openpyxl.load_workbook(io.BytesIO(data), data_only=False) if formulas else None
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise WorkbookRefused(
            "Dit bestand kan niet worden gelezen als Excel-werkboek. Open het in Excel of LibreOffice "
            "en sla het opnieuw op als .xlsx."
        ) from exc


def read_workbook(data: bytes, *, sheet: str | None = None) -> ParsedWorkbook:
    """Parse the workbook; `sheet` names the questions sheet when the workbook has several."""
    values, formulas = open_workbook(data, formulas=True)
    name = _questions_sheet(values, sheet)
    rows = _rows(values[name])
    formula_rows = _rows(formulas[name])
    parsed = _parse(hashlib.sha256(data).hexdigest(), name, rows, formula_rows)
    if EXTRA_SHEET not in values.sheetnames:
        return parsed
    from imports.xlsx_extras import read_extras  # it uses this module's cell readers

    extras, problems = read_extras(_rows(values[EXTRA_SHEET]), _rows(formulas[EXTRA_SHEET]))
    return parsed.model_copy(update={"extras": extras, "problems": parsed.problems + problems})


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


def _rows(ws: Worksheet) -> list[list]:
    """The sheet's values as a person sees them: a merged cell's value in every cell it covers."""
    if ws.max_row > MAX_ROWS:
        raise WorkbookRefused(
            f"Blad '{ws.title}' heeft {ws.max_row} regels; een zelfscan heeft er nog geen honderd. "
            "Haal wat niet bij de scan hoort weg en lees het opnieuw in."
        )
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        top_left = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else None
        for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
            row = rows[r - 1]
            for c in range(merged.min_col, merged.max_col + 1):
                if c - 1 < len(row):
                    row[c - 1] = top_left
    return rows


def _questions_sheet(wb: openpyxl.Workbook, wanted: str | None) -> str:
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    if wanted is not None:
        if wanted not in visible:
            raise WorkbookRefused(f"Het blad '{wanted}' staat niet (zichtbaar) in dit werkboek.")
        return wanted
    named = [name for name in visible if cell_label(name) == "vragen"]
    numbered = [name for name in visible if _has_all_numbers(wb[name])]
    candidates = list(dict.fromkeys([*named, *numbered]))
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise ChooseSheet(candidates)
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible" and _has_all_numbers(ws)]
    if hidden:
        raise WorkbookRefused(
            f"De vragen staan op het verborgen blad '{hidden[0]}'. Maak het blad zichtbaar (in Excel: rechtsklik "
            "op een bladtab, Zichtbaar maken), controleer wat erop staat en lees het werkboek opnieuw in."
        )
    raise WorkbookRefused(
        "Er staat geen blad 'Vragen' in dit werkboek, en geen blad met de vraagnummers 1 tot en met 31 in de "
        "eerste kolom. Gebruik het werkboek van de zelfscan."
    )


def _has_all_numbers(ws: Worksheet) -> bool:
    numbers = {cell_number(row[0]) for row in ws.iter_rows(max_col=1, max_row=MAX_ROWS, values_only=True) if row}
    return set(range(1, QUESTION_COUNT + 1)) <= numbers


def _cell(row: int, column: int) -> str:
    return f"{openpyxl.utils.get_column_letter(column + 1)}{row + 1}"


def _parse(file_hash: str, sheet: str, rows: list[list], formula_rows: list[list]) -> ParsedWorkbook:
    problems: list[Problem] = []
    header = _header_row(rows)
    columns = _columns(rows[header] if header is not None else [])
    info, cells = _info(sheet, rows[: header if header is not None else 6], problems)
    answers: dict[int, ParsedAnswer] = {}
    for r, row in enumerate(rows):
        number = cell_number(row[0]) if row else None
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
        note = cell_text(row[columns["toelichting"]]) if columns["toelichting"] < len(row) else ""
        answers[number] = ParsedAnswer(number=number, value=value, toelichting=note)
    for number in range(1, QUESTION_COUNT + 1):
        if number not in answers:
            problems.append(Problem(sheet=sheet, cell="kolom A", message=f"Vraag {number} ontbreekt in het werkboek."))
    return ParsedWorkbook(
        file_hash=file_hash,
        sheet=sheet,
        gemeente=info.get("gemeente"),
        held_on=info.get("datum"),
        purpose=info.get("doel"),
        version=info.get("versie") or None,
        answers=tuple(sorted(answers.values(), key=lambda a: a.number)),
        problems=tuple(problems),
        cells=cells,
    )


def _header_row(rows: list[list]) -> int | None:
    for r, row in enumerate(rows[:30]):
        labels = {cell_label(v) for v in row}
        if labels & {"vraag", "nr", "nummer", "vraagnummer"} or {"op orde", "niet op orde"} <= labels:
            return r
    return None


def _columns(header: list) -> dict[str, int]:
    """Where the answer and toelichting are; our own layout when there is no recognisable header."""
    found = {"answer": 4, "toelichting": 5, "op": -1, "niet": -1}
    for i, value in enumerate(header):
        label = cell_label(value)
        if label in ("antwoord", "uw antwoord", "antwoord op orde niet op orde"):
            found["answer"] = i
        elif label in ("toelichting", "opmerking", "opmerkingen", "toelichting niet verplicht"):
            found["toelichting"] = i
        elif label in ("op orde", "in orde", "ja"):
            found["op"] = i
        elif label in ("niet op orde", "niet in orde", "nee"):
            found["niet"] = i
    return found


def _problem(problems: list[Problem], sheet: str, cell: str, message: str) -> None:
    problems.append(Problem(sheet=sheet, cell=cell, message=message))


def _marked(row: list, column: int) -> bool:
    value = row[column] if 0 <= column < len(row) else None
    if isinstance(value, bool):
        return value
    return cell_label(value) in MARKS


def _answer(
    sheet: str, r: int, row: list, formula_row: list, columns: dict[str, int], problems: list
) -> AnswerValue | None:
    if columns["op"] >= 0 and columns["niet"] >= 0:  # a mark in one of two columns
        op, niet = _marked(row, columns["op"]), _marked(row, columns["niet"])
        if op and niet:
            _problem(problems, sheet, _cell(r, columns["op"]), "Zowel 'op orde' als 'niet op orde' is aangekruist.")
            return None
        for column in (columns["op"], columns["niet"]):
            raw = row[column] if column < len(row) else None
            if raw not in (None, False, "") and not _marked(row, column):
                _problem(
                    problems,
                    sheet,
                    _cell(r, column),
                    f"Hier staat '{cell_text(raw)}'. Zet een x in de kolom 'op orde' of 'niet op orde'.",
                )
                return None
        return AnswerValue.OP_ORDE if op else AnswerValue.NIET_OP_ORDE if niet else None
    column = columns["answer"]
    raw = row[column] if column < len(row) else None
    formula = formula_row[column] if column < len(formula_row) else None
    if raw is None and isinstance(formula, str) and formula.startswith("="):
        _problem(
            problems,
            sheet,
            _cell(r, column),
            "Hier staat een formule zonder berekende waarde. Open het werkboek in Excel, "
            "sla het op en lees het opnieuw in, of typ het antwoord in.",
        )
        return None
    text = cell_label(raw)
    if not text:
        return None
    if text in VALUES and not isinstance(raw, bool):
        return VALUES[text]
    _problem(
        problems,
        sheet,
        _cell(r, column),
        f"Het antwoord '{cell_text(raw)}' kennen we niet. Gebruik 'op orde' of 'niet op orde' (of ja/nee).",
    )
    return None


def _info(sheet: str, rows: list[list], problems: list[Problem]) -> tuple[dict, dict[str, str]]:
    """Gemeente, datum and doel from the rows above the questions, and the cell each came from."""
    info: dict = {}
    cells: dict[str, str] = {}
    for r, row in enumerate(rows):
        filled = [(c, v) for c, v in enumerate(row) if cell_text(v)]
        if not filled:
            continue
        label = cell_label(filled[0][1])
        key = next((k for k, names in LABELS.items() if label in names), None)
        if key is None or key in cells:
            continue
        if len(filled) < 2:
            cells[key] = _cell(r, filled[0][0] + 1)
            continue
        column, value = filled[1]
        cells[key] = _cell(r, column)
        if key in ("gemeente", "versie"):
            info[key] = clean_name(cell_text(value))
            continue
        if key == "datum":
            info["datum"] = cell_date(value)
            unreadable = (
                "De datum '{}' kunnen we niet lezen. We nemen de datum van vandaag. Schrijf de datum als 5-3-2026"
            )
        else:
            info["doel"] = PURPOSES.get(cell_label(value).replace(" ", ""))
            unreadable = (
                "Het doel '{}' kennen we niet. We nemen 'nulmeting'. Gebruik nulmeting, evaluatie of toetsingsmoment"
            )
        if info[key] is None:
            message = unreadable.format(cell_text(value)) + " als u iets anders wilt."
            problems.append(Problem(sheet=sheet, cell=cells[key], message=message))
    return info, cells

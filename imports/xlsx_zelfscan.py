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
from datetime import date

from pydantic import BaseModel, ConfigDict

from domain.answers import AnswerValue
from domain.calendar import dutch_today
from domain.text import clean_name
from imports.reader import Limits, Sheet, Upload, UploadRefused, cell_name, read_upload
from imports.xlsx_values import cell_date, cell_label, cell_number, cell_text

LIMITS = Limits(max_rows=2000, max_cells=20_000)  # a zelfscan has some 40 rows; well within the reader's bounds
MAX_BYTES = LIMITS.max_bytes
QUESTION_COUNT = 31
KADER_ADOPTED = date(2019, 11, 21)  # the kwaliteitskader was adopted then: a scan cannot be older
EXTRA_SHEET = "Extra vragen regio"  # as exports/xlsx_zelfscan writes it
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


# The file cannot be read at all; the message says why and what to do. One refusal for the reader and this
# importer, so no refusal of the reader can pass an importer's handler.
WorkbookRefused = UploadRefused


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


def read_workbook(data: bytes, *, sheet: str | None = None, file_name: str = "werkboek.xlsx") -> ParsedWorkbook:
    """Parse the workbook through the one reader (imports/reader.py); `sheet` names the questions sheet when the
    workbook has several."""
    upload = open_upload(data, file_name)
    name = questions_sheet(upload, sheet)
    found = upload.sheet(name)
    parsed = _parse(upload.file_hash, name, found.rows, found.formulas)
    if EXTRA_SHEET in upload.hidden:
        hidden = Problem(
            sheet=EXTRA_SHEET,
            cell="het hele blad",
            message="Dit blad is verborgen en is daarom niet gelezen. Maak het zichtbaar als de antwoorden erop "
            "moeten meetellen.",
        )
        return parsed.model_copy(update={"problems": (*parsed.problems, hidden)})
    if EXTRA_SHEET not in upload.visible:
        return parsed
    extra = upload.sheet(EXTRA_SHEET)
    extras, problems = read_extras(extra.rows, extra.formulas)
    return parsed.model_copy(update={"extras": extras, "problems": parsed.problems + problems})


def open_upload(data: bytes, file_name: str) -> Upload:
    """The workbook through the one reader, its refusal as this importer's."""
    return read_upload(data, file_name, limits=LIMITS)


FIRST_LOOK = 200  # rows looked at to find the questions sheet; a zelfscan's questions are in its first 60 rows


def sheet_rows(upload: Upload, name: str, *, guard: bool = True) -> Sheet:
    return upload.sheet(name) if guard else upload.probe(name, FIRST_LOOK)


def questions_sheet(upload: Upload, wanted: str | None) -> str:
    """The visible sheet with the questions: named "Vragen", or with the numbers 1 to 31 in its first column."""
    visible = upload.visible
    if wanted is not None:
        if wanted not in visible:
            raise WorkbookRefused(f"Het blad '{wanted}' staat niet (zichtbaar) in dit werkboek.")
        return wanted
    named = [name for name in visible if cell_label(name) == "vragen"]
    numbered = [name for name in visible if _has_all_numbers(sheet_rows(upload, name, guard=False).rows)]
    candidates = list(dict.fromkeys([*named, *numbered]))
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise ChooseSheet(candidates)
    if upload.hidden:
        names = ", ".join(f"'{h}'" for h in upload.hidden)
        raise WorkbookRefused(
            f"Op de zichtbare bladen staan de vragen niet. Dit werkboek heeft ook verborgen bladen ({names}); die "
            "lezen we nooit. Maak het blad met de vragen zichtbaar (in Excel: rechtsklik op een bladtab, Zichtbaar "
            "maken), controleer wat erop staat en lees het werkboek opnieuw in."
        )
    raise WorkbookRefused(
        "Er staat geen blad 'Vragen' in dit werkboek, en geen blad met de vraagnummers 1 tot en met 31 in de "
        "eerste kolom. Gebruik het werkboek van de zelfscan."
    )


def _has_all_numbers(rows: list[list]) -> bool:
    numbers = {cell_number(row[0]) for row in rows if row}
    return set(range(1, QUESTION_COUNT + 1)) <= numbers


def _parse(file_hash: str, sheet: str, rows: list[list], formulas: set[tuple[int, int]]) -> ParsedWorkbook:
    problems: list[Problem] = []
    header = header_row(rows)
    columns = _columns(rows[header] if header is not None else [])
    info, cells = _info(sheet, rows[: header if header is not None else 6], problems)
    answers: dict[int, ParsedAnswer] = {}
    for r, row in enumerate(rows):
        number = cell_number(row[0]) if row else None
        if number is None or (header is not None and r <= header):
            continue
        if not 1 <= number <= QUESTION_COUNT:
            raise WorkbookRefused(
                f"Blad '{sheet}', cel {cell_name(r, 0)}: vraag {number} bestaat niet. De zelfscan heeft de vragen "
                "1 tot en met 31."
            )
        if number in answers:
            raise WorkbookRefused(
                f"Blad '{sheet}', cel {cell_name(r, 0)}: vraag {number} staat er twee keer in. Haal één van beide weg."
            )
        value = _answer(sheet, r, row, formulas, columns, problems)
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


def header_row(rows: list[list]) -> int | None:
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
    sheet: str, r: int, row: list, formulas: set[tuple[int, int]], columns: dict[str, int], problems: list
) -> AnswerValue | None:
    if columns["op"] >= 0 and columns["niet"] >= 0:  # a mark in one of two columns
        op, niet = _marked(row, columns["op"]), _marked(row, columns["niet"])
        if op and niet:
            _problem(problems, sheet, cell_name(r, columns["op"]), "Zowel 'op orde' als 'niet op orde' is aangekruist.")
            return None
        for column in (columns["op"], columns["niet"]):
            raw = row[column] if column < len(row) else None
            if raw not in (None, False, "") and not _marked(row, column):
                _problem(
                    problems,
                    sheet,
                    cell_name(r, column),
                    f"Hier staat '{cell_text(raw)}'. Zet een x in de kolom 'op orde' of 'niet op orde'.",
                )
                return None
        return AnswerValue.OP_ORDE if op else AnswerValue.NIET_OP_ORDE if niet else None
    column = columns["answer"]
    raw = row[column] if column < len(row) else None
    if raw is None and (r, column) in formulas:
        _problem(
            problems,
            sheet,
            cell_name(r, column),
            "Hier staat een formule zonder berekende waarde. Open het werkboek in Excel, "
            "sla het op en lees het opnieuw in, of typ het antwoord in.",
        )
        return None
    text = cell_label(raw)
    if not text and not cell_text(raw):
        return None
    if text in VALUES and not isinstance(raw, bool):
        return VALUES[text]
    _problem(
        problems,
        sheet,
        cell_name(r, column),
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
            cells[key] = cell_name(r, filled[0][0] + 1)
            continue
        column, value = filled[1]
        cells[key] = cell_name(r, column)
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
        elif key == "datum" and (doubt := implausible(info["datum"])):
            problems.append(Problem(sheet=sheet, cell=cells[key], message=doubt))
    return info, cells


def implausible(held_on: date, today: date | None = None) -> str | None:
    """A date no one meant: in the future, or before the kwaliteitskader existed. Named, so the person can correct
    it (a future date would push every real round of the gemeente out of the regio's figures)."""
    today = today or dutch_today()
    if held_on > today:
        return (
            f"De datum {held_on:%d-%m-%Y} ligt in de toekomst. Klopt dat niet, pas hem dan aan in het werkboek; "
            "anders telt deze ronde tot die datum als de nieuwste."
        )
    if held_on < KADER_ADOPTED:
        return (
            f"De datum {held_on:%d-%m-%Y} ligt vóór 21 november 2019, toen het kwaliteitskader er nog niet was. "
            "Klopt dat niet, pas hem dan aan in het werkboek."
        )
    return None


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
            _problem(problems, EXTRA_SHEET, cell_name(r, 0), f"Extra vraag {extra_id} staat er twee keer in.")
            continue
        if value is not None or note:
            found[extra_id] = ParsedAnswer(number=extra_id, value=value, toelichting=note)
    return tuple(found.values()), tuple(problems)

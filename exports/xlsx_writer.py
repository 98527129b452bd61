"""The one way a workbook leaves the app: what a person typed stays text, never a formula.

openpyxl turns every string that starts with "=" into a formula, wherever it comes from.
Every xlsx export builds its workbook with `new_workbook()`, writes its own formulas with
`formula()`, names sheets with `sheet_title()` and turns the workbook into bytes with
`workbook_bytes()`. That last step checks every cell of every sheet: a formula that was not
written through `formula()` is stored as the text it was (shown exactly as typed, marked as
text for Excel with a quote prefix), so no export can forget it.
"""

from __future__ import annotations

import io
import math
import re
from copy import copy
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from domain.text import clean_text

PRODUCER = "Zelfscan Werken aan veiligheid"
_OURS = "_zelfscan_formulas"
_NOT_IN_SHEET_TITLE = re.compile(r"[\[\]\*\?/\\:]")
_FORMULA_LEAD = "=+-@＝＋－＠"
SHEET_TITLE_MAX = 31


def new_workbook() -> Workbook:
    return Workbook()


def formula(ws: Worksheet, row: int, column: int, text: str) -> Cell:
    """Write a formula of our own (never user text): the only formulas a saved workbook keeps."""
    cell = ws.cell(row, column, text)
    ours = ws.__dict__.setdefault(_OURS, set())
    ours.add(cell.coordinate)
    return cell


def sheet_title(name: str, taken: set[str], *, fallback: str = "Blad") -> str:
    """A legal, unique sheet title from any text: at most 31 characters, no []*?/\\: and no
    leading apostrophe or formula character; `taken` holds the titles used so far (casefolded)."""
    base = _NOT_IN_SHEET_TITLE.sub(" ", clean_text(name)).replace("\n", " ")
    base = " ".join(base.split()).lstrip(_FORMULA_LEAD + "' ").rstrip("' ")[:SHEET_TITLE_MAX].strip() or fallback
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = base[: SHEET_TITLE_MAX - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


FONT = "Calibri"  # the font of a new workbook in Excel; without Calibri, LibreOffice picks a sans-serif font


def workbook_bytes(wb: Workbook, *, title: str, subject: str | None = None) -> bytes:
    """Neutralise every formula we did not write, set the properties, and save."""
    for ws in wb.worksheets:
        ours = ws.__dict__.get(_OURS, set())
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and cell.coordinate not in ours:
                    as_text(cell)
                elif cell.data_type == "s" and starts_like_formula(cell.value):
                    cell.quotePrefix = True  # stays text when someone edits the cell in Excel
                if cell.has_style and cell.font.name is None:  # Font(bold=True) alone prints in a serif font
                    font = copy(cell.font)
                    font.name = FONT
                    cell.font = font
    props = wb.properties
    props.creator = PRODUCER
    props.lastModifiedBy = PRODUCER
    props.title = clean_text(title).replace("\n", " ")
    if subject is not None:
        props.subject = subject
    now = datetime.now(UTC).replace(tzinfo=None)
    props.created = props.modified = now
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def starts_like_formula(value: object) -> bool:
    """Text that a spreadsheet could take for a formula (OWASP's CSV injection characters)."""
    return isinstance(value, str) and value.lstrip(" \t\r\n")[:1] in tuple(_FORMULA_LEAD) and value != ""


def as_text(cell: Cell) -> None:
    """Keep the cell's content exactly as typed, as text that Excel will not evaluate."""
    value = cell.value
    cell.value = None
    cell._value = str(value)  # openpyxl has no public way to store "=..." as text
    cell.data_type = "s"
    cell.quotePrefix = True


def row_height(*texts: tuple[str, int]) -> float:
    """Points for a row whose wrapped texts (text, column width in characters) must all show:
    Excel and LibreOffice keep a stored height, so a row that is too low hides or overlaps text."""
    lines = max(
        (sum(max(1, math.ceil(len(part) / max(width - 2, 1))) for part in text.split("\n")) for text, width in texts),
        default=1,
    )
    return min(15.0 * max(lines, 1), 409.0)  # 409 points is the highest row Excel allows


def print_on_a4_landscape(ws: Worksheet) -> None:
    """Printed, a sheet is as wide as an A4 page in landscape, as many pages long as it needs."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

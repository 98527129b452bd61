"""A workbook (.xlsx) read the way `imports/reader.py` promises: bounded while it is read, one streaming pass
per sheet, what Excel shows. See the reader's docstring for the whole promise."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, time

from defusedxml import ElementTree as SafeTree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from imports.upload import Limits, Percentage, Sheet, Upload, UploadRefused, cell_name

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def open_workbook(data: bytes, file_name: str, digest: str, limits: Limits) -> Upload:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UploadRefused("Dit bestand is beschadigd. Sla het opnieuw op als .xlsx en probeer het nog eens.") from exc
    names = {i.filename for i in infos}
    unzipped = sum(i.file_size for i in infos)
    strings = sum(i.file_size for i in infos if i.filename.lower().endswith("sharedstrings.xml"))
    styles = sum(i.file_size for i in infos if i.filename.lower().endswith("styles.xml"))
    too_big = unzipped > limits.max_unzipped or unzipped > limits.max_ratio * len(data) or strings > limits.max_strings
    if styles > limits.max_styles:
        raise UploadRefused(
            "Dit werkboek heeft heel veel verschillende opmaak (stijlen), meer dan we veilig kunnen lezen. Kopieer "
            "de cellen met 'Plakken speciaal, Waarden' naar een nieuwe werkmap en lees die in."
        )
    if len(infos) > 10 * limits.max_sheets or too_big:
        raise UploadRefused(
            "Dit bestand pakt uit tot veel meer gegevens dan hier kan horen. Het wordt niet ingelezen. Lees alleen "
            "het werkboek in dat bij de zelfscan hoort."
        )
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        raise UploadRefused(
            "Dit is een OpenDocument-rekenblad (.ods). Sla het op als Excel-werkmap (.xlsx) en lees het opnieuw in."
        )
    if "xl/workbook.xml" not in names:
        raise UploadRefused("Dit is geen Excel-werkmap (.xlsx). Open het bestand in Excel en sla het op als .xlsx.")
    workbook_xml = _xml(archive, "xl/workbook.xml")
    if workbook_xml.tag.startswith("{" + STRICT):
        raise UploadRefused(
            "Dit werkboek is opgeslagen als 'Strict Open XML'. Sla het in Excel op als gewone 'Excel-werkmap (.xlsx)' "
            "(Bestand, Opslaan als) en lees het opnieuw in."
        )
    targets = _relationships(archive)
    visible, hidden, paths = [], [], {}
    for element in workbook_xml.iter(f"{MAIN}sheet"):
        name = element.get("name") or ""
        state = element.get("state") or "visible"
        (visible if state == "visible" else hidden).append(name)
        paths[name] = targets.get(element.get(f"{DOC_REL}id") or "", ("", ""))[0]
    if len(visible) + len(hidden) > limits.max_sheets:
        raise UploadRefused(
            f"Dit werkboek heeft meer dan {limits.max_sheets} bladen. Lees alleen het werkboek van de zelfscan in."
        )
    properties = workbook_xml.find(f"{MAIN}workbookPr")
    book = _Book(
        archive=archive,
        parts={kind: path for path, kind in targets.values()},
        epoch=CALENDAR_MAC_1904
        if properties is not None and properties.get("date1904") in ("1", "true")
        else CALENDAR_WINDOWS_1900,
    )

    def read(name: str, first_rows: int | None) -> Sheet:
        return _stream(book, paths[name], name, limits, first_rows)

    return Upload(file_name=file_name, file_hash=digest, kind="xlsx", visible=visible, hidden=hidden, _read=read)


def _xml(archive: zipfile.ZipFile, name: str):  # type: ignore[no-untyped-def]
    try:
        return SafeTree.fromstring(archive.read(name))
    except KeyError:
        raise
    except Exception as exc:  # defusedxml refuses entities and DTDs; a broken part is a broken file
        raise UploadRefused(
            "Dit werkboek bevat iets wat we niet veilig kunnen lezen. Open het in Excel, sla het opnieuw op als "
            ".xlsx en probeer het nog eens."
        ) from exc


def _relationships(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """The workbook's parts by relationship id: (path in the zip, kind such as 'worksheet' or 'sharedStrings')."""
    try:
        rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    found = {}
    for rel in rels.iter(f"{RELS}Relationship"):
        target = (rel.get("Target") or "").lstrip("/")
        path = target if target.startswith("xl/") else f"xl/{target}"
        found[rel.get("Id") or ""] = (path, (rel.get("Type") or "").rsplit("/", 1)[-1])
    return found


_CELL, _ROW, _VALUE, _INLINE, _FORMULA, _TEXT, _RUN = (
    f"{MAIN}c", f"{MAIN}row", f"{MAIN}v", f"{MAIN}is", f"{MAIN}f", f"{MAIN}t", f"{MAIN}r"
)  # fmt: skip
_ROW_BEYOND = 10  # content further down than this many times the row limit is refused (rows are kept as a list)


@dataclass
class _Book:
    """What every sheet of a workbook shares, read once and only when a sheet needs it: the shared texts and the
    number format of every cell style. Both parts are bounded before (Limits.max_strings, max_styles)."""

    archive: zipfile.ZipFile
    parts: dict[str, str]  # kind ("sharedStrings", "styles") -> path
    epoch: datetime
    _strings: list[str] | None = None
    _formats: list[str] | None = None

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = _shared_strings(self.archive, self.parts.get("sharedStrings"))
        return self._strings

    @property
    def formats(self) -> list[str]:
        if self._formats is None:
            self._formats = _cell_formats(self.archive, self.parts.get("styles"))
        return self._formats


def _text_of(element) -> str:  # type: ignore[no-untyped-def]
    """A rich or plain text (<si> or <is>) as shown: its own <t> and each run's <t>; phonetic hints left out."""
    parts = []
    for child in element:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            parts.extend(t.text or "" for t in child.iter(_TEXT))
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    if path is None or path not in archive.NameToInfo:
        return []
    found: list[str] = []
    with archive.open(path) as stream:
        root = None
        for event, element in SafeTree.iterparse(stream, events=("start", "end")):
            if root is None:
                root = element
            elif event == "end" and element.tag == f"{MAIN}si":
                found.append(_text_of(element))
                root.clear()
    return found


def _cell_formats(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    """The number format of each cell style, by the style's index (a cell's s attribute)."""
    if path is None or path not in archive.NameToInfo:
        return []
    styles = _xml(archive, path)
    custom = {int(f.get("numFmtId") or 0): f.get("formatCode") or "" for f in styles.iter(f"{MAIN}numFmt")}
    cell_xfs = styles.find(f"{MAIN}cellXfs")
    if cell_xfs is None:
        return []
    formats = []
    for xf in cell_xfs.iter(f"{MAIN}xf"):
        number = int(xf.get("numFmtId") or 0)
        formats.append(custom.get(number) or BUILTIN_FORMATS.get(number) or "General")
    return formats


def _stream(book: _Book, path: str, name: str, limits: Limits, first_rows: int | None) -> Sheet:
    """Read a sheet in one streaming pass, holding only its cells with content, and refuse as soon as a limit is
    passed: so a sheet is never larger in memory than the limits allow. With `first_rows`, stop after those rows
    (a first look at the sheet; merges at the end of the sheet are then not applied)."""
    if path not in book.archive.NameToInfo:
        raise UploadRefused(f"Blad '{name}' ontbreekt in het bestand. Sla het werkboek opnieuw op als .xlsx.")
    cells: dict[tuple[int, int], object] = {}
    rows_with_content: set[int] = set()
    merges: list[tuple[int, int, int, int]] = []
    formulas: set[tuple[int, int]] = set()
    row_number = column_number = 0
    try:
        with book.archive.open(path) as stream:
            holder = None
            for event, element in SafeTree.iterparse(stream, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == _ROW:
                        given = element.get("r")
                        row_number = int(given) if given and given.isdigit() else row_number + 1
                        column_number = 0
                        if first_rows is not None and row_number > first_rows:
                            break
                    elif tag == f"{MAIN}sheetData":
                        holder = element
                    continue
                if tag == _CELL:
                    column, row = _coordinate(element.get("r") or "")
                    column_number = column or column_number + 1
                    row = row or row_number
                    value, formula_only = _value(element, book)
                    if value is not None or formula_only:
                        _within(
                            limits,
                            name,
                            row,
                            column_number,
                            len(cells) + 1,
                            len(rows_with_content) + (row not in rows_with_content),
                        )
                        rows_with_content.add(row)
                        if formula_only:
                            formulas.add((row - 1, column_number - 1))
                        else:
                            cells[(row - 1, column_number - 1)] = value
                    element.clear()
                elif tag == _ROW and holder is not None:
                    holder.clear()  # the row's cells are read: keep nothing of them
                elif tag == f"{MAIN}mergeCell":
                    merges.append(range_boundaries(element.get("ref") or "A1:A1"))  # type: ignore[arg-type]
    except UploadRefused:
        raise
    except Exception as exc:  # entities, broken XML, a text or style that is not there: a file we cannot read
        raise UploadRefused(
            f"Blad '{name}' kunnen we niet veilig lezen. Open het werkboek in Excel of LibreOffice, sla het opnieuw "
            "op als .xlsx en probeer het nog eens."
        ) from exc
    last_row = max(rows_with_content, default=0)
    last_column = max((c + 1 for _, c in [*cells, *formulas]), default=0)
    rows: list[list[object]] = [[None] * last_column for _ in range(last_row)]
    for (r, c), value in cells.items():
        rows[r][c] = value
    for min_col, min_row, max_col, max_row in merges:
        if min_row > last_row or min_col > last_column:
            continue
        top_left = rows[min_row - 1][min_col - 1]
        for r in range(min_row, min(max_row, last_row) + 1):
            for c in range(min_col, min(max_col, last_column) + 1):
                rows[r - 1][c - 1] = top_left
    return Sheet(name=name, rows=rows, formulas=formulas)


def _within(limits: Limits, name: str, row: int, column: int, cells: int, rows: int) -> None:
    if cells > limits.max_cells or rows > limits.max_rows:
        raise UploadRefused(
            f"Blad '{name}' heeft meer dan {limits.max_rows} regels of {limits.max_cells} cellen met inhoud. Haal weg "
            "wat er niet bij hoort en lees het opnieuw in."
        )
    if column > limits.max_columns:
        raise UploadRefused(
            f"Blad '{name}' heeft inhoud in cel {cell_name(row - 1, column - 1)}, verder dan {limits.max_columns} "
            "kolommen. Haal weg wat er niet bij hoort en lees het opnieuw in."
        )
    if row > _ROW_BEYOND * limits.max_rows:
        raise UploadRefused(
            f"Blad '{name}' heeft inhoud in cel {cell_name(row - 1, column - 1)}, heel ver naar beneden. Haal weg wat "
            "er niet bij hoort en lees het opnieuw in."
        )


def _value(cell, book: _Book) -> tuple[object, bool]:  # type: ignore[no-untyped-def]
    """(a cell's value as Excel shows it, whether it is a formula without a computed value)."""
    kind = cell.get("t") or "n"
    if kind == "inlineStr":
        inline = cell.find(_INLINE)
        text = _text_of(inline) if inline is not None else ""
        return (text or None), False
    found = cell.find(_VALUE)
    raw = found.text if found is not None else None
    if raw is None or raw == "":
        return None, cell.find(_FORMULA) is not None
    if kind == "s":
        return book.strings[int(raw)], False
    if kind in ("str", "e"):
        return raw, False
    if kind == "b":
        return raw.strip() in ("1", "true"), False
    if kind == "d":
        return _shown_datetime(datetime.fromisoformat(raw.strip())), False
    number: int | float = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
    style = cell.get("s")
    code = book.formats[int(style)] if style and style.isdigit() and int(style) < len(book.formats) else "General"
    if is_date_format(code):
        return _shown_datetime(from_excel(number, book.epoch)), False
    if "%" in code:
        return Percentage(round(number * 100, 10)), False
    return number, False


def _shown_datetime(value) -> object:  # type: ignore[no-untyped-def]
    """A date without a time is a date, as Excel shows it; a time alone or a moment stays what it is."""
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    return value


def _coordinate(reference: str) -> tuple[int, int]:
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", reference)
    if not match:
        return 0, 0
    letters, number = match.groups()
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return column, int(number)

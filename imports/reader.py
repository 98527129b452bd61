"""The one way in for every workbook and CSV someone uploads. Every importer asks this module for rows; none
opens a file itself.

What it promises, for every importer alike:
- **bounded while it is read**: size, sheets and unpacked bytes are checked from the zip's directory before
  anything is unpacked; a sheet is read in one streaming pass (a parser that refuses entities) that keeps only
  cells with content and refuses as soon as the rows, cells or columns pass their limit; shared texts and styles
  are read once, only when a sheet needs them, within their own limits. No workbook is ever loaded whole;
- **what Excel shows**: only visible sheets; a number shown as a percentage is the percentage (1.05 with "0%" is
  105); dates as dates; TRUE/FALSE as booleans; a merged cell's value in every cell it covers; the used range
  as Excel shows it (rows that carry only formatting are not content); a formula whose value was never computed
  is reported, not read as empty;
- **named in plain Dutch**: an old .xls, a password, an OpenDocument file, a Strict Open XML workbook, a broken
  file, a zip bomb, and every limit, with the sheet where there is one;
- **no personal data**: every sheet an importer reads passes the one guard (`imports/personal_data.py`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time

from defusedxml import ElementTree as SafeTree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from imports import personal_data

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class Limits:
    """What an upload may hold. An importer may ask for less, never for more than the defaults allow."""

    max_bytes: int = 5 * 1024 * 1024
    max_unzipped: int = 20 * 1024 * 1024  # all zip entries together, unpacked
    max_strings: int = 5 * 1024 * 1024  # the shared texts, unpacked: all are held while a sheet is read
    max_styles: int = 2 * 1024 * 1024  # the styles, unpacked: parsed whole for the number formats
    max_ratio: int = 100  # unpacked bytes per packed byte
    max_sheets: int = 50
    max_rows: int = 5000  # rows with content, per sheet read
    max_cells: int = 60_000  # cells with content, per sheet read
    max_columns: int = 100


DEFAULT = Limits()


class UploadRefused(ValueError):
    """The file cannot be read; the message says why and what to do, in plain Dutch."""


class Percentage(float):
    """A number Excel shows as a percentage, as the person sees it: 1.05 formatted "0%" is Percentage(105.0)."""


@dataclass
class Sheet:
    """A visible sheet as a person sees it."""

    name: str
    rows: list[list[object]]
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column) with a formula but no value
    csv: bool = False

    def where(self, row: int, column: int) -> str:
        """'blad Vragen, cel B7' (rows and columns from 0), or 'regel 7, kolom 2' in a CSV."""
        if self.csv:
            return f"regel {row + 1}, kolom {column + 1}"
        return f"blad {self.name}, cel {cell_name(row, column)}"


def cell_name(row: int, column: int) -> str:
    return f"{get_column_letter(column + 1)}{row + 1}"


@dataclass
class Upload:
    file_name: str
    file_hash: str
    kind: str  # "xlsx" or "csv"
    visible: list[str]
    hidden: list[str]
    _read: Callable[[str, int | None], Sheet]
    _cache: dict[tuple[str, int | None], Sheet] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet:
        """A visible sheet's rows, after the personal-data guard: what an importer stores. A hidden sheet is never
        read."""
        found = self.probe(name)
        guard(found)
        return found

    def probe(self, name: str, first_rows: int | None = None) -> Sheet:
        """A visible sheet's rows to look at, not to store from; with `first_rows`, only the first rows (e.g. to
        find which sheet holds the questions without reading every sheet whole)."""
        if name not in self.visible:
            raise UploadRefused(f"Het blad '{name}' staat niet (zichtbaar) in dit werkboek.")
        whole = self._cache.get((name, None))
        if whole is not None and first_rows is not None:
            return Sheet(name=name, rows=whole.rows[:first_rows], formulas=whole.formulas, csv=whole.csv)
        if (name, first_rows) not in self._cache:
            self._cache[(name, first_rows)] = self._read(name, first_rows)
        return self._cache[(name, first_rows)]


def read_upload(data: bytes, file_name: str, *, csv_too: bool = False, limits: Limits = DEFAULT) -> Upload:
    """Open an upload: an Excel workbook (.xlsx, also .xlsm), or with `csv_too` a CSV file."""
    if len(data) > limits.max_bytes:
        raise UploadRefused(
            f"Dit bestand is te groot ({len(data) / 1024 / 1024:.1f} MB; hoogstens "
            f"{limits.max_bytes // 1024 // 1024} MB). Lees alleen het werkboek of de cijfers in die hier horen."
        )
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in data:
            raise UploadRefused(
                "Dit werkboek is beveiligd met een wachtwoord. Haal het wachtwoord eraf (in Excel: Bestand, Info, "
                "Werkmap beveiligen) en lees het opnieuw in."
            )
        raise UploadRefused(
            "Dit is een oud Excel-bestand (.xls). Open het in Excel of LibreOffice en sla het op als .xlsx."
        )
    if data.startswith(b"PK"):
        return _workbook(data, file_name, digest, limits)
    if csv_too and not file_name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        return _csv(data, file_name, digest, limits)
    what = "een Excel-werkmap (.xlsx) of een CSV-bestand" if csv_too else "een Excel-werkmap (.xlsx)"
    raise UploadRefused(f"Dit is geen Excel-bestand dat we kunnen lezen. Kies {what}.")


# --- workbooks ----------------------------------------------------------------------------------


def _workbook(data: bytes, file_name: str, digest: str, limits: Limits) -> Upload:
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


# --- CSV -----------------------------------------------------------------------------------------


def _csv(data: bytes, file_name: str, digest: str, limits: Limits) -> Upload:
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise UploadRefused("Dit is geen tekstbestand (.csv) en geen Excel-werkboek (.xlsx).")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows: list[list[object]] = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append(list(row))
        if len(rows) > limits.max_rows or len(row) > limits.max_columns:
            raise UploadRefused(
                f"Dit bestand heeft meer dan {limits.max_rows} regels of {limits.max_columns} kolommen. Lees de "
                "cijfers in delen in."
            )
    while rows and all(str(v).strip() == "" for v in rows[-1]):
        rows.pop()
    sheet = Sheet(name="CSV", rows=rows, csv=True)
    return Upload(
        file_name=file_name, file_hash=digest, kind="csv", visible=["CSV"], hidden=[], _read=lambda _name, _first: sheet
    )


# --- the personal-data guard -------------------------------------------------------------------------


def guard(sheet: Sheet) -> None:
    """Refuse a sheet with personal data, naming up to five cells and what they seem to hold, never the value."""
    found = personal_data.found_in(sheet.rows, sheet.where)
    if found:
        raise UploadRefused(
            "Dit bestand lijkt persoonsgegevens te bevatten, en die horen hier niet (de app bewaart gegevens over "
            "organisaties en totalen, nooit over personen). Haal ze weg en lees het bestand opnieuw in. Waar: "
            + "; ".join(found)
            + "."
        )

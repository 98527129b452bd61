"""What an upload is once opened: its visible sheets as a person sees them, the limits it is read within, the
refusal in plain Dutch, and the personal-data guard every sheet an importer stores passes. `imports/reader.py`
opens files into these; `imports/xlsx_stream.py` reads a workbook's sheets."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from imports import personal_data


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

    def sheet(self, name: str, formats: Mapping[tuple[int, int], re.Pattern[str]] | None = None) -> Sheet:
        """A visible sheet's rows, after the personal-data guard: what an importer stores. A hidden sheet is never
        read. `formats`: cells (row, column, from 0) the app itself wrote in a fixed machine format, such as a key
        or a signature; such a cell passes the guard only when it holds that format in full."""
        found = self.probe(name)
        guard(found, formats)
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


def guard(sheet: Sheet, formats: Mapping[tuple[int, int], re.Pattern[str]] | None = None) -> None:
    """Refuse a sheet with personal data, naming up to five cells and what they seem to hold, never the value."""
    found = personal_data.found_in(sheet.rows, sheet.where, formats=formats)
    if found:
        raise UploadRefused(
            "Dit bestand lijkt persoonsgegevens te bevatten, en die horen hier niet (de app bewaart gegevens over "
            "organisaties en totalen, nooit over personen). Haal ze weg en lees het bestand opnieuw in. Waar: "
            + "; ".join(found)
            + "."
        )

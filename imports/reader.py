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

from imports.upload import DEFAULT, Limits, Percentage, Sheet, Upload, UploadRefused, cell_name, guard
from imports.xlsx_stream import open_workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


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
        return open_workbook(data, file_name, digest, limits)
    if csv_too and not file_name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        return _csv(data, file_name, digest, limits)
    what = "een Excel-werkmap (.xlsx) of een CSV-bestand" if csv_too else "een Excel-werkmap (.xlsx)"
    raise UploadRefused(f"Dit is geen Excel-bestand dat we kunnen lezen. Kies {what}.")


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


__all__ = [
    "DEFAULT",
    "OLE_MAGIC",
    "Limits",
    "Percentage",
    "Sheet",
    "Upload",
    "UploadRefused",
    "cell_name",
    "guard",
    "read_upload",
]

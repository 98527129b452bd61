"""Workbooks as people make them, for the upload tests in this folder."""

from __future__ import annotations

import io
import zipfile

import openpyxl

from services.indicators import lines

HEADER = ["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"]
TOP = [["Gemeente", None, "Aadorp"], ["Datum", None, "5-3-2026"], ["Doel", None, "evaluatie"]]
FIGURES = ("indicator", "gemeente", "periode", "waarde")


def save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def scan_book(answers: dict[int, object] | None = None, notes: dict[int, object] | None = None, top=TOP):
    """A zelfscan workbook as people make them: gemeente and date on top, then the 31 questions."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vragen"
    for row in top:
        ws.append(row)
    ws.append(HEADER)
    for n in range(1, 32):
        ws.append([n, None, None, f"vraag {n}", (answers or {}).get(n, "op orde"), (notes or {}).get(n)])
    return wb


def figures_book(rows: list[list], header=FIGURES, title: str = "Cijfers") -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    return wb


def stored_values(engine, regio_user, indicator_id: int) -> list[float]:
    rows = lines(engine, regio_user, indicator_id=indicator_id)[1]
    return [shown.value for row in rows for shown in row.gemeenten.values() if shown.value is not None]


def rewrite(data: bytes, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    """The same workbook with one part's XML changed, as other programs write it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info, change(body) if info.filename == part else body)
    return out.getvalue()

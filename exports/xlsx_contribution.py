"""A regio's national contribution as a signed workbook (layout: `domain/national_file.py`), for a national
installation to read in. Only figures the regio already shares outside its regio team; an empty cell is a figure
the regio withheld."""

from __future__ import annotations

from openpyxl.styles import Font

from analysis.contribution import Contribution
from domain import national_file as layout
from exports.xlsx_writer import new_workbook, workbook_bytes


def contribution_workbook(contribution: Contribution, *, public_key: str, fingerprint: str, signature: str) -> bytes:
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = layout.SHEET
    ws.cell(1, 1, layout.TITLE).font = Font(bold=True, size=14)
    ws.cell(2, 1, layout.NOTE)
    values = {
        **contribution.model_dump(mode="json"),
        "named": layout.YES if contribution.named else layout.NO,
        "public_key": public_key,
        "fingerprint": fingerprint,
        "signature": signature,
    }
    for i, (label, field) in enumerate(layout.FIELDS):
        ws.cell(layout.FIRST_FIELD_ROW + i, 1, label).font = Font(bold=True)
        ws.cell(layout.FIRST_FIELD_ROW + i, 2, str(values[field]))
    for c, name in enumerate(layout.COLUMNS, start=1):
        ws.cell(layout.HEADER_ROW, c, name).font = Font(bold=True)
    row = layout.HEADER_ROW + 1
    for s in contribution.standards:
        cells: tuple[object, ...] = (
            layout.STANDARD,
            s.number,
            None,
            s.whole.low,
            s.whole.high,
            s.of,
            s.mean.low,
            s.mean.high,
        )
        for c, value in enumerate(cells, start=1):
            ws.cell(row, c, value)
        row += 1
    for q in contribution.questions:
        cells = (layout.QUESTION, q.number, q.standard, q.op_orde.low, q.op_orde.high, q.of, None, None)
        for c, value in enumerate(cells, start=1):
            ws.cell(row, c, value)
        row += 1
    for letter, width in zip("ABCDEFGH", (18, 60, 11, 13, 18, 17, 22, 28), strict=True):
        ws.column_dimensions[letter].width = width
    return workbook_bytes(wb, title=f"Landelijke bijdrage {contribution.period}")

"""The internal workbook for the regio team: a sheet per gemeente, with its radar chart. Named."""

from __future__ import annotations

from openpyxl.chart import RadarChart, Reference
from openpyxl.styles import Font

from analysis.results import RoundResult
from exports.xlsx_writer import new_workbook, sheet_title, workbook_bytes


def internal_workbook(title: str, gemeenten: list[tuple[str, str, RoundResult]]) -> bytes:
    """gemeenten: (name, round description, result) per gemeente."""
    wb = new_workbook()
    first = wb.active
    assert first is not None
    first.title = "Overzicht"
    first.append([title])
    first["A1"].font = Font(bold=True, size=14)
    first.append(["Alleen voor intern gebruik in het regioteam: dit bestand noemt gemeenten bij naam."])
    first.append(
        ["Gemeente", "Ronde", *[f"Standaard {s.number}" for s in gemeenten[0][2].standards]] if gemeenten else []
    )
    for name, description, result in gemeenten:
        first.append([name, description, *[s.share for s in result.standards]])
    taken = {"overzicht"}
    for name, description, result in gemeenten:
        ws = wb.create_sheet(sheet_title(name, taken, fallback="Gemeente"))
        ws.append([f"{name}: {description}"])
        ws.append(["Standaard", "Naam", "Deel op orde", "Op orde", "Beantwoord", "Vragen"])
        for s in result.standards:
            ws.append([s.number, s.short_name, s.share, s.op_orde, s.answered, s.question_count])
        for row in ws.iter_rows(min_row=3, min_col=3, max_col=3):
            row[0].number_format = "0%"
        ws.column_dimensions["B"].width = 34
        chart = RadarChart()
        chart.type = "marker"
        chart.title = f"Spinnenweb {name}"
        chart.add_data(Reference(ws, min_col=3, min_row=2, max_row=12), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=3, max_row=12))
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        ws.add_chart(chart, "H2")
    for row in first.iter_rows(min_row=4, min_col=3):
        for cell in row:
            cell.number_format = "0%"
    return workbook_bytes(wb, title=title)

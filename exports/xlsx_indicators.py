"""Workbooks of the procesindicatoren: the template to fill in, and the figures without gemeente names."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.formatting import long_date
from analysis.picture import SharedPicture
from exports.xlsx_writer import new_workbook, print_on_a4_landscape, row_height, workbook_bytes
from imports.indicator_figures import COLUMNS, REGIO_WORD, SHEET
from indicators.models import Level, RegioIndicator, Unit


def _header(ws: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    ws.append(list(names))
    for column, width in enumerate(widths, start=1):
        ws.cell(row=1, column=column).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    print_on_a4_landscape(ws)


def _definitions(ws: Worksheet, indicators: Sequence[RegioIndicator]) -> None:
    widths = (24, 30, 40, 70, 12, 24, 12, 16)
    _header(ws, ["Code", "Thema", "Naam", "Definitie", "Eenheid", "Bron", "Niveau", "Hoe vaak"], widths)
    for item in indicators:
        i = item.indicator
        ws.append([i.key, i.thema, i.name, i.definition, i.unit.value, i.source, i.level.value, i.frequency])
        ws.row_dimensions[ws.max_row].height = row_height((i.definition, widths[3]), (i.name, widths[2]))
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def template_workbook(
    regio_name: str, indicators: Sequence[RegioIndicator], gemeenten: Sequence[str], period: str
) -> bytes:
    """One row per indicator and gemeente (or 'regio' for an indicator at regio level), value empty."""
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    _header(ws, list(COLUMNS), (24, 30, 12, 12))
    for item in indicators:
        places = [REGIO_WORD] if item.indicator.level is Level.REGIO else list(gemeenten)
        for place in places:
            ws.append([item.indicator.key, place, period, None])
    if ws.max_row > 1:
        check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        check.error = "Vul een getal in van 0 of meer: een aantal, of een percentage van 0 tot 100."
        check.prompt = "Een aantal, of een percentage van 0 tot 100. Alleen totalen, geen gegevens over personen."
        check.showInputMessage = check.showErrorMessage = True
        ws.add_data_validation(check)
        check.add(f"D2:D{ws.max_row}")
    _definitions(wb.create_sheet("Indicatoren"), indicators)
    about = wb.create_sheet("Uitleg")
    for line in (
        f"Cijfers voor de procesindicatoren van {regio_name}",
        "Vul in de kolom waarde per regel één cijfer in: een aantal (heel getal) of een percentage (0 tot 100).",
        "Periode: een jaar (2025), een kwartaal (2025-K1), een half jaar (2025-H2) of een maand (2025-03).",
        "Gemeente: de naam zoals hij er staat, of 'regio' voor een cijfer van de hele regio.",
        "Alleen totalen per gemeente en periode. Zet nooit namen, BSN's, geboortedata of adressen in dit bestand.",
        "Lees het bestand daarna in op de pagina Procesindicatoren.",
    ):
        about.append([line])
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 110
    return workbook_bytes(wb, title=f"Sjabloon procesindicatoren {regio_name}", subject="Procesindicatoren")


def anonymised_workbook(picture: SharedPicture) -> bytes:
    """Per indicator and period: the regio's figure as shared and how many gemeenten delivered (no lowest or
    highest: those would be one gemeente's own figure)."""
    title = f"Procesindicatoren {picture.regio_name}, zonder namen van gemeenten"
    wb = new_workbook()
    about = wb.active
    assert about is not None
    about.title = "Over dit bestand"
    for line in (
        title,
        f"Stand van {long_date(picture.made_on)}. Er staan geen namen van gemeenten in.",
        "Een regiocijfer is geleverd voor de hele regio, of (bij aantallen) de som van de gemeenten die een cijfer "
        "leverden. Percentages worden nooit gemiddeld. Kleine aantallen staan er als 'minder dan'.",
        *picture.rules.sentences(),
        *(line for line in picture.kept if line.startswith("Indicator")),
    ):
        about.append([line])
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 120
    ws = wb.create_sheet("Cijfers")
    widths = (40, 12, 14, 18, 40, 12)
    _header(ws, ["Indicator", "Eenheid", "Periode", "Regio", "Regiocijfer is", "Gemeenten"], widths)
    for item in picture.indicators:
        for period in item.periods:
            regio = period.value if period.value is not None and item.unit == Unit.COUNT.value else period.regio
            ws.append([item.name, item.unit, period.period, regio, period.basis, period.gemeenten])
    sheet = wb.create_sheet("Indicatoren")
    _header(sheet, ["Naam", "Definitie", "Eenheid", "Bron", "Hoort bij standaard"], (40, 70, 12, 24, 18))
    for item in picture.indicators:
        sheet.append([item.name, item.definition, item.unit, item.source, ", ".join(map(str, item.standards))])
        sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(wb, title=title, subject="Procesindicatoren zonder namen van gemeenten")

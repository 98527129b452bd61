"""The anonymised regional workbook: figures, a native Excel radar chart, no gemeente names."""

from __future__ import annotations

from openpyxl.chart import RadarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from analysis import definitions
from analysis.anonymise import AnonymisedFigures
from analysis.formatting import long_date
from exports import WITHHELD_TEXT
from exports.xlsx_writer import new_workbook, workbook_bytes


def anonymised_workbook(figures: AnonymisedFigures) -> bytes:
    wb = new_workbook()
    about = wb.active
    assert about is not None
    about.title = "Over dit bestand"
    _about(about, figures)
    _standards(wb.create_sheet("Standaarden"), figures)
    _questions(wb.create_sheet("Vragen"), figures)
    if figures.extras:
        _extras(wb.create_sheet("Extra vragen regio"), figures)
    notable = wb.create_sheet("Wat valt op")
    notable.append(["Wat valt op"])
    for line in figures.highlights or ("Er zijn nog te weinig antwoorden om iets te laten opvallen.",):
        notable.append([line])
    notable.column_dimensions["A"].width = 120
    if figures.toelichtingen:
        notes = wb.create_sheet("Toelichtingen")
        notes.append(["Standaard", "Vraag", "Toelichting (namen van gemeenten weggelaten)"])
        for t in figures.toelichtingen:
            notes.append([t.standard, t.question_number, t.text])
        notes.column_dimensions["C"].width = 100
    if figures.duiding.strip():
        duiding = wb.create_sheet("Duiding")
        duiding.append(["Duiding door de regio"])
        duiding.append([figures.duiding])
        duiding.column_dimensions["A"].width = 120
    return workbook_bytes(wb, title=figures.title, subject="Zelfscan, regionale cijfers zonder namen van gemeenten")


def _about(ws: Worksheet, figures: AnonymisedFigures) -> None:
    rows = [
        [figures.title],
        [f"Gemaakt op {long_date(figures.made_on)}. Rondes: {figures.period}."],
        [f"De cijfers rusten op {figures.gemeenten_counted} gemeenten. Er staan geen namen van gemeenten in."],
        [f"Een cijfer dat op minder dan {figures.min_gemeenten} gemeenten rust, wordt niet getoond."],
        *([line] for line in definitions.ALL),
    ]
    for row in rows:
        ws.append(row)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110


def _standards(ws: Worksheet, figures: AnonymisedFigures) -> None:
    ws.append(
        [
            "Standaard",
            "Naam",
            "Gemiddeld deel op orde",
            "Rust op (gemeenten)",
            "Helemaal op orde (x)",
            "Beantwoord (y)",
            "Opmerking",
        ]
    )
    withheld = WITHHELD_TEXT.format(n=figures.min_gemeenten)
    for s in figures.standards:
        ws.append([s.number, s.name, s.mean_share, s.rests_on, s.x, s.y, withheld if s.withheld else ""])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "0%"
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["G"].width = 36
    chart = RadarChart()
    chart.type = "marker"
    chart.title = "Spinnenweb van de regio (gemiddeld deel op orde)"
    chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=1 + len(figures.standards)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=1 + len(figures.standards)))
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.x_axis.delete = False  # openpyxl 3.1 writes deleted axes otherwise; then nothing renders
    chart.y_axis.delete = False
    chart.height, chart.width = 12, 18
    ws.add_chart(chart, "I2")


def _questions(ws: Worksheet, figures: AnonymisedFigures) -> None:
    ws.append(["Vraag", "Standaard", "Vraagtekst", "Op orde (x)", "Beantwoord (y)", "Opmerking"])
    withheld = WITHHELD_TEXT.format(n=figures.min_gemeenten)
    for q in figures.questions:
        ws.append([q.number, q.standard, q.text, q.x, q.y, withheld if q.withheld else ""])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.column_dimensions["C"].width = 90
    ws.column_dimensions["F"].width = 36


def _extras(ws: Worksheet, figures: AnonymisedFigures) -> None:
    """The regio's own questions, apart: they never count in the figures on the other sheets."""
    ws.append(["Extra vragen van de regio: geen vragen van de VNG, ze tellen niet mee in de scores."])
    ws.append(["Nr", "Hoort bij standaard", "Extra vraag (regio)", "Op orde (x)", "Beantwoord (y)", "Opmerking"])
    withheld = WITHHELD_TEXT.format(n=figures.min_gemeenten)
    for i, q in enumerate(figures.extras, start=1):
        ws.append([i, q.standard, q.text, q.x, q.y, withheld if q.withheld else ""])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    ws.column_dimensions["C"].width = 90
    ws.column_dimensions["F"].width = 36

"""The anonymised regional workbook: a publication's figures, a native Excel radar chart, no gemeente names.

A figure is a number only when the publication shows it exactly; a figure in words ("hoogstens 1 van de
8") or withheld stays text, with the reason beside it.
"""

from __future__ import annotations

from openpyxl.chart import RadarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from analysis import definitions
from analysis.disclosure import Count
from analysis.picture import SharedPicture, SharedQuestion
from domain.models import EXTRA_BASE
from exports import DEMO_LINE, rules_lines, x_cell, y_cell
from exports.xlsx_writer import new_workbook, workbook_bytes


def anonymised_workbook(picture: SharedPicture, duiding: str = "") -> bytes:
    wb = new_workbook()
    about = wb.active
    assert about is not None
    about.title = "Over dit bestand"
    _about(about, picture)
    _standards(wb.create_sheet("Standaarden"), picture)
    _questions(wb.create_sheet("Vragen"), picture.questions, "Vraagtekst")
    if picture.extras:
        extra = wb.create_sheet("Extra vragen regio")
        extra.append(["Extra vragen van de regio: geen vragen van de VNG, ze tellen niet mee in de scores."])
        _questions(extra, picture.extras, "Extra vraag (regio)")
    notable = wb.create_sheet("Wat valt op")
    notable.append(["Wat valt op"])
    for line in picture.highlights or ("Er zijn nog te weinig antwoorden om iets te laten opvallen.",):
        notable.append([line])
    notable.column_dimensions["A"].width = 120
    if picture.toelichtingen:
        notes = wb.create_sheet("Toelichtingen")
        notes.append(["Standaard", "Vraag", "Toelichting (namen van gemeenten en personen weggelaten)"])
        for t in picture.toelichtingen:
            notes.append([t.standard, t.question_number, t.text])
        notes.column_dimensions["C"].width = 100
    if duiding.strip():
        sheet = wb.create_sheet("Duiding")
        sheet.append(["Duiding door de regio"])
        sheet.append([duiding])
        sheet.column_dimensions["A"].width = 120
    return workbook_bytes(
        wb, title=f"Zelfscan {picture.regio_name}", subject="Zelfscan, regionale cijfers zonder namen van gemeenten"
    )


def _about(ws: Worksheet, picture: SharedPicture) -> None:
    rows = [
        [f"Zelfscan Werken aan veiligheid: {picture.regio_name}"],
        *([[DEMO_LINE]] if picture.is_demo else []),
        [f"Stand van {picture.made_on.strftime('%d-%m-%Y')}. {picture.selection}"],
        [
            f"De cijfers rusten op {picture.gemeenten_counted} van de {picture.gemeenten_total} gemeenten. "
            "Er staan geen namen van gemeenten in."
        ],
        *([line] for line in rules_lines(picture)),
        *([line] for line in definitions.ALL),
    ]
    for row in rows:
        ws.append(row)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120


def _standards(ws: Worksheet, picture: SharedPicture) -> None:
    ws.append(
        [
            "Standaard",
            "Naam",
            "Gemiddeld deel op orde",
            "Rust op (gemeenten)",
            "Helemaal op orde (x)",
            "Beslist (y)",
            "Opmerking",
        ]
    )
    for s in picture.standards:
        note = "; ".join(
            part
            for part in (
                "" if s.mean.exact else f"gemiddelde: {s.mean.text()}",
                "" if s.whole.exact else f"helemaal op orde: {s.whole.of()}",
            )
            if part
        )
        ws.append([s.number, s.name, s.mean.value, s.mean.rests_on, x_cell(s.whole), y_cell(s.whole), note])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "0%"
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["G"].width = 60
    chart = RadarChart()
    chart.type = "marker"
    chart.title = "Spinnenweb van de regio (gemiddeld deel op orde)"
    chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=1 + len(picture.standards)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=1 + len(picture.standards)))
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.x_axis.delete = False  # openpyxl 3.1 writes deleted axes otherwise; then nothing renders
    chart.y_axis.delete = False
    chart.height, chart.width = 12, 18
    ws.add_chart(chart, "I2")


def _questions(ws: Worksheet, questions: tuple[SharedQuestion, ...], text_header: str) -> None:
    ws.append(["Vraag", "Standaard", text_header, "Op orde (x)", "Beantwoord (y)", "Opmerking"])
    header_row = ws.max_row
    for i, q in enumerate(questions, start=1):
        number = i if q.number >= EXTRA_BASE else q.number  # the regio's own questions: numbered 1, 2, ...
        ws.append([number, q.standard, q.text, x_cell(q.op_orde), y_cell(q.op_orde), _note(q.op_orde)])
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["C"].width = 90
    ws.column_dimensions["F"].width = 60


def _note(count: Count) -> str:
    return "" if count.exact else count.of()

"""The national workbook: the national publication's figures, per period and standard, the spread, per question,
the change, and the rules. No regio's own figures, no gemeente; a figure in words stays words."""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from analysis.formatting import long_date
from analysis.national import NationalPicture
from exports.national_factsheet import DEMO
from exports.xlsx_writer import new_workbook, print_on_a4_landscape, row_height, sheet_title, workbook_bytes
from pictures.national_charts import change_rows, question_rows, spread_rows, standard_rows, taking_part_line


def _table(ws: Worksheet, rows: list[dict[str, str]], widths: tuple[int, ...] = (45,)) -> None:
    if not rows:
        return
    ws.append(list(rows[0]))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(list(row.values()))
    for i, letter in enumerate("ABCDEFGH"[: len(rows[0])]):
        ws.column_dimensions[letter].width = widths[i] if i < len(widths) else 28


def national_workbook(picture: NationalPicture, names: Mapping[int, str], texts: Mapping[int, str]) -> bytes:
    wb = new_workbook()
    about = wb.active
    assert about is not None
    about.title = "Over dit bestand"
    about.append(["Zelfscan Werken aan veiligheid: landelijk beeld"])
    about["A1"].font = Font(bold=True, size=14)
    if picture.is_demo:
        about.append([DEMO])
    about.append([f"Stand van {long_date(picture.made_at.date())}. {taking_part_line(picture)}"])
    about.append([f"Vragenlijst {picture.questionnaire_version}. Geen cijfers van één regio, geen gemeenten."])
    for line in (*picture.withdrawn_since, *picture.kept, *picture.left_out):
        about.append([line])
    about.append([])
    about.append(["Hoe we regio's en gemeenten beschermen"])
    for line in picture.rules.sentences():
        about.append([line])
    about.column_dimensions["A"].width = 110
    taken = {"over dit bestand"}
    for period in reversed(picture.periods):
        ws = wb.create_sheet(sheet_title(f"Standaarden {period.period}", taken))
        ws.append([f"{period.period}: {period.regios} regio's met samen {period.gemeenten} gemeenten"])
        if period.withheld:
            ws.append([period.withheld])
            ws.column_dimensions["A"].width = 110
            continue
        _table(ws, standard_rows(period, names))
        ws.append([])
        ws.append(["Spreiding: hoeveel regio's hun gemeenten gemiddeld in elk deel op orde hebben"])
        _table(ws, spread_rows(period, names))
        questions = wb.create_sheet(sheet_title(f"Vragen {period.period}", taken))
        _table(questions, question_rows(period, texts), widths=(90, 11))
    if picture.change is not None and not picture.change.withheld:
        ws = wb.create_sheet(sheet_title("Verandering", taken))
        ws.append([f"Alleen over de {picture.change.regios} regio's die in beide periodes meededen."])
        _table(ws, change_rows(picture.change, names))
    for ws in wb.worksheets:
        _readable(ws)
    return workbook_bytes(wb, title="Landelijk beeld zelfscan Werken aan veiligheid")


def _readable(ws: Worksheet) -> None:
    """Every text wraps within its column, each row high enough to show it, and the sheet prints on A4."""
    widths = {letter: (ws.column_dimensions[letter].width or 13) for letter in "ABCDEFGH"}
    for row in ws.iter_rows():
        texts = []
        for cell in row:
            if cell.value is None:
                continue
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            texts.append((str(cell.value), int(widths.get(cell.column_letter, 13))))
        if texts:
            ws.row_dimensions[row[0].row].height = row_height(*texts)
    print_on_a4_landscape(ws)

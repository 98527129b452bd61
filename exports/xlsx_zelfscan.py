"""The zelfscan workbook as people know it, to fill in offline: uitleg, vragen, resultaten.

The results sheet computes the shares with formulas and draws a native radar chart, so
the workbook keeps working when filled in offline, in Excel and in LibreOffice. The
questions sheet keeps question numbers in column A: answers map back by number.
"""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.chart import RadarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from domain.answers import Answer, AnswerValue
from domain.models import ExtraQuestion
from exports.xlsx_writer import formula, new_workbook, print_on_a4_landscape, row_height, workbook_bytes
from questionnaire import Questionnaire

QUESTIONS_SHEET, RESULTS_SHEET, ABOUT_SHEET = "Vragen", "Resultaten", "Uitleg"
EXTRA_SHEET = "Extra vragen regio"
EXTRA_NOTE = (
    "Extra vragen van de regio. Deze vragen horen niet bij de 31 vragen van de VNG en tellen niet mee in de "
    "scores. Verander de nummers in kolom A niet: daarmee worden de antwoorden weer ingelezen."
)
FIRST_ROW = 8  # first question row on the questions sheet
ANSWER_TEXT = {AnswerValue.OP_ORDE: "op orde", AnswerValue.NIET_OP_ORDE: "niet op orde"}
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


class ScanSheet:
    """What one sheet of a workbook holds: the gemeente's scan, filled or blank."""

    def __init__(
        self,
        *,
        gemeente: str,
        held_on: date | None,
        purpose: str,
        answers: dict[int, Answer] | None = None,
        sheet_title: str = QUESTIONS_SHEET,
        extras: tuple[ExtraQuestion, ...] = (),
        extra_answers: dict[int, Answer] | None = None,
    ) -> None:
        self.gemeente, self.held_on, self.purpose = gemeente, held_on, purpose
        self.answers = answers or {}
        self.sheet_title = sheet_title
        self.extras, self.extra_answers = extras, extra_answers or {}  # the regio's own questions, by number


def zelfscan_workbook(qn: Questionnaire, scan: ScanSheet) -> bytes:
    """One gemeente's zelfscan: uitleg, vragen (with drop-downs), resultaten (formulas, radar)."""
    wb = new_workbook()
    about = wb.active
    assert about is not None
    about.title = ABOUT_SHEET
    _about(about, qn)
    questions = wb.create_sheet(QUESTIONS_SHEET)
    write_questions(questions, qn, scan)
    _results(wb.create_sheet(RESULTS_SHEET), qn, QUESTIONS_SHEET)
    if scan.extras:
        _extras(wb.create_sheet(EXTRA_SHEET), scan)
    return _save(wb, f"Zelfscan {scan.gemeente}")


def _extras(ws: Worksheet, scan: ScanSheet) -> None:
    """The regio's own questions on a sheet of their own: answered like the others, never in the scores."""
    ws.append([EXTRA_NOTE])
    ws.append(["Id", "Extra vraag (regio)", "Hoort bij standaard", "Blok", "Antwoord", "Toelichting"])
    for cell in ws[2]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for extra in scan.extras:
        answer = scan.extra_answers.get(extra.number)
        ws.append([
            extra.id, extra.text, extra.standard, extra.block,
            ANSWER_TEXT[answer.value] if answer and answer.value else None,
            answer.toelichting if answer and answer.toelichting else None,
        ])  # fmt: skip
        for column in (2, 6):
            ws.cell(ws.max_row, column).alignment = Alignment(wrap_text=True, vertical="top")
    if ws.max_row > 2:
        choice = DataValidation(type="list", formula1='"op orde,niet op orde"', allow_blank=True)
        choice.add(f"E3:E{ws.max_row}")
        ws.add_data_validation(choice)
    for column, width in zip("ABCDEF", (6, 80, 12, 6, 16, 60), strict=True):
        ws.column_dimensions[column].width = width


def write_questions(ws: Worksheet, qn: Questionnaire, scan: ScanSheet, top: int = 1) -> int:
    """Write one scan from row `top` down; returns the first free row after it."""
    shift = top - 1
    ws.cell(top, 1, qn.title).font = Font(bold=True, size=14)
    for row, (label, value) in enumerate(
        (
            ("Gemeente", scan.gemeente),
            ("Datum", scan.held_on),
            ("Doel", scan.purpose),
            ("Versie vragenlijst", qn.version),
        ),
        start=top + 1,
    ):
        ws.cell(row, 1, label).font = Font(bold=True)
        cell = ws.cell(row, 3, value)
        if isinstance(value, date):
            cell.number_format = "DD-MM-YYYY"
    header = ["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"]
    for column, title in enumerate(header, start=1):
        cell = ws.cell(FIRST_ROW - 1 + shift, column, title)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for offset, question in enumerate(qn.questions):
        row = FIRST_ROW + shift + offset
        answer = scan.answers.get(question.number)
        for column, value in ((1, question.number), (2, question.standard), (3, question.block)):
            ws.cell(row, column, value).alignment = Alignment(vertical="top", horizontal="left")
        ws.cell(row, 4, question.text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row, 5, ANSWER_TEXT[answer.value] if answer and answer.value else None).alignment = Alignment(
            vertical="top"
        )
        ws.cell(row, 6, answer.toelichting if answer and answer.toelichting else None).alignment = Alignment(
            wrap_text=True, vertical="top"
        )
        for column in (5, 6):
            ws.cell(row, column).protection = Protection(locked=False)
        note = answer.toelichting if answer and answer.toelichting else ""
        ws.row_dimensions[row].height = row_height((question.text, 80), (note, 60))
    first = FIRST_ROW + shift
    last = first + len(qn.questions) - 1
    choice = DataValidation(
        type="list",
        formula1='"op orde,niet op orde"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Kies een antwoord",
        error="Kies 'op orde' of 'niet op orde', of laat de cel leeg als u het nog niet weet.",
        promptTitle="Antwoord",
        prompt="Kies 'op orde' of 'niet op orde'.",
    )
    choice.add(f"E{first}:E{last}")
    ws.add_data_validation(choice)
    for column, width in zip("ABCDEF", (5, 11, 12, 80, 16, 60), strict=True):  # C also holds the date
        ws.column_dimensions[column].width = width
    if top == 1:
        ws.freeze_panes = f"A{FIRST_ROW}"
        ws.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"  # the header row on every printed page
    print_on_a4_landscape(ws)
    return last + 3


def _results(ws: Worksheet, qn: Questionnaire, source: str) -> None:
    """Per standard: questions, answered, op orde and the share, all as formulas."""
    ws.append(["Standaard", "Naam", "Vragen", "Beantwoord", "Op orde", "Deel op orde"])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    first = FIRST_ROW
    last = FIRST_ROW + len(qn.questions) - 1
    nr, answer = f"'{source}'!$B${first}:$B${last}", f"'{source}'!$E${first}:$E${last}"
    for row, standard in enumerate(sorted(qn.standards, key=lambda s: s.number), start=2):
        ws.cell(row, 1, standard.number)
        ws.cell(row, 2, standard.short_name)
        formula(ws, row, 3, f"=COUNTIF({nr},A{row})")
        formula(ws, row, 4, f'=COUNTIFS({nr},A{row},{answer},"op orde")+COUNTIFS({nr},A{row},{answer},"niet op orde")')
        formula(ws, row, 5, f'=COUNTIFS({nr},A{row},{answer},"op orde")')
        share = formula(ws, row, 6, f'=IF(D{row}=0,"",E{row}/D{row})')
        share.number_format = "0%"
    ws.cell(13, 1, "Een lege cel bij 'Deel op orde': nog geen vraag van die standaard beantwoord.")
    ws.cell(14, 1, "Het deel op orde telt alleen beantwoorde vragen; een lege vraag telt niet als 'niet op orde'.")
    ws.column_dimensions["B"].width = 34
    chart = RadarChart()
    chart.type = "marker"
    chart.title = "Spinnenweb: deel op orde per standaard"
    chart.add_data(Reference(ws, min_col=6, min_row=1, max_row=11), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=11))
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.y_axis.number_format = "0%"
    chart.x_axis.delete = False  # openpyxl 3.1 writes deleted axes otherwise; then nothing renders
    chart.y_axis.delete = False
    chart.height, chart.width = 12, 18
    chart.legend.position = "b"  # below the web, clear of the axis labels
    ws.add_chart(chart, "H2")
    print_on_a4_landscape(ws)


def _about(ws: Worksheet, qn: Questionnaire) -> None:
    lines = [
        qn.title,
        "",
        "Zo vult u de scan in:",
        "1. Vul op het blad 'Vragen' bovenaan de datum en het doel van de ronde in (nulmeting, evaluatie of "
        "toetsingsmoment).",
        "2. Kies bij elke vraag in kolom E 'op orde' of 'niet op orde'. Weet u het nog niet? Laat de cel dan leeg.",
        "3. Schrijf in kolom F een toelichting: wat gaat goed, wat nog niet, en waarom.",
        "4. Verander de nummers in kolom A niet: daarmee worden de antwoorden weer ingelezen.",
        "5. Op het blad 'Resultaten' ziet u per standaard het deel op orde en de spinnenweb.",
        "",
        "Klaar? Lees het bestand in de app in via 'Excel inlezen', of stuur het naar uw regio.",
        f"Versie van de vragenlijst: {qn.version}.",
    ]
    width = 100
    for line in lines:
        ws.append([line])
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = row_height((line, width))
    ws["A1"].font = Font(bold=True, size=14)
    ws.row_dimensions[1].height = 24
    ws.column_dimensions["A"].width = width
    print_on_a4_landscape(ws)


def _save(wb: Workbook, title: str) -> bytes:
    return workbook_bytes(wb, title=title)


def archive_workbook(
    title: str,
    scans: list[tuple[Questionnaire, ScanSheet]],
    without_rounds: list[str] = (),  # type: ignore[assignment]
) -> bytes:
    """All rounds of a regio in one workbook: a sheet per gemeente, its rounds one below the other.

    Scans with the same sheet_title go on the same sheet, in the order given.
    """
    wb = new_workbook()
    about = wb.active
    assert about is not None
    about.title = ABOUT_SHEET
    about.append([title])
    about["A1"].font = Font(bold=True, size=14)
    about.append(["Een blad per gemeente, met haar rondes onder elkaar (de nieuwste eerst)."])
    about.append(["Kolom E: het antwoord, kolom F: de toelichting."])
    without_rounds = without_rounds or []
    titles = sorted({scan.sheet_title for _, scan in scans} | set(without_rounds), key=str.casefold)
    next_row = {sheet: 1 for sheet in titles}
    for sheet in titles:
        wb.create_sheet(sheet)
    for sheet in without_rounds:
        wb[sheet].append(["Deze gemeente heeft nog geen ronde."])
    for qn, scan in scans:
        next_row[scan.sheet_title] = write_questions(wb[scan.sheet_title], qn, scan, top=next_row[scan.sheet_title])
    return _save(wb, title)

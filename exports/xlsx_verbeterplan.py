"""A verbeterplan as an action list (.xlsx): an overview sheet and one sheet per cluster.

Each cluster sheet is a plain list with a filter on every column, the header frozen,
a drop-down for the status and real date cells, so a team can sort, filter and keep
it up to date in Excel.
"""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.formatting import long_date
from analysis.verbeterplan import ClusterSection, PlanView
from domain.plan import ACTION_COLUMNS, GUIDANCE, ActionLevel, ActionStatus
from exports.xlsx_writer import new_workbook, print_on_a4_landscape, row_height, workbook_bytes

OVERVIEW_SHEET = "Overzicht"
ACTION_HEADER = (
    "Standaard",
    "Vragen",
    *ACTION_COLUMNS.values(),
    "Lokaal of regionaal",
    "Status",
    "Startdatum",
    "Gereed op",
    "Hoe staan de vragen nu",
)
# Characters per column: 241 in all, so a printed A4 landscape page shows every column at about 60 %.
WIDTHS = (22, 8, 26, 26, 30, 26, 16, 16, 12, 13, 11, 11, 24)
DATE_FORMAT = "d-m-yyyy"


def verbeterplan_workbook(view: PlanView, *, today: date) -> bytes:
    wb = new_workbook()
    overview = wb.active
    assert overview is not None
    overview.title = OVERVIEW_SHEET
    _overview(overview, view, today)
    for cluster in view.clusters:
        _cluster_sheet(wb.create_sheet(f"Cluster {cluster.code}"), view, cluster)
    return workbook_bytes(
        wb, title=view.plan.texts["title"] or "Verbeterplan", subject="Verbeterplan Werken aan veiligheid"
    )


def _overview(ws: Worksheet, view: PlanView, today: date) -> None:
    texts = view.plan.texts
    ws.append([texts["title"] or "Verbeterplan"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["Voor", view.subject])
    ws.append(["Periode", texts["period"]])
    ws.append(["Gebaseerd op", view.based_on])
    ws.append(["Versie van", long_date(today)])
    if view.follow_up is not None:
        ws.append(["Nieuwere scan", view.follow_up.label])
    ws.append([])
    ws.append(["Voortgang per cluster"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    header = ["Cluster", "Acties", *(s.label for s in ActionStatus), "Gereed (deel)"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        if cell.column > 1:  # above right-aligned numbers
            cell.alignment = Alignment(horizontal="right", wrap_text=True)
    for p in view.progress:
        ws.append([f"{p.code}. {p.name}", p.total, *p.counts.values(), p.done_share])
        ws.cell(ws.max_row, len(header)).number_format = "0%"
    ws.append([])
    ws.append(["Een blad per cluster met de verbeteracties. Pas daar de status en de data aan."])
    ws.column_dimensions["A"].width = 58
    for column in "BCDEFGH":
        ws.column_dimensions[column].width = 15
    ws.column_dimensions["B"].width = 40
    print_on_a4_landscape(ws)


def _cluster_sheet(ws: Worksheet, view: PlanView, cluster: ClusterSection) -> None:
    ws.append(ACTION_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = row_height(*zip(ACTION_HEADER, WIDTHS, strict=True))
    for section in cluster.standards:
        for action in section.actions:
            now = "; ".join(q.line for q in view.follow_up.of(action)) if view.follow_up else ""
            ws.append(
                [
                    f"{section.figures.number}. {section.figures.short_name}",
                    ", ".join(str(n) for n in action.question_numbers),
                    action.measure,
                    action.current_state,
                    action.description,
                    action.intended_result,
                    action.owner,
                    action.planning,
                    action.level.label,
                    action.status.label,
                    action.start_on,
                    action.due_on,
                    now,
                ]
            )
    if ws.max_row == 1:
        ws.append(["Nog geen verbeteracties in dit cluster."])
    last = max(ws.max_row, 2)
    for row in ws.iter_rows(min_row=2, max_row=last):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[10].number_format = row[11].number_format = DATE_FORMAT
        texts = [(str(cell.value or ""), WIDTHS[i]) for i, cell in enumerate(row)]
        ws.row_dimensions[row[0].row].height = row_height(*texts)
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:M{last}"
    _choices(ws, "I", [level.label for level in ActionLevel], last)
    _choices(ws, "J", [status.label for status in ActionStatus], last)
    for index, field in enumerate(ACTION_COLUMNS, start=3):
        if field in GUIDANCE:
            _guidance(ws, chr(ord("A") + index - 1), ACTION_COLUMNS[field], GUIDANCE[field], last)
    ws.print_title_rows = "1:1"  # the header on every printed page
    print_on_a4_landscape(ws)


def _guidance(ws: Worksheet, column: str, title: str, text: str, last: int) -> None:
    """What to write, shown beside a cell of the column while it is selected; never printed, never in the cell."""
    validation = DataValidation(showInputMessage=True, promptTitle=title[:32], prompt=text[:255], allow_blank=True)
    ws.add_data_validation(validation)
    validation.add(f"{column}2:{column}{last + 200}")


def _choices(ws: Worksheet, column: str, options: list[str], last: int) -> None:
    """A drop-down with the allowed values, for the rows there are and room for 200 more."""
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(options) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Kies uit de lijst",
        error="Kies een van de waarden uit de lijst.",
    )
    ws.add_data_validation(validation)
    validation.add(f"{column}2:{column}{last + 200}")

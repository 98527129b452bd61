"""Turn a regio report into files: anonymised (xlsx, csv, factsheet) and internal (named xlsx)."""

from __future__ import annotations

from datetime import date

from analysis.anonymise import AnonymisedFigures, anonymise
from analysis.formatting import long_date
from exports.csv_figures import figures_csv
from exports.factsheet_html import factsheet_html
from exports.xlsx_anonymised import anonymised_workbook
from exports.xlsx_internal import internal_workbook
from services.regio_report import RegioReport


def period_label(report: RegioReport) -> str:
    if report.period is None:
        return "de laatste ronde van elke gemeente"
    start, end = report.period
    return f"de laatste ronde van elke gemeente tussen {long_date(start)} en {long_date(end)}"


def anonymised(
    report: RegioReport, *, include_toelichtingen: bool = False, duiding: str = "", made_on: date | None = None
) -> AnonymisedFigures:
    """The figures as they may leave the regio team: small numbers withheld, names masked."""
    return anonymise(
        title=f"Zelfscan Werken aan veiligheid: {report.regio.name}",
        made_on=made_on or date.today(),
        period=period_label(report),
        gemeente_names=[g.gemeente_name for g in report.gemeenten],
        gemeenten_counted=len(report.counted),
        min_gemeenten=report.regio.min_gemeenten,
        average=report.average,
        standards=report.standards,
        questions=report.questions,
        highlights=report.highlights,
        toelichtingen=[(t.standard, t.question_number, t.text) for t in report.toelichtingen]
        if include_toelichtingen
        else (),
        duiding=duiding,
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "xlsx": ("zelfscan-regiocijfers-{stamp}.xlsx", anonymised_workbook, XLSX),
    "csv": ("zelfscan-regiocijfers-{stamp}.csv", figures_csv, "text/csv"),
    "html": ("zelfscan-factsheet-{stamp}.html", factsheet_html, "text/html"),
}


def anonymised_file(figures: AnonymisedFigures, kind: str) -> tuple[str, bytes, str]:
    """File name, bytes and MIME type of one format. File names carry no names at all."""
    name, make, mime = FORMATS[kind]
    return name.format(stamp=figures.made_on.isoformat()), make(figures), mime


def internal_file(report: RegioReport) -> tuple[str, bytes]:
    rows = [
        (g.gemeente_name, f"{g.purpose.short_label} van {long_date(g.held_on)}", g.result)
        for g in report.counted
        if g.result and g.purpose and g.held_on
    ]
    title = f"Zelfscan per gemeente: {report.regio.name} (intern)"
    return internal_file_name(), internal_workbook(title, rows)


def internal_file_name() -> str:
    return f"zelfscan-per-gemeente-intern-{date.today().isoformat()}.xlsx"

"""Turn a regio report into files: anonymised (xlsx, csv, factsheet) and internal (named xlsx)."""

from __future__ import annotations

from datetime import date

from analysis.anonymise import AnonymisedFigures, anonymise, masked_words
from analysis.formatting import long_date
from analysis.indicators import IndicatorLine
from domain.text import clean_name, clean_text
from exports.csv_figures import figures_csv
from exports.factsheet_html import factsheet_html, factsheet_pdf
from exports.xlsx_anonymised import anonymised_workbook
from exports.xlsx_internal import internal_workbook
from services.regio_report import RegioReport


def period_label(report: RegioReport) -> str:
    if report.period is None:
        return "de laatste ronde van elke gemeente"
    start, end = report.period
    return f"de laatste ronde van elke gemeente tussen {long_date(start)} en {long_date(end)}"


def anonymised(
    report: RegioReport,
    *,
    include_toelichtingen: bool = False,
    duiding: str = "",
    made_on: date | None = None,
    extra_words: tuple[str, ...] = (),
    indicators: tuple[IndicatorLine, ...] = (),
) -> AnonymisedFigures:
    """The figures as they may leave the regio team: small numbers withheld, names masked."""
    figures = anonymise(
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
        duiding=clean_text(duiding),
        extra_words=extra_words,
        extras=report.extras,
    )
    return figures.model_copy(update={"indicators": indicators})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "xlsx": ("zelfscan-regiocijfers-{stamp}.xlsx", anonymised_workbook, XLSX),
    "csv": ("zelfscan-regiocijfers-{stamp}.csv", figures_csv, "text/csv"),
    "html": ("zelfscan-factsheet-{stamp}.html", factsheet_html, "text/html"),
    "pdf": ("zelfscan-factsheet-{stamp}.pdf", factsheet_pdf, "application/pdf"),
}


def masked_summary(report: RegioReport, extra_words: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Which words the masking takes out of the toelichtingen, as typed, and how often."""
    names = [*(g.gemeente_name for g in report.gemeenten), *extra_words]
    counts: dict[str, int] = {}
    for note in report.toelichtingen:
        for word in masked_words(note.text, names):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def parse_extra_words(text: str) -> tuple[str, ...]:
    """Words the regio wants left out too: separated by commas or on their own lines."""
    return tuple(w for w in (clean_name(part) for line in text.splitlines() for part in line.split(",")) if w)


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

"""Files of the regio: a publication as shared files (xlsx, csv, factsheet), and the internal named workbook."""

from __future__ import annotations

from collections.abc import Callable

from analysis.deidentify import Kind, Replacement, Words, clean
from analysis.formatting import long_date
from analysis.picture import SharedPicture
from domain.calendar import dutch_today
from domain.text import clean_name, clean_text
from exports.csv_figures import figures_csv
from exports.factsheet_html import factsheet_html, factsheet_pdf
from exports.xlsx_anonymised import anonymised_workbook
from exports.xlsx_internal import internal_workbook
from services.regio_report import RegioReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Writer = Callable[[SharedPicture, str], bytes]


def _figures_csv(picture: SharedPicture, _duiding: str) -> bytes:
    return figures_csv(picture)  # figures only: the duiding is text


FORMATS: dict[str, tuple[str, Writer, str]] = {
    "xlsx": ("zelfscan-regiocijfers-{stamp}.xlsx", anonymised_workbook, XLSX),
    "csv": ("zelfscan-regiocijfers-{stamp}.csv", _figures_csv, "text/csv"),
    "html": ("zelfscan-factsheet-{stamp}.html", factsheet_html, "text/html"),
    "pdf": ("zelfscan-factsheet-{stamp}.pdf", factsheet_pdf, "application/pdf"),
}


def shared_file(
    picture: SharedPicture, kind: str, *, duiding: str = "", words: Words | None = None
) -> tuple[str, bytes, str]:
    """File name, bytes and MIME type of a publication in one format. File names carry no names at all; the
    regio's duiding passes the same de-identification as the toelichtingen (`words`: the regio's lists)."""
    name, make, mime = FORMATS[kind]
    return name.format(stamp=picture.made_on.isoformat()), make(picture, shared_duiding(duiding, words)), mime


def shared_duiding(duiding: str, words: Words | None) -> str:
    return clean(clean_text(duiding), words or Words())


def replaced_summary(replaced: tuple[tuple[Replacement, ...], ...]) -> list[tuple[str, Kind, int]]:
    """Every word replaced in the shared texts, as typed, what it became and how often; most often first."""
    counts: dict[tuple[str, Kind], int] = {}
    for found in replaced:
        for r in found:
            counts[(r.original, r.kind)] = counts.get((r.original, r.kind), 0) + 1
    return sorted(((w, k, n) for (w, k), n in counts.items()), key=lambda t: (-t[2], t[0].casefold()))


def parse_extra_words(text: str) -> tuple[str, ...]:
    """Words the regio wants left out too: separated by commas or on their own lines."""
    return tuple(w for w in (clean_name(part) for line in text.splitlines() for part in line.split(",")) if w)


def internal_file(report: RegioReport) -> tuple[str, bytes]:
    rows = [
        (g.gemeente_name, f"{g.purpose.short_label} van {long_date(g.held_on)}", g.result)
        for g in report.counted
        if g.result and g.purpose and g.held_on
    ]
    title = f"Zelfscan per gemeente: {report.regio.name} (intern)"
    return internal_file_name(), internal_workbook(title, rows)


def internal_file_name() -> str:
    return f"zelfscan-per-gemeente-intern-{dutch_today().isoformat()}.xlsx"

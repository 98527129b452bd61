"""The national factsheet: who takes part, per period the figures per standard with the spread of the regions (a
picture and its table), per question, the change between two periods, and the rules. One HTML document serves the
browser and, through exports.pdf_writer, the PDF. Every text goes through exports.html_writer."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from analysis.formatting import long_date
from analysis.national import BANDS, NationalPicture, PeriodPicture, band_label
from exports.html_writer import document, table
from exports.pdf_writer import html_to_pdf
from pictures.national_charts import (
    BAND_COLOURS,
    change_rows,
    question_rows,
    spread_rows,
    standard_rows,
    taking_part_line,
)

DEMO = "Demo: de regio's, gemeenten en cijfers in dit document zijn verzonnen."
STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #000; max-width: 60rem; margin: 2rem auto; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1f4e79; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, svg { break-inside: avoid; } }
"""


def _rows(rows: list[dict[str, str]]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    header = tuple(rows[0]) if rows else ()
    return header, [tuple(r.values()) for r in rows]


def spread_svg(period: PeriodPicture, names: Mapping[int, str]) -> str:
    """Per standard a bar split by band, each part with its number written in; a legend with the band in words."""
    shown = [s for s in period.standards if s.bands is not None]
    most = max((sum(s.bands or ()) for s in shown), default=1) or 1
    left, width, row_h = 260, 400, 28
    height = 40 + row_h * len(shown) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height}" role="img" '
        f'aria-label="{escape(f"Spreiding van de regio’s per standaard, {period.period}")}" '
        'font-family="Liberation Sans, Arial, sans-serif" font-size="12">'
    ]
    for i in range(len(BANDS)):
        x = 10 + i * 165
        parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{BAND_COLOURS[i]}"/>')
        parts.append(f'<text x="{x + 20}" y="18">{escape(band_label(i))}</text>')
    for r, s in enumerate(shown):
        y = 36 + r * row_h
        label = f"{s.number}. {names.get(s.number, '')}"
        parts.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{escape(label[:38])}</text>')
        x = float(left)
        for i, n in enumerate(s.bands or ()):
            if not n:
                continue
            w = width * n / most
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" fill="{BAND_COLOURS[i]}"/>')
            middle = f'x="{x + w / 2:.1f}" y="{y + 16}" text-anchor="middle"'
            parts.append(f'<text {middle} fill="#ffffff" font-weight="bold">{n}</text>')
            x += w
    parts.append("</svg>")
    return "".join(parts)


def national_html(picture: NationalPicture, names: Mapping[int, str], texts: Mapping[int, str]) -> bytes:
    title = "Zelfscan Werken aan veiligheid: landelijk beeld"
    body = [f"<h1>{escape(title)}</h1>"]
    if picture.is_demo:
        body.append(f"<p><strong>{escape(DEMO)}</strong></p>")
    body.append(
        f"<p>Stand van {escape(long_date(picture.made_at.date()))}. {escape(taking_part_line(picture))} Er staan geen "
        "cijfers van één regio in en geen namen van gemeenten. Vragenlijst "
        f"{escape(picture.questionnaire_version)}.</p>"
    )
    for line in (*picture.withdrawn_since, *picture.kept, *picture.left_out):
        body.append(f"<p>{escape(line)}</p>")
    for period in reversed(picture.periods):
        body.append(f"<h2>{escape(period.period)}: per standaard</h2>")
        body.append(f"<p>De cijfers rusten op {period.regios} regio's met samen {period.gemeenten} gemeenten.</p>")
        if period.withheld:
            body.append(f"<p>{escape(period.withheld)}</p>")
            continue
        header, rows = _rows(standard_rows(period, names))
        body.append(table(header, rows, caption=f"Cijfers per standaard, {period.period}"))
        body.append(f"<h2>{escape(period.period)}: spreiding van de regio's</h2>")
        body.append(
            "<p>Per standaard hoeveel regio's hun gemeenten gemiddeld in elk deel op orde hebben. De cijfers staan ook "
            "in de tabel eronder.</p>"
        )
        body.append(f"<figure>{spread_svg(period, names)}</figure>")
        header, rows = _rows(spread_rows(period, names))
        body.append(table(header, rows, caption=f"Spreiding per standaard, {period.period}", wide=(0, 5)))
    if picture.change is not None:
        change = picture.change
        body.append(f"<h2>Verandering van {escape(change.first)} naar {escape(change.second)}</h2>")
        body.append(f"<p>Alleen over de {change.regios} regio's die in beide periodes meededen.</p>")
        if change.withheld:
            body.append(f"<p>{escape(change.withheld)}</p>")
        else:
            header, rows = _rows(change_rows(change, names))
            body.append(table(header, rows, caption="Regio's op orde in beide periodes", wide=(0,)))
    for period in reversed(picture.periods):
        if period.withheld:
            continue
        body.append(f"<h2>Bijlage: per vraag, {escape(period.period)}</h2>")
        header, rows = _rows(question_rows(period, texts))
        body.append(table(header, rows, wide=(0, 2, 3)))
    rules = "".join(f"<li>{escape(line)}</li>" for line in picture.rules.sentences())
    body.append(f"<h2>Hoe we regio's en gemeenten beschermen</h2><ul>{rules}</ul>")
    return document(title, "\n".join(body), STYLE).encode("utf-8")


def national_pdf(picture: NationalPicture, names: Mapping[int, str], texts: Mapping[int, str]) -> bytes:
    return html_to_pdf(national_html(picture, names, texts).decode("utf-8"))

"""The national factsheet: who takes part, per period the figures per standard with the spread of the regions (a
picture and its table), per question, the change between two periods, and the rules. One HTML document serves the
browser and, through exports.pdf_writer, the PDF. Every text goes into the markup through domain/markup.py."""

from __future__ import annotations

from collections.abc import Mapping

from analysis.formatting import long_date
from analysis.national import BANDS, NationalPicture, PeriodPicture, band_label
from domain.markup import Html, fill, join
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


def spread_svg(period: PeriodPicture, names: Mapping[int, str]) -> Html:
    """Per standard a bar split by band, each part with its number written in; a legend with the band in words."""
    shown = [s for s in period.standards if s.bands is not None]
    most = max((sum(s.bands or ()) for s in shown), default=1) or 1
    left, width, row_h = 260, 400, 28
    height = 40 + row_h * len(shown) + 30
    parts = [
        fill('<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" aria-label="{label}" '
             'font-family="Liberation Sans, Arial, sans-serif" font-size="12">', w=left + width + 20, h=height,
             label=f"Spreiding van de regio’s per standaard, {period.period}")
    ]  # fmt: skip
    for i in range(len(BANDS)):
        x = 10 + i * 165
        parts.append(fill('<rect x="{x}" y="6" width="14" height="14" fill="{colour}"/>', x=x, colour=BAND_COLOURS[i]))
        parts.append(fill('<text x="{x}" y="18">{label}</text>', x=x + 20, label=band_label(i)))
    for r, s in enumerate(shown):
        y = 36 + r * row_h
        label = f"{s.number}. {names.get(s.number, '')}"
        parts.append(fill('<text x="{x}" y="{y}" text-anchor="end">{label}</text>', x=left - 8, y=y + 17,
                          label=label[:38]))  # fmt: skip
        x = float(left)
        for i, n in enumerate(s.bands or ()):
            if not n:
                continue
            w = width * n / most
            parts.append(fill('<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" fill="{colour}"/>', x=x, y=y, w=w,
                              h=row_h - 6, colour=BAND_COLOURS[i]))  # fmt: skip
            parts.append(fill('<text x="{x:.1f}" y="{y}" text-anchor="middle" fill="#ffffff" font-weight="bold">{n}'
                              "</text>", x=x + w / 2, y=y + 16, n=n))  # fmt: skip
            x += w
    parts.append(Html("</svg>"))
    return join(parts)


def national_html(picture: NationalPicture, names: Mapping[int, str], texts: Mapping[int, str]) -> bytes:
    title = "Zelfscan Werken aan veiligheid: landelijk beeld"
    body = [fill("<h1>{title}</h1>", title=title)]
    if picture.is_demo:
        body.append(fill("<p><strong>{line}</strong></p>", line=DEMO))
    body.append(
        fill("<p>Stand van {made_on}. {who} Er staan geen cijfers van één regio in en geen namen van gemeenten. "
             "Vragenlijst {version}.</p>", made_on=long_date(picture.made_at.date()), who=taking_part_line(picture),
             version=picture.questionnaire_version)
    )  # fmt: skip
    for line in (*picture.withdrawn_since, *picture.kept, *picture.left_out):
        body.append(fill("<p>{line}</p>", line=line))
    for period in reversed(picture.periods):
        body.append(fill("<h2>{period}: per standaard</h2>", period=period.period))
        body.append(fill("<p>De cijfers rusten op {regios} regio's met samen {gemeenten} gemeenten.</p>",
                         regios=period.regios, gemeenten=period.gemeenten))  # fmt: skip
        if period.withheld:
            body.append(fill("<p>{why}</p>", why=period.withheld))
            continue
        header, rows = _rows(standard_rows(period, names))
        body.append(table(header, rows, caption=f"Cijfers per standaard, {period.period}"))
        body.append(fill("<h2>{period}: spreiding van de regio's</h2>", period=period.period))
        body.append(
            Html("<p>Per standaard hoeveel regio's hun gemeenten gemiddeld in elk deel op orde hebben. De cijfers "
                 "staan ook in de tabel eronder.</p>")
        )  # fmt: skip
        body.append(fill("<figure>{svg}</figure>", svg=spread_svg(period, names)))
        header, rows = _rows(spread_rows(period, names))
        body.append(table(header, rows, caption=f"Spreiding per standaard, {period.period}", wide=(0, 5)))
    if picture.change is not None:
        change = picture.change
        body.append(fill("<h2>Verandering van {first} naar {second}</h2>", first=change.first, second=change.second))
        body.append(fill("<p>Alleen over de {n} regio's die in beide periodes meededen.</p>", n=change.regios))
        if change.withheld:
            body.append(fill("<p>{why}</p>", why=change.withheld))
        else:
            header, rows = _rows(change_rows(change, names))
            body.append(table(header, rows, caption="Regio's op orde in beide periodes", wide=(0,)))
    for period in reversed(picture.periods):
        if period.withheld:
            continue
        body.append(fill("<h2>Bijlage: per vraag, {period}</h2>", period=period.period))
        header, rows = _rows(question_rows(period, texts))
        body.append(table(header, rows, wide=(0, 2, 3)))
    rules = join(fill("<li>{line}</li>", line=line) for line in picture.rules.sentences())
    body.append(fill("<h2>Hoe we regio's en gemeenten beschermen</h2><ul>{rules}</ul>", rules=rules))
    return document(title, join(body, "\n"), STYLE).encode("utf-8")


def national_pdf(picture: NationalPicture, names: Mapping[int, str], texts: Mapping[int, str]) -> bytes:
    return html_to_pdf(national_html(picture, names, texts).decode("utf-8"))

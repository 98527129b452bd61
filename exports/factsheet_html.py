"""The factsheet of the regio: summary and duiding first, then the spinnenweb and its table, then appendices.

One HTML document serves the browser and, through exports.pdf_writer, the PDF.
"""

from __future__ import annotations

from html import escape

from analysis.anonymise import AnonymisedFigures
from analysis.definitions import MEAN_SHARE, PER_QUESTION, WHOLE_STANDARD
from analysis.formatting import long_date, percent
from exports import WITHHELD_TEXT
from exports.pdf_writer import html_to_pdf
from exports.svg_radar import radar_svg

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #000; max-width: 60rem; margin: 2rem auto; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1f4e79; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #595959; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
.duiding { border: 1px solid #595959; min-height: 10rem; padding: 0.5rem; white-space: pre-wrap; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
figure { margin: 0; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, svg { break-inside: avoid; } }
"""


def factsheet_html(figures: AnonymisedFigures) -> bytes:
    withheld = WITHHELD_TEXT.format(n=figures.min_gemeenten)
    labels = [f"{s.number}. {s.name}" for s in figures.standards]
    svg = radar_svg(labels, [s.mean_share for s in figures.standards])
    standard_rows = "".join(
        f"<tr><td>{s.number}. {escape(s.name)}</td>"
        f"<td>{withheld if s.mean_share is None else percent(s.mean_share)}</td>"
        f"<td>{s.rests_on}</td><td>{withheld if s.withheld else f'{s.x} van {s.y}'}</td></tr>"
        for s in figures.standards
    )
    question_rows = "".join(
        f"<tr><td>{q.number}</td><td>{escape(q.text)}</td>"
        f"<td>{withheld if q.withheld else f'{q.x} van {q.y} gemeenten'}</td></tr>"
        for q in figures.questions
    )
    highlights = "".join(f"<li>{escape(line)}</li>" for line in figures.highlights) or "<li>Nog niets.</li>"
    duiding = (
        f'<div class="duiding">{escape(figures.duiding)}</div>'
        if figures.duiding.strip()
        else "<p>De regio heeft nog geen duiding geschreven.</p>"
    )
    appendix_2 = ""
    if figures.toelichtingen:
        items = "".join(
            f"<li>Standaard {t.standard}, vraag {t.question_number}: {escape(t.text)}</li>"
            for t in figures.toelichtingen
        )
        appendix_2 = f"<h2>Bijlage 2: toelichtingen (namen van gemeenten weggelaten)</h2><ul>{items}</ul>"
    html = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{escape(figures.title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(figures.title)}</h1>
<p>Gemaakt op {long_date(figures.made_on)}. Rondes: {escape(figures.period)}. De cijfers rusten op
{figures.gemeenten_counted} gemeenten. Een cijfer dat op minder dan {figures.min_gemeenten} gemeenten rust,
wordt niet getoond. Er staan geen namen van gemeenten in.</p>
<h2>Samenvatting: wat valt op</h2><ul>{highlights}</ul>
<h2>Duiding door de regio</h2>
{duiding}
<section class="keep">
<h2>Spinnenweb van de regio</h2>
<p>Per standaard het gemiddelde deel van de beantwoorde vragen dat op orde is. De cijfers staan in de tabel
eronder.</p>
<figure>{svg}</figure>
</section>
<table><caption>Cijfers per standaard</caption>
<thead><tr><th>Standaard</th><th>Gemiddeld op orde</th><th>Rust op (gemeenten)</th>
<th>Helemaal op orde</th></tr></thead>
<tbody>{standard_rows}</tbody></table>
<p class="uitleg">{escape(MEAN_SHARE)} {escape(WHOLE_STANDARD)}</p>
<h2>Bijlage 1: x van y gemeenten per vraag</h2>
<table><thead><tr><th>Vraag</th><th>Vraagtekst</th><th>Op orde</th></tr></thead>
<tbody>{question_rows}</tbody></table>
<p class="uitleg">{escape(PER_QUESTION)}</p>
{appendix_2}
</body></html>"""
    return html.encode("utf-8")


def factsheet_pdf(figures: AnonymisedFigures) -> bytes:
    """The same factsheet as a PDF with numbered A4 pages."""
    return html_to_pdf(factsheet_html(figures).decode("utf-8"))

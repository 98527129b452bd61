"""The factsheet of the regio: summary and duiding first, then the spinnenweb and its table, then appendices.

One HTML document serves the browser and, through exports.pdf_writer, the PDF.
"""

from __future__ import annotations

from html import escape

from analysis.anonymise import AnonymisedFigures
from analysis.definitions import MEAN_SHARE, PER_QUESTION, WHOLE_STANDARD
from analysis.formatting import long_date, percent
from exports import WITHHELD_TEXT
from exports.html_writer import document, table
from exports.pdf_writer import html_to_pdf
from exports.svg_radar import radar_svg

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #000; max-width: 60rem; margin: 2rem auto; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1f4e79; }
.duiding { border: 1px solid #595959; min-height: 10rem; padding: 0.5rem; white-space: pre-wrap; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, svg { break-inside: avoid; } }
"""


def factsheet_html(figures: AnonymisedFigures) -> bytes:
    withheld = WITHHELD_TEXT.format(n=figures.min_gemeenten)
    labels = [f"{s.number}. {s.name}" for s in figures.standards]
    svg = radar_svg(labels, [s.mean_share for s in figures.standards])
    standard_rows = [
        (
            f"{s.number}. {s.name}",
            withheld if s.mean_share is None else percent(s.mean_share),
            str(s.rests_on),
            withheld if s.withheld else f"{s.x} van {s.y}",
        )
        for s in figures.standards
    ]
    question_rows = [
        (str(q.number), q.text, withheld if q.withheld else f"{q.x} van {q.y} gemeenten") for q in figures.questions
    ]
    standards_header = ("Standaard", "Gemiddeld op orde", "Rust op (gemeenten)", "Helemaal op orde")
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
    indicators = ""
    if figures.indicators:
        rows = [
            (i.name, i.period, i.regio_words, i.spread, ", ".join(str(n) for n in i.standards) or "geen")
            for i in figures.indicators
        ]
        header = ("Indicator", "Periode", "Regio", "Gemeenten: laagste tot hoogste", "Standaard")
        indicators = (
            "<h2>Procesindicatoren: hoe het werk gaat</h2><p>De nieuwste periode per indicator. Kleine aantallen "
            "staan er als 'minder dan'; er staan geen cijfers van afzonderlijke gemeenten in.</p>"
            + table(header, rows, caption="Procesindicatoren van de regio", wide=(0, 2, 3))
        )
    extras = ""
    if figures.extras:
        rows = [
            (str(q.standard), q.text, withheld if q.withheld else f"{q.x} van {q.y} gemeenten") for q in figures.extras
        ]
        extras = (
            "<h2>Extra vragen van de regio</h2><p>Deze vragen voegde de regio zelf toe. Ze horen niet bij de vragen "
            "van de VNG en tellen nergens hierboven mee.</p>"
            + table(("Standaard", "Extra vraag", "Op orde"), rows, caption="Extra vragen van de regio", wide=(1,))
        )
    body = f"""<h1>{escape(figures.title)}</h1>
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
{table(standards_header, standard_rows, caption="Cijfers per standaard")}
<p class="uitleg">{escape(MEAN_SHARE)} {escape(WHOLE_STANDARD)}</p>
{indicators}
{extras}
<h2>Bijlage 1: x van y gemeenten per vraag</h2>
{table(("Vraag", "Vraagtekst", "Op orde"), question_rows)}
<p class="uitleg">{escape(PER_QUESTION)}</p>
{appendix_2}"""
    return document(figures.title, body, STYLE).encode("utf-8")


def factsheet_pdf(figures: AnonymisedFigures) -> bytes:
    """The same factsheet as a PDF with numbered A4 pages."""
    return html_to_pdf(factsheet_html(figures).decode("utf-8"))

"""The factsheet of the regio: summary and duiding first, then the spinnenweb and its table, then appendices.

One HTML document serves the browser and, through exports.pdf_writer, the PDF.
"""

from __future__ import annotations

from analysis.definitions import MEAN_SHARE, PER_QUESTION, WHOLE_STANDARD
from analysis.formatting import long_date
from analysis.picture import SharedPicture
from domain.markup import Html, fill, join
from exports import DEMO_LINE, rules_lines
from exports.html_writer import document, table
from exports.pdf_writer import html_to_pdf
from exports.svg_radar import radar_svg

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #000; max-width: 60rem; margin: 2rem auto; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1f4e79; }
.duiding { border: 1px solid #595959; min-height: 10rem; padding: 0.5rem; white-space: pre-wrap; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, svg { break-inside: avoid; } }
"""


def factsheet_html(picture: SharedPicture, duiding: str = "") -> bytes:
    labels = [f"{s.number}. {s.name}" for s in picture.standards]
    svg = radar_svg(labels, [s.mean.value for s in picture.standards])
    standard_rows = [
        (f"{s.number}. {s.name}", s.mean.text(), str(s.mean.rests_on), s.whole.of("")) for s in picture.standards
    ]
    question_rows = [(str(q.number), q.text, q.op_orde.of()) for q in picture.questions]
    standards_header = ("Standaard", "Gemiddeld op orde", "Rust op (gemeenten)", "Helemaal op orde")
    highlights = join(fill("<li>{line}</li>", line=line) for line in picture.highlights) or Html("<li>Nog niets.</li>")
    duiding_html = (
        fill('<div class="duiding">{duiding}</div>', duiding=duiding)
        if duiding.strip()
        else Html("<p>De regio heeft nog geen duiding geschreven.</p>")
    )
    appendix_2 = Html("")
    if picture.toelichtingen:
        items = join(
            fill("<li>Standaard {standard}, vraag {number}: {text}</li>", standard=t.standard,
                 number=t.question_number, text=t.text)
            for t in picture.toelichtingen
        )  # fmt: skip
        appendix_2 = fill(
            "<h2>Bijlage 2: toelichtingen (namen van gemeenten en personen weggelaten)</h2><ul>{items}</ul>",
            items=items,
        )
    indicators = Html("")
    shown = [(i, i.periods[-1]) for i in picture.indicators if i.periods]
    if shown:
        rows = [
            (i.name, p.period, p.regio, p.basis, ", ".join(str(n) for n in i.standards) or "geen") for i, p in shown
        ]
        header = ("Indicator", "Periode", "Regio", "Hoe het regiocijfer tot stand kwam", "Standaard")
        indicators = fill(
            "<h2>Procesindicatoren: hoe het werk gaat</h2><p>De nieuwste periode per indicator. Kleine aantallen "
            "staan er als 'minder dan'; er staan geen cijfers van afzonderlijke gemeenten in, ook geen laagste of "
            "hoogste.</p>{table}",
            table=table(header, rows, caption="Procesindicatoren van de regio", wide=(0, 3)),
        )
    extras = Html("")
    if picture.extras:
        rows = [(str(q.standard), q.text, q.op_orde.of()) for q in picture.extras]
        extras = fill(
            "<h2>Extra vragen van de regio</h2><p>Deze vragen voegde de regio zelf toe. Ze horen niet bij de vragen "
            "van de VNG en tellen nergens hierboven mee.</p>{table}",
            table=table(("Standaard", "Extra vraag", "Op orde"), rows, caption="Extra vragen van de regio", wide=(1,)),
        )
    rules = join(fill("<li>{line}</li>", line=line) for line in rules_lines(picture))
    title = f"Zelfscan Werken aan veiligheid: {picture.regio_name}"
    demo = fill('<p class="demo"><strong>{line}</strong></p>', line=DEMO_LINE) if picture.is_demo else Html("")
    body = fill(
        BODY,
        title=title,
        demo=demo,
        made_on=long_date(picture.made_on),
        selection=picture.selection,
        counted=picture.gemeenten_counted,
        total=picture.gemeenten_total,
        highlights=highlights,
        duiding=duiding_html,
        svg=svg,
        standards=table(standards_header, standard_rows, caption="Cijfers per standaard"),
        mean_share=MEAN_SHARE,
        whole_standard=WHOLE_STANDARD,
        indicators=indicators,
        extras=extras,
        questions=table(("Vraag", "Vraagtekst", "Op orde"), question_rows),
        per_question=PER_QUESTION,
        appendix_2=appendix_2,
        rules=rules,
    )
    return document(title, body, STYLE).encode("utf-8")


BODY = """<h1>{title}</h1>
{demo}
<p>Stand van {made_on}. {selection} De cijfers rusten op
{counted} van de {total} gemeenten. Er staan geen namen van gemeenten in.</p>
<h2>Samenvatting: wat valt op</h2><ul>{highlights}</ul>
<h2>Duiding door de regio</h2>
{duiding}
<section class="keep">
<h2>Spinnenweb van de regio</h2>
<p>Per standaard het gemiddelde deel van de beantwoorde vragen dat op orde is. De cijfers staan in de tabel
eronder. Staat er een bereik ('tussen 80% en 90%'), dan staat de punt in het midden daarvan.</p>
<figure>{svg}</figure>
</section>
{standards}
<p class="uitleg">{mean_share} {whole_standard}</p>
{indicators}
{extras}
<h2>Bijlage 1: x van y gemeenten per vraag</h2>
{questions}
<p class="uitleg">{per_question}</p>
{appendix_2}
<h2>Hoe we gemeenten beschermen</h2><ul>{rules}</ul>"""


def factsheet_pdf(picture: SharedPicture, duiding: str = "") -> bytes:
    """The same factsheet as a PDF with numbered A4 pages."""
    return html_to_pdf(factsheet_html(picture, duiding).decode("utf-8"))

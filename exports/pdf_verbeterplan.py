"""A verbeterplan as PDF, to send as it is: the same parts and tables as the Word file, as HTML for pdf_writer.

The Word file (exports/docx_verbeterplan.py) is the one people edit; this one is read. Both
take their row texts from the same functions, so they say the same.
"""

from __future__ import annotations

from datetime import date
from html import escape

from analysis.definitions import MEAN_SHARE, SHARE_OF_ROUND
from analysis.formatting import long_date, percent
from analysis.verbeterplan import ClusterSection, PlanView
from domain.plan import ACTION_COLUMNS, PLAN_TEXT_FIELDS, PlanKind, PlanLayout
from exports.docx_verbeterplan import DECISIONS, PROGRESS_COLUMNS, action_cells, state_of_actions, uses_practices
from exports.html_writer import colgroup, document, table, thead
from exports.pdf_writer import html_to_pdf
from exports.svg_radar import radar_svg

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 20pt; color: #1f4e79; } h2 { font-size: 14pt; color: #1f4e79; margin-top: 1.2rem; }
h3 { font-size: 11.5pt; margin-bottom: 0.2rem; }
th, td { padding: 0.25rem 0.4rem; } td { white-space: pre-wrap; } .leeg { color: #595959; font-style: italic; }
.groep td { font-weight: bold; background: #f3f3f3; } .omschrijving { font-style: italic; }
.voorblad { break-after: page; } .tekst { white-space: pre-wrap; }
"""
ACTION_WIDTHS = (18, 19, 21, 18, 10, 14)  # percent of the page width, as the Word file's centimetres


def _text(text: str) -> str:
    return f'<p class="tekst">{escape(text.strip())}</p>' if text.strip() else '<p class="leeg">Nog niet ingevuld.</p>'


def _actions(view: PlanView, groups: list[tuple[str | None, list]]) -> str:
    rows = []
    for label, actions in groups:
        if label is not None:
            rows.append(f'<tr class="groep"><td colspan="6">{escape(label)}</td></tr>')
        for action in actions:
            rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in action_cells(view, action)) + "</tr>")
    head = thead(tuple(ACTION_COLUMNS.values()))
    return f"<table>{colgroup(ACTION_WIDTHS)}{head}<tbody>{''.join(rows)}</tbody></table>"


def _cluster(view: PlanView, cluster: ClusterSection) -> str:
    parts = [f"<h2>Cluster {escape(cluster.code)}: {escape(cluster.name)}</h2>"]
    per_standard = view.plan.info.layout is PlanLayout.PER_STANDAARD
    for section in cluster.standards:
        f = section.figures
        parts.append(f"<h3>Standaard {f.number}: {escape(f.short_name)}</h3>")
        parts.append(f'<p class="omschrijving">{escape(f.description)}</p><p>Score: {escape(f.score_line)}</p>')
        if f.gaps:
            parts.append("<p>Niet op orde:</p><ul>" + "".join(f"<li>{escape(g)}</li>" for g in f.gaps) + "</ul>")
        if f.fully_op_orde:
            parts.append("<p>Deze standaard is helemaal op orde. Zo houden we dit op orde:</p>")
            parts.append(_text(section.keep_note))
        elif section.keep_note.strip():
            parts.append("<p>Notitie:</p>" + _text(section.keep_note))
        if per_standard and section.actions:
            parts.append(_actions(view, [(None, list(section.actions))]))
        elif per_standard and not f.fully_op_orde:
            parts.append("<p>Nog geen verbeteracties bij deze standaard.</p>")
    if not per_standard:
        groups = [
            (f"Standaard {s.figures.number}: {s.figures.short_name}", list(s.actions))
            for s in cluster.standards
            if s.actions
        ]
        parts.append(f"<h3>Verbeteracties cluster {escape(cluster.code)}</h3>")
        parts.append(_actions(view, groups) if groups else "<p>Nog geen verbeteracties in dit cluster.</p>")
    return "".join(parts)


def verbeterplan_html(view: PlanView, *, today: date, cover: bool = False) -> str:
    plan, texts = view.plan, view.plan.texts
    title = texts["title"] or "Verbeterplan"
    whose = "Regio" if plan.info.kind is PlanKind.REGIO else "Gemeente"
    parts = [
        f'<section class="{"voorblad" if cover else ""}"><h1>{escape(title)}</h1>',
        f"<p>{whose}: {escape(view.subject)}<br>Periode: {escape(texts['period'] or 'nog niet ingevuld')}<br>"
        f"Stand van de acties: {escape(state_of_actions(view))}.<br>"
        f"Gebaseerd op: {escape(view.based_on)}. Versie van {long_date(today)}.</p></section>",
    ]
    for field in ("introduction", "context", "summary"):
        parts.append(f"<h2>{escape(PLAN_TEXT_FIELDS[field])}</h2>{_text(texts[field])}")
    labels = [f"{f.number}. {f.short_name}" + (" (onvolledig)" if not f.complete else "") for f in view.figures]
    svg = radar_svg(labels, [f.share for f in view.figures], width=1000, height=520, description="Spinnenweb")
    explained = MEAN_SHARE if plan.info.kind is PlanKind.REGIO else SHARE_OF_ROUND
    parts.append(
        f'<section class="keep"><h2>Spinnenweb</h2><figure style="margin:0">{svg}</figure></section>'
        f"<p>{escape(explained)}</p>"
    )
    parts.append(
        table(
            ("Standaard", "Op orde", "Score"),
            [(label, percent(f.share), f.score_line) for label, f in zip(labels, view.figures, strict=True)],
            widths=(35, 12, 53),
        )
    )
    parts.extend(_cluster(view, cluster) for cluster in view.clusters)
    if uses_practices(view):
        parts.append(
            "<p>Een deel van de maatregelen is gebaseerd op voorbeelden uit de praktijk. "
            f"Bron: {escape(view.questionnaire.practices_source)}.</p>"
        )
    parts.append("<h2>Voortgang per cluster</h2>")
    if view.follow_up is not None:
        parts.append(f"<p>{escape(view.follow_up.label)}.</p>")
    progress = [
        (
            f"{p.code}. {p.name}",
            str(p.total),
            *(str(count) for count in p.counts.values()),
            "nog geen acties" if p.done_share is None else percent(p.done_share),
        )
        for p in view.progress
    ]
    parts.append(table(PROGRESS_COLUMNS, progress, widths=(30, 8, 9, 11, 8, 10, 9, 15)))
    for field in ("costs", "monitoring", "securing"):
        parts.append(f"<h2>{escape(PLAN_TEXT_FIELDS[field])}</h2>{_text(texts[field])}")
    parts.append("<h2>Besluitvorming</h2>")
    decisions = [(PLAN_TEXT_FIELDS[f], texts[f] or "Nog niet ingevuld.") for f in DECISIONS]
    parts.append(table(("Besluitpunt", "Afspraak"), decisions, widths=(32, 68)))
    return document(title, "".join(parts), STYLE)


def verbeterplan_pdf(view: PlanView, *, today: date, cover: bool = False) -> bytes:
    return html_to_pdf(verbeterplan_html(view, today=today, cover=cover), landscape=True)

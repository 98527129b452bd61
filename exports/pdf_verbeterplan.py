"""A verbeterplan as PDF, to send as it is: the same parts and tables as the Word file, as HTML for pdf_writer.

The Word file (exports/docx_verbeterplan.py) is the one people edit; this one is read. Both
take their row texts from the same functions, so they say the same.
"""

from __future__ import annotations

from datetime import date

from analysis.definitions import MEAN_SHARE, SHARE_OF_ROUND
from analysis.formatting import long_date, percent
from analysis.verbeterplan import ClusterSection, PlanView
from domain.markup import Html, fill, join
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


def _text(text: str) -> Html:
    if not text.strip():
        return Html('<p class="leeg">Nog niet ingevuld.</p>')
    return fill('<p class="tekst">{text}</p>', text=text.strip())


def _actions(view: PlanView, groups: list[tuple[str | None, list]]) -> Html:
    rows = []
    for label, actions in groups:
        if label is not None:
            rows.append(fill('<tr class="groep"><td colspan="6">{label}</td></tr>', label=label))
        for action in actions:
            cells = join(fill("<td>{c}</td>", c=c) for c in action_cells(view, action))
            rows.append(fill("<tr>{cells}</tr>", cells=cells))
    head = thead(tuple(ACTION_COLUMNS.values()))
    return fill("<table>{cols}{head}<tbody>{rows}</tbody></table>", cols=colgroup(ACTION_WIDTHS), head=head,
                rows=join(rows))  # fmt: skip


def _cluster(view: PlanView, cluster: ClusterSection) -> Html:
    parts = [fill("<h2>Cluster {code}: {name}</h2>", code=cluster.code, name=cluster.name)]
    per_standard = view.plan.info.layout is PlanLayout.PER_STANDAARD
    for section in cluster.standards:
        f = section.figures
        parts.append(fill("<h3>Standaard {number}: {name}</h3>", number=f.number, name=f.short_name))
        parts.append(fill('<p class="omschrijving">{description}</p><p>Score: {score}</p>', description=f.description,
                          score=f.score_line))  # fmt: skip
        if f.gaps:
            gaps = join(fill("<li>{g}</li>", g=g) for g in f.gaps)
            parts.append(fill("<p>Niet op orde:</p><ul>{gaps}</ul>", gaps=gaps))
        if f.fully_op_orde:
            parts.append(Html("<p>Deze standaard is helemaal op orde. Zo houden we dit op orde:</p>"))
            parts.append(_text(section.keep_note))
        elif section.keep_note.strip():
            parts.append(fill("<p>Notitie:</p>{note}", note=_text(section.keep_note)))
        if per_standard and section.actions:
            parts.append(_actions(view, [(None, list(section.actions))]))
        elif per_standard and not f.fully_op_orde:
            parts.append(Html("<p>Nog geen verbeteracties bij deze standaard.</p>"))
    if not per_standard:
        groups = [
            (f"Standaard {s.figures.number}: {s.figures.short_name}", list(s.actions))
            for s in cluster.standards
            if s.actions
        ]
        parts.append(fill("<h3>Verbeteracties cluster {code}</h3>", code=cluster.code))
        parts.append(_actions(view, groups) if groups else Html("<p>Nog geen verbeteracties in dit cluster.</p>"))
    return join(parts)


def verbeterplan_html(view: PlanView, *, today: date, cover: bool = False) -> str:
    plan, texts = view.plan, view.plan.texts
    title = texts["title"] or "Verbeterplan"
    whose = "Regio" if plan.info.kind is PlanKind.REGIO else "Gemeente"
    parts = [
        fill('<section class="{cover}"><h1>{title}</h1>', cover="voorblad" if cover else "", title=title),
        fill(
            "<p>{whose}: {subject}<br>Periode: {period}<br>Stand van de acties: {state}.<br>"
            "Gebaseerd op: {based_on}. Versie van {today}.</p></section>",
            whose=whose,
            subject=view.subject,
            period=texts["period"] or "nog niet ingevuld",
            state=state_of_actions(view),
            based_on=view.based_on,
            today=long_date(today),
        ),
    ]
    for field in ("introduction", "context", "summary"):
        parts.append(fill("<h2>{name}</h2>{text}", name=PLAN_TEXT_FIELDS[field], text=_text(texts[field])))
    labels = [f"{f.number}. {f.short_name}" + (" (onvolledig)" if not f.complete else "") for f in view.figures]
    svg = radar_svg(labels, [f.share for f in view.figures], width=1000, height=520, description="Spinnenweb")
    explained = MEAN_SHARE if plan.info.kind is PlanKind.REGIO else SHARE_OF_ROUND
    parts.append(
        fill('<section class="keep"><h2>Spinnenweb</h2><figure style="margin:0">{svg}</figure></section>'
             "<p>{explained}</p>", svg=svg, explained=explained)
    )  # fmt: skip
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
            fill("<p>Een deel van de maatregelen is gebaseerd op voorbeelden uit de praktijk. Bron: {source}.</p>",
                 source=view.questionnaire.practices_source)
        )  # fmt: skip
    parts.append(Html("<h2>Voortgang per cluster</h2>"))
    if view.follow_up is not None:
        parts.append(fill("<p>{label}.</p>", label=view.follow_up.label))
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
        parts.append(fill("<h2>{name}</h2>{text}", name=PLAN_TEXT_FIELDS[field], text=_text(texts[field])))
    parts.append(Html("<h2>Besluitvorming</h2>"))
    decisions = [(PLAN_TEXT_FIELDS[f], texts[f] or "Nog niet ingevuld.") for f in DECISIONS]
    parts.append(table(("Besluitpunt", "Afspraak"), decisions, widths=(32, 68)))
    return document(title, join(parts), STYLE)


def verbeterplan_pdf(view: PlanView, *, today: date, cover: bool = False) -> bytes:
    return html_to_pdf(verbeterplan_html(view, today=today, cover=cover), landscape=True)

"""The report of one gemeente's round as an HTML document (made into a PDF by exports.pdf_writer).

Order: what stands out, the spinnenweb with its table (the regio's average beside it when
shown), the questions niet op orde with their toelichting, what changed since the previous
round, the plans' progress, and the questions not answered yet.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from analysis.compare import QuestionChange
from analysis.formatting import long_date, percent
from analysis.indicators import IndicatorLine
from analysis.picture import SharedStandard
from analysis.results import RoundResult
from analysis.verbeterplan import ClusterProgress
from domain.markup import Html, fill, join
from domain.models import RoundInfo
from domain.plan import ActionStatus
from exports import DEMO_LINE
from exports.html_writer import document, table
from exports.svg_radar import radar_svg

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #000; max-width: 60rem; margin: 2rem auto; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 1.6rem; border-bottom: 2px solid #1f4e79; }
.legend { font-size: 0.9rem; }
"""


class ReportPlan(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    period: str
    progress: tuple[ClusterProgress, ...]


def gemeente_report_html(
    info: RoundInfo,
    result: RoundResult,
    *,
    average: tuple[SharedStandard, ...] | None,
    previous: RoundInfo | None,
    changes: tuple[QuestionChange, ...],
    unanswered: int = 0,
    plans: tuple[ReportPlan, ...],
    made_on: date,
    indicators: tuple[IndicatorLine, ...] = (),
    extras: tuple[tuple[str, str, str], ...] = (),
) -> str:
    """`average` is None when the reader may not see the regio's average."""
    name = info.gemeente_name
    title = f"Zelfscan {name}: {info.purpose.short_label} van {long_date(info.held_on)}"
    means = {s.number: s.mean for s in average} if average else {}
    niet = result.niet_op_orde_questions
    open_questions = result.unanswered_questions
    summary = [
        f"{result.total.answered} van de {result.total.total} vragen "
        f"{'is' if result.total.answered == 1 else 'zijn'} beantwoord; "
        f"daarvan {'is' if result.op_orde == 1 else 'zijn'} er {result.op_orde} op orde en {len(niet)} niet op orde.",
    ]
    weakest = [s for s in result.standards if s.share is not None]
    if weakest:
        low = min(weakest, key=lambda s: s.share)
        summary.append(f"Standaard {low.number} ({low.short_name}) scoort het laagst: {percent(low.share)} op orde.")
    if previous:
        summary.append(
            f"Sinds de vorige ronde ({long_date(previous.held_on)}) is het antwoord bij "
            f"{len(changes)} {'vraag' if len(changes) == 1 else 'vragen'} veranderd"
            + (
                f" (van de vragen die in beide rondes beantwoord zijn; {unanswered} "
                f"{'vraag was' if unanswered == 1 else 'vragen waren'} in een van de twee nog open)."
                if unanswered
                else "."
            )
        )
    svg = radar_svg(
        [f"{s.number}. {s.short_name}" for s in result.standards],
        [s.share for s in result.standards],
        description=f"Spinnenweb van {name}; de cijfers staan in de tabel eronder",
        reference=[means[s.number].value if s.number in means else None for s in result.standards] if average else None,
        reference_name="gemiddelde van de regio",
    )
    legend = (
        fill("<p class='legend'>Blauwe lijn met ronde punten: {name}. Grijze stippellijn met vierkante punten: "
             "gemiddelde van de gemeenten in {regio}.</p>", name=name, regio=info.regio_name)
        if average
        else fill("<p class='legend'>Blauwe lijn met ronde punten: {name}.</p>", name=name)
    )  # fmt: skip
    header = ("Standaard", "Beantwoord", f"Op orde bij {name}") + (("Gemiddelde regio",) if average else ())
    standard_rows = [
        (
            f"{s.number}. {s.short_name}",
            f"{s.answered} van {s.question_count}",
            percent(s.share) if s.answered else "nog geen antwoord",
        )
        + ((means[s.number].text() if s.number in means else "geen score",) if average else ())
        for s in result.standards
    ]
    niet_rows = [(str(q.number), q.text, q.toelichting or "Geen toelichting.") for q in niet]
    parts = [
        fill("<h1>{title}</h1>", title=title),
        fill("<p>Regio: {regio}. Gemaakt op {made_on}.</p>", regio=info.regio_name, made_on=long_date(made_on)),
        fill("<p><strong>{line}</strong></p>", line=DEMO_LINE) if info.is_demo else Html(""),
        fill("<h2>Wat valt op</h2><ul>{items}</ul>", items=join(fill("<li>{x}</li>", x=line) for line in summary)),
        fill("<section class='keep'><h2>Spinnenweb</h2>"
             "<p>Per standaard het deel van de beantwoorde vragen dat op orde is.</p>"
             "<figure>{svg}</figure>{legend}</section>", svg=svg, legend=legend),
        table(header, standard_rows, caption="Cijfers per standaard", wide=(0,)),
        Html("<h2>Vragen die niet op orde zijn</h2>"),
        table(("Vraag", "Vraagtekst", "Toelichting"), niet_rows, wide=(1, 2)) if niet_rows else Html("<p>Geen.</p>"),
    ]  # fmt: skip
    if previous:
        parts.append(fill("<h2>Wat veranderde sinds {when}</h2>", when=long_date(previous.held_on)))
        rows = [(str(c.number), c.text, c.before, c.after) for c in changes]
        parts.append(
            table(("Vraag", "Vraagtekst", "Toen", "Nu"), rows, wide=(1,))
            if rows
            else Html("<p>Geen antwoord is veranderd.</p>")
        )
    parts.append(Html("<h2>Voortgang van de verbeterplannen</h2>"))
    if not plans:
        parts.append(Html("<p>Er is nog geen verbeterplan.</p>"))
    for plan in plans:
        statuses = list(ActionStatus)
        rows = [
            (f"{p.code}. {p.name}", *(str(p.counts.get(s, 0)) for s in statuses), percent(p.done_share))
            for p in plan.progress
        ]
        caption = f"{plan.title} ({plan.period})" if plan.period else plan.title
        parts.append(
            table(("Cluster", *(s.label for s in statuses), "Deel gereed"), rows, caption=caption, wide=(0,))
            if rows
            else fill("<p>{caption}: nog geen acties.</p>", caption=caption)
        )
    if extras:
        parts.append(
            Html(
                "<h2>Extra vragen van de regio</h2><p>Deze vragen voegde de regio toe. Ze tellen niet mee in de "
                "spinnenweb en de cijfers hierboven.</p>"
            )
        )
        parts.append(table(("Extra vraag (regio)", "Antwoord", "Toelichting"), list(extras), wide=(0, 2)))
    if indicators:
        parts.append(
            Html(
                "<h2>Procesindicatoren: hoe het werk gaat</h2><p>De nieuwste periode per indicator. Een klein aantal "
                "staat er als 'minder dan'.</p>"
            )
        )
        rows = [(i.name, i.period, i.own, i.regio_words) for i in indicators]
        parts.append(table(("Indicator", "Periode", name, "Regio"), rows, caption="Procesindicatoren", wide=(0, 3)))
    if open_questions:
        parts.append(Html("<h2>Nog niet beantwoord</h2><ul>"))
        parts.extend(fill("<li>Vraag {number}: {text}</li>", number=q.number, text=q.text) for q in open_questions)
        parts.append(Html("</ul>"))
    return document(title, join(parts, "\n"), STYLE)

"""Pictures of the national picture: the spread of the regional shares per standard (a chart with its table), and
the tables every output of the national picture shows (page, factsheet, workbook), so they say the same."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from analysis.national import BANDS, Change, NationalPicture, PeriodPicture, band_label
from domain.markup import text  # plotly reads some HTML in labels: standard names are shown as written

REGIOS = "regio's"
# From low to high, left to right; white numbers on each (contrast at least 5:1), and the table beside the chart.
BAND_COLOURS = ("#7a2e00", "#a34f00", "#2e6da4", "#1f4e79")


def standard_label(number: int, names: Mapping[int, str]) -> str:
    return f"{number}. {names.get(number, '')}".strip()


def spread_chart(period: PeriodPicture, names: Mapping[int, str]) -> go.Figure:
    """Per standard, how many regions have their mean share in each band: stacked bars with the count written in."""
    shown = [s for s in period.standards if s.bands is not None]
    labels = [text(standard_label(s.number, names)) for s in shown]
    fig = go.Figure()
    for i in range(len(BANDS)):
        counts = [s.bands[i] if s.bands is not None else 0 for s in shown]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=counts,
                name=f"{band_label(i)} op orde",
                orientation="h",
                marker={"color": BAND_COLOURS[i], "line": {"color": "#ffffff", "width": 1}},
                text=[str(c) if c else "" for c in counts],
                textposition="inside",
                insidetextfont={"color": "#ffffff", "size": 14},
                hovertemplate="%{y}: %{x} regio's<extra>" + text(band_label(i)) + " op orde</extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        title=f"Spreiding van de regio's per standaard, {period.period}",
        xaxis={"title": "Aantal regio's", "dtick": 1},
        yaxis={"autorange": "reversed"},
        legend={
            "orientation": "h",
            "y": -0.2,
            "traceorder": "normal",
            "title": {"text": "Gemiddeld deel op orde in de regio:"},
        },
        height=120 + 42 * max(len(shown), 1),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        font={"family": "Arial, sans-serif", "size": 13},
    )
    return fig


def spread_rows(period: PeriodPicture, names: Mapping[int, str]) -> list[dict[str, str]]:
    """The chart's figures in a table; a standard whose spread is withheld says why."""
    rows = []
    for s in period.standards:
        row = {"Standaard": standard_label(s.number, names)}
        for i in range(len(BANDS)):
            row[band_label(i)] = str(s.bands[i]) if s.bands is not None else "–"
        row["Toelichting"] = f"niet getoond ({s.bands_reason})" if s.bands is None else ""
        rows.append(row)
    return rows


def standard_rows(period: PeriodPicture, names: Mapping[int, str]) -> list[dict[str, str]]:
    return [
        {
            "Standaard": standard_label(s.number, names),
            "Regio's op orde": s.regios.of(REGIOS),
            "Regio's niet te zeggen": str(s.unknown),
            "Gemeenten met de hele standaard op orde": s.gemeenten.of(),
            "Gemiddeld op orde (elke regio telt even zwaar)": s.mean.text(),
        }
        for s in period.standards
    ]


def question_rows(period: PeriodPicture, texts: Mapping[int, str]) -> list[dict[str, str]]:
    return [
        {
            "Vraag": f"{q.number}. {texts.get(q.number, '')}".strip(),
            "Standaard": str(q.standard),
            "Regio's op orde": q.regios.of(REGIOS),
            "Gemeenten op orde": q.gemeenten.of(),
        }
        for q in period.questions
    ]


def change_rows(change: Change, names: Mapping[int, str]) -> list[dict[str, str]]:
    return [
        {
            "Standaard": standard_label(number, names),
            f"Regio's op orde in {change.first}": first.of(REGIOS),
            f"Regio's op orde in {change.second}": second.of(REGIOS),
        }
        for number, first, second in change.standards
    ]


def taking_part_line(picture: NationalPicture) -> str:
    """Who takes part, in one sentence: names only of regions that chose to be named."""
    named = ", ".join(picture.named)
    total = len(picture.named) + picture.unnamed
    words = f"{total} regio's doen mee" if total != 1 else "1 regio doet mee"
    if picture.named and picture.unnamed:
        verb = "wil" if picture.unnamed == 1 else "willen"
        return f"{words}: {named}, en {picture.unnamed} die niet genoemd {verb} worden."
    if picture.named:
        return f"{words}: {named}."
    return f"{words}; geen van hen wil genoemd worden." if total else "Er doet nog geen regio mee."

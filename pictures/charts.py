"""The spinnenweb (radar) of a round, and the table that carries the same figures.

A standard without any answer keeps its axis but gets no point (the line breaks there), and a standard that is
only partly answered is marked in its axis label and with an open marker, so nobody
reads "not answered" as "niet op orde".
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from analysis.formatting import percent, percent_number
from analysis.picture import SharedStandard
from analysis.results import RoundResult, StandardScore, StandardStatus
from domain.markup import text  # plotly reads some HTML in titles and labels: names are shown as typed
from pictures.radar_geometry import PLOTLY_ANGULAR_AXIS, RINGS

LINE_COLOUR = "#1f4e79"  # 8.9:1 against white
GRID_COLOUR = "#595959"  # 7:1 against white
AVERAGE_COLOUR = "#8a3b00"  # 7.4:1 against white; dashed, so not told apart by colour alone


def axis_label(score: StandardScore, separator: str = " ") -> str:
    label = f"{score.number}. {score.short_name}"
    if score.status is StandardStatus.ONVOLLEDIG:
        label += f"{separator}(onvolledig)"
    elif score.status is StandardStatus.NIET_BEANTWOORD:
        label += f"{separator}(geen antwoorden)"
    return label


def radar_figure(result: RoundResult, title: str, average: Sequence[SharedStandard] | None = None) -> go.Figure:
    scores = list(result.standards)
    labels = [axis_label(s, "<br>") for s in scores]
    values = [None if s.share is None else percent_number(s.share, 1) for s in scores]
    symbols = ["circle" if s.complete else "circle-open" for s in scores]
    hover = [_hover(s) for s in scores]
    fig = go.Figure(
        go.Scatterpolar(
            r=values + values[:1],
            theta=labels + labels[:1],
            mode="lines+markers",
            name="Deel op orde",
            line={"color": LINE_COLOUR, "width": 3},
            marker={"size": 11, "symbol": symbols + symbols[:1], "color": LINE_COLOUR, "line": {"width": 2}},
            # A filled area across a gap would suggest a value there: fill only when complete.
            fill="toself" if all(v is not None for v in values) else "none",
            fillcolor="rgba(31, 78, 121, 0.15)",
            connectgaps=False,
            hovertext=hover + hover[:1],
            hoverinfo="text",
        )
    )
    if average:
        means = {a.number: a for a in average}
        avg_values = [_mean_percent(means.get(s.number)) for s in scores]
        fig.add_trace(
            go.Scatterpolar(
                r=avg_values + avg_values[:1],
                theta=labels + labels[:1],
                mode="lines+markers",
                name="Gemiddelde van de regio",
                line={"color": AVERAGE_COLOUR, "width": 3, "dash": "dash"},
                marker={"size": 9, "symbol": "diamond", "color": AVERAGE_COLOUR},
                connectgaps=False,
                hovertext=[_average_hover(means.get(s.number)) for s in scores + scores[:1]],
                hoverinfo="text",
            )
        )
        fig.data[0].name = "Deze gemeente"
    radar_layout(fig, title, labels)
    fig.update_layout(showlegend=bool(average), legend={"orientation": "h", "y": -0.12, "font": {"size": 14}})
    return fig


def radar_layout(fig: go.Figure, title: str, labels: list[str], height: int = 560) -> None:
    """The look every spinnenweb shares: 0-100 %, rings at 25 %, axes in the standards' order."""
    fig.update_layout(
        title={"text": text(title), "font": {"size": 18, "color": "#000000"}},
        font={"size": 14, "color": "#000000"},
        height=height,
        margin={"l": 170, "r": 170, "t": 80, "b": 60},
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [0, *(round(r * 100) for r in RINGS)],
                "ticksuffix": "%",
                "gridcolor": GRID_COLOUR,
                "linecolor": GRID_COLOUR,
                "angle": 90,
                "tickfont": {"size": 12},
            },
            "angularaxis": {
                "gridcolor": GRID_COLOUR,
                "linecolor": GRID_COLOUR,
                **PLOTLY_ANGULAR_AXIS,
                "categoryorder": "array",
                "categoryarray": labels,
            },
        },
    )


def _mean_percent(avg: SharedStandard | None) -> float | None:
    return None if avg is None or avg.mean.value is None else percent_number(avg.mean.value, 1)


def _average_hover(avg: SharedStandard | None) -> str:
    return "Regio: geen score" if avg is None else f"Gemiddelde van de regio: {_average_cell(avg)}"


def _average_cell(avg: SharedStandard | None) -> str:
    if avg is None:
        return "geen score"
    return f"{avg.mean.text()} ({avg.mean.rests_on} gemeenten)"


def _hover(score: StandardScore) -> str:
    return (
        f"Standaard {score.number}: {score.short_name}<br>"
        f"{score.op_orde} van {score.answered} beantwoorde vragen op orde ({percent(score.share)})<br>"
        f"{score.answered} van {score.question_count} vragen beantwoord"
    )


def standards_table(result: RoundResult, average: Sequence[SharedStandard] | None = None) -> list[dict[str, str | int]]:
    """One row per standard with exactly the figures the radar shows."""
    means = {a.number: a for a in average or []}
    rows: list[dict[str, str | int]] = []
    for s in result.standards:
        row: dict[str, str | int] = {
            "Standaard": axis_label(s),
            "Op orde": f"{s.op_orde} van {s.answered}",
            "Beantwoord": f"{s.answered} van {s.question_count}",
            "Deel op orde": percent(s.share),
            "Oordeel": s.status.label,
        }
        if average:
            row["Gemiddelde regio"] = _average_cell(means.get(s.number))
        rows.append(row)
    return rows

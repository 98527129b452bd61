"""A line over time per gemeente and for the regio, for one indicator; and the same numbers as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from analysis.indicators import SeriesRow
from domain.markup import text  # plotly reads some HTML in names and titles: shown as typed
from indicators.models import Unit
from pictures.charts import AVERAGE_COLOUR, GRID_COLOUR

# Line styles so gemeenten are told apart without colour: dash pattern and marker symbol differ too. Every
# gemeente of a regio gets its own combination (colour and dash repeat at different steps, the marker never
# repeats within 20): two gemeenten never look alike.
COLOURS = ("#1f4e79", "#00600f", "#6a1b9a", "#7a4b00", "#004d4d", "#5a5a00")
DASHES = ("solid", "dot", "dashdot", "longdash", "dash")
SYMBOLS = ("circle", "square", "triangle-up", "x", "diamond-open", "star", "cross", "triangle-down", "pentagon",
           "hexagon", "circle-open", "square-open", "triangle-up-open", "star-open", "hourglass", "bowtie",
           "triangle-left", "triangle-right", "asterisk-open", "y-up-open")  # fmt: skip


def style(index: int) -> tuple[str, str, str]:
    return COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)], SYMBOLS[index % len(SYMBOLS)]


def indicator_figure(
    title: str, unit: Unit, rows: Sequence[SeriesRow], names: Mapping[int, str], *, regio: bool = True
) -> go.Figure:
    periods = [r.period for r in rows]
    fig = go.Figure()
    for index, (gemeente_id, name) in enumerate(names.items()):
        colour, dash, symbol = style(index)
        values = [shown.value if (shown := r.gemeenten.get(gemeente_id)) else None for r in rows]
        fig.add_trace(
            go.Scatter(
                x=periods, y=values, name=text(name), mode="lines+markers", connectgaps=False,
                line={"color": colour, "dash": dash, "width": 2}, marker={"symbol": symbol, "size": 9},
                hovertemplate=f"{text(name)}, %{{x}}: %{{y}}<extra></extra>",
            )
        )  # fmt: skip
    # A sum of gemeenten is not drawn: on the same axis it would flatten every gemeente's line (it is in the table).
    if regio and any(r.regio.value is not None and r.regio_basis == "geleverd voor de regio" for r in rows):
        fig.add_trace(
            go.Scatter(
                x=periods, y=[r.regio.value if r.regio_basis == "geleverd voor de regio" else None for r in rows],
                name="Regio", mode="lines+markers",
                line={"color": AVERAGE_COLOUR, "dash": "dash", "width": 3}, marker={"symbol": "diamond", "size": 10},
                hovertemplate="Regio, %{x}: %{y}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        title={"text": text(title), "font": {"size": 18, "color": "#000000"}},
        font={"size": 14, "color": "#000000"},
        height=420,
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
        showlegend=True,
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#ffffff",
        xaxis={"type": "category", "title": "Periode", "linecolor": GRID_COLOUR},
        yaxis={
            "title": "Percentage" if unit is Unit.PERCENTAGE else "Aantal",
            "rangemode": "tozero",
            "gridcolor": "#d9d9d9",
            "linecolor": GRID_COLOUR,
            "ticksuffix": "%" if unit is Unit.PERCENTAGE else "",
        },
    )
    return fig


def indicator_table(rows: Sequence[SeriesRow], names: Mapping[int, str], *, regio: bool = True) -> list[dict[str, str]]:
    """The same numbers as the chart (and the regio's sum), a row per gemeente and a column per period, with
    'minder dan N' where a small count is not shown."""
    table = []
    for gemeente_id, name in names.items():
        line: dict[str, str] = {"Gemeente": name}
        for row in rows:
            line[row.period] = row.gemeenten[gemeente_id].text if gemeente_id in row.gemeenten else "geen cijfer"
        table.append(line)
    if regio:
        table.append({"Gemeente": "Regio", **{row.period: row.regio.text for row in rows}})
        table.append({"Gemeente": "Regiocijfer is", **{row.period: row.regio_basis for row in rows}})
    return table

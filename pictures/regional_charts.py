"""Charts of the regio: its spinnenweb (optionally with one gemeente on top), and small multiples."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from analysis.formatting import percent, percent_number
from analysis.picture import SharedStandard
from analysis.regional import StandardAverage, StandardXY
from analysis.results import RoundResult
from domain.markup import text  # plotly reads some HTML in titles and labels: names are shown as typed
from pictures.charts import AVERAGE_COLOUR, LINE_COLOUR, radar_layout

WITHHELD = "niet getoond: te weinig gemeenten"


def regio_axis_label(avg: StandardAverage) -> str:
    return f"{avg.number}. {avg.short_name}<br>(n = {avg.gemeenten})"


def regio_radar(
    average: list[StandardAverage],
    title: str,
    overlay: tuple[str, RoundResult] | None = None,
    min_gemeenten: int = 1,
    legend: str = "Gemiddelde van de regio",
    for_a_room: bool = False,
) -> go.Figure:
    """The regional mean per standard; an axis resting on too few gemeenten gets no point."""
    labels = [regio_axis_label(a) for a in average]
    values = [None if a.gemeenten < min_gemeenten else _percent(a.mean_share) for a in average]
    fig = go.Figure()
    hover = [_hover(a, min_gemeenten) for a in average]
    fig.add_trace(_trace(values, labels, legend, dashed=True, hover=hover))
    if overlay is not None:
        name, result = overlay
        fig.add_trace(_trace([_percent(s.share) for s in result.standards], labels, name, dashed=False))
    radar_layout(fig, title, labels)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.12, "font": {"size": 14}})
    if for_a_room:  # the projector: readable from the back of the room at 1920 x 1080
        fig.update_layout(font={"size": 22}, legend={"font": {"size": 24}}, height=900)
    return fig


def regio_table(
    standards: list[StandardXY], average: list[StandardAverage], min_gemeenten: int
) -> list[dict[str, str]]:
    """The figures of the regional spinnenweb, with x van y and what each rests on."""
    means = {a.number: a for a in average}
    rows = []
    for s in standards:
        avg = means[s.number]
        shown = avg.mean_share is not None and avg.gemeenten >= min_gemeenten
        rows.append(
            {
                "Standaard": f"{s.number}. {s.short_name}",
                "Gemiddeld deel op orde": percent(avg.mean_share) if shown else WITHHELD,
                "Rust op": f"{avg.gemeenten} gemeenten",
                "Helemaal op orde": WITHHELD if s.withheld else f"{s.x} van {s.y} gemeenten",
            }
        )
    return rows


def _percent(share: float | None) -> float | None:
    return None if share is None else percent_number(share, 1)


def _trace(
    values: list[float | None], labels: list[str], name: str, *, dashed: bool, hover: list[str] | None = None
) -> go.Scatterpolar:
    """A closed radar line: dashed with diamonds, or solid with circles (told apart without colour)."""
    colour, symbol = (AVERAGE_COLOUR, "diamond") if dashed else (LINE_COLOUR, "circle")
    return go.Scatterpolar(
        r=values + values[:1],
        theta=labels + labels[:1],
        mode="lines+markers",
        name=text(name),
        line={"color": colour, "width": 3, "dash": "dash" if dashed else "solid"},
        marker={"size": 10, "symbol": symbol, "color": colour},
        connectgaps=False,
        hovertext=hover + hover[:1] if hover else None,
        hoverinfo="text" if hover else None,
    )


def _hover(avg: StandardAverage, min_gemeenten: int) -> str:
    if avg.mean_share is None or avg.gemeenten < min_gemeenten:
        return f"Standaard {avg.number}: {WITHHELD}"
    return f"Standaard {avg.number}: gemiddeld {percent(avg.mean_share)} op orde ({avg.gemeenten} gemeenten)"


def compare_radar(
    title: str, labels: list[str], before: list[float | None], after: list[float | None], names: tuple[str, str]
) -> go.Figure:
    """Two moments on one spinnenweb: the first dashed with diamonds, the second solid with circles."""
    fig = go.Figure()
    fig.add_trace(_trace([_percent(v) for v in before], labels, names[0], dashed=True))
    fig.add_trace(_trace([_percent(v) for v in after], labels, names[1], dashed=False))
    radar_layout(fig, title, labels)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.12, "font": {"size": 14}})
    return fig


def compare_table(
    labels: list[str],
    before: list[float | None],
    after: list[float | None],
    names: tuple[str, str],
    rests_on: tuple[list[int], list[int]] | None = None,
    missing: str = WITHHELD,
) -> list[dict[str, str]]:
    """The figures of compare_radar, given the same lists; what each figure rests on when known."""
    rows = []
    for i, label in enumerate(labels):
        row = {"Standaard": label}
        for side, (values, name) in enumerate(((before, names[0]), (after, names[1]))):
            value = values[i]
            cell = missing if value is None else percent(value)
            if rests_on is not None and value is not None:
                cell += f" ({rests_on[side][i]} gemeenten)"
            row[name] = cell
        rows.append(row)
    return rows


def multiples_table(named_results: list[tuple[str, RoundResult]]) -> list[dict[str, str]]:
    """The figures of the small spinnenwebben side by side: one row per gemeente, one column per standard."""
    return [
        {"Gemeente": name, **{f"St. {s.number}": percent(s.share) for s in result.standards}}
        for name, result in named_results
    ]


def shared_radar(
    standards: Sequence[SharedStandard], title: str, legend: str = "Gemiddelde", for_a_room: bool = False
) -> go.Figure:
    """The spinnenweb of a shared picture: a point per standard only where the figure is shown (a range at its
    middle), with the number of gemeenten at each axis."""
    labels = [f"{s.number}. {s.name}<br>(n = {s.mean.rests_on})" for s in standards]
    values = [_percent(s.mean.value) for s in standards]
    hover = [f"Standaard {s.number}: {s.mean.text()} op orde" for s in standards]
    fig = go.Figure()
    fig.add_trace(_trace(values, labels, legend, dashed=True, hover=hover))
    radar_layout(fig, title, labels)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.12, "font": {"size": 14}})
    if for_a_room:  # the projector: readable from the back of the room at 1920 x 1080
        fig.update_layout(
            font={"size": 24},
            legend={"font": {"size": 24}},
            height=900,
            polar={"radialaxis": {"tickfont": {"size": 22}}, "angularaxis": {"tickfont": {"size": 22}}},
        )
    return fig


def shared_table(standards: Sequence[SharedStandard], noun: str = "gemeenten") -> list[dict[str, str]]:
    """The figures of shared_radar, with x van y and what each rests on."""
    return [
        {
            "Standaard": f"{s.number}. {s.name}",
            "Gemiddeld deel op orde": s.mean.text(),
            "Rust op": f"{s.mean.rests_on} {noun}",
            "Helemaal op orde": s.whole.of(noun),
        }
        for s in standards
    ]

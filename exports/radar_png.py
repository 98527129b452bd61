"""The spinnenweb as a PNG picture, for documents (Word cannot show a plotly chart).

Drawn with matplotlib's object API (no pyplot), so it is safe in Streamlit's threads
and needs no browser. Every point carries its percentage as text, so the picture does
not rely on colour or on reading the grid.
"""

from __future__ import annotations

import itertools
import math
from io import BytesIO

from matplotlib.figure import Figure

from analysis.formatting import percent
from pictures.charts import GRID_COLOUR, LINE_COLOUR
from pictures.radar_geometry import (
    MATPLOTLIB_THETA_DIRECTION,
    MATPLOTLIB_THETA_OFFSET,
    RINGS,
    axis_angle,
    between_first_axes,
)


def radar_png(
    labels: list[str],
    shares: list[float | None],
    title: str,
    *,
    incomplete: list[bool] | None = None,
    dpi: int = 150,
) -> bytes:
    """Shares 0-1 per axis; None leaves the axis without a point (the line breaks there). An
    incomplete standard (open questions) says "(onvolledig)" on its axis and gets an open marker,
    as on the page."""
    count = len(labels)
    incomplete = incomplete or [False] * count
    labels = [f"{label} (onvolledig)" if open_ else label for label, open_ in zip(labels, incomplete, strict=True)]
    angles = [axis_angle(i, count) for i in range(count)]
    figure = Figure(figsize=(7.5, 6.2), dpi=dpi)
    axes = figure.add_subplot(projection="polar")
    axes.set_theta_offset(MATPLOTLIB_THETA_OFFSET)  # the first standard at the top, then clockwise
    axes.set_theta_direction(MATPLOTLIB_THETA_DIRECTION)
    axes.set_ylim(0, 1)
    axes.set_yticks(list(RINGS), labels=[f"{r:.0%}" for r in RINGS], color=GRID_COLOUR, fontsize=7)
    axes.set_rlabel_position(math.degrees(between_first_axes(count)))  # between the first two axes
    axes.set_xticks(angles, labels=[_wrap(label) for label in labels], fontsize=9)
    axes.tick_params(axis="x", pad=26)
    axes.grid(color=GRID_COLOUR, linewidth=0.6, alpha=0.6)
    axes.spines["polar"].set_color(GRID_COLOUR)
    closed = list(zip(angles, shares, strict=True))
    closed.append(closed[0])
    for (a1, s1), (a2, s2) in itertools.pairwise(closed):
        if s1 is not None and s2 is not None:
            axes.plot([a1, a2], [s1, s2], color=LINE_COLOUR, linewidth=2.2)
    points = [(a, s) for a, s in zip(angles, shares, strict=True) if s is not None]
    for (angle, share), open_ in zip(zip(angles, shares, strict=True), incomplete, strict=True):
        if share is not None:
            face = "white" if open_ else LINE_COLOUR
            axes.plot([angle], [share], "o", color=LINE_COLOUR, markerfacecolor=face, markersize=7, markeredgewidth=2)
    for angle, share in points:
        # Beside the point along its axis: inward near the outer ring, so it never covers the axis label.
        screen = math.pi / 2 - angle
        step = -13 if share >= 0.8 else 11
        axes.annotate(
            percent(share),
            (angle, share),
            textcoords="offset points",
            xytext=(step * math.cos(screen) + 9 * math.sin(screen), step * math.sin(screen) - 9 * math.cos(screen)),
            ha="center",
            va="center",
            fontsize=8,
            color=LINE_COLOUR,
            fontweight="bold",
        )
    axes.set_title(title.replace("$", r"\$"), fontsize=12, pad=26)  # a name is text, never mathtext
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _wrap(label: str, width: int = 18) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)

"""Spinnenwebben as plain SVG: the printable factsheet's, and the Regio page's small ones side by side.

Plain SVG is drawn at once by any browser and prints sharp. Plotly's polar charts cost the
browser about 50 ms each, so 30 gemeenten side by side took 1.5 s (bench/pages_ready.py).
Every text is escaped by domain/markup.py; each point carries its figure as a tooltip (<title>), which is
also how the tests read the figures back. On the page each small one is a picture (<img>)
with a text alternative; the table under it has the same figures.
"""

from __future__ import annotations

import base64
import math

from analysis.formatting import percent
from analysis.results import RoundResult
from domain.markup import Html, fill, join
from domain.text import clean_text
from pictures.radar_geometry import RINGS, between_first_axes, screen_point

LINE = "#1f4e79"
GRID = "#595959"


def radar_svg(
    labels: list[str],
    values: list[float | None],
    *,
    width: int = 1000,
    height: int = 560,
    font_size: int = 14,
    description: str = "Spinnenweb van de regio; de cijfers staan in de tabel eronder",
    names: list[str] | None = None,
    margin: int = 70,
    scale: bool = True,
    reference: list[float | None] | None = None,
    reference_name: str = "",
) -> Html:
    """10 axes, rings at 25 % steps, a point per figure (none where there is no figure).

    `labels` stand at the axes; `names` (default: the labels) name the standards in the tooltips;
    `margin` is the room around the outer ring for the labels; `scale` writes 25 % … 100 % at the
    rings, between the first two axes, where no axis label stands. `reference` (e.g. the regio's
    average) is drawn under the figures as a grey dashed line with square points, so it differs
    from them in more than colour.
    """
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - margin
    n = len(labels)
    names = names or labels

    def point(i: int, fraction: float) -> tuple[float, float]:
        return screen_point(i, n, fraction, cx=cx, cy=cy, radius=radius)

    font = "Source Sans Pro, Arial, Helvetica, sans-serif"
    parts = [
        fill('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             'role="img" aria-label="{description}">', width=width, height=height, description=clean_text(description))
    ]  # fmt: skip
    for ring in RINGS:
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(fill('<polygon points="{points}" fill="none" stroke="{grid}" stroke-width="1"/>',
                          points=ring_points, grid=GRID))  # fmt: skip
    if scale and n > 2:
        half = between_first_axes(n)  # between axis 0 and axis 1; the ring's edge is nearer there
        for ring in RINGS:
            sx, sy = screen_point(0.5, n, ring * math.cos(half), cx=cx, cy=cy, radius=radius)
            parts.append(
                fill('<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="#404040" font-family="{font}">'
                     "{ring}</text>",
                     x=sx + 3, y=sy - 3, size=max(9, font_size - 3), font=font, ring=percent(ring))
            )  # fmt: skip
    for i, label in enumerate(labels):
        x, y = point(i, 1.0)
        lx, ly = point(i, 1 + 1.2 * font_size / radius)
        anchor = "middle" if abs(lx - cx) < font_size else ("start" if lx > cx else "end")
        parts.append(fill('<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{grid}"/>',
                          cx=cx, cy=cy, x=x, y=y, grid=GRID))  # fmt: skip
        parts.append(
            fill('<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-family="{font}">'
                 "{label}</text>", x=lx, y=ly + font_size * 0.3, size=font_size, anchor=anchor, font=font,
                 label=clean_text(label))
        )  # fmt: skip
    if reference is not None:
        ref = [(i, v) for i, v in enumerate(reference) if v is not None]
        if ref:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in ref))
            parts.append(fill('<polygon points="{path}" fill="none" stroke="#404040" stroke-width="2" '
                              'stroke-dasharray="6 4"/>', path=path))  # fmt: skip
            for i, v in ref:
                x, y = point(i, v)
                parts.append(
                    fill('<rect x="{x:.1f}" y="{y:.1f}" width="8" height="8" fill="#404040">'
                         "<title>{tip}</title></rect>",
                         x=x - 4, y=y - 4, tip=clean_text(f"{names[i]}: {reference_name} {percent(v)} op orde"))
                )  # fmt: skip
    shown = [(i, v) for i, v in enumerate(values) if v is not None]
    if shown:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in shown))
        stroke = max(2, round(font_size / 5))
        parts.append(fill('<polygon points="{path}" fill="rgba(31,78,121,0.15)" stroke="{line}" '
                          'stroke-width="{stroke}"/>', path=path, line=LINE, stroke=stroke))  # fmt: skip
        for i, v in shown:
            x, y = point(i, v)
            parts.append(fill('<circle cx="{x:.1f}" cy="{y:.1f}" r="{dot}" fill="{line}"><title>{tip}</title>'
                              "</circle>",
                              x=x, y=y, dot=max(3, font_size // 3), line=LINE,
                              tip=clean_text(f"{names[i]}: {percent(v)} op orde")))  # fmt: skip
    parts.append(Html("</svg>"))
    return join(parts)


def small_radar_svg(name: str, result: RoundResult) -> Html:
    """The small spinnenweb of one gemeente: the standards' numbers at the axes."""
    return radar_svg(
        [str(s.number) for s in result.standards],
        [s.share for s in result.standards],
        width=260,
        height=240,
        font_size=13,
        margin=24,
        scale=False,
        description=f"Spinnenweb van {name}",
        names=[f"Standaard {s.number}" for s in result.standards],
    )


def small_multiples_html(named_results: list[tuple[str, RoundResult]]) -> Html:
    """One small spinnenweb per gemeente, side by side on the same scale, each with its name.

    Each is a picture (an <img> of the SVG): the page's HTML element does not keep inline SVG.
    """
    cells = []
    for name, result in named_results:
        source = base64.b64encode(small_radar_svg(name, result).encode("utf-8")).decode("ascii")
        cells.append(
            fill('<figure style="margin:0"><figcaption style="font-weight:600;text-align:center">{name}</figcaption>'
                 '<img src="data:image/svg+xml;base64,{source}" alt="{alt}" style="width:100%"></figure>',
                 name=clean_text(name), source=source,
                 alt=clean_text(f"Spinnenweb van {name}; de cijfers staan in de tabel eronder"))
        )  # fmt: skip
    return fill(
        '<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:1rem 1.5rem">'
        "{cells}</div>",
        cells=join(cells),
    )

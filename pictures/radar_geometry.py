"""The spinnenweb's one geometry. Every drawing of it (the page's chart, the SVG of documents and the projector, the
PNG in Word documents) puts standard 1 at the top and goes round clockwise, with rings at every quarter, so a
reader who knows one knows them all."""

from __future__ import annotations

import math

RINGS = (0.25, 0.5, 0.75, 1.0)
FIRST_AT_DEGREES = 90  # standard 1 at the top: 90 degrees from the right, counter-clockwise as mathematics counts
CLOCKWISE = True

# The same, in the words of the chart libraries.
PLOTLY_ANGULAR_AXIS = {"rotation": FIRST_AT_DEGREES, "direction": "clockwise" if CLOCKWISE else "counterclockwise"}
MATPLOTLIB_THETA_OFFSET = math.radians(FIRST_AT_DEGREES)
MATPLOTLIB_THETA_DIRECTION = -1 if CLOCKWISE else 1


def axis_angle(i: float, n: int) -> float:
    """Radians of axis i of n (a half: between two axes), counted from the first axis in the drawing's direction."""
    return 2 * math.pi * i / n


def screen_point(i: float, n: int, fraction: float, *, cx: float, cy: float, radius: float) -> tuple[float, float]:
    """The point at `fraction` of the radius on axis i of n, in screen coordinates (y grows downwards, as in SVG)."""
    turn = axis_angle(i, n) if CLOCKWISE else -axis_angle(i, n)
    angle = -math.radians(FIRST_AT_DEGREES) + turn
    return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)


def between_first_axes(n: int) -> float:
    """Half the angle between two axes: the scale's 25 % … 100 % stand there, clear of every axis label."""
    return axis_angle(0.5, n)

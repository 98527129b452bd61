"""Every drawing of the spinnenweb has one geometry: standard 1 at the top, then clockwise, rings at every quarter."""

from __future__ import annotations

import math

import pytest

from pictures.radar_geometry import (
    MATPLOTLIB_THETA_DIRECTION,
    MATPLOTLIB_THETA_OFFSET,
    PLOTLY_ANGULAR_AXIS,
    between_first_axes,
    screen_point,
)


def test_the_first_axis_stands_at_the_top():
    x, y = screen_point(0, 10, 1.0, cx=100, cy=100, radius=50)
    assert (round(x), round(y)) == (100, 50)


def test_the_next_axes_go_round_clockwise():
    right, bottom, left = (screen_point(i, 4, 1.0, cx=0, cy=0, radius=1) for i in (1, 2, 3))
    assert right[0] == pytest.approx(1) and bottom[1] == pytest.approx(1) and left[0] == pytest.approx(-1)


def test_the_scale_stands_halfway_between_the_first_two_axes():
    assert between_first_axes(10) == pytest.approx(math.pi / 10)


def test_the_chart_libraries_are_told_the_same_start_and_direction():
    assert PLOTLY_ANGULAR_AXIS == {"rotation": 90, "direction": "clockwise"}
    assert (pytest.approx(math.pi / 2), -1) == (MATPLOTLIB_THETA_OFFSET, MATPLOTLIB_THETA_DIRECTION)


def test_the_page_chart_uses_the_geometry():
    import plotly.graph_objects as go

    from pictures.charts import radar_layout

    figure = go.Figure()
    radar_layout(figure, "Spinnenweb", ["a", "b", "c"])
    axis = figure.layout.polar.angularaxis
    assert (axis.rotation, axis.direction) == (90, "clockwise")


def test_the_svg_puts_the_first_standards_label_above_the_middle():
    import re

    from exports.svg_radar import radar_svg

    svg = radar_svg(["Eerste", "Tweede", "Derde", "Vierde"], [0.5, 0.5, 0.5, 0.5], description="proef")
    first = re.search(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>Eerste<', svg)
    assert first is not None and float(first.group(2)) < 100

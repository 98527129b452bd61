"""The chart colours against the white background (WCAG: 4.5:1 for text, 3:1 for graphics)."""

from __future__ import annotations

import pytest

from pictures.charts import AVERAGE_COLOUR, GRID_COLOUR, LINE_COLOUR


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


@pytest.mark.parametrize("colour", [LINE_COLOUR, AVERAGE_COLOUR, GRID_COLOUR])
def test_every_chart_colour_has_at_least_4_5_to_1_against_white(colour):
    assert contrast_with_white(colour) >= 4.5

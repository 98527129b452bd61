"""File formats: one module per format, each turning prepared figures into bytes.

The helpers here say a publication's figures the same way in every shared file (workbook, CSV, factsheet).
"""

from __future__ import annotations

from analysis.disclosure import SMALL, Count
from analysis.picture import SharedPicture

DEMO_LINE = "Demo: de gemeenten, antwoorden en cijfers in dit document zijn verzonnen."


def rules_lines(picture: SharedPicture) -> tuple[str, ...]:
    """The disclosure rules of the publication, and what was kept from an earlier one, in plain Dutch."""
    return (*picture.rules.sentences(), *picture.kept)


def x_cell(count: Count) -> int | str:
    """x as a number when the figure is exact; otherwise its words ("hoogstens 1", "niet getoond")."""
    if count.exact and count.x is not None:
        return count.x
    if count.withheld:
        return "niet getoond"
    return count.of().split(" van ")[0]


def y_cell(count: Count) -> int | str:
    """y, except when the figure rests on too few gemeenten to say even that."""
    return "" if count.withheld and count.reason == SMALL else count.y

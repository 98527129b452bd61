"""Every chart has a table with the same figures: checked per chart, against the figure's own data."""

from __future__ import annotations

import re

import questionnaire
from analysis.answers import Answer, AnswerValue
from analysis.charts import radar_figure, standards_table
from analysis.regional import regional_average, standards_xy
from analysis.regional_charts import (
    compare_radar,
    compare_table,
    multiples_table,
    regio_radar,
    regio_table,
    small_multiples,
)
from analysis.scoring import score_round

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def result(values: dict[int, AnswerValue]):
    return score_round(questionnaire.current(), [Answer(question_number=n, value=v) for n, v in values.items()])


A = result({1: OP, 2: NIET, 3: OP, 5: OP, 6: NIET, 7: OP})
B = result({1: OP, 2: OP, 3: NIET, 4: NIET, 15: OP})
C = result({1: NIET, 2: NIET, 5: OP})


def percent_in(cell: str) -> float | None:
    found = re.match(r"(\d+)%", cell)
    return float(found.group(1)) if found else None


def chart_values(trace) -> list[float | None]:
    """The r values of a closed radar trace, without the repeated first point."""
    values = list(trace.r)[:-1]
    return [None if v is None else round(v) for v in values]


def test_the_gemeente_spinnenweb_and_its_table_show_the_same_figures():
    rows = standards_table(A)
    assert chart_values(radar_figure(A, "x").data[0]) == [percent_in(r["Deel op orde"]) for r in rows]


def test_the_regional_spinnenweb_and_its_table_show_the_same_figures():
    average = regional_average([A, B, C])
    rows = regio_table(standards_xy([A, B, C], 2), average, min_gemeenten=2)
    chart = chart_values(regio_radar(average, "x", min_gemeenten=2).data[0])
    assert chart == [percent_in(r["Gemiddeld deel op orde"]) for r in rows]
    assert [r["Rust op"] for r in rows][:2] == ["3 gemeenten", "2 gemeenten"]  # C answered nothing of standard 2


def test_the_comparison_spinnenweb_and_its_table_show_the_same_figures():
    labels = [f"{s.number}. {s.short_name}" for s in A.standards]
    before, after = [s.share for s in A.standards], [s.share for s in B.standards]
    fig = compare_radar("x", labels, before, after, ("Nulmeting", "Evaluatie"))
    rows = compare_table(labels, before, after, ("Nulmeting", "Evaluatie"), missing="geen score")
    assert chart_values(fig.data[0]) == [percent_in(r["Nulmeting"]) for r in rows]
    assert chart_values(fig.data[1]) == [percent_in(r["Evaluatie"]) for r in rows]


def test_the_small_multiples_and_their_table_show_the_same_figures():
    named = [("Aadorp", A), ("Beekdal", B), ("Cranendonk", C)]
    fig = small_multiples(named)
    rows = multiples_table(named)
    for trace, row in zip(fig.data, rows, strict=True):
        assert chart_values(trace) == [percent_in(row[f"St. {n}"]) for n in range(1, 11)]

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import questionnaire
from analysis.scoring import score_round
from domain.answers import Answer, AnswerValue
from pictures.charts import radar_figure, standards_table

ROOT = Path(__file__).resolve().parents[1]

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def result_with(values):
    return score_round(questionnaire.current(), [Answer(question_number=n, value=v) for n, v in values.items()])


def test_the_spinnenweb_has_the_ten_standards_as_axes():
    fig = radar_figure(result_with({}), "Spinnenweb")
    trace = fig.data[0]
    assert len(set(trace.theta)) == 10


def test_a_standard_without_answers_gets_no_point_instead_of_zero():
    fig = radar_figure(result_with({1: OP, 2: OP}), "Spinnenweb")
    values = list(fig.data[0].r)
    assert values[0] == 100
    assert values[1] is None  # standard 2: no answers, so no point, not 0


def test_an_incomplete_standard_is_named_so_on_its_axis_and_gets_an_open_marker():
    fig = radar_figure(result_with({5: OP}), "Spinnenweb")
    trace = fig.data[0]
    assert "onvolledig" in trace.theta[2]
    assert trace.marker.symbol[2] == "circle-open"


def test_the_chart_is_not_filled_while_a_standard_has_no_score():
    assert radar_figure(result_with({1: OP}), "x").data[0].fill == "none"
    full = result_with(dict.fromkeys(range(1, 32), OP))
    assert radar_figure(full, "x").data[0].fill == "toself"


def test_the_table_carries_the_same_figures_as_the_chart():
    result = result_with({1: OP, 2: NIET, 5: OP})
    fig = radar_figure(result, "x")
    rows = standards_table(result)
    assert len(rows) == 10
    assert rows[0]["Deel op orde"] == "50%" and fig.data[0].r[0] == 50
    assert rows[2]["Deel op orde"] == "100%" and fig.data[0].r[2] == 100
    assert rows[3]["Deel op orde"] == "geen score" and fig.data[0].r[3] is None
    assert rows[2]["Beantwoord"] == "1 van 5"


def test_pandas_is_whole_before_any_chart_is_built_so_a_session_importing_it_cannot_break_a_chart():
    # plotly looks pandas up in sys.modules without waiting for an import that another thread has under way
    check = (
        "import sys, pictures.indicator_charts; m = sys.modules.get('pandas'); "
        "assert m is not None and not m.__spec__._initializing and hasattr(m, 'Series')"
    )
    done = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

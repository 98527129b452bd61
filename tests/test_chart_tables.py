"""Every chart has a table with the same figures: checked per chart, against the figure's own data."""

from __future__ import annotations

import base64
import math
import re
import xml.etree.ElementTree as ET

import questionnaire
from analysis.regional import regional_average, standards_xy
from analysis.scoring import score_round
from domain.answers import Answer, AnswerValue
from exports.svg_radar import small_multiples_html
from pictures.charts import radar_figure, standards_table
from pictures.regional_charts import (
    compare_radar,
    compare_table,
    multiples_table,
    regio_radar,
    regio_table,
)

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


def points_of(svg: ET.Element) -> dict[int, tuple[float, str]]:
    """Per standard the point's distance from the centre (as a share of the outer ring) and its tooltip."""
    ns = {"s": "http://www.w3.org/2000/svg"}
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    outer = svg.findall("s:polygon", ns)[3]  # rings at 25, 50, 75 and 100 %
    top = [float(v) for v in outer.get("points").split()[0].split(",")]
    radius = height / 2 - top[1]
    found = {}
    for circle in svg.findall("s:circle", ns):
        tip = circle.find("s:title", ns).text
        number = int(re.match(r"Standaard (\d+):", tip).group(1))
        distance = math.dist((float(circle.get("cx")), float(circle.get("cy"))), (width / 2, height / 2))
        found[number] = (distance / radius, tip)
    return found


def test_the_small_spinnenwebben_side_by_side_and_their_table_show_the_same_figures():
    named = [("Aadorp", A), ("Beekdal", B), ("Cranendonk", C)]
    page = ET.fromstring(small_multiples_html(named).replace('style="width:100%">', 'style="width:100%"/>'))
    rows = multiples_table(named)
    figures = page.findall("figure")
    assert [f.find("figcaption").text for f in figures] == ["Aadorp", "Beekdal", "Cranendonk"]
    for figure, row in zip(figures, rows, strict=True):
        source = figure.find("img").get("src").removeprefix("data:image/svg+xml;base64,")
        points = points_of(ET.fromstring(base64.b64decode(source)))
        for n in range(1, 11):
            cell = row[f"St. {n}"]
            if percent_in(cell) is None:
                assert n not in points and cell == "geen score"
            else:
                share, tip = points[n]
                assert tip == f"Standaard {n}: {cell} op orde"
                assert round(share * 100) == percent_in(cell)


def test_names_in_the_small_spinnenwebben_are_text_not_markup():
    page = small_multiples_html([('<b>Aa</b> & "Co"', A)])
    assert "<b>" not in page and "&lt;b&gt;Aa&lt;/b&gt; &amp; &quot;Co&quot;" in page
    source = page.split("base64,", 1)[1].split('"', 1)[0]
    assert "&lt;b&gt;Aa" in base64.b64decode(source).decode("utf-8")

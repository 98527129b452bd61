"""The independent check, one level up: the national figures of seven regions, computed here with plain pandas from
every gemeente's answers and the rules as the README states them (no app code), equal what the national page and
the national workbook show.

Each regio has eight gemeenten. At a regio, question n is op orde at gemeente i when (n + i*r) mod 8 < t_n, with r
odd: exactly t_n of its eight gemeenten then have it op orde, t_n drawn from 2 to 6, so every regional count is
shown exactly under the regio's rules and the national rules decide the rest. Whether a gemeente has a whole
standard op orde follows from the same answers."""

from __future__ import annotations

import io
import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pandas as pd
import pytest

import questionnaire
from domain.access import Principal, Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services import national
from services.access_codes import issue_national_code
from services.national_exports import national_workbook
from services.publications import Options, Selection, publish
from services.regio import create_regio, list_gemeenten
from services.scan import ValueChange, save_changes, start_round
from tests.conftest import ADMIN, principal_for
from tests.pages.support import logged_in

REGIONS = 7
PER_REGIO = 8
MIN_REGIOS, MIN_GEMEENTEN, REGIO_MINIMUM = 3, 5, 3  # the national defaults and the regio's default minimum


@pytest.fixture
def engine(app_engine):
    return app_engine


@pytest.fixture
def answers(engine) -> pd.DataFrame:
    """Every answer of every gemeente: regio, gemeente, question, standard, op orde."""
    rng = random.Random("landelijk onafhankelijk")
    qn = questionnaire.current()
    rows = []
    for r in range(REGIONS):
        names = [f"Plaats{r}{c}" for c in "ABCDEFGH"]
        regio = create_regio(engine, ADMIN, name=f"Regio Onafhankelijk {r}", gemeente_names=names)
        step = rng.choice([1, 3, 5, 7])
        t = {q.number: rng.randint(2, 6) for q in qn.questions}
        for i, gemeente in enumerate(sorted(list_gemeenten(engine, ADMIN, regio_id=regio.id), key=lambda g: g.name)):
            me = principal_for(Role.GEMEENTE, regio, gemeente)
            round_id = start_round(engine, me, gemeente_id=gemeente.id, held_on=date(2026, 3, 5),
                                   purpose=Purpose.NULMETING, participants=[])  # fmt: skip
            op = {q.number: (q.number + i * step) % PER_REGIO < t[q.number] for q in qn.questions}
            save_changes(engine, me, round_id=round_id, changes=[
                ValueChange(question_number=n, value=AnswerValue.OP_ORDE if v else AnswerValue.NIET_OP_ORDE)
                for n, v in op.items()
            ])  # fmt: skip
            rows += [(r, gemeente.name, q.number, q.standard, op[q.number]) for q in qn.questions]
        who = principal_for(Role.REGIO, regio)
        publish(engine, who, regio_id=regio.id, selection=Selection(), options=Options())
        national.join(engine, who, regio_id=regio.id, named=False, period="2026")
    return pd.DataFrame(rows, columns=["regio", "gemeente", "question", "standard", "op_orde"])


# --- the rules as the README states them, written again here -------------------------------------------


def band(y: int, minimum: int) -> int:
    return 2 if y < 2 * minimum else 1


def words(x_low: int, x_high: int, y: int, minimum: int, noun: str, too_few: str, group: str) -> str:
    """A count as shown: withheld under the minimum, all or none in words, a sum of words as its range."""
    if y < minimum:
        return f"niet getoond ({too_few})"
    if x_low != x_high:  # a sum of counts some regions shared in words: the range, said from its open end
        if x_low == 0:
            return f"hoogstens {x_high} van de {y} {noun}"
        if x_high == y:
            return f"minstens {x_low} van de {y} {noun}"
        return f"tussen {x_low} en {x_high} van de {y} {noun}"
    k = band(y, minimum)
    if y <= 2 * k:
        return f"niet getoond ({group})"
    if x_low <= k:
        return f"hoogstens {k} van de {y} {noun}"
    if x_low >= y - k:
        return f"minstens {y - k} van de {y} {noun}"
    return f"{x_low} van {y} {noun}"


def regio_range(x: int, y: int) -> tuple[int, int] | None:
    """What a regio shares of "x van y gemeenten" under its default rules: exact, a range, or nothing."""
    if y < REGIO_MINIMUM:
        return None
    k = band(y, REGIO_MINIMUM)
    if y <= 2 * k:
        return None
    if x <= k:
        return 0, k
    if x >= y - k:
        return y - k, y
    return x, x


def percent(share: float) -> str:
    return f"{Decimal(repr(float(share) * 100)).quantize(Decimal('1e-9')).quantize(Decimal(1), ROUND_HALF_UP)}%"


def expected(answers: pd.DataFrame) -> dict[str, dict[str, str]]:
    regio_group = "zou laten zien wat elke regio heeft"
    per_question = answers.groupby(["regio", "question", "standard"])["op_orde"].sum().reset_index()
    standards: dict[str, dict[str, str]] = {}
    names = {s.number: s.short_name for s in questionnaire.current().standards}
    for number, own in per_question.groupby("standard"):
        means = own.groupby("regio")["op_orde"].sum() / (PER_REGIO * own.groupby("regio").size())
        op = int((means >= 0.5).sum())
        whole = (
            answers[answers.standard == number].groupby(["regio", "gemeente"])["op_orde"].all().groupby("regio").sum()
        )
        ranges = [regio_range(int(x), PER_REGIO) for x in whole]
        shown = [r for r in ranges if r is not None]
        low, high, y = sum(r[0] for r in shown), sum(r[1] for r in shown), PER_REGIO * len(shown)
        gemeenten = (
            "niet getoond (te weinig regio's)"
            if len(shown) < MIN_REGIOS
            else words(low, high, y, MIN_GEMEENTEN, "gemeenten", "", "zou laten zien wat elke gemeente antwoordde")
        )
        mean = float(means.mean())
        standards[f"{number}. {names[number]}"] = {
            "Regio's op orde": words(op, op, REGIONS, MIN_REGIOS, "regio's", "te weinig regio's", regio_group),
            "Regio's niet te zeggen": "0",
            "Gemeenten met de hele standaard op orde": gemeenten,
            "Gemiddeld op orde (elke regio telt even zwaar)": percent(mean),
        }
    return standards


def expected_questions(answers: pd.DataFrame) -> dict[int, tuple[str, str]]:
    regio_group = "zou laten zien wat elke regio heeft"
    found = {}
    for number, own in answers.groupby("question"):
        x = own.groupby("regio")["op_orde"].sum()
        op = int((x / PER_REGIO >= 0.5).sum())
        total = int(x.sum())
        found[int(number)] = (
            words(op, op, REGIONS, MIN_REGIOS, "regio's", "te weinig regio's", regio_group),
            words(total, total, REGIONS * PER_REGIO, MIN_GEMEENTEN, "gemeenten", "",
                  "zou laten zien wat elke gemeente antwoordde"),
        )  # fmt: skip
    return found


def plain(cell: object) -> str:
    """A page's table cell as the reader sees it: without markdown's escapes."""
    return str(cell).replace("\\", "")


# --- the check -----------------------------------------------------------------------------------------


def test_the_national_figures_on_the_page_and_in_the_workbook_are_those_computed_from_the_answers(engine, answers):
    team = issue_national_code(engine, ADMIN, label="Programmateam")
    national.publish(engine, Principal(code_id=team.id, role=Role.LANDELIJK, label="Programmateam"))
    want = expected(answers)
    want_questions = expected_questions(answers)

    at = logged_in(team.code, None, onderdeel="cijfers")
    assert not at.exception
    page = {plain(row["Standaard"]): {k: plain(v) for k, v in row.items() if k != "Standaard"}
            for row in at.table[0].value.to_dict("records")}  # fmt: skip
    assert page == want

    at = logged_in(team.code, None, onderdeel="vragen")
    shown = {int(plain(row["Vraag"]).split(".")[0]): (plain(row["Regio's op orde"]), plain(row["Gemeenten op orde"]))
             for row in at.table[0].value.to_dict("records")}  # fmt: skip
    assert shown == want_questions

    reader = Principal(code_id=team.id, role=Role.LANDELIJK, label="Programmateam")
    wb = openpyxl.load_workbook(io.BytesIO(national_workbook(engine, reader)))
    rows = [[c.value for c in row] for row in wb["Standaarden 2026"].iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "Standaard")
    book = {r[0]: dict(zip(rows[header][1:5], [str(v) for v in r[1:5]], strict=True))
            for r in rows[header + 1 : header + 11]}  # fmt: skip
    assert book == want

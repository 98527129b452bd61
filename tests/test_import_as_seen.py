"""The importer reads what a person sees in Excel, or says plainly why it cannot."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from domain.answers import AnswerValue
from imports.xlsx_zelfscan import ChooseSheet, WorkbookRefused, read_workbook
from services import ServiceError
from services.excel_import import preview, store
from services.scan import open_scan
from tests.test_excel_import import rounds

pytestmark = pytest.mark.file_format  # on SQLite only: see pyproject.toml

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE
HEADER = ["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"]


def sheet(wb: openpyxl.Workbook, title: str, answers: dict[int, object], top: list[list] | None = None):
    ws = wb.create_sheet(title)
    for row in top if top is not None else [["Gemeente", None, "Aadorp"], ["Datum", None, "5-3-2026"]]:
        ws.append(row)
    ws.append(HEADER)
    for n in range(1, 32):
        ws.append([n, None, None, f"vraag {n}", answers.get(n, "op orde"), None])
    return ws


def save(wb: openpyxl.Workbook) -> bytes:
    if "Sheet" in wb.sheetnames:
        del wb["Sheet"]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_hidden_sheet_is_not_read_when_a_visible_one_holds_the_questions():
    wb = openpyxl.Workbook()
    sheet(wb, "Oud", {n: "niet op orde" for n in range(1, 32)}).sheet_state = "hidden"
    sheet(wb, "Vragen", {})
    parsed = read_workbook(save(wb))
    assert (parsed.sheet, {a.value for a in parsed.answers}) == ("Vragen", {OP})


def test_questions_only_on_a_hidden_sheet_are_refused_with_the_sheet_named():
    wb = openpyxl.Workbook()
    sheet(wb, "Verborgen", {}).sheet_state = "hidden"
    wb.create_sheet("Voorblad")
    with pytest.raises(WorkbookRefused, match=r"verborgen bladen \('Verborgen'\)"):
        read_workbook(save(wb))


def test_two_question_sheets_ask_which_one_and_read_the_chosen_one():
    wb = openpyxl.Workbook()
    sheet(wb, "Nulmeting", {})
    sheet(wb, "Evaluatie", {n: "nee" for n in range(1, 32)})
    data = save(wb)
    with pytest.raises(ChooseSheet) as asked:
        read_workbook(data)
    assert asked.value.sheets == ["Nulmeting", "Evaluatie"]
    assert {a.value for a in read_workbook(data, sheet="Evaluatie").answers} == {NIET}


def test_a_merged_answer_cell_answers_every_question_it_covers():
    wb = openpyxl.Workbook()
    ws = sheet(wb, "Vragen", {4: "niet op orde", 5: None})
    ws.merge_cells("E7:E8")  # rows of question 4 and 5
    parsed = read_workbook(save(wb))
    assert [a.value for a in parsed.answers if a.number in (4, 5)] == [NIET, NIET]


@pytest.mark.parametrize(
    "written",
    [
        "5 maart 2026",
        "5 mrt 2026",
        "donderdag 5 maart 2026",
        "05-03-2026",
        "5/3/2026",
        "2026-03-05",
        "5.3.2026",
        46086,
        "46086",
        datetime(2026, 3, 5, 0, 0),
    ],
)
def test_a_date_is_read_however_a_dutch_workbook_writes_it(written):
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {}, top=[["Gemeente", None, "Aadorp"], ["Datum:", None, written]])
    assert read_workbook(save(wb)).held_on == date(2026, 3, 5)


def test_an_unreadable_date_is_a_problem_in_its_own_cell():
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {}, top=[["Gemeente", "Aadorp"], ["Datum", "ergens in maart"]])
    parsed = read_workbook(save(wb))
    assert [(p.cell, "ergens in maart" in p.message) for p in parsed.problems] == [("B2", True)]


@pytest.mark.parametrize("number", ["7", "7.", "7)", "Vraag 7", "V7", "nr. 7", 7.0, " 7 "])
def test_question_numbers_are_read_however_they_are_written(number):
    wb = openpyxl.Workbook()
    ws = sheet(wb, "Vragen", {7: "niet op orde"})
    ws.cell(3 + 7, 1, number)
    assert next(a.value for a in read_workbook(save(wb)).answers if a.number == 7) is NIET


@pytest.mark.parametrize("written", ["Op orde", " op  orde ", "OP-ORDE", "op\u00a0orde", "Ja"])
def test_answers_are_read_with_any_case_spacing_or_hyphens(written):
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {1: written})
    assert read_workbook(save(wb)).answers[0].value is OP


def test_a_boolean_answer_is_a_problem_in_dutch_words():
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {3: True})
    [problem] = read_workbook(save(wb)).problems
    assert (problem.cell, "'WAAR'" in problem.message, "True" in problem.message) == ("E6", True, False)


def test_booleans_in_two_mark_columns_mean_ticked_and_not_ticked():
    wb = openpyxl.Workbook()
    ws = wb.create_sheet("Vragen")
    ws.append(["Nr", "Vraag", "op orde", "niet op orde"])
    for n in range(1, 32):
        ws.append([n, "v", n % 2 == 1, n % 2 == 0])
    parsed = read_workbook(save(wb))
    assert (parsed.answers[0].value, parsed.answers[1].value, parsed.problems) == (OP, NIET, ())


@pytest.mark.parametrize("written", ["Aadorp", "aadorp", "Aadorp\u00a0", "  Aadorp  ", "Gemeente Aadorp", "AADORP"])
@pytest.mark.parametrize("label", ["Gemeente", "Gemeente:", "gemeente :", "Naam gemeente"])
def test_the_gemeente_is_found_however_its_name_and_label_are_typed(engine, aadorp, written, label):
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {}, top=[[label, None, written], ["Datum", None, "5-3-2026"], ["Doel", None, "Evaluatie"]])
    item = preview(engine, aadorp, file_name="a.xlsx", data=save(wb))
    assert (item.refused, item.gemeente_name) == (None, "Aadorp")


def test_an_unknown_gemeente_is_named_with_the_cell_it_was_read_from(engine, aadorp):
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {}, top=[["Gemeente:", "Elders"]])
    item = preview(engine, aadorp, file_name="a.xlsx", data=save(wb))
    assert "cel B1" in (item.refused or "") and "Elders" in (item.refused or "")


def test_a_workbook_without_any_answer_is_refused_and_stores_nothing(engine, aadorp):
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", dict.fromkeys(range(1, 32)))
    data = save(wb)
    assert "geen enkel antwoord" in (preview(engine, aadorp, file_name="leeg.xlsx", data=data).refused or "")
    with pytest.raises(ServiceError, match="geen enkel antwoord"):
        store(engine, aadorp, file_name="leeg.xlsx", data=data, accept_problems=True)
    assert rounds(engine) == 0


def test_what_is_stored_is_what_the_preview_showed(engine, aadorp):
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {2: "niet op orde"})
    data = save(wb)
    item = preview(engine, aadorp, file_name="a.xlsx", data=data)
    round_id = store(engine, aadorp, file_name="a.xlsx", data=data, accept_problems=True, digest=item.digest)
    stored = open_scan(engine, aadorp, round_id=round_id).answers
    assert {n: a.value for n, a in stored.items()} == {a.number: a.value for a in item.answers}


def test_a_preview_of_other_content_is_refused_when_storing(engine, aadorp):
    wb = openpyxl.Workbook()
    sheet(wb, "Vragen", {})
    first = preview(engine, aadorp, file_name="a.xlsx", data=save(wb))
    wb2 = openpyxl.Workbook()
    sheet(wb2, "Vragen", {1: "nee"})
    with pytest.raises(ServiceError, match="anders dan wat u zag"):
        store(engine, aadorp, file_name="a.xlsx", data=save(wb2), accept_problems=True, digest=first.digest)
    assert rounds(engine) == 0

"""The Excel inlezen page with files as people pick them: twice the same, several sheets, broken."""

from __future__ import annotations

import io

import openpyxl

from domain.access import Role
from tests.pages.support import code_of, logged_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(sheets: dict[str, dict[int, str]], gemeente: str = "Aalsveen", *, dated: bool = False) -> bytes:
    wb = openpyxl.Workbook()
    del wb["Sheet"]
    for title, answers in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(["Gemeente", None, gemeente])
        if dated:
            ws.append(["Datum", None, "5 maart 2026"])
            ws.append(["Doel", None, "evaluatie"])
        ws.append(["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"])
        for n in range(1, 32):
            ws.append([n, None, None, f"vraag {n}", answers.get(n, "op orde"), None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def import_page(engine):
    return logged_in(code_of(engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/inlezen.py")


def test_two_identical_files_with_a_problem_are_both_shown_without_a_crash(app_engine, demo):
    at = import_page(app_engine)
    data = workbook({"Vragen": {3: "misschien"}})
    at.file_uploader[0].set_value([("a.xlsx", data, XLSX), ("a.xlsx", data, XLSX)]).run()
    assert not at.exception
    assert len([w for w in at.warning if w.value.startswith("Er zijn 3 problemen.")]) == 2


def test_one_problem_is_called_one_problem(app_engine, demo):
    at = import_page(app_engine)
    at.file_uploader[0].set_value(("een.xlsx", workbook({"Vragen": {3: "misschien"}}, dated=True), XLSX)).run()
    assert [w.value.split(".")[0] for w in at.warning] == ["Er is 1 probleem"]


def test_a_workbook_with_two_question_sheets_asks_which_sheet_to_read(app_engine, demo):
    at = import_page(app_engine)
    data = workbook({"Nulmeting": {}, "Evaluatie": {1: "nee"}})
    at.file_uploader[0].set_value(("twee.xlsx", data, XLSX)).run()
    assert not at.exception
    choice = next(s for s in at.selectbox if s.label == "Welk blad is de scan?")
    choice.set_value("Evaluatie").run()
    assert not at.exception
    assert any("blad: Evaluatie" in m.value for m in at.markdown)

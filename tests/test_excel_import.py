"""Reading workbooks in: the round trip, the variants people make, and every kind of bad input."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from sqlalchemy import func, select

from domain.access import Role
from domain.answers import AnswerValue
from imports.reader import OLE_MAGIC
from services import ServiceError
from services.excel_import import preview, store
from services.scan import ToelichtingChange, ValueChange, open_scan, save_changes
from services.workbooks import round_workbook
from store.tables import RondeRow
from store.unit_of_work import reading
from tests.conftest import principal_for

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def rounds(engine) -> int:
    with reading(engine) as session:
        return session.scalar(select(func.count()).select_from(RondeRow))


def workbook(rows: list[list], sheet: str = "Vragen", top: list[list] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in (
        top
        if top is not None
        else [["Gemeente", None, "Aadorp"], ["Datum", None, "5-3-2026"], ["Doel", None, "evaluatie"]]
    ):
        ws.append(row)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ours(values: dict[int, str], header: list | None = None, numbers=range(1, 32)) -> bytes:
    rows = [header or ["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"]]
    rows += [[n, None, None, f"vraag {n}", values.get(n), None] for n in numbers]
    return workbook(rows)


def test_an_exported_round_reads_back_identically(engine, aadorp, round_id):
    changes = [ValueChange(question_number=n, value=OP if n % 4 else NIET) for n in range(1, 32)]
    changes += [ToelichtingChange(question_number=n, toelichting=f"Toelichting {n}; met 'quotes'") for n in (1, 15, 31)]
    save_changes(engine, aadorp, round_id=round_id, changes=changes)
    name, data = round_workbook(engine, aadorp, round_id=round_id)
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=NIET, expected=OP)])
    new_round = store(engine, aadorp, file_name=name, data=data, accept_problems=False)
    imported = open_scan(engine, aadorp, round_id=new_round).answers
    assert {n: (a.value, a.toelichting) for n, a in imported.items()} == {
        n: (OP if n % 4 else NIET, f"Toelichting {n}; met 'quotes'" if n in (1, 15, 31) else "") for n in range(1, 32)
    }


def test_ja_and_nee_are_read_as_op_orde_and_niet_op_orde(engine, aadorp):
    item = preview(engine, aadorp, file_name="a.xlsx", data=ours({n: "ja" if n % 2 else "Nee" for n in range(1, 32)}))
    assert (item.refused, item.answered, item.problems) == (None, 31, ())


def test_an_x_in_one_of_two_columns_is_read(engine, aadorp):
    rows = [["Nr", "Vraag", "op orde", "niet op orde", "Toelichting"]]
    rows += [[n, f"v{n}", "x" if n % 2 else None, None if n % 2 else "X", None] for n in range(1, 32)]
    round_id = store(engine, aadorp, file_name="kruisjes.xlsx", data=workbook(rows), accept_problems=False)
    answers = open_scan(engine, aadorp, round_id=round_id).answers
    assert answers[1].value is OP and answers[2].value is NIET


def test_blank_rows_and_another_sheet_name_are_fine(engine, aadorp):
    rows = [["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"]]
    for n in range(1, 32):
        rows += [[n, None, None, "v", "op orde", None], [None] * 6]
    item = preview(engine, aadorp, file_name="b.xlsx", data=workbook(rows, sheet="Mijn scan"))
    assert (item.refused, item.answered) == (None, 31)


def test_the_same_file_read_twice_gives_one_round(engine, aadorp):
    data = ours(dict.fromkeys(range(1, 32), "op orde"))
    store(engine, aadorp, file_name="c.xlsx", data=data, accept_problems=False)
    with pytest.raises(ServiceError, match=r"al (eerder )?ingelezen"):
        store(engine, aadorp, file_name="kopie.xlsx", data=data, accept_problems=False)
    assert rounds(engine) == 1


def test_a_gemeente_cannot_read_in_the_workbook_of_another_gemeente(engine, regio, gemeenten):
    other = principal_for(Role.GEMEENTE, regio, gemeenten[1])
    item = preview(engine, other, file_name="d.xlsx", data=ours({1: "op orde"}))
    assert "andere gemeente" in item.refused


def big_zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def password_protected(plain: bytes) -> bytes:
    """A really encrypted workbook, as Excel writes it when you set a password."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt("geheim", out)
    return out.getvalue()


def formulas_without_values() -> bytes:
    rows = [["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"]]
    rows += [[n, None, None, "v", '=IF(1=1,"op orde","")' if n == 1 else "op orde", None] for n in range(1, 32)]
    return workbook(rows)


REFUSED = [
    ("not an xlsx at all", b"Dit is gewoon tekst.", "geen Excel-bestand"),
    ("an .xls", OLE_MAGIC + b"\0" * 2048, "oud Excel-bestand"),
    ("a password-protected file", None, "wachtwoord"),
    ("a missing questions sheet", workbook([["iets anders"]], sheet="Blad1"), "geen blad 'Vragen'"),
    ("32 questions", ours({}, numbers=range(1, 33)), "vraag 32 bestaat niet"),
    ("a duplicate question number", ours({}, numbers=[*range(1, 32), 7]), "vraag 7 staat er twee keer in"),
    ("a gemeente not in the regio", None, "hoort niet bij Regio Test"),
    ("a file over a sane size", b"PK" + b"\0" * (6 * 1024 * 1024), "te groot"),
    ("a zip bomb", None, "pakt uit tot veel meer"),
]


@pytest.mark.parametrize(("what", "data", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_bad_file_is_refused_with_a_dutch_message_and_changes_nothing(engine, aadorp, what, data, message):
    if what == "a gemeente not in the regio":
        data = workbook([["Nr", "Antwoord"], *[[n, "ja"] for n in range(1, 32)]], top=[["Gemeente", None, "Elders"]])
    if what == "a zip bomb":
        data = big_zip_bomb()
    if what == "a password-protected file":
        data = password_protected(ours({1: "op orde"}))
    item = preview(engine, aadorp, file_name="slecht.xlsx", data=data)
    assert message in (item.refused or ""), item
    with pytest.raises(ServiceError, match=message.split("'")[0]):
        store(engine, aadorp, file_name="slecht.xlsx", data=data, accept_problems=True)
    assert rounds(engine) == 0


PROBLEMS = [
    (
        "30 questions",
        lambda: ours(dict.fromkeys(range(1, 31), "op orde"), numbers=range(1, 31)),
        "kolom A",
        "Vraag 31 ontbreekt",
    ),
    (
        "an unknown answer value",
        lambda: ours({1: "ja", 2: "misschien"}),
        "E6",
        "Het antwoord 'misschien' kennen we niet",
    ),
    ("formulas without cached values", formulas_without_values, "E5", "formule zonder berekende waarde"),
]


@pytest.mark.parametrize(("what", "make", "cell", "message"), PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_a_problem_is_shown_with_sheet_and_cell_and_stored_only_when_accepted(
    engine, aadorp, what, make, cell, message
):
    data = make()
    item = preview(engine, aadorp, file_name="p.xlsx", data=data)
    assert item.refused is None
    assert any(p.cell == cell and message in p.message and p.sheet == "Vragen" for p in item.problems), item.problems
    with pytest.raises(ServiceError, match="accepteert"):
        store(engine, aadorp, file_name="p.xlsx", data=data, accept_problems=False)
    assert rounds(engine) == 0
    store(engine, aadorp, file_name="p.xlsx", data=data, accept_problems=True)
    assert rounds(engine) == 1

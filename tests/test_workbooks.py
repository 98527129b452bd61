"""The zelfscan workbook: read back what was written, and let LibreOffice compute its formulas."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date

import openpyxl
import pytest

from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services import ServiceError
from services.scan import ToelichtingChange, ValueChange, open_scan, save_changes, start_round
from services.workbooks import blank_workbook, regio_archive, round_workbook
from tests.conftest import principal_for

pytestmark = pytest.mark.file_format  # on SQLite only: see pyproject.toml

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE
FIRST_ROW = 8


@pytest.fixture
def filled(engine, aadorp, round_id):
    changes = [ValueChange(question_number=n, value=OP if n % 3 else NIET) for n in range(1, 23)]
    changes += [ToelichtingChange(question_number=5, toelichting="Meldcode; stap 5 nog onbekend.")]
    save_changes(engine, aadorp, round_id=round_id, changes=changes)
    return round_id


def questions_sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))["Vragen"]


def test_a_round_reads_back_from_its_workbook_answer_by_answer(engine, aadorp, filled):
    _, data = round_workbook(engine, aadorp, round_id=filled)
    sheet = questions_sheet(data)
    read = {
        sheet.cell(row, 1).value: (sheet.cell(row, 5).value, sheet.cell(row, 6).value)
        for row in range(FIRST_ROW, FIRST_ROW + 31)
    }
    stored = open_scan(engine, aadorp, round_id=filled).answers
    for number in range(1, 32):
        answer = stored.get(number)
        expected_value = {OP: "op orde", NIET: "niet op orde"}.get(answer.value) if answer and answer.value else None
        assert read[number] == (expected_value, (answer.toelichting or None) if answer else None), number


def test_the_workbook_names_the_gemeente_and_the_date(engine, aadorp, filled):
    sheet = questions_sheet(round_workbook(engine, aadorp, round_id=filled)[1])
    assert (sheet["C2"].value, sheet["C3"].value.date()) == ("Aadorp", date(2026, 3, 5))


def test_every_answer_cell_has_the_drop_down(engine, aadorp, filled):
    sheet = questions_sheet(round_workbook(engine, aadorp, round_id=filled)[1])
    [validation] = sheet.data_validations.dataValidation
    assert validation.formula1 == '"op orde,niet op orde"'
    assert str(validation.sqref) == f"E{FIRST_ROW}:E{FIRST_ROW + 30}"


def test_the_results_sheet_has_a_native_radar_chart_with_visible_axes(engine, aadorp, filled):
    _, data = round_workbook(engine, aadorp, round_id=filled)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 1 and "radarChart>" in charts[0] and 'delete val="1"' not in charts[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/test")
def test_libreoffice_computes_the_same_shares_as_the_app(engine, aadorp, filled, tmp_path):
    _, data = round_workbook(engine, aadorp, round_id=filled)
    source = tmp_path / "scan.xlsx"
    source.write_bytes(data)
    subprocess.run(
        ["soffice", "--headless", "--calc", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheet = openpyxl.load_workbook(tmp_path / "out" / "scan.xlsx", data_only=True)["Resultaten"]
    computed = {sheet.cell(row, 1).value: sheet.cell(row, 6).value for row in range(2, 12)}
    for score in open_scan(engine, aadorp, round_id=filled).result.standards:
        if score.share is None:
            assert computed[score.number] in (None, ""), score.number
        else:
            assert computed[score.number] == pytest.approx(score.share), score.number


def test_a_blank_workbook_carries_the_gemeente_and_no_answers(engine, aadorp):
    sheet = questions_sheet(blank_workbook(engine, aadorp, gemeente_id=aadorp.gemeente_id)[1])
    assert sheet["C2"].value == "Aadorp"
    assert all(sheet.cell(row, 5).value is None for row in range(FIRST_ROW, FIRST_ROW + 31))


def test_a_gemeente_gets_no_workbook_of_another_gemeente(engine, regio, gemeenten, filled):
    other = principal_for(Role.GEMEENTE, regio, gemeenten[1])
    with pytest.raises(ServiceError, match="geen toegang"):
        round_workbook(engine, other, round_id=filled)
    with pytest.raises(ServiceError, match="geen toegang"):
        blank_workbook(engine, other, gemeente_id=gemeenten[0].id)


def test_the_regio_archive_has_a_sheet_per_gemeente_with_its_rounds_below_each_other(
    engine, regio, aadorp, regio_user, filled
):
    later = start_round(
        engine,
        aadorp,
        gemeente_id=aadorp.gemeente_id,
        held_on=date(2026, 9, 1),
        purpose=Purpose.EVALUATIE,
        participants=[],
    )
    save_changes(engine, aadorp, round_id=later, changes=[ValueChange(question_number=1, value=NIET)])
    workbook = openpyxl.load_workbook(io.BytesIO(regio_archive(engine, regio_user, regio_id=regio.id)[1]))
    assert workbook.sheetnames == ["Uitleg", "Aadorp", "Beekdal", "Cranendonk-Oost"]
    sheet = workbook["Aadorp"]
    dates = [row[2].date() for row in sheet.iter_rows(values_only=True) if row[0] == "Datum"]
    assert dates == [date(2026, 9, 1), date(2026, 3, 5)]  # newest first
    second_round_q5 = next(r for r in range(40, 90) if sheet.cell(r, 1).value == 5)
    assert sheet.cell(second_round_q5, 6).value == "Meldcode; stap 5 nog onbekend."
    assert sheet.cell(FIRST_ROW, 5).value == "niet op orde"  # the newer round, question 1


def test_the_questions_print_on_landscape_pages_as_wide_as_the_paper_with_the_header_repeated(engine, aadorp, filled):
    sheet = questions_sheet(round_workbook(engine, aadorp, round_id=filled)[1])
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${FIRST_ROW - 1}:${FIRST_ROW - 1}"

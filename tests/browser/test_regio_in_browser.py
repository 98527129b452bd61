"""The regio's flows in a real browser: its page, and downloading the files without names."""

from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import date

import pytest
from playwright.sync_api import expect

from analysis.answers import AnswerValue
from domain.access import Role
from domain.models import Purpose
from services.access_codes import issue_code
from services.regio import create_regio, list_gemeenten
from services.scan import ValueChange, save_changes, start_round
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser
NAMES = ["Oosterwolde-Proef", "Westerveld-Proef", "Zuidbroek-Proef"]


@pytest.fixture
def regio_code(app):
    regio = create_regio(app.engine, ADMIN, name="Regio Download", gemeente_names=NAMES)
    for i, gemeente in enumerate(list_gemeenten(app.engine, ADMIN, regio_id=regio.id)):
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        round_id = start_round(
            app.engine,
            me,
            gemeente_id=gemeente.id,
            held_on=date(2026, 3, 1),
            purpose=Purpose.NULMETING,
            participants=[],
        )
        values = {n: AnswerValue.OP_ORDE if (n + i) % 2 else AnswerValue.NIET_OP_ORDE for n in range(1, 32)}
        save_changes(
            app.engine,
            me,
            round_id=round_id,
            changes=[ValueChange(question_number=n, value=v) for n, v in values.items()],
        )
    return issue_code(app.engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id).code


def download(page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    path = info.value.path()
    assert path is not None
    with open(path, "rb") as f:
        return f.read()


def test_a_regio_user_downloads_the_workbook_and_factsheet_without_names(app, page, regio_code):
    log_in(page, app.url, regio_code)
    expect(page.get_by_role("heading", name="Regio: Regio Download")).to_be_visible()
    expect(page.get_by_text("3 van 3 gemeenten hebben een ronde die meetelt.")).to_be_visible()
    page.get_by_test_id("stRadio").filter(has_text="Wat wilt u zien?").get_by_text("Delen en downloaden").click()
    expect(page.get_by_role("heading", name="Delen buiten het regioteam")).to_be_visible()
    assert page.url.endswith("onderdeel=delen")  # a reload or a shared link opens the same part
    expect(page.get_by_text("De regio heeft nog geen cijfers gedeeld.")).to_be_visible()
    page.get_by_role("button", name="Deze stand vastleggen en delen").click()  # what others get: fixed first
    expect(page.get_by_text("De nieuwe stand is vastgelegd.")).to_be_visible()

    workbook = download(page, "Werkboek zonder namen (.xlsx)")
    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        text = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        assert any(n.startswith("xl/charts/") for n in z.namelist())
    factsheet = download(page, "Factsheet als webpagina (.html)").decode("utf-8")
    assert "<svg" in factsheet and "Spinnenweb van de regio" in factsheet
    pdf = download(page, "Factsheet (.pdf)")
    pdf_text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert pdf.startswith(b"%PDF") and "Spinnenweb van de regio" in pdf_text
    for name in NAMES:
        assert name not in text and name not in factsheet and name not in pdf_text

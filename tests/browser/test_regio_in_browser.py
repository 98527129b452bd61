"""The regio's flows in a real browser: its page, and downloading the files without names."""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from playwright.sync_api import expect

from domain.access import Role
from services.access_codes import issue_code
from tests.browser.conftest import DOWNLOAD_WAIT_MS
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, regio_with_rounds

pytestmark = pytest.mark.browser
NAMES = ["Oosterwolde-Proef", "Westerveld-Proef", "Zuidbroek-Proef"]


@pytest.fixture
def regio_code(app):
    regio = regio_with_rounds(
        app.engine, "Regio Download", NAMES, lambda i: {n for n in range(1, 32) if not (n + i) % 2}
    )
    return issue_code(app.engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id).code


def download(page, label: str) -> bytes:
    with page.expect_download(timeout=DOWNLOAD_WAIT_MS) as info:
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

"""Reading in several workbooks at once, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from domain.access import Role
from services.access_codes import issue_code
from services.regio import create_regio, list_gemeenten
from store.tables import RondeRow
from store.unit_of_work import reading
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN
from tests.test_excel_import import workbook

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled(gemeente: str) -> bytes:
    rows = [["Nr", "Standaard", "Blok", "Vraag", "Antwoord", "Toelichting"]]
    rows += [[n, None, None, f"v{n}", "op orde" if n % 2 else "niet op orde", None] for n in range(1, 32)]
    return workbook(rows, top=[["Gemeente", None, gemeente], ["Datum", None, "5-3-2026"], ["Doel", None, "nulmeting"]])


def test_a_regio_reads_in_three_workbooks_and_confirms_the_two_good_ones(app, page):
    regio = create_regio(app.engine, ADMIN, name="Regio Inlezen", gemeente_names=["Noordhoek-Test", "Zuidhoek-Test"])
    ids = {g.id for g in list_gemeenten(app.engine, ADMIN, regio_id=regio.id)}
    code = issue_code(app.engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id).code
    log_in(page, app.url, code)
    page.get_by_role("link", name="Excel inlezen").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        [
            {"name": "noordhoek.xlsx", "mimeType": XLSX, "buffer": filled("Noordhoek-Test")},
            {"name": "zuidhoek.xlsx", "mimeType": XLSX, "buffer": filled("Zuidhoek-Test")},
            {"name": "kapot.xlsx", "mimeType": XLSX, "buffer": b"Dit is geen werkboek."},
        ]
    )
    expect(page.get_by_text("Dit is geen Excel-bestand dat we kunnen lezen.", exact=False)).to_be_visible()
    expect(page.get_by_text("Gemeente: Noordhoek-Test", exact=False)).to_be_visible()
    page.get_by_role("button", name="Inlezen bevestigen (2 van 3 bestanden)").click()
    expect(page.get_by_text("noordhoek.xlsx is ingelezen als nieuwe ronde van Noordhoek-Test.")).to_be_visible()
    expect(page.get_by_text("zuidhoek.xlsx is ingelezen als nieuwe ronde van Zuidhoek-Test.")).to_be_visible()
    with reading(app.engine) as session:
        stored = session.scalar(select(func.count()).select_from(RondeRow).where(RondeRow.gemeente_id.in_(ids)))
    assert stored == 2

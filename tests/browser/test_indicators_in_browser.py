"""Procesindicatoren in chromium: choose from the template, read in figures, see the lines, share without names."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from domain.access import Role
from services.access_codes import issue_code
from services.regio import create_regio
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_regio_in_browser import download
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHOSEN = [
    "Overdrachten van Veilig Thuis aan het lokale team",
    "Wachttijd na overdracht",
    "Gezinnen met een veiligheidsplan",
]
GEMEENTEN = ["Oosterdam", "Westerveld", "Zuiderzand"]


def figures_file() -> bytes:
    """Overdrachten for three gemeenten over three quarters; Westerveld had 3 in 2026-K1."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cijfers"
    ws.append(["indicator", "gemeente", "periode", "waarde"])
    for period, counts in (("2025-K3", (12, 20, 9)), ("2025-K4", (14, 18, 7)), ("2026-K1", (11, 3, 8))):
        for name, count in zip(GEMEENTEN, counts, strict=True):
            ws.append(["vt-overdrachten", name, period, count])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def choose_part(page, label: str) -> None:
    page.get_by_test_id("stRadio").filter(has_text="Wat wilt u zien?").get_by_text(label, exact=True).click()
    wait_until_drawn(page)


def test_a_regio_defines_indicators_reads_figures_sees_lines_and_shares_them_without_names(app, page):
    regio = create_regio(app.engine, ADMIN, name="Regio Monitor", gemeente_names=GEMEENTEN)
    log_in(page, app.url, issue_code(app.engine, ADMIN, role=Role.REGIO, label="regio", regio_id=regio.id).code)
    page.get_by_role("link", name="Procesindicatoren").click()
    expect(page.get_by_role("heading", name="Procesindicatoren", exact=True)).to_be_visible()

    # Three indicators from the template set.
    choose_part(page, "De set")
    for name in CHOSEN:
        page.get_by_role("combobox", name="Indicatoren uit de voorbeeldset").click()
        page.keyboard.type(name[:12])
        page.get_by_role("option", name=name).click()
    page.keyboard.press("Escape")  # close the open list of options
    page.get_by_role("button", name="Toevoegen aan de set van de regio").click()
    expect(page.get_by_text("3 indicatoren toegevoegd.")).to_be_visible()

    # A figures file for three gemeenten over three periods.
    choose_part(page, "Cijfers leveren")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": "cijfers.xlsx", "mimeType": XLSX, "buffer": figures_file()}
    )
    page.get_by_role("button", name="Inlezen", exact=True).click()
    expect(page.get_by_text("9 cijfers ingelezen, waarvan 9 nieuw of gewijzigd.")).to_be_visible()

    # The lines, with the small count as "minder dan 5" in the table beside them.
    choose_part(page, "Verloop")
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible()
    table = page.get_by_test_id("stTable")
    expect(table.get_by_role("row").filter(has_text="Westerveld")).to_contain_text("minder dan 5")
    expect(table.get_by_role("row").filter(has_text="Regio").first).to_contain_text("41")

    # The anonymised file, from what the regio fixed to share: no gemeente named, no gemeente's own figure.
    page.goto(f"{app.url}/regio?onderdeel=delen")
    page.get_by_role("button", name="Deze stand vastleggen en delen").click()
    expect(page.get_by_text("De nieuwe stand is vastgelegd.")).to_be_visible()
    page.goto(f"{app.url}/indicatoren?onderdeel=delen")
    wb = openpyxl.load_workbook(io.BytesIO(download(page, "Zonder namen (.xlsx)")))
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert not any(name in c for c in cells for name in GEMEENTEN)
    assert "22" in cells and "som van 3 gemeenten" in cells  # 2026-K1: 11 + 3 + 8, the sum only
    # Nothing of Westerveld's own small count: the figures are the sums (the "Gemeenten" column says how many
    # gemeenten each rests on), never one gemeente's 3 or "minder dan 5".
    figures = [
        row
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
        if row[0] == CHOSEN[0] and row[1] == "aantal"
    ]
    assert [(str(row[2]), str(row[3]), str(row[5])) for row in figures] == [
        ("2025-K3", "41", "3"),
        ("2025-K4", "39", "3"),
        ("2026-K1", "22", "3"),
    ]
    assert "minder dan 5" not in cells

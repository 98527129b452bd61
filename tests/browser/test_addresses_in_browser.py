"""Every address of the app leads somewhere a person can go on from: never Streamlit's blocking dialog."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from domain.access import Role
from services.access_codes import issue_code
from tests.browser.test_scan_in_browser import log_in, new_gemeente
from tests.conftest import ADMIN

pytestmark = pytest.mark.browser


def test_the_regio_pages_own_address_with_a_part_opens_that_part(app, page):
    regio, *_ = new_gemeente(app)
    log_in(page, app.url, issue_code(app.engine, ADMIN, role=Role.REGIO, label="regio", regio_id=regio.id).code)
    page.goto(f"{app.url}/regio?onderdeel=vragen")
    expect(page.get_by_role("heading", name="x van y gemeenten, per vraag")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_back_after_logging_out_asks_to_log_in_again(app, page):
    _, _, _, code, _, round_id = new_gemeente(app)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/scan?ronde={round_id}")
    page.get_by_role("link", name="Uitloggen").click()
    expect(page.get_by_label("Toegangscode")).to_be_visible()
    page.go_back()  # back to where the person was: never the blocking "page not found" dialog
    expect(page.get_by_label("Toegangscode")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.goto(f"{app.url}/scan?ronde={round_id}")  # the page's address, as a bookmark has it
    expect(page.get_by_text("Log in om die pagina te zien.")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_a_page_of_another_role_says_so_with_a_way_on(app, page):
    _, _, _, code, _, _ = new_gemeente(app)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/beheer")
    expect(page.get_by_role("heading", name="Deze pagina is er niet voor u")).to_be_visible()
    page.get_by_role("link", name="Naar uw startpagina").click()
    expect(page.get_by_role("heading", name="Deze pagina is er niet voor u")).to_have_count(0)

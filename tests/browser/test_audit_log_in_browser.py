"""The audit log as a beheerder uses it: a wrong code, a login, a download and a logout, each with the browser's
address, read on the Logboek page and in its CSV file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from domain.access import Role
from domain.audit import Action
from services import audit
from services.access_codes import issue_code
from tests.browser.conftest import DOWNLOAD_WAIT_MS
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN

pytestmark = pytest.mark.browser


def test_a_beheerder_reads_a_failed_login_a_download_and_a_logout_in_the_log(app, page):
    code = issue_code(app.engine, ADMIN, role=Role.BEHEERDER, label="proef logboek", regio_id=None).code
    page.goto(app.url)
    page.get_by_label("Toegangscode").fill("AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    log_in(page, app.url, code)
    page.goto(app.url + "/logboek")
    expect(page.get_by_role("heading", name="Logboek")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_text("mislukt: code klopt niet").first).to_be_visible()
    expect(table.get_by_text("127.0.0.1").first).to_be_visible()
    with page.expect_download(timeout=DOWNLOAD_WAIT_MS) as info:
        page.get_by_role("button", name="Logboek downloaden (.csv)").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text("utf-8-sig")), delimiter=";"))
    assert any(r[1] == "inloggen" and r[3] == "gelukt" and "proef logboek" in r[5] for r in rows[1:])
    page.get_by_role("link", name="Uitloggen").click()
    expect(page.get_by_label("Toegangscode")).to_be_visible()
    newest = {e.action: e for e in reversed(audit.events(app.engine, ADMIN))}
    assert newest[Action.LOGOUT].actor.startswith("proef logboek") and newest[Action.LOGOUT].origin == "127.0.0.1"
    assert newest[Action.DOWNLOAD].object.startswith("logboek-")

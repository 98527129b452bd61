"""The regio checks what leaves it in the toelichtingen, in a real browser: the replaced words with what they
become and why, each text as it goes into the files, and a word kept for next time, chosen with the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from domain.access import Role
from services.access_codes import issue_code
from services.regio import get_regio
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, principal_for, regio_with_rounds

pytestmark = pytest.mark.browser
TEXT = "Overleg met Piet de Boer (06-12345678) en het team Visser Jeugdzorg van Veilig Thuis."


@pytest.fixture
def regio_with_a_name(app):
    regio = regio_with_rounds(app.engine, "Regio Teksten", ["Aa", "Bee", "Cee"], lambda _: set(), {4: TEXT})
    return regio, issue_code(app.engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id).code


def test_the_regio_sees_what_is_replaced_and_keeps_a_word_with_the_keyboard(app, page, regio_with_a_name):
    regio, code = regio_with_a_name
    log_in(page, app.url, code)
    page.goto(f"{app.url}/regio?onderdeel=delen")
    wait_until_drawn(page)
    page.get_by_text("Toelichtingen meenemen").click()
    wait_until_drawn(page)
    table = page.get_by_role("table").filter(has_text="Woord zoals getypt")
    expect(table).to_contain_text("Piet de Boer")
    expect(table).to_contain_text("lijkt de naam van een persoon")
    expect(table).to_contain_text("telefoonnummer")
    page.get_by_text("Bekijk de toelichtingen zoals ze in de bestanden komen").click()
    expect(
        page.get_by_text("Overleg met [persoon] ([telefoon]) en het team [persoon] van Veilig Thuis.").first
    ).to_be_visible()
    keep = page.get_by_role("combobox", name="Deze woorden laten staan")
    keep.focus()
    page.keyboard.type("Visser")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_drawn(page)
    expect(page.get_by_text("en het team Visser Jeugdzorg van Veilig Thuis.").first).to_be_visible()
    assert get_regio(app.engine, principal_for(Role.REGIO, regio), regio_id=regio.id).words_kept == (
        "Visser Jeugdzorg",
    )

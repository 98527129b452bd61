"""Nothing a person types or pastes is lost: over a limit the text stays with a Dutch message, and a page left
before its text was saved asks first. Done as a person would, in chromium, also with both cores kept busy."""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from domain.plan import PlanLayout
from services.plans import create_gemeente_plan
from services.scan import open_scan
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_scan_in_browser import log_in, new_gemeente, question

pytestmark = pytest.mark.browser

LONG = ("Dit is een lange toelichting over hoe het gaat. " * 200)[:6012]  # over the 5.000 of a toelichting


def paste(page: Page, label: str, text: str) -> None:
    """Paste over what the field holds, as a person does (Ctrl+A, Ctrl+V: the whole text at once), then leave it."""
    field = page.get_by_role("textbox", name=label, exact=True)
    field.click()
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+V")
    page.keyboard.press("Tab")


@pytest.fixture
def pasting(page: Page) -> Page:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return page


def test_a_toelichting_pasted_over_its_limit_stays_and_says_what_to_do(app, pasting):
    page = pasting
    _, _, _, code, me, round_id = new_gemeente(app)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/scan?ronde={round_id}&blok=1")
    expect(question(page, 1)).to_be_visible()
    label = "Toelichting bij vraag 1 (niet verplicht)"
    paste(page, label, LONG)
    expect(page.get_by_text("Deze tekst is 6.012 tekens lang; hier passen er 5.000.")).to_be_visible()
    expect(page.get_by_label(label)).to_have_value(LONG)  # the whole text, nothing dropped
    assert 1 not in open_scan(app.engine, me, round_id=round_id).answers  # not stored while it does not fit
    field = page.get_by_label(label)
    field.fill(LONG[:4900])
    page.keyboard.press("Tab")
    expect(page.get_by_text("Deze tekst is 6.012 tekens lang")).to_have_count(0)
    wait_until_drawn(page)
    assert open_scan(app.engine, me, round_id=round_id).answers[1].toelichting == LONG[:4900]


def test_a_plan_text_pasted_over_its_limit_stays_and_says_what_to_do(app, pasting):
    page = pasting
    _, _, _, code, me, round_id = new_gemeente(app)
    plan_id = create_gemeente_plan(app.engine, me, round_id=round_id, layout=PlanLayout.PER_STANDAARD)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/verbeterplan?plan={plan_id}")
    label = "Inleiding"
    expect(page.get_by_role("textbox", name=label, exact=True)).to_be_visible()
    text = ("Het plan is samen met de partners gemaakt. " * 700)[:25_000]
    paste(page, label, text)
    expect(page.get_by_text("Deze tekst is 25.000 tekens lang; hier passen er 20.000.")).to_be_visible()
    expect(page.get_by_role("textbox", name=label, exact=True)).to_have_value(text)


def test_a_login_code_pasted_with_too_much_around_it_is_not_silently_dropped(app, pasting):
    page = pasting
    page.goto(app.url)
    paste(page, "Toegangscode", "AAAA-BBBB-CCCC-DDDD " * 4)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()


def test_leaving_a_page_right_after_typing_is_safe_even_with_both_cores_busy(app, page):
    """The text is stored, or the browser asked before the page was left: never silently gone."""
    _, _, _, code, me, round_id = new_gemeente(app)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/scan?ronde={round_id}&blok=1")
    expect(question(page, 1)).to_be_visible()
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    try:
        for n, text in ((2, "Net getypt, meteen weg."), (3, "En nog een, ook meteen.")):
            field = page.get_by_label(f"Toelichting bij vraag {n} (niet verplicht)")
            field.click()
            page.keyboard.type(text)
            page.keyboard.press("Tab")
            page.reload()  # at once: the run that stores the text may not have happened yet
            expect(question(page, 1)).to_be_visible(timeout=60_000)
            stored = open_scan(app.engine, me, round_id=round_id).answers.get(n)
            assert (stored is not None and stored.toelichting == text) or "beforeunload" in asked, (n, asked)
    finally:
        for p in busy:
            p.kill()

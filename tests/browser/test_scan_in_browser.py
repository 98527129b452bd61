"""The flows a person clicks through, in Debian's chromium against the running app."""

from __future__ import annotations

import itertools
import re
import time
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Participant, Purpose
from services.access_codes import issue_code
from services.regio import create_regio, list_gemeenten
from services.scan import open_scan, start_round
from tests.browser.conftest import start_app
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser

OP_LABEL, NIET_LABEL = "✓ Op orde", "✗ Niet op orde"
TOELICHTINGEN = {
    2: "Visie wordt in juni vastgesteld.",
    17: "Caseload is 22 gezinnen.",
    31: "Escalatieroute <ontbreekt>",
}
_names = itertools.count()


def expected(n: int) -> AnswerValue:
    return AnswerValue.NIET_OP_ORDE if n % 3 == 0 else AnswerValue.OP_ORDE


def new_gemeente(app, name: str = "Aadorp"):
    """A fresh regio with one gemeente, a login code for it, and a round."""
    regio = create_regio(app.engine, ADMIN, name=f"Regio {next(_names)}", gemeente_names=[name, "Buurdorp"])
    gemeenten = list_gemeenten(app.engine, ADMIN, regio_id=regio.id)
    gemeente = next(g for g in gemeenten if g.name == name)
    other = next(g for g in gemeenten if g.name != name)
    code = issue_code(
        app.engine, ADMIN, role=Role.GEMEENTE, label=f"team {name}", regio_id=regio.id, gemeente_id=gemeente.id
    ).code
    me = principal_for(Role.GEMEENTE, regio, gemeente, label=f"team {name}")
    round_id = start_round(
        app.engine, me, gemeente_id=gemeente.id, held_on=date(2026, 3, 5), purpose=Purpose.NULMETING,
        participants=[Participant(role="Teamleider")],
    )  # fmt: skip
    return regio, gemeente, other, code, me, round_id


def log_in(page: Page, url: str, code: str) -> None:
    """Log in on the login page, and wait until the browser holds the login cookie."""
    page.goto(url)
    page.get_by_label("Toegangscode").fill(code)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("link", name="Uitloggen")).to_be_visible()
    deadline = time.monotonic() + 10
    while not any(c["name"] == "zelfscan_sessie" for c in page.context.cookies()):
        assert time.monotonic() < deadline, "the login cookie was never set"
        page.wait_for_timeout(50)


def question(page: Page, n: int):
    return page.get_by_test_id("stRadio").filter(has_text=f"Vraag {n}. ")


def choose_block(page: Page, number: int) -> None:
    page.get_by_test_id("stRadio").filter(has_text="Welk blok").get_by_text(f"Blok {number}:").click()
    expect(question(page, 1 if number == 1 else 15)).to_be_visible()


def answer_fast(page: Page, numbers: range) -> None:
    for n in numbers:
        question(page, n).get_by_text(NIET_LABEL if expected(n) is AnswerValue.NIET_OP_ORDE else OP_LABEL).click()
        if n in TOELICHTINGEN:
            page.get_by_label(f"Toelichting bij vraag {n} (niet verplicht)").fill(TOELICHTINGEN[n])


def assert_checked(page: Page, numbers: range) -> None:
    for n in numbers:
        label = NIET_LABEL if expected(n) is AnswerValue.NIET_OP_ORDE else OP_LABEL
        expect(question(page, n).locator("label:has(input:checked)")).to_have_text(label)


def test_all_31_answers_clicked_fast_survive_a_reload(app, page):
    _, _, _, code, me, round_id = new_gemeente(app)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/scan?ronde={round_id}&blok=1")
    expect(question(page, 1)).to_be_visible()
    answer_fast(page, range(1, 15))
    choose_block(page, 2)
    answer_fast(page, range(15, 32))
    page.keyboard.press("Tab")  # leave the last toelichting, which commits it
    expect(page.get_by_text(re.compile(r"^31 van 31 vragen beantwoord"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Bewaard om .*de toelichting bij vraag 31\.$"))).to_be_visible()

    page.reload()
    expect(question(page, 15)).to_be_visible()
    assert_checked(page, range(15, 32))
    choose_block(page, 1)
    assert_checked(page, range(1, 15))
    expect(page.get_by_label("Toelichting bij vraag 2 (niet verplicht)")).to_have_value(TOELICHTINGEN[2])

    answers = open_scan(app.engine, me, round_id=round_id).answers
    assert {n: a.value for n, a in answers.items() if a.value} == {n: expected(n) for n in range(1, 32)}
    assert {n: answers[n].toelichting for n in TOELICHTINGEN} == TOELICHTINGEN


def test_the_results_page_shows_the_spinnenweb_and_its_table(app, page):
    _, _, _, code, _, round_id = new_gemeente(app)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/scan?ronde={round_id}&blok=1")
    answer_fast(page, range(1, 4))
    expect(page.get_by_text(re.compile(r"^3 van 31 vragen beantwoord"))).to_be_visible()

    page.goto(f"{app.url}/resultaten?ronde={round_id}")
    chart = page.get_by_test_id("stPlotlyChart")
    expect(chart).to_be_visible()
    for standard in range(1, 11):
        expect(chart.locator(".angularaxistick").get_by_text(f"{standard}. ").first).to_be_attached()
    expect(chart.locator(".scatterlayer .points path")).not_to_have_count(0)
    expect(chart.get_by_text("1. Integrale visie", exact=True)).to_be_visible()
    expect(chart.get_by_text("(geen antwoorden)").first).to_be_visible()
    expect(page.get_by_test_id("stTable")).to_contain_text("Nog geen vraag beantwoord")
    expect(page.get_by_text("Vraag 3", exact=False).first).to_be_visible()


def test_a_gemeente_starts_a_round_from_the_start_page(app, page):
    _, _, _, code, _, _ = new_gemeente(app, "Zuiderhoek")
    log_in(page, app.url, code)
    expect(page.get_by_role("heading", name="Rondes van Zuiderhoek")).to_be_visible()
    page.get_by_text("Evaluatie (terugkijken na een periode)").click()
    page.get_by_role("combobox", name="Rol deelnemer 1").click()
    page.keyboard.type("Jeugdpro")
    page.get_by_role("option", name="Jeugdprofessional").click()
    page.get_by_role("button", name="Ronde starten").click()
    expect(page.get_by_role("heading", name="Scan invullen: Zuiderhoek")).to_be_visible()
    expect(question(page, 1)).to_be_visible()


def test_the_participants_of_a_round_can_be_changed_from_the_scan_page(app, page):
    _, _, _, code, me, round_id = new_gemeente(app)
    log_in(page, app.url, code)
    page.goto(f"{app.url}/scan?ronde={round_id}&blok=1")
    page.get_by_role("button", name="Datum, doel of deelnemers wijzigen").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Naam deelnemer 2 (niet verplicht)").fill("J. Jansen")
    dialog.get_by_role("button", name="Gegevens opslaan").click()
    expect(dialog.get_by_text("Kies een rol voor deelnemer 2 (J. Jansen).")).to_be_visible()
    dialog.get_by_role("combobox", name="Rol deelnemer 2").click()
    page.keyboard.type("Gedragsweten")
    page.get_by_role("option", name="Gedragswetenschapper").click()
    dialog.get_by_role("button", name="Gegevens opslaan").click()
    expect(page.get_by_text("Deelnemers: Teamleider, Gedragswetenschapper (J. Jansen).")).to_be_visible()
    info = open_scan(app.engine, me, round_id=round_id).info
    assert [(p.name, p.role) for p in info.participants] == [("", "Teamleider"), ("J. Jansen", "Gedragswetenschapper")]


def test_the_first_request_to_a_page_on_a_fresh_server_goes_through_the_router(tmp_path, browser):
    for running in start_app(tmp_path):
        page = browser.new_page()
        page.goto(f"{running.url}/scan")
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav).to_contain_text("Inloggen")
        expect(nav).not_to_contain_text("scan")
        page.close()

"""Eerst ieder apart, dan samen, in chromium: three partners on three devices, the gemeente, the regio."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services.access import login
from services.access_codes import issue_code
from services.partners import invite_partner, save_partner_changes
from services.regio import create_regio, list_gemeenten
from services.scan import ValueChange, open_scan, start_round
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_scan_in_browser import NIET_LABEL, OP_LABEL, log_in, question
from tests.conftest import ADMIN, answer_all, principal_for

pytestmark = pytest.mark.browser

PARTNERS = ("Veilig Thuis", "Jeugdprofessional", "GI (gecertificeerde instelling)")


def device(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def other_gemeente_apart(app, regio, gemeente, *, differ_on_3: bool) -> None:
    """A gemeente whose two partners answered alone (via the services), and whose round counts."""
    me = principal_for(Role.GEMEENTE, regio, gemeente, label=f"team {gemeente.name}")
    round_id = start_round(
        app.engine, me, gemeente_id=gemeente.id, held_on=date(2026, 4, 1), purpose=Purpose.NULMETING, participants=[]
    )
    for role, niet in (("Veilig Thuis", {3} if differ_on_3 else set()), ("Teamleider", set())):
        code = invite_partner(app.engine, me, round_id=round_id, role=role).code
        partner = login(app.engine, code=code, client_key=f"{gemeente.name}-{role}").principal
        changes = [
            ValueChange(question_number=n, value=AnswerValue.NIET_OP_ORDE if n in niet else AnswerValue.OP_ORDE)
            for n in range(1, 6)
        ]
        save_partner_changes(app.engine, partner, changes=changes)
    answer_all(app.engine, me, round_id, niet=set())


def invite(page: Page, role: str) -> str:
    """Invite one partner on the Samen page; return the code the page shows once."""
    page.get_by_role("combobox", name="Rol van de partner").click()
    page.keyboard.type(role[:8])
    page.get_by_role("option", name=role, exact=True).click()
    page.get_by_role("button", name="Code maken").click()
    shown = page.get_by_test_id("stAlertContentSuccess").filter(has_text=f"De code voor {role} is")
    expect(shown).to_be_visible()
    return re.search(r"[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}", shown.inner_text()).group(0)


def answer_alone(page: Page, niet: set[int], note: str | None = None) -> None:
    expect(page.get_by_role("heading", name=re.compile(r"^Uw eigen antwoorden"))).to_be_visible()
    for n in range(1, 6):
        question(page, n).get_by_text(NIET_LABEL if n in niet else OP_LABEL).click()
    if note:
        page.get_by_label("Toelichting bij vraag 3 (niet verplicht)").fill(note)
        page.keyboard.press("Tab")
    expect(page.get_by_text(re.compile(r"^5 van 31 vragen beantwoord"))).to_be_visible()


def test_three_partners_answer_alone_the_gemeente_agrees_and_the_regio_sees_only_a_count(app, browser):
    regio = create_regio(app.engine, ADMIN, name="Regio Apart", gemeente_names=["Aadorp", "Beekdal", "Cranendonk"])
    aadorp, beekdal, cranendonk = list_gemeenten(app.engine, ADMIN, regio_id=regio.id)
    other_gemeente_apart(app, regio, beekdal, differ_on_3=True)
    other_gemeente_apart(app, regio, cranendonk, differ_on_3=False)
    me = principal_for(Role.GEMEENTE, regio, aadorp, label="team Aadorp")
    round_id = start_round(
        app.engine, me, gemeente_id=aadorp.id, held_on=date(2026, 5, 6), purpose=Purpose.NULMETING, participants=[]
    )
    gemeente_code = issue_code(
        app.engine, ADMIN, role=Role.GEMEENTE, label="team Aadorp", regio_id=regio.id, gemeente_id=aadorp.id
    ).code

    # The gemeente chooses "eerst ieder apart" and invites three partners, each with a code of their own.
    gemeente = device(browser)
    log_in(gemeente, app.url, gemeente_code)
    gemeente.goto(f"{app.url}/samen?ronde={round_id}")
    gemeente.get_by_role("button", name="Partners eerst apart laten invullen").click()
    codes = [invite(gemeente, role) for role in PARTNERS]
    assert len(set(codes)) == 3

    # Three devices: each partner answers alone. Veilig Thuis sees question 3 differently.
    devices = [device(browser) for _ in PARTNERS]
    for page, code in zip(devices, codes, strict=True):
        log_in(page, app.url, code)
    answer_alone(devices[0], {3}, note="Opdracht is alleen mondeling gegeven.")
    answer_alone(devices[1], set())
    answer_alone(devices[2], set())
    devices[0].get_by_role("button", name="Mijn antwoorden inleveren").click()
    expect(devices[0].get_by_text(re.compile("^U heeft uw antwoorden ingeleverd"))).to_be_visible()
    assert open_scan(app.engine, me, round_id=round_id).answers == {}  # nobody's view became the answer

    # The gemeente closes the individual phase, sees question 3 first with the spread by role, and agrees.
    gemeente.goto(f"{app.url}/samen?ronde={round_id}")
    gemeente.get_by_text("Ja, ik wil het apart invullen afsluiten").click()
    gemeente.get_by_role("button", name="Apart invullen afsluiten").click()
    wait_until_drawn(gemeente)
    first = gemeente.locator("strong", has_text=re.compile(r"^Vraag \d+\. ")).first
    expect(first).to_have_text(re.compile(r"^Vraag 3\. "))  # the disagreement comes first
    expect(gemeente.get_by_text("Partners oneens: 2 × op orde, 1 × niet op orde: Veilig Thuis")).to_be_visible()
    expect(gemeente.get_by_role("cell", name="Opdracht is alleen mondeling gegeven.")).to_be_visible()
    choice = gemeente.get_by_role("radiogroup", name="Samen vastgesteld antwoord op vraag 3", exact=True)
    form = gemeente.get_by_test_id("stForm").filter(has=choice)
    choice.get_by_text("Niet op orde", exact=True).click()
    why = "VT ziet dat de opdracht niet op papier staat."
    form.get_by_label("Toelichting bij vraag 3: waarom dit antwoord", exact=True).fill(why)
    form.get_by_role("button", name="Antwoord vaststellen").click()
    expect(gemeente.get_by_role("heading", name="Wie stelde wat vast")).to_be_visible()
    agreed = open_scan(app.engine, me, round_id=round_id).answers[3]
    assert (agreed.value, agreed.toelichting) == (AnswerValue.NIET_OP_ORDE, why)

    # The regio sees at how many gemeenten partners differed on question 3, and no name of a gemeente or role:
    # only once it fixed what it shares. With three gemeenten it chooses to show "0 van 3" and "3 van 3" as is.
    regio_page = device(browser)
    log_in(regio_page, app.url, issue_code(app.engine, ADMIN, role=Role.REGIO, label="regio", regio_id=regio.id).code)
    regio_page.goto(f"{app.url}/regio?onderdeel=partners")
    expect(regio_page.get_by_text("De regio heeft nog geen cijfers gedeeld.")).to_be_visible()
    regio_page.goto(f"{app.url}/regio?onderdeel=regels")
    regio_page.get_by_text("Gewoon tonen", exact=True).click()
    regio_page.get_by_role("button", name="Regels opslaan").click()
    expect(regio_page.get_by_text("De regels zijn opgeslagen.")).to_be_visible()
    regio_page.goto(f"{app.url}/regio?onderdeel=delen")
    regio_page.get_by_role("button", name="Deze stand vastleggen en delen").click()
    expect(regio_page.get_by_text("De nieuwe stand is vastgelegd.")).to_be_visible()
    regio_page.goto(f"{app.url}/regio?onderdeel=partners")
    table = regio_page.get_by_test_id("stTable")
    expect(table.get_by_role("row").filter(has_text="3. Heeft de gemeente")).to_contain_text("2 van 3 gemeenten")
    text = regio_page.get_by_test_id("stMain").inner_text()
    for secret in ("Aadorp", "Beekdal", "Cranendonk", "Jeugdprofessional", "gecertificeerde", "mondeling", "papier"):
        assert secret not in text
    for page in (gemeente, regio_page, *devices):
        page.context.close()

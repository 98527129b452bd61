"""WCAG 2.1 AA in a real browser: axe-core on the login page, a no-access message and an open verbeterplan, and the
scan by keyboard alone. Every page of every role is checked in tests/browser/test_every_page_in_browser.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from demo.seed import load_demo_region
from domain.access import Role
from services.access_codes import demo_codes
from services.regio import list_gemeenten
from services.scan import list_rounds, open_scan
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_every_page_in_browser import serious_violations as axe_findings
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import principal_for

pytestmark = pytest.mark.browser


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings (beside its ALLOWED ones), once the page is drawn."""
    expect(page.locator("h1").first).to_be_visible()
    wait_until_drawn(page)  # axe must not see the faded elements of a run still going
    return axe_findings(page)


@pytest.fixture(scope="module")
def demo(app):
    regio = load_demo_region(app.engine)
    aalsveen = next(
        g
        for g in list_gemeenten(app.engine, principal_for(Role.REGIO, regio), regio_id=regio.id)
        if g.name == "Aalsveen"
    )
    round_id = list_rounds(app.engine, principal_for(Role.REGIO, regio), gemeente_id=aalsveen.id)[0].id
    codes = {label: code for _, label, code in demo_codes(app.engine)}
    return regio, round_id, codes


def test_the_login_page_and_its_error_message_have_no_serious_violations(app, page, demo):
    page.goto(app.url)
    assert serious_violations(page) == []
    page.get_by_label("Toegangscode").fill("AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    assert serious_violations(page) == []


def test_a_no_access_message_has_no_serious_violations(app, page, demo):
    regio, _, codes = demo
    brakeloo = next(
        g
        for g in list_gemeenten(app.engine, principal_for(Role.REGIO, regio), regio_id=regio.id)
        if g.name == "Brakeloo"
    )
    other_round = list_rounds(app.engine, principal_for(Role.REGIO, regio), gemeente_id=brakeloo.id)[0].id
    log_in(page, app.url, codes["Demo Aalsveen"])
    page.goto(f"{app.url}/scan?ronde={other_round}")
    expect(page.get_by_text("U heeft geen toegang tot deze gegevens.")).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("part", [0, 2, 6, 7])
def test_an_open_verbeterplan_has_no_serious_violations(app, page, demo, part):
    from domain.plan import PlanLayout
    from services.plans import create_gemeente_plan

    regio, round_id, codes = demo
    aalsveen = open_scan(app.engine, principal_for(Role.REGIO, regio), round_id=round_id).info
    me = principal_for(Role.GEMEENTE, regio, None, label="Demo Aalsveen").model_copy(
        update={"gemeente_id": aalsveen.gemeente_id}
    )
    plan_id = create_gemeente_plan(app.engine, me, round_id=round_id, layout=PlanLayout.PER_STANDAARD)
    log_in(page, app.url, codes["Demo Aalsveen"])
    page.goto(f"{app.url}/verbeterplan?plan={plan_id}&deel={part}")
    assert serious_violations(page) == []


FOCUS = """(() => {
  const e = document.activeElement;
  const group = e.closest('[data-testid=stRadio]');
  return {type: e.type || '', text: (e.getAttribute('aria-label') || e.innerText || '').slice(0, 60),
          group: group ? group.querySelector('[data-testid=stWidgetLabel]').innerText.slice(0, 30) : ''};
})()"""


def tab_to(page: Page, wanted, limit: int = 120) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if wanted(focus):
            return focus
    raise AssertionError("the keyboard never reached what it looked for")


def test_a_whole_scan_can_be_filled_in_with_the_keyboard_alone(app, page):
    from tests.browser.test_scan_in_browser import new_gemeente

    _, _, _, code, me, round_id = new_gemeente(app, "Toetsendorp")
    page.goto(app.url)
    tab_to(page, lambda f: f["text"] == "Toegangscode")
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Rondes van Toetsendorp")).to_be_visible()
    tab_to(page, lambda f: "Verder invullen" in f["text"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Scan invullen: Toetsendorp")).to_be_visible()
    # Streamlit loads the text area's code on first use: until then the tab order skips the
    # toelichtingen, and the walk below would reach block 2 before it found vraag 3's.
    expect(page.get_by_label("Toelichting bij vraag 1 (niet verplicht)")).to_be_visible()

    answered: set[int] = set()
    typed = on_to_2 = False
    for _ in range(600):
        focus = page.evaluate(FOCUS)
        number = re.match(r"Vraag (\d+)\.", focus["group"])
        if focus["type"] == "radio" and number and int(number.group(1)) not in answered:
            n = int(number.group(1))
            page.keyboard.press("ArrowRight" if n % 2 == 0 else "Space")  # even: niet op orde
            answered.add(n)
        elif focus["type"] == "textarea" and focus["text"].startswith("Toelichting bij vraag 3 ") and not typed:
            page.keyboard.type("Met het toetsenbord ingevuld.")
            typed = True
        elif focus["group"].startswith("Welk blok") and len(answered) == 14 and not on_to_2:
            page.keyboard.press("ArrowDown")  # on to block 2; once: on the last option it wraps to block 1
            on_to_2 = True
            expect(page.get_by_role("radiogroup", name=re.compile(r"^Vraag 15\."))).to_be_visible()
        if len(answered) == 31:
            break
        page.keyboard.press("Tab")
    expect(page.get_by_text("31 van 31 vragen beantwoord", exact=False)).to_be_visible()
    tab_to(page, lambda f: "Bekijk de resultaten" in f["text"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Resultaten: Toetsendorp")).to_be_visible()

    answers = open_scan(app.engine, me, round_id=round_id).answers
    assert {n: a.value.value for n, a in answers.items() if a.value} == {
        n: "niet_op_orde" if n % 2 == 0 else "op_orde" for n in range(1, 32)
    }
    assert answers[3].toelichting == "Met het toetsenbord ingevuld."

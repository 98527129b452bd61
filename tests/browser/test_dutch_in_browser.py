"""No English on any page or in any accessible name, for every role and state: visible text and
aria-label, title, placeholder and alt are read in a real browser and checked for English words."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from demo.seed import load_demo_region
from domain.access import Principal, Role
from domain.meeting import MeetingKind
from services import national
from services.access_codes import demo_codes, issue_code
from services.meeting import add_faq, create_meeting, show_results
from services.regio import list_gemeenten
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser

# Words that are English and not Dutch (so not: menu, open, link, data, plan, team, app, per, help,
# download, april, september, november, december). Any of them on screen or in a label fails the test.
ENGLISH = re.compile(
    r"\b(the|and|choose|option|options|select|selected|skip|content|heading|remove|found|running|clear|"
    r"previous|next|month|year|press|deploy|rerun|settings|print|record|about|loading|show|hide|fullscreen|"
    r"search|close|view|collapse|expand|sidebar|toggle|copy|clipboard|reset|autoscale|plot|produced|today|"
    r"increment|decrement|submit|keyboard|shortcut|cancel|delete|edit|yes|button|image|chart|row|sort|"
    r"ascending|descending|file|files|drag|drop|browse|limit|password|available|does|seem|exist|requested|"
    r"pages?|upload|january|february|march|may|june|july|august|october|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|date)\b",
    re.IGNORECASE,
)
COLLECT = """() => {
  const hidden = (e) => !!e.closest('[aria-hidden="true"], [data-testid="stIconMaterial"], style, script, noscript');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode, t = n.textContent.trim();
    if (t && n.parentElement && !hidden(n.parentElement)) out.push('tekst: ' + t);
  }
  for (const e of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-valuetext]')) {
    if (e.closest('[aria-hidden="true"]')) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']) {
      if (e.getAttribute(a)) out.push(a + ': ' + e.getAttribute(a));
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def demo(app):
    regio = load_demo_region(app.engine, national=True)
    national.publish(app.engine, NATIONAL_TEAM)
    codes = {label: code for _, label, code in demo_codes(app.engine)}
    facilitator = principal_for(Role.FACILITATOR, regio)
    gemeenten = list_gemeenten(app.engine, ADMIN, regio_id=regio.id)[:3]
    meeting_id = create_meeting(
        app.engine, facilitator, regio_id=regio.id, title="Startbijeenkomst", held_on=date.today(),
        kind=MeetingKind.START, gemeente_ids=[g.id for g in gemeenten], programme=[],
        new_round_for={g.id for g in gemeenten},
    )  # fmt: skip
    add_faq(app.engine, facilitator, meeting_id=meeting_id, question="Mag ik later verder?", answer="Ja.")
    show_results(app.engine, facilitator, meeting_id=meeting_id, shown=True)
    codes["installatie"] = issue_code(app.engine, ADMIN, role=Role.BEHEERDER, label="installatie", regio_id=None).code
    return codes, meeting_id


NATIONAL_TEAM = Principal(code_id=1, role=Role.LANDELIJK, label="Demo landelijk team")


# Plotly draws a chart in the browser after the run that sent it: its labels exist once its SVG does.
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.querySelector('.main-svg'))"""


def english_on(page: Page) -> list[str]:
    """Every English text on the page, once the page, its fragments and its charts are drawn."""
    expect(page.locator("h1").first).to_be_visible()
    wait_until_drawn(page)
    page.wait_for_function(CHARTS_DRAWN, polling=100)
    return sorted({item for item in page.evaluate(COLLECT) if ENGLISH.search(item.split(": ", 1)[1])})


REGIO_PARTS = ["overzicht", "spinnenweb", "vragen", "naast-elkaar", "toelichtingen", "partners", "delen", "landelijk"]
NATIONAL_PARTS = ["cijfers", "vragen", "verandering", "downloaden", "regios", "regels"]
INDICATOR_PARTS = ["verloop", "set", "beschikbaarheid", "leveren", "delen"]
PAGES = {
    None: ["/", "/deelnemen", "/begrippen", "/toegankelijkheid", "/bestaat-niet", "/deelnemen?bijeenkomst=²"],
    "Demo Aalsveen": [
        "/",
        "/scan",
        "/samen",
        "/resultaten",
        "/verbeterplan",
        "/geschiedenis",
        "/inlezen",
        "/indicatoren",
    ],
    "Demo regio": [
        *(f"/?onderdeel={part}" for part in REGIO_PARTS),
        *(f"/indicatoren?onderdeel={part}" for part in INDICATOR_PARTS),
        "/vergelijken",
        "/start",
        "/scan",
        "/resultaten",
        "/verbeterplan",
        "/inlezen",
    ],
    "Demo facilitator": ["/", "/?bijeenkomst={meeting_id}", "/scherm?bijeenkomst={meeting_id}", "/voortgang"],
    "Demo beheerder": ["/"],
    "Demo landelijk team": [f"/?onderdeel={part}" for part in NATIONAL_PARTS],
    "installatie": ["/", "/backup"],
}


@pytest.mark.parametrize("who", list(PAGES), ids=[str(w) for w in PAGES])
def test_no_english_on_any_page_of_this_role(app, page, demo, who):
    codes, meeting_id = demo
    if who is not None:
        log_in(page, app.url, codes[who])
    found = {}
    for path in PAGES[who]:
        page.goto(app.url + path.format(meeting_id=meeting_id))
        if english := english_on(page):
            found[path] = english
    assert found == {}


def test_no_english_in_the_date_picker_and_the_dropdowns(app, page, demo):
    codes, _ = demo
    log_in(page, app.url, codes["Demo Aalsveen"])
    page.get_by_test_id("stDateInput").first.get_by_role("button").first.click()  # the calendar opens
    assert english_on(page) == []

"""Every page of every role, read once in a real browser and checked twice: axe-core finds no serious violation of
WCAG 2.1 AA, and no English word is on screen or in an accessible name (aria-label, title, placeholder, alt,
aria-valuetext).

One walk per role serves both checks: loading a page costs far more than reading it, and the two checks used to walk
the same pages each on a server of their own. A role's pages are the ones in its navigation (a page added later is
covered at once) and the states the navigation does not reach: the parts of the regio and national pages, a round,
a running bijeenkomst's console and projector, a wrong address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from demo.seed import load_demo_region
from domain.access import Principal, Role
from domain.calendar import dutch_today
from domain.meeting import MeetingKind
from services import national
from services.access_codes import demo_codes, issue_code
from services.meeting import add_faq, create_meeting, show_results
from services.regio import list_gemeenten
from services.scan import list_rounds
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser

# Violations that come from Streamlit's own markup and cannot be fixed from the app are allowed only by name here:
# (rule id, element, upstream issue). None are needed today.
ALLOWED: set[tuple[str, str]] = set()

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
# Plotly draws a chart in the browser after the run that sent it: its labels exist once its SVG does.
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.querySelector('.main-svg'))"""

ROUND_PAGES = ("scan", "resultaten", "geschiedenis")  # opened on a round of Aalsveen, block 1
REGIO_PARTS = ["overzicht", "spinnenweb", "vragen", "naast-elkaar", "toelichtingen", "partners", "delen", "landelijk"]
NATIONAL_PARTS = ["cijfers", "vragen", "verandering", "downloaden", "regios", "regels"]
INDICATOR_PARTS = ["verloop", "set", "beschikbaarheid", "leveren", "delen"]
# Beside each role's navigation: what the navigation does not reach. None: before logging in.
BEYOND_THE_MENU = {
    None: ["/", "/deelnemen", "/begrippen", "/toegankelijkheid", "/bestaat-niet", "/deelnemen?bijeenkomst=²"],
    "Demo Aalsveen": ["/scan?ronde={live_round_id}"],  # its round at the running bijeenkomst: banner and FAQ
    "Demo regio": [
        *(f"/?onderdeel={part}" for part in REGIO_PARTS),
        *(f"/indicatoren?onderdeel={part}" for part in INDICATOR_PARTS),
        "/start",
        "/scan",
        "/resultaten",
        "/verbeterplan",
        "/inlezen",
    ],
    "Demo facilitator": ["/?bijeenkomst={meeting_id}", "/scherm?bijeenkomst={meeting_id}"],
    "Demo beheerder": [],
    "Demo landelijk team": [f"/?onderdeel={part}" for part in NATIONAL_PARTS],
    "installatie": ["/backup"],
}
NATIONAL_TEAM = Principal(code_id=1, role=Role.LANDELIJK, label="Demo landelijk team")
axe = Axe()


@dataclass
class Demo:
    codes: dict[str, str]
    meeting_id: int
    round_id: int  # a round of Aalsveen
    live_round_id: int  # Aalsveen's round at the running bijeenkomst
    walked: dict[str | None, dict[str, Seen]] = field(default_factory=dict)


@dataclass
class Seen:
    """What one page showed: its serious violations and its English texts."""

    violations: list[str]
    english: list[str]


@pytest.fixture(scope="module")
def demo(app) -> Demo:
    regio = load_demo_region(app.engine, national=True)
    national.publish(app.engine, NATIONAL_TEAM)
    codes = {label: code for _, label, code in demo_codes(app.engine)}
    codes["installatie"] = issue_code(app.engine, ADMIN, role=Role.BEHEERDER, label="installatie", regio_id=None).code
    reader = principal_for(Role.REGIO, regio)
    gemeenten = list_gemeenten(app.engine, reader, regio_id=regio.id)
    aalsveen = next(g for g in gemeenten if g.name == "Aalsveen")
    round_id = list_rounds(app.engine, reader, gemeente_id=aalsveen.id)[0].id
    facilitator = principal_for(Role.FACILITATOR, regio)
    at_meeting = gemeenten[:3]
    assert aalsveen in at_meeting
    meeting_id = create_meeting(
        app.engine, facilitator, regio_id=regio.id, title="Startbijeenkomst", held_on=dutch_today(),
        kind=MeetingKind.START, gemeente_ids=[g.id for g in at_meeting], programme=[],
        new_round_for={g.id for g in at_meeting},
    )  # fmt: skip
    add_faq(app.engine, facilitator, meeting_id=meeting_id, question="Mag ik later verder?", answer="Ja.")
    show_results(app.engine, facilitator, meeting_id=meeting_id, shown=True)
    live_round_id = list_rounds(app.engine, reader, gemeente_id=aalsveen.id)[0].id
    assert live_round_id != round_id
    return Demo(codes=codes, meeting_id=meeting_id, round_id=round_id, live_round_id=live_round_id)


def serious_violations(page: Page) -> list[str]:
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(node["target"])
            if (violation["id"], target) not in ALLOWED:
                found.append(f"{violation['id']} on {target}: {node['html'][:150]}")
    return found


def english_on(page: Page) -> list[str]:
    return sorted({item for item in page.evaluate(COLLECT) if ENGLISH.search(item.split(": ", 1)[1])})


def read(page: Page) -> Seen:
    """Both checks on the page, once it, its fragments and its charts are drawn (axe must not see the faded
    elements of a run still going)."""
    expect(page.locator("h1").first).to_be_visible()
    wait_until_drawn(page)
    page.wait_for_function(CHARTS_DRAWN, polling=100)
    return Seen(violations=serious_violations(page), english=english_on(page))


def nav_paths(page: Page) -> list[str]:
    nav = page.get_by_test_id("stSidebarNav")
    if nav.count() == 0:
        return []
    hrefs = nav.locator("a").evaluate_all("links => links.map(a => a.href)")
    return [re.sub(r"^https?://[^/]+", "", h) for h in hrefs if not h.endswith("/uitloggen")]


def walk(browser: Browser, url: str, demo: Demo, who: str | None) -> dict[str, Seen]:
    """Every page of this role, read once; cached for the module, so each role is walked once for both checks."""
    if who in demo.walked:
        return demo.walked[who]
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        if who is not None:
            log_in(page, url, demo.codes[who])
        else:
            page.goto(url)
        paths = []
        for path in nav_paths(page) + BEYOND_THE_MENU[who]:
            if path.strip("/") in ROUND_PAGES:
                path += f"?ronde={demo.round_id}&blok=1"
            path = path.format(meeting_id=demo.meeting_id, live_round_id=demo.live_round_id)
            if path not in paths:
                paths.append(path)
        seen = {}
        for path in paths:
            page.goto(url + path)
            seen[path] = read(page)
    finally:
        context.close()
    demo.walked[who] = seen
    return seen


ROLES = list(BEYOND_THE_MENU)


@pytest.mark.parametrize("who", ROLES, ids=[str(w) for w in ROLES])
def test_no_page_of_this_role_has_a_serious_accessibility_violation(app, browser, demo, who):
    found = {path: seen.violations for path, seen in walk(browser, app.url, demo, who).items() if seen.violations}
    assert found == {}


@pytest.mark.parametrize("who", ROLES, ids=[str(w) for w in ROLES])
def test_no_page_of_this_role_shows_english(app, browser, demo, who):
    found = {path: seen.english for path, seen in walk(browser, app.url, demo, who).items() if seen.english}
    assert found == {}


def test_the_date_picker_and_its_calendar_show_no_english(app, page, demo):
    log_in(page, app.url, demo.codes["Demo Aalsveen"])
    page.get_by_test_id("stDateInput").first.get_by_role("button").first.click()  # the calendar opens
    expect(page.locator("h1").first).to_be_visible()
    wait_until_drawn(page)
    assert english_on(page) == []

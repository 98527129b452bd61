"""Hostile text in every free-text field, looked at in a real browser on every page that shows it:
shown exactly as typed, and no link, bold, image, script or heading made from it."""

from __future__ import annotations

import time
from datetime import date
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page

from domain.access import Principal, Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from domain.meeting import MeetingKind
from domain.models import Participant, Purpose
from domain.plan import PlanLayout
from services.access import login
from services.access_codes import issue_code
from services.extra_questions import add_extra_question
from services.meeting import add_breakout, add_faq, create_meeting
from services.partners import invite_partner, save_partner_changes
from services.plan_edits import PlanChange, save_plan_changes
from services.plans import create_gemeente_plan
from services.regio import create_regio, list_gemeenten
from services.scan import ToelichtingChange, ValueChange, save_changes, start_round
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser

# Each text carries a marker (ZQ…) so the check can find whatever the browser made of it.
NAME = "ZQ1 **Vet** www.zq.example.org"
TEXTS = {
    "participant": "ZQ2 [klik](http://example.org) <b>vet</b>",
    "toelichting": "ZQ3 https://example.org/x iemand@example.org **vet** _schuin_ `code`",
    "title": "ZQ4 # **Plan** [link](http://example.org) ![beeld](x.png)",
    "period": 'ZQ5 <script>alert(1)</script> =HYPERLINK("x")',
    "meeting": "ZQ6 **Bijeenkomst** www.example.org",
    "faq": "ZQ7 [klik](http://example.org) _schuin_",
    "breakout": "ZQ8 <b>vet</b> iemand@example.org",
    "label": "ZQ9 **team** https://example.org",
    "partner": "ZQ10 [klik](http://example.org) **vet**",
    "partner_note": "ZQ11 <img src=x onerror=alert(1)> www.example.org _schuin_",
    "extra": "ZQ12 Extra **vet** [klik](http://example.org) <b>vraag</b>?",
}
ALL = [NAME, *TEXTS.values()]


@pytest.fixture(scope="module")
def hostile(app):
    return seed_hostile(app.engine)


def seed_hostile(engine):
    """A regio whose gemeente, participant, toelichting and plan carry hostile text; login codes."""
    app = SimpleNamespace(engine=engine)
    regio = create_regio(app.engine, ADMIN, name="Regio ZQ", gemeente_names=[NAME, "Buurdorp", "Derdedorp"])
    gemeente = next(g for g in list_gemeenten(app.engine, ADMIN, regio_id=regio.id) if g.name == NAME)
    me = principal_for(Role.GEMEENTE, regio, gemeente, label="team")
    round_id = start_round(
        app.engine, me, gemeente_id=gemeente.id, held_on=date(2026, 3, 5), purpose=Purpose.NULMETING,
        participants=[Participant(name=TEXTS["participant"], role="Teamleider")],
    )  # fmt: skip
    changes = [ValueChange(question_number=n, value=AnswerValue.NIET_OP_ORDE) for n in range(1, 32)]
    changes.append(ToelichtingChange(question_number=1, toelichting=TEXTS["toelichting"]))
    save_changes(app.engine, me, round_id=round_id, changes=changes)
    beheerder = Principal(code_id=0, role=Role.BEHEERDER, label="beheer", regio_id=regio.id)
    add_extra_question(app.engine, beheerder, regio_id=regio.id, text=TEXTS["extra"], help="", standard=3, block=1)
    partner_code = invite_partner(app.engine, me, round_id=round_id, role="Veilig Thuis", name=TEXTS["partner"])
    partner = login(app.engine, code=partner_code.code, client_key="hostile-partner").principal
    save_partner_changes(
        app.engine, partner,
        changes=[
            ValueChange(question_number=1, value=AnswerValue.OP_ORDE),
            ToelichtingChange(question_number=1, toelichting=TEXTS["partner_note"]),
        ],
    )  # fmt: skip
    plan_id = create_gemeente_plan(app.engine, me, round_id=round_id, layout=PlanLayout.PER_STANDAARD)
    save_plan_changes(
        app.engine, me, plan_id=plan_id,
        changes=[PlanChange(target="plan", field=f, value=TEXTS[f], expected="") for f in ("title", "period")],
    )  # fmt: skip
    facilitator = principal_for(Role.FACILITATOR, regio)
    meeting_id = create_meeting(
        app.engine, facilitator, regio_id=regio.id, title=TEXTS["meeting"], held_on=dutch_today(),
        kind=MeetingKind.START, gemeente_ids=[gemeente.id], programme=[],
    )  # fmt: skip
    add_faq(app.engine, facilitator, meeting_id=meeting_id, question=TEXTS["faq"], answer=TEXTS["faq"])
    add_breakout(app.engine, facilitator, meeting_id=meeting_id, name=TEXTS["breakout"], theme=TEXTS["breakout"])
    codes = {
        role: issue_code(
            app.engine, ADMIN, role=role, label=TEXTS["label"], regio_id=regio.id,
            gemeente_id=gemeente.id if role is Role.GEMEENTE else None,
        ).code
        for role in (Role.GEMEENTE, Role.REGIO, Role.FACILITATOR, Role.BEHEERDER)
    }  # fmt: skip
    return round_id, plan_id, codes, meeting_id


def shown_as_typed(page: Page, texts: list[str]) -> None:
    """Every text stands on the page as typed, and no element was made from any part of it.

    Our own wrappers (a bold title, a heading) hold a whole text with its ZQ marker; an element
    made *from* the text (a link, bold, image) holds only a piece of it, without the marker.
    """
    body = page.locator("[data-testid='stMain']").first
    deadline = time.monotonic() + 15
    while True:
        visible = body.inner_text().replace("\u2060", "")
        missing = [t for t in texts if t.split(" ", 1)[1] not in visible]
        if not missing:
            break
        assert time.monotonic() < deadline, f"not shown as typed: {missing}"
        page.wait_for_timeout(200)
    made = page.evaluate(
        """() => [...document.querySelectorAll('a, img, script, strong, em, code, del, li, blockquote, h1, h2, h3')]
            .filter(e => !e.closest('[data-testid="stSidebar"]'))
            .map(e => e.tagName + ': ' + e.textContent)
            .filter(t => /example|\\b[vV]et\\b|klik|schuin|beeld|alert|^(STRONG|EM): (Plan|Bijeenkomst|team)$/.test(t))
            .filter(t => /^(A|IMG|SCRIPT):/.test(t) ? /ZQ|example|klik/.test(t) : !/ZQ/.test(t))
            .filter(t => !/^STRONG: Vraag \\d+\\. /.test(t))
            .filter(t => !/^H[1-3]: Landelijk beeld$/.test(t))"""  # our own bold question texts and heading ("beeld")
    )
    assert made == [], made


@pytest.mark.parametrize(
    ("role", "path", "texts", "open"),
    [
        (Role.GEMEENTE, "/", [NAME], None),
        (Role.GEMEENTE, "/scan?ronde={round_id}&blok=1", [NAME, TEXTS["participant"], TEXTS["extra"]], None),
        (Role.GEMEENTE, "/resultaten?ronde={round_id}", [TEXTS["toelichting"]], None),
        (Role.GEMEENTE, "/geschiedenis?ronde={round_id}", [TEXTS["toelichting"]], None),
        (Role.GEMEENTE, "/samen?ronde={round_id}", [NAME, TEXTS["partner"], TEXTS["partner_note"]], None),
        (Role.GEMEENTE, "/verbeterplan", [TEXTS["title"], TEXTS["period"]], None),
        (Role.GEMEENTE, "/verbeterplan?plan={plan_id}", [TEXTS["title"], TEXTS["period"]], None),
        (Role.REGIO, "/?onderdeel=toelichtingen", [NAME, TEXTS["toelichting"]], None),
        (Role.REGIO, "/", [NAME], None),
        (Role.FACILITATOR, "/?bijeenkomst={meeting_id}", [TEXTS["meeting"], TEXTS["faq"], NAME], None),
        (Role.FACILITATOR, "/scherm?bijeenkomst={meeting_id}", [TEXTS["meeting"]], None),
        (Role.BEHEERDER, "/", [NAME, TEXTS["label"]], None),
    ],
)
def test_hostile_text_is_shown_as_typed_and_never_as_markup(app, page, hostile, role, path, texts, open):
    round_id, plan_id, codes, meeting_id = hostile
    log_in(page, app.url, codes[role])
    page.goto(app.url + path.format(round_id=round_id, plan_id=plan_id, meeting_id=meeting_id))
    if open:
        page.get_by_text(open).first.click()
    shown_as_typed(page, texts)

"""Every download and every picture with data, as an outsider would probe it: the address works
in the session that made it, and gives nothing to a fresh client, after logging out, or after the
code was revoked. No page uses Streamlit's open /media/ addresses."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from domain.access import Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from domain.meeting import MeetingKind
from domain.plan import PlanLayout
from services.access_codes import issue_code, revoke_code
from services.meeting import create_meeting
from services.plans import create_gemeente_plan
from services.publications import Options, Selection, publish
from services.regio import set_regio_settings
from services.scan import ValueChange, save_changes
from tests.browser.conftest import DOWNLOAD_WAIT_MS
from tests.browser.test_scan_in_browser import log_in, new_gemeente
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def place(app):
    regio, gemeente, _, _code, me, round_id = new_gemeente(app, "Downloaddorp")
    changes = [ValueChange(question_number=n, value=AnswerValue.NIET_OP_ORDE) for n in range(1, 32)]
    save_changes(app.engine, me, round_id=round_id, changes=changes)
    plan_id = create_gemeente_plan(app.engine, me, round_id=round_id, layout=PlanLayout.PER_STANDAARD)
    set_regio_settings(app.engine, ADMIN, regio_id=regio.id, min_gemeenten=1)  # one gemeente: allow a publication
    publish(app.engine, principal_for(Role.REGIO, regio), regio_id=regio.id, selection=Selection(), options=Options())
    return regio, gemeente, plan_id


def new_code(app, place, role: Role):
    regio, gemeente, _ = place
    return issue_code(
        app.engine,
        ADMIN,
        role=role,
        label=f"proef {role.value}",
        regio_id=None if role is Role.BEHEERDER else regio.id,
        gemeente_id=gemeente.id if role is Role.GEMEENTE else None,
    )


DOWNLOADS = [
    (Role.GEMEENTE, "/", "Excel-werkboek van deze ronde"),
    (Role.GEMEENTE, "/", "Leeg Excel-werkboek om offline in te vullen"),
    (Role.GEMEENTE, "/", "Verslag van deze ronde (.pdf)"),
    (Role.GEMEENTE, "/verbeterplan?plan={plan_id}", "Download als Word (.docx)"),
    (Role.GEMEENTE, "/verbeterplan?plan={plan_id}", "Download als PDF"),
    (Role.GEMEENTE, "/verbeterplan?plan={plan_id}", "Download als actielijst (.xlsx)"),
    (Role.REGIO, "/?onderdeel=delen", "Werkboek zonder namen (.xlsx)"),
    (Role.REGIO, "/?onderdeel=delen", "Cijfers zonder namen (.csv)"),
    (Role.REGIO, "/?onderdeel=delen", "Factsheet (.pdf)"),
    (Role.REGIO, "/?onderdeel=delen", "Factsheet als webpagina (.html)"),
    (Role.REGIO, "/?onderdeel=delen", "Verslag van deze gemeente (.pdf)"),
    (Role.REGIO, "/?onderdeel=delen", "Werkboek per gemeente (.xlsx)"),
    (Role.REGIO, "/?onderdeel=delen", "Alle rondes als één werkboek (.xlsx)"),
    (Role.BEHEERDER, "/backup", "Back-up downloaden (.zip)"),
]


def address_of_download(page: Page, label: str) -> str:
    with page.expect_download(timeout=DOWNLOAD_WAIT_MS) as info:
        page.get_by_role("button", name=label).first.click()
    assert info.value.path() is not None
    return info.value.url


@pytest.mark.parametrize(("role", "path", "label"), DOWNLOADS, ids=[d[2] for d in DOWNLOADS])
def test_a_download_is_only_for_the_session_that_made_it(app, browser, page, place, role, path, label):
    code = new_code(app, place, role)
    log_in(page, app.url, code.code)
    page.goto(app.url + path.format(plan_id=place[2]))
    address = address_of_download(page, label)
    assert "/media/" not in address
    mine = page.request.get(address)
    assert mine.status == 200 and len(mine.body()) > 0 and "no-store" in mine.headers["cache-control"]
    stranger = browser.new_context()
    try:
        assert (stranger.request.get(address).status, stranger.request.get(address).body()) == (404, b"")
    finally:
        stranger.close()
    if role is Role.BEHEERDER:  # the installation's beheerder: revoke it and see the address go dead
        revoke_code(app.engine, ADMIN, code_id=code.id)
    else:
        page.get_by_role("link", name="Uitloggen").click()
        expect(page.get_by_role("link", name="Uitloggen")).to_have_count(0)
    gone = page.request.get(address)
    assert (gone.status, gone.body()) == (404, b"")


def test_revoking_a_code_makes_its_download_address_give_nothing(app, page, place):
    code = new_code(app, place, Role.GEMEENTE)
    log_in(page, app.url, code.code)
    address = address_of_download(page, "Leeg Excel-werkboek om offline in te vullen")
    revoke_code(app.engine, ADMIN, code_id=code.id)
    assert page.request.get(address).status == 404


def test_the_qr_codes_on_the_console_are_inside_the_page_not_at_an_address(app, page, place):
    regio, gemeente, _ = place
    code = new_code(app, place, Role.FACILITATOR)
    facilitator = principal_for(Role.FACILITATOR, regio)
    meeting_id = create_meeting(
        app.engine, facilitator, regio_id=regio.id, title="QR", held_on=dutch_today(), kind=MeetingKind.START,
        gemeente_ids=[gemeente.id], programme=[], new_round_for={gemeente.id},
    )  # fmt: skip
    log_in(page, app.url, code.code)
    page.goto(f"{app.url}/?bijeenkomst={meeting_id}")
    qr = page.get_by_role("img", name="QR-code voor Downloaddorp")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/png;base64,")
    assert page.locator("img[src*='/media/'], a[href*='/media/']").count() == 0

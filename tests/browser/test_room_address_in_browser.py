"""A room of devices behind one address: wrong join codes and wrong login codes from it never keep a right code
out, and a header a client sends cannot change which address it counts as. (The tests share one server; the
last one makes the room's many mistakes, so the others are not slowed by them.)"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from domain.access import Role
from domain.calendar import dutch_today
from domain.meeting import MeetingKind
from services import ServiceError
from services.access import MAX_DELAY, MAX_FAILURES_PER_CLIENT, login
from services.access_codes import issue_code
from services.meeting import JOIN_MAX_FAILURES, create_meeting, get_meeting, join
from store.tables import MisluktePogingRow
from store.unit_of_work import reading
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_scan_in_browser import new_gemeente
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser

# A right code must get in well before the longest wait a wrong code gets (MAX_DELAY): that is "at once" here.
AT_ONCE_MS = int((MAX_DELAY - 2) * 1000)
WRONG_ANSWER_MS = int((MAX_DELAY + 20) * 1000)  # a wrong code's answer may wait MAX_DELAY, on a busy machine longer


def wrong_logins(browser, app, count: int, headers: dict[str, str] | None = None) -> None:
    """Wrong login codes typed in a browser, each answered before the next (a wrong code waits longer each time)."""
    typed_wrong(
        browser, app, "", "Toegangscode", "Inloggen", [f"ZZZZ-AAAA-AAAA-{i:04d}" for i in range(count)], headers
    )


def wrong_joins(browser, app, count: int) -> None:
    typed_wrong(browser, app, "/deelnemen", "Code van uw groep", "Meedoen", ["AAA-AAA"] * count)


def typed_wrong(browser, app, path: str, label: str, button: str, codes: list[str], headers=None) -> None:
    """Each wrong code typed and sent, and stored as a failure before the next is typed. The answer on screen alone
    cannot say so: after the first wrong code, "Deze code klopt niet" is on screen before the next is answered."""
    context = browser.new_context(locale="nl-NL", extra_http_headers=headers or {})
    page = context.new_page()
    page.goto(app.url + path)
    for code in codes:
        stored = failure_count(app)
        page.get_by_label(label).fill(code)
        page.get_by_role("button", name=button, exact=True).click()
        deadline = time.monotonic() + WRONG_ANSWER_MS / 1000
        while failure_count(app) == stored:
            assert time.monotonic() < deadline, f"the wrong code {code} was never counted"
            time.sleep(0.1)
        wait_until_drawn(page)
        answer = page.get_by_text("Deze code klopt niet").or_(page.get_by_text("Te veel"))
        expect(answer).to_be_visible(timeout=WRONG_ANSWER_MS)
    context.close()


def failure_count(app) -> int:
    with reading(app.engine) as session:
        return len(list(session.scalars(select(MisluktePogingRow.id))))


def no_wait(seconds: float) -> None:
    """The room's earlier mistakes are made through the services: the test does not wait out their delays."""


def failures_by_key(app) -> dict[str, int]:
    with reading(app.engine) as session:
        keys = list(session.scalars(select(MisluktePogingRow.client_key)))
    return {k: keys.count(k) for k in set(keys)}


def test_wrong_join_codes_are_counted_apart_from_wrong_login_codes(app, browser):
    before = failures_by_key(app)
    wrong_joins(browser, app, 3)
    after = failures_by_key(app)
    assert after.get("deelnemen:127.0.0.1", 0) - before.get("deelnemen:127.0.0.1", 0) == 3
    assert after.get("127.0.0.1", 0) == before.get("127.0.0.1", 0)
    assert JOIN_MAX_FAILURES > 3


def test_a_forwarded_for_header_from_the_client_does_not_change_its_address(app, browser):
    before = failures_by_key(app)
    wrong_logins(browser, app, 2, headers={"X-Forwarded-For": "203.0.113.7"})
    after = failures_by_key(app)
    assert "203.0.113.7" not in after
    assert after.get("127.0.0.1", 0) - before.get("127.0.0.1", 0) == 2


def test_after_many_wrong_codes_from_a_room_the_right_codes_log_in_at_once(app, browser):
    regio, gemeente, _, code, _, _ = new_gemeente(app)
    facilitator = principal_for(Role.FACILITATOR, regio)
    meeting_id = create_meeting(
        app.engine, facilitator, regio_id=regio.id, title="Start", held_on=dutch_today(), kind=MeetingKind.START,
        gemeente_ids=[gemeente.id], programme=[],
    )  # fmt: skip
    join_code = get_meeting(app.engine, facilitator, meeting_id=meeting_id).groups[0].join_code
    room = "127.0.0.1"  # every browser here comes from this address, as a room behind one address does
    for i in range(JOIN_MAX_FAILURES):
        with pytest.raises(ServiceError):
            join(app.engine, meeting_id=meeting_id, code=f"AAA-A{i % 10}A", client_key=room, sleep=no_wait)
    for i in range(MAX_FAILURES_PER_CLIENT + 5):
        with pytest.raises(ServiceError):
            login(app.engine, code=f"ZZZZ-AAAA-AAAA-{i:04d}", client_key=room, sleep=no_wait)
    wrong_joins(browser, app, 2)  # and a few more typed in the room itself
    wrong_logins(browser, app, 2)
    regio_code = issue_code(app.engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id).code
    for right in (code, regio_code):  # colleagues on other browsers at the same address
        context = browser.new_context(locale="nl-NL")
        page = context.new_page()
        page.goto(app.url)
        page.get_by_label("Toegangscode").fill(right)
        page.get_by_role("button", name="Inloggen", exact=True).click()
        expect(page.get_by_role("link", name="Uitloggen")).to_be_visible(timeout=AT_ONCE_MS)
        context.close()
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(f"{app.url}/deelnemen")
    page.get_by_label("Code van uw groep").fill(join_code)
    page.get_by_role("button", name="Meedoen", exact=True).click()
    # In at once: the menu of someone at the bijeenkomst. Drawing the scan after it is not the code check (its first
    # drawing on this server took over 6 s once, the whole suite on both cores beside it).
    expect(page.get_by_role("link", name="Scan invullen")).to_be_visible(timeout=AT_ONCE_MS)
    expect(page.get_by_role("radio").first).to_be_attached()
    context.close()

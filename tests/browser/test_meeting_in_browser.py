"""A live startbijeenkomst in the browser: a facilitator, the projector and seven participant devices."""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import count

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.access import Role
from domain.answers import AnswerValue
from services.access_codes import issue_code
from services.meeting import get_meeting, list_meetings
from services.regio import create_regio
from services.scan import open_scan
from tests.browser.test_scan_in_browser import NIET_LABEL, OP_LABEL, log_in, question
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser

GEMEENTEN = ["Aadorp", "Beekdal", "Cranendonk", "Dijkhuizen", "Eemstede", "Fortmond", "Gaasterveen"]
PACE_SECONDS = 1.5
FOLLOW_MS = 30_000  # devices check every 2 s which block is open (ui/live.py); generous for a loaded machine
# How fast the projector follows is measured by bench/meeting.py, not asserted here: a test waits for
# what must happen (generously, as a loaded CI machine can be slow) and prints how long it took.
SHOWN_WITHIN_SECONDS = 60
_regio_numbers = count()


def expected(gemeente_index: int, n: int) -> AnswerValue:
    return AnswerValue.NIET_OP_ORDE if (n + gemeente_index) % 3 == 0 else AnswerValue.OP_ORDE


def click_answer(page: Page, gemeente_index: int, n: int) -> None:
    label = NIET_LABEL if expected(gemeente_index, n) is AnswerValue.NIET_OP_ORDE else OP_LABEL
    question(page, n).get_by_text(label).click()


def join_on_device(browser: Browser, url: str, meeting_id: int, code: str, gemeente: str) -> Page:
    page = browser.new_context(viewport={"width": 1100, "height": 900}, locale="nl-NL").new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/deelnemen?bijeenkomst={meeting_id}&code={code}")
    # Waits as generous as elsewhere in this test: on a loaded machine a page can take over 5 s to draw.
    expect(page.get_by_label("Code van uw groep")).to_have_value(code, timeout=SHOWN_WITHIN_SECONDS * 1000)
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_role("heading", name=f"Scan invullen: {gemeente}")).to_be_visible(
        timeout=SHOWN_WITHIN_SECONDS * 1000
    )
    return page


def wait_for_progress(page: Page, answered: int) -> None:
    """The device's own page shows the count (after the server stored it: see wait_until_stored)."""
    expect(page.get_by_text(f"{answered} van 31 vragen beantwoord", exact=False)).to_be_visible(
        timeout=SHOWN_WITHIN_SECONDS * 1000
    )


def projector_shows(projector: Page, answered: dict[int, int], total: int) -> float:
    """Wait until each group shows its count; return how long that took (printed, not asserted)."""
    start = time.monotonic()
    for number, count_ in answered.items():
        expect(projector.get_by_text(f"Groep {number}: {count_} van {total} vragen beantwoord")).to_be_visible(
            timeout=SHOWN_WITHIN_SECONDS * 1000
        )
    return time.monotonic() - start


@dataclass
class Device:
    gemeente: int  # index in GEMEENTEN
    page: Page
    block_1: list[int]  # the questions this device answers
    block_2: list[int]


def answer_round_robin(devices: list[Device], block: int) -> None:
    """Every device clicks its next question in turn, except the very last click.

    A group takes a while over a question; here each device clicks every PACE_SECONDS, still
    far quicker than a group that talks each question through.
    """
    todo = [list(d.block_1 if block == 1 else d.block_2) for d in devices]
    todo[-1].pop()
    for step in range(max(map(len, todo))):
        started = time.monotonic()
        for device, numbers in zip(devices, todo, strict=True):
            if step < len(numbers):
                click_answer(device.page, device.gemeente, numbers[step])
        time.sleep(max(0.0, PACE_SECONDS - (time.monotonic() - started)))


def wait_until_stored(app, reader, round_id: int, answered: int) -> None:
    """Wait on what the server stored, not on a page: a page of a gemeente with two devices only
    counts the other device's answers after its own next run."""
    deadline = time.monotonic() + SHOWN_WITHIN_SECONDS
    while len(stored := stored_numbers(app, reader, round_id)) < answered:
        assert time.monotonic() < deadline, f"fewer than {answered} answers stored: only {stored}"
        time.sleep(0.2)


def stored_numbers(app, reader, round_id: int) -> list[int]:
    return sorted(n for n, a in open_scan(app.engine, reader, round_id=round_id).answers.items() if a.value)


def test_a_live_startbijeenkomst_with_seven_devices_loses_no_answer(app, browser):
    regio = create_regio(app.engine, ADMIN, name=f"Regio live {next(_regio_numbers)}", gemeente_names=GEMEENTEN)
    code = issue_code(app.engine, ADMIN, role=Role.FACILITATOR, label="voorzitter", regio_id=regio.id).code
    facilitator = principal_for(Role.FACILITATOR, regio, label="voorzitter")

    console = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL").new_page()
    console.set_default_timeout(20_000)
    log_in(console, app.url, code)
    expect(console.get_by_role("heading", name="Bijeenkomst", exact=True)).to_be_visible()
    console.get_by_role("button", name="Bijeenkomst aanmaken").click()
    expect(console.get_by_role("heading", name="Blokken")).to_be_visible()
    (summary,) = list_meetings(app.engine, facilitator, regio_id=regio.id)
    meeting = get_meeting(app.engine, facilitator, meeting_id=summary.id)
    for group in meeting.groups:
        expect(console.get_by_text(f"{group.gemeente_name}: code", exact=False)).to_be_visible()

    projector = console.context.new_page()
    projector.goto(f"{app.url}/scherm?bijeenkomst={meeting.id}")
    expect(projector.get_by_text("Er is geen blok open")).to_be_visible()

    # Five gemeenten with one device each, a sixth with two devices sharing the work; the seventh stays away.
    codes = {g.gemeente_name: g.join_code for g in meeting.groups}

    def device(i: int, block_1: range, block_2: list[int]) -> Device:
        page = join_on_device(browser, app.url, meeting.id, codes[GEMEENTEN[i]], GEMEENTEN[i])
        return Device(i, page, list(block_1), block_2)

    devices = [device(i, range(1, 15), [15, 16]) for i in range(5)]
    devices += [device(5, range(1, 8), [15, 16]), device(5, range(8, 15), [17])]
    for d in devices:
        expect(question(d.page, 1).get_by_role("radio").first).to_be_disabled()  # no block open yet

    console.get_by_role("button", name="Blok 1 openen (vragen 1–14)").click()
    expect(console.get_by_text("Nu open: blok 1.")).to_be_visible()  # the facilitator's click is stored
    for d in devices:  # the devices check every few seconds
        expect(question(d.page, 1).get_by_role("radio").first, f"device {devices.index(d) + 1}").to_be_enabled(
            timeout=FOLLOW_MS
        )

    # Block 2 cannot be answered while block 1 is open.
    tester = devices[0].page
    tester.get_by_test_id("stRadio").filter(has_text="Welk blok").get_by_text("Blok 2:").click()
    expect(question(tester, 15).get_by_role("radio").first).to_be_disabled()
    tester.get_by_test_id("stRadio").filter(has_text="Welk blok").get_by_text("Blok 1:").click()
    expect(question(tester, 1).get_by_role("radio").first).to_be_enabled()

    reader = principal_for(Role.REGIO, regio)
    shared_round = next(g.round_id for g in meeting.groups if g.gemeente_name == GEMEENTEN[5])
    round_of = {g.gemeente_name: g.round_id for g in meeting.groups}
    answer_round_robin(devices, 1)
    for d in devices[:5]:
        wait_until_stored(app, reader, round_of[GEMEENTEN[d.gemeente]], 14)
        wait_for_progress(d.page, 14)
    wait_until_stored(app, reader, shared_round, 13)  # all but the last click
    click_answer(devices[-1].page, 5, 14)
    lag_block_1 = projector_shows(projector, {1: 14, 2: 14, 3: 14, 4: 14, 5: 14, 6: 14, 7: 0}, 14)

    console.get_by_role("button", name="Blok 2 openen (vragen 15–31)").click()
    expect(console.get_by_text("Nu open: blok 2.")).to_be_visible()
    for d in devices:  # every device follows the facilitator to block 2
        name = f"device {devices.index(d) + 1}"
        expect(question(d.page, 15).get_by_role("radio").first, name).to_be_enabled(timeout=FOLLOW_MS)
        # The old block is gone from what the person sees. Streamlit may keep a keyed widget of an earlier run in
        # the page, hidden (`data-retained`, display: none), until a later full run clears it: under load its clear
        # is skipped when a fragment's poll starts right behind the run (seen 3 December, two busy loops). Hidden, it
        # is neither seen nor reached with the keyboard, so what counts is the visible vraag 1.
        old = question(d.page, 1)
        try:
            expect(old.filter(visible=True)).to_have_count(0, timeout=FOLLOW_MS)
        except AssertionError as exc:
            how = old.first.evaluate(
                "e => { const c = e.closest('[data-testid=stElementContainer]'); return `stale ${c?.dataset.stale}, "
                "retained ${c?.dataset.retained}, display ${getComputedStyle(c).display}`; }"
            )
            raise AssertionError(f"{name}: vraag 1 still shown beside block 2 ({how})") from exc
    answer_round_robin(devices, 2)
    for d in devices[:5]:
        wait_until_stored(app, reader, round_of[GEMEENTEN[d.gemeente]], 16)
        wait_for_progress(d.page, 16)
    wait_until_stored(app, reader, shared_round, 16)
    click_answer(devices[-1].page, 5, 17)
    lag_block_2 = projector_shows(projector, {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 3, 7: 0}, 17)
    print(f"projector lag after the last click: block 1 {lag_block_1:.2f} s, block 2 {lag_block_2:.2f} s")

    for i, name in enumerate(GEMEENTEN):
        group = next(g for g in meeting.groups if g.gemeente_name == name)
        answers = open_scan(app.engine, reader, round_id=group.round_id).answers
        stored = {n: a.value for n, a in answers.items() if a.value is not None}
        numbers = sorted({n for d in devices if d.gemeente == i for n in d.block_1 + d.block_2})
        assert stored == {n: expected(i, n) for n in numbers}, name

    # The facilitator closes the bijeenkomst: every device thanks its people and says where the answers are.
    console.get_by_text("Ik wil de bijeenkomst afsluiten").click()
    console.get_by_role("button", name="Bijeenkomst afsluiten").click()
    expect(console.get_by_text("Deze bijeenkomst is afgesloten.", exact=False)).to_be_visible()
    expect(console.get_by_role("button", name="Blok 1 openen (vragen 1–14)")).to_have_count(0)
    for d in devices:
        expect(d.page.get_by_role("heading", name="De bijeenkomst is afgelopen")).to_be_visible(timeout=FOLLOW_MS)
        expect(d.page.get_by_label("Toegangscode")).to_have_count(0)

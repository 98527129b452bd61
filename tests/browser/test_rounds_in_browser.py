"""A bijeenkomst never hides a scan: after a vervolg and a startbijeenkomst, prepared in the browser
for a regio whose gemeenten filled in a nulmeting and an evaluatie, the Regio page, Vergelijken
and each gemeente's start page show the same figures as before."""

from __future__ import annotations

import difflib
import re
from datetime import date
from itertools import count

import pytest
from playwright.sync_api import Page, expect

from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services.access_codes import issue_code
from services.regio import create_regio, list_gemeenten
from services.scan import ValueChange, save_changes, start_round
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, principal_for

pytestmark = pytest.mark.browser
NAMES = ["Akkerdorp", "Bosveen", "Coevoort"]
_numbers = count()


@pytest.fixture
def regio_with_scans(app):
    regio = create_regio(app.engine, ADMIN, name=f"Regio Rondes {next(_numbers)}", gemeente_names=NAMES)
    codes = {}
    for i, gemeente in enumerate(list_gemeenten(app.engine, ADMIN, regio_id=regio.id)):
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        for purpose, held_on, shift in (
            (Purpose.NULMETING, date(2025, 3, 1), 0),
            (Purpose.EVALUATIE, date(2026, 3, 1), 1),
        ):
            round_id = start_round(app.engine, me, gemeente_id=gemeente.id, held_on=held_on, purpose=purpose,
                                   participants=[])  # fmt: skip
            values = [
                ValueChange(
                    question_number=n, value=AnswerValue.OP_ORDE if (n + i + shift) % 3 else AnswerValue.NIET_OP_ORDE
                )
                for n in range(1, 32)
            ]
            save_changes(app.engine, me, round_id=round_id, changes=values)
        codes[gemeente.name] = issue_code(app.engine, ADMIN, role=Role.GEMEENTE, label="team", regio_id=regio.id,
                                          gemeente_id=gemeente.id).code  # fmt: skip
    for role in (Role.REGIO, Role.FACILITATOR):
        codes[role.value] = issue_code(app.engine, ADMIN, role=role, label=role.value, regio_id=regio.id).code
    return codes


def main_text(page: Page, path: str, ready: str) -> str:
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + path)
    expect(page.get_by_text(ready).first).to_be_visible()
    return page.locator("[data-testid='stMain']").inner_text()


def round_cards(start_page: str) -> list[str]:
    """Each round with answers on a start page: its name, how much is answered, when it last changed."""
    return re.findall(r"(?:Nulmeting|Evaluatie) van [^\n]+\n+[1-9]\d* van 31 vragen beantwoord[^\n]+", start_page)


def tables(page: Page, path: str, ready: str, expected: int) -> list[str]:
    """The text of every table on the page (the figures), once all `expected` tables are drawn."""
    main_text(page, path, ready)
    found = page.get_by_test_id("stTable")
    expect(found).to_have_count(expected, timeout=20_000)
    return [found.nth(i).inner_text() for i in range(expected)]


def figures_of_regio(page: Page) -> tuple[list[str], list[str]]:
    # Regio: spinnenweb table, x van y, side by side; Vergelijken: its table and what changed.
    regio = [
        table
        for part, ready in [
            ("spinnenweb", "Tabel bij de spinnenweb van de regio"),
            ("vragen", "x van y gemeenten, per vraag"),
            ("naast-elkaar", "Alle gemeenten naast elkaar"),
        ]
        for table in tables(page, f"/?onderdeel={part}", ready, 1)
    ]
    compare = tables(page, "/vergelijken", "Per vraag: wat veranderde", 1)
    expect(page.get_by_text("Geen vragen veranderden.").or_(page.get_by_test_id("stTable").nth(1))).to_be_visible()
    changed = page.locator("[data-testid='stMain']").inner_text().split("Per vraag: wat veranderde", 1)[1]
    return regio, [*compare, changed]


def prepare(page: Page, kind: str) -> None:
    wait_until_drawn(page)
    page.get_by_test_id("stRadio").filter(has_text="Soort bijeenkomst").get_by_text(kind).click()
    wait_until_drawn(page)  # the form as drawn for this kind, not the one of the run before
    page.get_by_role("button", name="Bijeenkomst aanmaken").click()
    expect(page.get_by_role("heading", name="Blokken")).to_be_visible()
    page.goto(page.url.split("?")[0])
    expect(page.get_by_role("heading", name="Nieuwe bijeenkomst")).to_be_visible()


def test_a_vervolg_and_a_startbijeenkomst_leave_the_regio_figures_and_start_pages_as_they_were(
    app, browser, regio_with_scans
):
    codes = regio_with_scans
    regio_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(regio_page, app.url, codes["regio"])
    before = figures_of_regio(regio_page)
    starts_before = {}
    for name in NAMES:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, app.url, codes[name])
        starts_before[name] = main_text(page, "/", "Leeg Excel-werkboek om offline in te vullen")
        page.context.close()

    console = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(console, app.url, codes["facilitator"])
    prepare(console, "Vervolgbijeenkomst")
    prepare(console, "Startbijeenkomst")

    after = figures_of_regio(regio_page)
    for was, now in zip([*before[0], *before[1]], [*after[0], *after[1]], strict=True):
        assert was == now, "\n".join(difflib.unified_diff(was.splitlines(), now.splitlines(), lineterm="", n=1))
    for name in NAMES:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, app.url, codes[name])
        after = main_text(page, "/", "Leeg Excel-werkboek om offline in te vullen")
        # Still every filled-in round as it was; the startbijeenkomst's new round says it counts nowhere yet.
        assert len(round_cards(after)) == 2 and round_cards(after) == round_cards(starts_before[name])
        assert "telt hij nergens mee" in after
        page.context.close()

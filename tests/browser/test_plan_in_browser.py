"""The verbeterplan in a real browser: draft it, edit a row, reload, download both files."""

from __future__ import annotations

import io
import time
from datetime import date

import openpyxl
import pytest
from docx import Document
from playwright.sync_api import expect

from domain.answers import AnswerValue
from domain.plan import ActionStatus
from services.plans import list_plans, open_plan
from services.scan import ValueChange, save_changes
from tests.browser.test_regio_in_browser import download
from tests.browser.test_scan_in_browser import log_in, new_gemeente

pytestmark = pytest.mark.browser


def wait_for(condition, what: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.1)


def draft_in_browser(app, page, code, me, gemeente, name: str, *, cluster: str) -> int:
    """Log in, draft the gemeente's plan on the page, show one cluster; returns the plan's id."""
    log_in(page, app.url, code)
    page.goto(f"{app.url}/verbeterplan")
    page.get_by_role("button", name="Verbeterplan maken").click()
    expect(page.get_by_role("heading", name=f"Verbeterplan Werken aan veiligheid {name}")).to_be_visible()
    plan_id = list_plans(app.engine, me, regio_id=me.regio_id, gemeente_id=gemeente.id).own[0].id
    page.get_by_test_id("stRadio").filter(has_text="Welk deel van het plan?").get_by_text(f"Cluster {cluster}:").click()
    return plan_id


def test_a_gemeente_drafts_edits_reloads_and_downloads_its_plan(app, page):
    _, gemeente, _, code, me, round_id = new_gemeente(app, "Planwijk")
    niet = {5, 6}
    save_changes(
        app.engine,
        me,
        round_id=round_id,
        changes=[
            ValueChange(question_number=n, value=AnswerValue.NIET_OP_ORDE if n in niet else AnswerValue.OP_ORDE)
            for n in range(1, 32)
        ],
    )
    plan_id = draft_in_browser(app, page, code, me, gemeente, "Planwijk", cluster="B")
    description = page.get_by_label("Omschrijving verbeteractie (actie 1)")
    description.fill("Training afwegingskader voor alle teams")
    description.press("Tab")  # a text area is sent when it loses focus
    page.get_by_label("Wie gaat het doen (actie 1)").fill("Teamleider Planwijk")
    page.get_by_label("Wie gaat het doen (actie 1)").press("Enter")

    def first_action():
        return open_plan(app.engine, me, plan_id=plan_id).plan.live_actions[0]

    wait_for(lambda: first_action().owner == "Teamleider Planwijk", "the owner saved")
    page.get_by_test_id("stSelectbox").filter(has_text="Status (actie 1)").click()
    page.get_by_role("option", name="In uitvoering").click()
    wait_for(lambda: first_action().status is ActionStatus.IN_UITVOERING, "the status saved")
    assert first_action().description == "Training afwegingskader voor alle teams"

    page.reload()
    expect(page.get_by_label("Omschrijving verbeteractie (actie 1)")).to_have_value(
        "Training afwegingskader voor alle teams"
    )
    expect(page.get_by_role("combobox", name="Status (actie 1)")).to_have_value("In uitvoering")

    document = Document(io.BytesIO(download(page, "Download als Word (.docx)")))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Training afwegingskader voor alle teams" in cells
    workbook = openpyxl.load_workbook(io.BytesIO(download(page, "Download als actielijst (.xlsx)")))
    rows = list(workbook["Cluster B"].iter_rows(min_row=2, values_only=True))
    assert (rows[0][4], rows[0][6], rows[0][9]) == (
        "Training afwegingskader voor alle teams",
        "Teamleider Planwijk",
        "In uitvoering",
    )


def test_a_row_gets_a_date_and_can_be_added_and_removed(app, page):
    _, gemeente, _, code, me, round_id = new_gemeente(app, "Datumdorp")
    save_changes(app.engine, me, round_id=round_id, changes=[ValueChange(question_number=1, value=AnswerValue.OP_ORDE)])
    plan_id = draft_in_browser(app, page, code, me, gemeente, "Datumdorp", cluster="A")
    page.get_by_role("button", name="Actie toevoegen bij standaard 1").click()
    page.get_by_role("spinbutton", name="dag, Gereed op (actie 1)").click()  # Dutch: ui/dutch.py
    page.keyboard.type("01062027")  # day, month and year: the field moves on by itself
    page.keyboard.press("Escape")  # close the calendar; the date is sent when the field loses focus
    page.get_by_text("Actie 1 van 1").click()
    wait_for(
        lambda: [a.due_on for a in open_plan(app.engine, me, plan_id=plan_id).plan.live_actions] == [date(2027, 6, 1)],
        "the date saved",
    )
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_text("Verwijderde acties bij standaard 1 (1)")).to_be_visible()
    assert open_plan(app.engine, me, plan_id=plan_id).plan.removed_actions[0].due_on == date(2027, 6, 1)

"""Login, logout and what each person may see, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from domain.answers import AnswerValue
from services.scan import ToelichtingChange, ValueChange, history, save_changes
from tests.browser.test_scan_in_browser import NIET_LABEL, OP_LABEL, log_in, new_gemeente, question

pytestmark = pytest.mark.browser


def test_the_login_survives_a_reload_and_a_new_tab(app, browser):
    _, _, _, code, _, _ = new_gemeente(app)
    context = browser.new_context()
    page = context.new_page()
    log_in(page, app.url, code)
    cookie = next(c for c in context.cookies() if c["name"] == "zelfscan_sessie")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    page.reload()
    expect(page.get_by_role("heading", name="Rondes van Aadorp")).to_be_visible()
    other_tab = context.new_page()
    other_tab.goto(app.url)
    expect(other_tab.get_by_role("heading", name="Rondes van Aadorp")).to_be_visible()
    context.close()


def test_uitloggen_ends_the_login_also_after_a_reload(app, page):
    _, _, _, code, _, _ = new_gemeente(app)
    log_in(page, app.url, code)
    page.get_by_role("link", name="Uitloggen").click()
    expect(page.get_by_label("Toegangscode")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Toegangscode")).to_be_visible()
    expect(page.get_by_role("link", name="Uitloggen")).to_have_count(0)


def test_a_gemeente_cannot_reach_the_beheer_page_or_another_gemeentes_round(app, page):
    _, _, _, code, _, _ = new_gemeente(app)
    _, _, _, _, _, foreign_round = new_gemeente(app, "Verweg")  # another regio altogether
    log_in(page, app.url, code)

    page.goto(f"{app.url}/beheer")
    expect(page.get_by_role("heading", name="Deze pagina is er niet voor u")).to_be_visible()
    expect(page.get_by_role("heading", name="Beheer")).to_have_count(0)
    page.get_by_role("link", name="Naar uw startpagina").click()
    expect(page.get_by_role("heading", name="Rondes van Aadorp")).to_be_visible()

    page.goto(f"{app.url}/scan?ronde={foreign_round}")
    expect(page.get_by_text("U heeft geen toegang tot deze gegevens.")).to_be_visible()
    expect(question(page, 1)).to_have_count(0)


def test_two_people_editing_the_same_question_both_stay_in_the_history(app, browser):
    _, _, _, code, me, round_id = new_gemeente(app)
    first, second = browser.new_context().new_page(), browser.new_context().new_page()
    for page in (first, second):
        log_in(page, app.url, code)
        page.goto(f"{app.url}/scan?ronde={round_id}&blok=1")
        expect(question(page, 1)).to_be_visible()

    question(first, 1).get_by_text(OP_LABEL).click()
    expect(first.get_by_text("1 van 31 vragen beantwoord", exact=False)).to_be_visible()
    question(second, 1).get_by_text(NIET_LABEL).click()  # this page still shows question 1 unanswered

    expect(second.get_by_text("Let op, vraag 1:", exact=False)).to_be_visible()
    expect(second.get_by_text("“op orde”", exact=False)).to_be_visible()
    changes = history(app.engine, me, round_id=round_id, question_number=1)
    assert [(c.old, c.new) for c in reversed(changes)] == [(None, "op_orde"), ("op_orde", "niet_op_orde")]


def test_a_toelichting_with_markup_is_shown_literally(app, page):
    _, _, _, code, me, round_id = new_gemeente(app)
    text = "<script>alert(1)</script> en **vet**"
    save_changes(
        app.engine,
        me,
        round_id=round_id,
        changes=[
            ValueChange(question_number=4, value=AnswerValue.NIET_OP_ORDE),
            ToelichtingChange(question_number=4, toelichting=text),
        ],
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log_in(page, app.url, code)
    page.goto(f"{app.url}/resultaten?ronde={round_id}")
    expect(page.get_by_text(text, exact=True)).to_be_visible()
    assert dialogs == []

"""AppTest: the bijeenkomst pages. A facilitator creates and runs one; a group joins with its code."""

from __future__ import annotations

import pytest

from domain.access import Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from domain.meeting import MeetingKind
from services import live
from services import scan as scan_service
from services.access import principal_for as principal_of_token
from services.meeting import create_meeting, end_meeting, get_meeting, join, open_block, show_results
from services.regio import list_gemeenten
from services.scan import ValueChange, open_scan, save_changes
from store import meeting_repo
from store.unit_of_work import writing
from tests.conftest import principal_for
from tests.pages.support import code_of, logged_in


@pytest.fixture
def facilitator(demo):
    return principal_for(Role.FACILITATOR, demo, label="voorzitter")


@pytest.fixture
def meeting(app_engine, demo, facilitator):
    gemeenten = list_gemeenten(app_engine, facilitator, regio_id=demo.id)[:3]
    meeting_id = create_meeting(
        app_engine, facilitator, regio_id=demo.id, title="Startbijeenkomst Voorbeeld", held_on=dutch_today(),
        kind=MeetingKind.START, gemeente_ids=[g.id for g in gemeenten], programme=[],
    )  # fmt: skip
    return get_meeting(app_engine, facilitator, meeting_id=meeting_id)


def counted(function, calls: list):
    def wrapper(*args, **kwargs):
        calls.append(1)
        return function(*args, **kwargs)

    return wrapper


def joined_page(meeting):
    """Join at the join page; the app then opens the scan (in a browser the address becomes /scan, which AppTest
    does not follow by itself: it goes there as the browser does)."""
    at = logged_in(None, "pages/deelnemen.py", bijeenkomst=meeting.id)
    at.text_input[0].input(meeting.groups[0].join_code)
    at.button[0].click().run()
    return at.switch_page("pages/scan.py").run()


def question_radios(at):
    return {int(r.label.split(".")[0].removeprefix("Vraag ")): r for r in at.radio if r.label.startswith("Vraag ")}


def test_a_facilitator_creates_a_bijeenkomst_and_gets_a_code_per_gemeente(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.FACILITATOR))
    at.button(key="FormSubmitter:nieuwe_bijeenkomst-Bijeenkomst aanmaken").click().run()
    assert not at.exception
    codes = [m.value for m in at.markdown if "code **" in m.value]
    assert len(codes) == len(list_gemeenten(app_engine, principal_for(Role.REGIO, demo), regio_id=demo.id))


def test_a_group_joins_with_its_code_and_lands_in_its_gemeentes_scan(app_engine, meeting):
    at = joined_page(meeting)
    assert not at.exception
    assert any(meeting.groups[0].gemeente_name in t.value for t in at.title)
    assert len(question_radios(at)) == 14


def test_a_wrong_code_on_the_join_page_gets_a_dutch_message(app_engine, meeting):
    at = logged_in(None, "pages/deelnemen.py", bijeenkomst=meeting.id)
    at.text_input[0].input("ZZZ-ZZZ")
    at.button[0].click().run()
    assert any("Deze code klopt niet" in e.value for e in at.error)


def test_a_group_cannot_answer_while_no_block_is_open(app_engine, meeting):
    at = joined_page(meeting)
    assert all(r.disabled for r in question_radios(at).values())


def test_a_group_answers_the_open_block_and_the_answer_is_in_its_round(app_engine, demo, meeting, facilitator):
    open_block(app_engine, facilitator, meeting_id=meeting.id, block=1)
    at = joined_page(meeting)
    question_radios(at)[1].set_value(AnswerValue.NIET_OP_ORDE.value).run()
    assert not at.exception
    stored = open_scan(app_engine, principal_for(Role.REGIO, demo), round_id=meeting.groups[0].round_id)
    assert stored.answers[1].value is AnswerValue.NIET_OP_ORDE


def test_block_two_stays_frozen_while_block_one_is_open(app_engine, meeting, facilitator):
    open_block(app_engine, facilitator, meeting_id=meeting.id, block=1)
    at = joined_page(meeting)
    at.radio(key="blok").set_value(2).run()
    assert all(r.disabled for r in question_radios(at).values())
    assert len(question_radios(at)) == 17


def test_a_page_run_with_an_older_shared_read_shows_the_block_it_read_and_runs_once(
    app_engine, demo, meeting, facilitator, monkeypatch
):
    open_block(app_engine, facilitator, meeting_id=meeting.id, block=1)
    at = joined_page(meeting)
    monkeypatch.setattr(live, "FRESH_SECONDS", 3600.0)  # the shared read below stays fresh
    live.forget()
    reader = principal_for(Role.REGIO, demo)
    assert live.live_state(app_engine, reader, round_id=meeting.groups[0].round_id).open_block == 1
    with writing(app_engine) as session:  # as another replica would: this process is not told
        meeting_repo.set_meeting(session, meeting_id=meeting.id, open_block=2)
    runs = []
    monkeypatch.setattr(scan_service, "open_scan", counted(scan_service.open_scan, runs))
    at.run()
    assert not at.exception
    assert any("blok 2 is open" in i.value for i in at.info)
    assert len(runs) == 1


def test_the_projector_shows_progress_with_group_numbers_until_names_are_shown(app_engine, meeting, facilitator):
    open_block(app_engine, facilitator, meeting_id=meeting.id, block=1)
    group = meeting.groups[0]
    login = join(app_engine, meeting_id=meeting.id, code=group.join_code, client_key="tafel")
    me = principal_of_token(app_engine, login.session_token)
    answer = ValueChange(question_number=1, value=AnswerValue.OP_ORDE)
    save_changes(app_engine, me, round_id=group.round_id, changes=[answer])
    at = logged_in(code_of(app_engine, Role.FACILITATOR), "pages/scherm.py", bijeenkomst=meeting.id)
    texts = " ".join(p.proto.text for p in at.get("progress"))
    assert "Groep 1: 1 van 14 vragen beantwoord" in texts
    assert group.gemeente_name not in texts


def test_the_projector_shows_x_van_y_only_after_the_facilitator_reveals_it(app_engine, meeting, facilitator):
    at = logged_in(code_of(app_engine, Role.FACILITATOR), "pages/scherm.py", bijeenkomst=meeting.id)
    assert not at.table
    show_results(app_engine, facilitator, meeting_id=meeting.id, shown=True)
    at.run()
    assert at.table


def test_a_device_sees_thanks_and_where_its_answers_are_when_the_bijeenkomst_ends(app_engine, meeting, facilitator):
    at = joined_page(meeting)
    end_meeting(app_engine, facilitator, meeting_id=meeting.id)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["De bijeenkomst is afgelopen"]
    assert any("antwoorden zijn bewaard in de ronde van uw gemeente" in m.value for m in at.markdown)
    assert not at.text_input  # no login form with the demo codes


def test_after_the_thanks_a_device_can_still_log_in_with_another_code(app_engine, meeting, facilitator):
    at = joined_page(meeting)
    end_meeting(app_engine, facilitator, meeting_id=meeting.id)
    at.run()
    at.switch_page("pages/inloggen.py").run()  # the browser's address follows the app to the login page
    next(b for b in at.button if b.label == "Verder met een andere code").click().run()
    assert at.text_input and not [t for t in at.title if t.value == "De bijeenkomst is afgelopen"]


def test_a_closed_bijeenkomst_shows_the_facilitator_no_codes_and_no_live_buttons(app_engine, meeting, facilitator):
    end_meeting(app_engine, facilitator, meeting_id=meeting.id)
    at = logged_in(code_of(app_engine, Role.FACILITATOR), bijeenkomst=meeting.id)
    assert not at.exception
    assert any("afgesloten" in s.value for s in at.success)
    assert not [m for m in at.markdown if "code **" in m.value]
    assert not [b for b in at.button if b.label.startswith(("Blok", "Alle blokken", "Bijeenkomst afsluiten"))]


def test_beheer_shows_a_groups_code_as_the_bijeenkomst_code_people_typed(app_engine, meeting):
    at = logged_in(code_of(app_engine, Role.BEHEERDER))
    shown = at.table[0].value
    recognised = [v.replace("\\", "") for v in shown["Herkennen aan"]]  # table cells are markdown-escaped
    group = meeting.groups[0]
    assert f"bijeenkomstcode {group.join_code[:3]}-{group.join_code[3:]}" in recognised
    assert any("Startbijeenkomst Voorbeeld" in v for v in shown["Naam"])

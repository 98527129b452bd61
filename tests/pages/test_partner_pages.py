"""AppTest: eerst ieder apart, dan samen, through the pages."""

from __future__ import annotations

from domain.access import Principal, Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from services.partners import apart_phase, invite_partner
from services.regio import list_gemeenten
from services.scan import open_scan
from tests.conftest import principal_for
from tests.pages.support import code_of, first_round, logged_in


def owner_of(engine, demo, round_id: int) -> Principal:
    viewer = principal_for(Role.REGIO, demo)
    gemeente_id = open_scan(engine, viewer, round_id=round_id).info.gemeente_id
    gemeente = next(g for g in list_gemeenten(engine, viewer, regio_id=demo.id) if g.id == gemeente_id)
    return principal_for(Role.GEMEENTE, demo, gemeente, label="Demo gemeente")


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_gemeente_starts_apart_invites_a_partner_and_sees_the_code_once(app_engine, demo):
    round_id = first_round(app_engine, demo, "Lindebroek")
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Lindebroek"), "pages/samen.py", ronde=round_id)
    button(at, "Partners eerst apart laten invullen").click().run()
    at.selectbox[0].set_value("Veilig Thuis")  # in a form: sent with its submit button
    button(at, "Code maken").click().run()
    assert not at.exception
    assert any("De code voor Veilig Thuis is" in s.value for s in at.success)


def test_the_scan_page_of_a_round_filled_in_apart_points_the_gemeente_to_samen(app_engine, demo):
    round_id = first_round(app_engine, demo, "Aalsveen")
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id)
    assert not at.exception
    assert any(i.value.startswith("Partners vullen deze ronde eerst ieder apart in") for i in at.info)


def test_the_regio_reading_a_round_filled_in_apart_is_not_told_about_its_partners(app_engine, demo):
    round_id = first_round(app_engine, demo, "Aalsveen")
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/scan.py", ronde=round_id)
    assert not at.exception and at.radio  # the answers are shown
    assert not any("apart" in i.value for i in at.info)


def test_a_partner_answers_alone_and_the_rounds_answers_stay_as_they_were(app_engine, demo):
    round_id = first_round(app_engine, demo, "Lindebroek")
    viewer = principal_for(Role.REGIO, demo)
    before = open_scan(app_engine, viewer, round_id=round_id).answers[1].value
    owner = owner_of(app_engine, demo, round_id)
    at = logged_in(invite_partner(app_engine, owner, round_id=round_id, role="Jeugdprofessional").code, "pages/scan.py")
    assert at.title[0].value.startswith("Uw eigen antwoorden")
    other = "niet_op_orde" if before is AnswerValue.OP_ORDE else "op_orde"
    at.radio(key=f"antwoord_{round_id}_1").set_value(other).run()
    assert not at.exception
    assert open_scan(app_engine, viewer, round_id=round_id).answers[1].value is before
    assert apart_phase(app_engine, owner, round_id=round_id).partners[0].answered == 1


def test_a_partner_who_hands_in_reaches_the_views_of_the_others(app_engine, demo):
    round_id = first_round(app_engine, demo, "Lindebroek")
    owner = owner_of(app_engine, demo, round_id)
    at = logged_in(invite_partner(app_engine, owner, round_id=round_id, role="Teamleider").code, "pages/scan.py")
    button(at, "Mijn antwoorden inleveren").click().run()
    assert any("ingeleverd" in s.value for s in at.success)
    at.switch_page("pages/samen.py").run()
    assert not at.exception and not at.error
    assert at.header[0].value == "Hoe eens waren de partners?"


def test_the_demo_shows_the_partners_views_of_a_round_filled_in_apart(app_engine, demo):
    round_id = first_round(app_engine, demo, "Aalsveen")
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/samen.py", ronde=round_id)
    assert not at.exception and not at.error
    assert [h.value for h in at.header][:3] == ["Partners", "Hoe eens waren de partners?", "Per vraag"]


def test_the_regio_sees_the_count_of_disagreements_in_the_demo(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/regio.py", onderdeel="partners")
    assert not at.exception and not at.error
    cells = [str(v) for t in at.table for v in t.value.to_numpy().ravel()]
    assert any(c.endswith(" van 6 gemeenten") or c.endswith(" van de 6 gemeenten") for c in cells)
    assert any("eerst apart" in m.value or "ieder apart" in m.value for m in at.markdown)


def test_a_round_started_as_eerst_apart_opens_on_the_page_to_invite_partners(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Lindebroek"), "pages/start.py")
    at.radio(key="nieuwe_ronde_manier").set_value("apart").run()
    purpose = next(r for r in at.radio if r.label == "Doel van deze ronde")
    purpose.set_value(purpose.options[0])
    button(at, "Ronde starten").click().run()
    assert not at.exception and not at.error
    assert at.title[0].value.startswith("Eerst apart, dan samen")
    assert any(b.label == "Code maken" for b in at.button)


def test_a_partner_at_a_bijeenkomst_sees_the_open_block_on_the_scan_page(app_engine, demo):

    from domain.meeting import MeetingKind
    from services.meeting import create_meeting, get_meeting, open_block

    facilitator = principal_for(Role.FACILITATOR, demo)
    gemeente = list_gemeenten(app_engine, facilitator, regio_id=demo.id)[1]
    meeting_id = create_meeting(
        app_engine, facilitator, regio_id=demo.id, title="Startbijeenkomst", held_on=dutch_today(),
        kind=MeetingKind.START, gemeente_ids=[gemeente.id], programme=[], new_round_for={gemeente.id},
    )  # fmt: skip
    group = get_meeting(app_engine, facilitator, meeting_id=meeting_id).groups[0]
    open_block(app_engine, facilitator, meeting_id=meeting_id, block=1)
    code = invite_partner(app_engine, facilitator, round_id=group.round_id, role="Veilig Thuis").code
    at = logged_in(code, "pages/scan.py")
    assert not at.exception and not at.error
    assert any("blok 1 is open" in i.value for i in at.info)

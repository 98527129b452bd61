"""AppTest smoke tests: every page of every role runs; people log in through the login page."""

from __future__ import annotations

import re
from datetime import date

import pytest

from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services.regio import list_gemeenten
from services.scan import ToelichtingChange, ValueChange, open_scan, save_changes, start_round
from tests.conftest import principal_for
from tests.pages.support import code_of, first_round, logged_in

PAGES_BY_ROLE = {
    None: ["pages/inloggen.py", "pages/deelnemen.py", "pages/begrippen.py", "pages/toegankelijkheid.py"],
    Role.GEMEENTE: [
        "pages/start.py",
        "pages/scan.py",
        "pages/samen.py",
        "pages/indicatoren.py",
        "pages/resultaten.py",
        "pages/verbeterplan.py",
        "pages/vergelijken.py",
        "pages/geschiedenis.py",
        "pages/inlezen.py",
    ],
    Role.REGIO: [
        "pages/regio.py",
        "pages/indicatoren.py",
        "pages/vergelijken.py",
        "pages/start.py",
        "pages/scan.py",
        "pages/resultaten.py",
        "pages/verbeterplan.py",
        "pages/geschiedenis.py",
        "pages/inlezen.py",
    ],
    Role.FACILITATOR: ["pages/bijeenkomst.py", "pages/scherm.py", "pages/voortgang.py", "pages/begrippen.py"],
    Role.BEHEERDER: ["pages/beheer.py", "pages/vragenlijst.py", "pages/logboek.py", "pages/begrippen.py"],
}


@pytest.mark.parametrize("page", PAGES_BY_ROLE[None])
def test_every_public_page_runs_on_an_empty_database(app_engine, page):
    at = logged_in(None, page)
    assert not at.exception


@pytest.mark.parametrize(
    ("role", "page"), [(role, page) for role, pages in PAGES_BY_ROLE.items() if role for page in pages]
)
def test_every_page_of_every_role_runs_in_the_demo(app_engine, demo, role, page):
    label = "Demo Aalsveen" if role is Role.GEMEENTE else None
    at = logged_in(code_of(app_engine, role, label), page, ronde=first_round(app_engine, demo))
    assert not at.exception
    assert not at.error


def test_the_empty_login_page_offers_the_demo_region(app_engine):
    at = logged_in(None)
    next(b for b in at.button if b.label.startswith("Demoregio")).click().run()
    assert not at.exception
    assert any(b.label == "Inloggen als Demo regio" for b in at.button)


def test_a_wrong_code_gets_a_dutch_message(app_engine, demo):
    at = logged_in("AAAA-BBBB-CCCC-DDDD")
    assert any("Deze code klopt niet" in e.value for e in at.error)


def test_a_gemeente_lands_on_its_own_rounds(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"))
    assert any("Rondes van Aalsveen" in h.value for h in at.header)


def test_the_scan_page_shows_31_questions_over_its_two_blocks(app_engine, demo):
    round_id = first_round(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id, blok=1)
    assert len([r for r in at.radio if r.label.startswith("Vraag ")]) == 14
    at.radio(key="blok").set_value(2).run()
    assert len([r for r in at.radio if r.label.startswith("Vraag ")]) == 17


def test_a_click_on_an_answer_is_saved_without_a_save_button(app_engine, demo):
    round_id = first_round(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id, blok=1)
    key = f"antwoord_{round_id}_1"
    new = "niet_op_orde" if at.radio(key=key).value == "op_orde" else "op_orde"
    at.radio(key=key).set_value(new).run()
    viewer = principal_for(Role.REGIO, demo)
    assert open_scan(app_engine, viewer, round_id=round_id).answers[1].value is AnswerValue(new)


def test_the_scan_page_says_what_it_saved_last_and_when(app_engine, demo):
    round_id = first_round(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id, blok=1)
    assert not [c for c in at.caption if c.value.startswith("Bewaard om")]
    at.text_area(key=f"toelichting_{round_id}_2").input("Besproken in het MT").run()
    saved = [c.value for c in at.caption if c.value.startswith("Bewaard om")]
    assert len(saved) == 1 and re.fullmatch(r"Bewaard om \d\d:\d\d:\d\d: de toelichting bij vraag 2\.", saved[0])


def test_a_typed_toelichting_is_saved_with_who_typed_it(app_engine, demo):
    round_id = first_round(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id, blok=1)
    at.text_area(key=f"toelichting_{round_id}_2").input("Besproken in het MT").run()
    answer = open_scan(app_engine, principal_for(Role.REGIO, demo), round_id=round_id).answers[2]
    assert (answer.toelichting, answer.updated_by) == ("Besproken in het MT", "Demo Aalsveen (gemeente)")


def test_the_regio_sees_answers_but_cannot_change_them(app_engine, demo):
    round_id = first_round(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/scan.py", ronde=round_id, blok=1)
    assert not [r for r in at.radio if r.label.startswith("Vraag ")]
    assert not at.text_area
    assert any(m.value.startswith("**Vraag 1.") for m in at.markdown)
    assert any(m.value.startswith("Antwoord: ") for m in at.markdown)


def test_a_gemeente_cannot_open_the_round_of_another_gemeente(app_engine, demo):
    other = first_round(app_engine, demo, "Brakeloo")
    for page in ("pages/scan.py", "pages/resultaten.py", "pages/geschiedenis.py"):
        at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), page, ronde=other)
        assert any("geen toegang" in e.value for e in at.error), page
        assert not [r for r in at.radio if r.label.startswith("Vraag ")]


def test_a_facilitator_sees_progress_but_no_answers(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.FACILITATOR), "pages/voortgang.py")
    assert "Aalsveen" in at.table[0].value.to_string()
    assert not at.radio


def test_the_scan_page_without_a_round_points_a_regio_user_to_the_start_page(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/scan.py")  # a gemeente lands on its own round
    assert any("Kies eerst een gemeente" in i.value for i in at.info)


def test_an_unknown_round_gets_a_dutch_message(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/resultaten.py", ronde=999)
    assert any("ronde bestaat niet" in e.value for e in at.error)


def test_the_results_page_lists_the_table_of_the_spinnenweb(app_engine, demo):
    round_id = first_round(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/resultaten.py", ronde=round_id)
    assert len(at.table[0].value) == 10  # one row per standard, right under the spinnenweb


def test_a_toelichting_with_markup_is_shown_as_typed(app_engine, demo):
    round_id = first_round(app_engine, demo)
    gemeente = principal_for(
        Role.GEMEENTE, demo, list_gemeenten(app_engine, principal_for(Role.REGIO, demo), regio_id=demo.id)[0]
    )
    text = "<script>alert(1)</script> **bold**"
    number = next(
        n
        for n, a in open_scan(app_engine, gemeente, round_id=round_id).answers.items()
        if a.value is AnswerValue.NIET_OP_ORDE
    )
    save_changes(
        app_engine, gemeente, round_id=round_id, changes=[ToelichtingChange(question_number=number, toelichting=text)]
    )
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/resultaten.py", ronde=round_id)
    shown = [h.proto.body for h in at.get("html") if "zs-plain" in h.proto.body]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt; **bold**" in body for body in shown)


def test_a_gemeente_drafts_a_plan_from_a_round_and_gets_its_rows(app_engine, demo):
    round_id = first_round(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/verbeterplan.py", ronde=round_id)
    at.button(key="FormSubmitter:nieuw_plan-Verbeterplan maken").click().run()
    assert not at.exception and at.query_params["plan"]
    assert at.text_input(key=f"plan_{at.query_params['plan'][0]}_title").value.startswith("Verbeterplan Werken")


def plan_of(engine, regio) -> int:
    from domain.plan import PlanLayout
    from services.plans import create_gemeente_plan

    gemeente = next(
        g for g in list_gemeenten(engine, principal_for(Role.REGIO, regio), regio_id=regio.id) if g.name == "Aalsveen"
    )
    me = principal_for(Role.GEMEENTE, regio, gemeente, label="Demo Aalsveen")
    return create_gemeente_plan(engine, me, round_id=first_round(engine, regio), layout=PlanLayout.PER_STANDAARD)


def test_a_typed_plan_text_is_saved_without_a_save_button(app_engine, demo):
    from services.plans import open_plan

    plan_id = plan_of(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/verbeterplan.py", plan=plan_id, deel=0)
    at.text_area(key=f"plan_{plan_id}_context").input("Regiovisie 2025 is het kader.").run()
    saved = open_plan(app_engine, principal_for(Role.REGIO, demo), plan_id=plan_id).plan.texts["context"]
    assert saved == "Regiovisie 2025 is het kader."


def test_a_chosen_example_from_practice_goes_into_the_measure_and_is_saved(app_engine, demo):
    from services.plans import open_plan

    plan_id = plan_of(app_engine, demo)
    view = open_plan(app_engine, principal_for(Role.REGIO, demo), plan_id=plan_id)
    part, action = next((i, a) for i, c in enumerate(view.clusters, start=1) for a in c.actions)
    suggestion = view.questionnaire.practices_for(action.standard, action.question_numbers)[0]
    at = logged_in(
        code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/verbeterplan.py", plan=plan_id, deel=part
    )
    assert any(c.value.startswith("Bron: Toezicht Sociaal Domein") for c in at.caption)
    at.multiselect(key=f"voorbeelden_{action.id}").select(0).run()
    at.button(key=f"voorbeelden_knop_{action.id}").click().run()
    saved = open_plan(app_engine, principal_for(Role.REGIO, demo), plan_id=plan_id).plan.live_actions
    measure = next(a for a in saved if a.id == action.id).measure
    assert measure == f"{action.measure}\n{suggestion.text}" if action.measure else suggestion.text


@pytest.mark.parametrize("part", range(8))
def test_every_part_of_a_plan_runs(app_engine, demo, part):
    plan_id = plan_of(app_engine, demo)
    at = logged_in(
        code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/verbeterplan.py", plan=plan_id, deel=part
    )
    assert not at.exception and not at.error


def test_the_regio_reads_a_gemeente_plan_without_inputs(app_engine, demo):
    plan_id = plan_of(app_engine, demo)
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/verbeterplan.py", plan=plan_id, deel=2)
    assert not at.exception and not at.text_area and not at.text_input
    assert any("Alleen de opsteller" in i.value for i in at.info)


def test_the_regio_drafts_a_regional_plan(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/verbeterplan.py")
    at.button(key="FormSubmitter:nieuw_regioplan-Regionaal plan maken").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key=f"plan_{at.query_params['plan'][0]}_title").value.startswith("Regionaal verbeterplan")


def test_an_unknown_plan_gets_a_dutch_message(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/verbeterplan.py", plan=999)
    assert any("bestaat niet (meer)" in e.value.replace("\\", "") for e in at.error)  # as shown, unescaped


def test_the_installation_beheerder_gets_the_backup_page(app_engine, demo):
    from services.access_codes import issue_code
    from tests.conftest import ADMIN

    code = issue_code(app_engine, ADMIN, role=Role.BEHEERDER, label="installatie", regio_id=None).code
    at = logged_in(code, "pages/backup.py")
    assert not at.exception and not at.error
    assert any("al gegevens" in i.value for i in at.info)  # the demo is there: restoring is not offered


def test_a_regio_beheerder_has_no_backup_page(app_engine, demo):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        logged_in(code_of(app_engine, Role.BEHEERDER), "pages/backup.py")


@pytest.mark.parametrize("page", ["pages/scan.py", "pages/resultaten.py", "pages/geschiedenis.py"])
def test_a_gemeente_lands_on_its_own_round_without_choosing_first(app_engine, demo, page):
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), page)
    assert not at.exception
    assert not [i.value for i in at.info if "Kies eerst" in i.value]
    assert at.query_params.get("ronde")


def test_the_regio_can_choose_per_gemeente_which_round_counts(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO))
    at.radio(key="regio_keuze").set_value("zelf").run()
    assert not at.exception
    choice = next(s for s in at.selectbox if s.label.startswith("Ronde van Aalsveen"))
    earlier = choice.options[-1]
    choice.select(earlier).run()
    assert not at.exception and not at.error


REGIO_PARTS = ["overzicht", "spinnenweb", "vragen", "naast-elkaar", "toelichtingen", "partners", "delen"]


@pytest.mark.parametrize("part", REGIO_PARTS)
def test_every_part_of_the_regio_page_runs_in_the_demo_when_chosen(app_engine, demo, part):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/regio.py")
    at.radio(key="onderdeel").set_value(part).run()
    assert not at.exception
    assert not at.error
    assert at.query_params["onderdeel"] == [part] or at.query_params["onderdeel"] == part


def test_the_regio_page_opens_the_part_its_address_names(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/regio.py", onderdeel="toelichtingen")
    assert at.radio(key="onderdeel").value == "toelichtingen"
    assert any(h.value == "Toelichtingen per standaard" for h in at.header)


def test_a_regio_page_address_with_an_unknown_part_opens_the_first_part(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/regio.py", onderdeel="=HYPERLINK(1)")
    assert not at.exception
    assert at.radio(key="onderdeel").value == "overzicht"


def test_the_history_shows_the_newest_25_changes_and_more_on_request(app_engine, demo):
    round_id = first_round(app_engine, demo)
    gemeente = open_scan(app_engine, principal_for(Role.REGIO, demo), round_id=round_id).info
    me = principal_for(
        Role.GEMEENTE,
        demo,
        next(
            g
            for g in list_gemeenten(app_engine, principal_for(Role.REGIO, demo), regio_id=demo.id)
            if g.id == gemeente.gemeente_id
        ),
    )
    changes = [ToelichtingChange(question_number=n, toelichting=f"Nieuwe toelichting {n}") for n in range(1, 32)]
    save_changes(app_engine, me, round_id=round_id, changes=changes)
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/geschiedenis.py", ronde=round_id)
    cards = [m for m in at.markdown if m.value.startswith("**Vraag ")]
    assert len(cards) == 25
    more = next(b for b in at.button if b.label.startswith("Nog 25 oudere wijzigingen"))
    more.click().run()
    assert len([m for m in at.markdown if m.value.startswith("**Vraag ")]) == 50


def test_the_results_list_open_questions_with_their_text_and_a_link_to_their_block(app_engine, demo):
    gemeente = next(
        g for g in list_gemeenten(app_engine, principal_for(Role.REGIO, demo), regio_id=demo.id) if g.name == "Aalsveen"
    )
    me = principal_for(Role.GEMEENTE, demo, gemeente)
    round_id = start_round(
        app_engine, me, gemeente_id=gemeente.id, held_on=date(2026, 5, 1), purpose=Purpose.EVALUATIE, participants=[]
    )
    save_changes(
        app_engine,
        me,
        round_id=round_id,
        changes=[ValueChange(question_number=n, value=AnswerValue.OP_ORDE) for n in range(1, 32) if n not in (7, 20)],
    )
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/resultaten.py", ronde=round_id)
    links = [link for link in at.get("page_link") if link.proto.label.startswith("Vraag ")]
    assert [link.proto.label.split(".")[0] for link in links] == ["Vraag 7", "Vraag 20"]
    assert links[1].proto.query_string == f"ronde={round_id}&blok=2"  # question 20 is in block 2

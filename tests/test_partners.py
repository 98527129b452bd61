"""Eerst ieder apart, dan samen (services/partners.py) on a real database."""

from __future__ import annotations

from datetime import date

import pytest

from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from domain.plan import PlanLayout
from services import ServiceError
from services.access import LoginError, login
from services.authz import Forbidden
from services.backup import backup_file, restore_file
from services.partners import (
    apart_phase,
    close_apart,
    invite_partner,
    mark_done,
    partner_snapshot,
    revoke_partner,
    samen_view,
    save_partner_changes,
    set_agreed,
    start_apart,
)
from services.plans import create_gemeente_plan, open_plan
from services.publications import Options, Selection, publish
from services.regio import list_gemeenten, set_regio_settings
from services.scan import ToelichtingChange, ValueChange, history, open_scan, remove_empty_round, start_round
from store.engine import make_engine
from tests.conftest import ADMIN, answer_all, principal_for
from tests.databases import new_database

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def join(engine, aadorp, round_id, role: str, name: str = ""):
    code = invite_partner(engine, aadorp, round_id=round_id, role=role, name=name)
    return login(engine, code=code.code, client_key=f"partner-{code.id}").principal


def answer(engine, partner, niet: set[int], notes: dict[int, str] | None = None) -> None:
    changes = [ValueChange(question_number=n, value=NIET if n in niet else OP) for n in range(1, 32)]
    changes += [ToelichtingChange(question_number=n, toelichting=t) for n, t in (notes or {}).items()]
    save_partner_changes(engine, partner, changes=changes)


@pytest.fixture
def three(engine, aadorp, round_id):
    """Three partners of Aadorp: Veilig Thuis says 17 niet op orde, the wijkteam 5, the GI nothing."""
    vt = join(engine, aadorp, round_id, "Veilig Thuis", "Sanne")
    wijk = join(engine, aadorp, round_id, "Jeugdprofessional")
    gi = join(engine, aadorp, round_id, "GI (gecertificeerde instelling)")
    answer(engine, vt, {17}, {17: "Overdrachten lopen vast."})
    answer(engine, wijk, {5})
    answer(engine, gi, set())
    return vt, wijk, gi


def test_a_partners_code_logs_in_to_that_one_round_as_a_partner(engine, aadorp, round_id):
    partner = join(engine, aadorp, round_id, "Veilig Thuis")
    assert (partner.role, partner.round_id) == (Role.PARTNER, round_id)


def test_a_partners_own_answers_never_change_the_rounds_answers(engine, aadorp, round_id, three):
    assert open_scan(engine, aadorp, round_id=round_id).answers == {}
    assert len(partner_snapshot(engine, three[0]).answers) == 31


def test_a_partner_cannot_open_the_rounds_agreed_answers(engine, aadorp, round_id, three):
    with pytest.raises(Forbidden):
        open_scan(engine, three[0], round_id=round_id)


def test_a_partner_sees_nobodys_answers_before_handing_in(engine, aadorp, round_id, three):
    with pytest.raises(ServiceError, match="zodra u uw eigen antwoorden inlevert"):
        samen_view(engine, three[0])


def test_a_partner_who_handed_in_sees_only_the_partners_who_handed_in(engine, aadorp, round_id, three):
    vt, wijk, _ = three
    mark_done(engine, vt)
    mark_done(engine, wijk)
    row = next(r for r in samen_view(engine, vt).rows if r.number == 17)
    assert {v.role for v in row.views} == {"Veilig Thuis", "Jeugdprofessional"}


def test_after_the_phase_closes_every_partner_sees_every_view(engine, aadorp, round_id, three):
    close_apart(engine, aadorp, round_id=round_id)
    row = next(r for r in samen_view(engine, three[0]).rows if r.number == 17)
    assert len(row.views) == 3


def test_a_partner_cannot_change_answers_after_handing_in(engine, aadorp, round_id, three):
    mark_done(engine, three[0])
    with pytest.raises(ServiceError, match="al ingeleverd"):
        save_partner_changes(engine, three[0], changes=[ValueChange(question_number=1, value=NIET)])
    assert partner_snapshot(engine, three[0]).answers[1].value is OP


def test_a_partner_can_take_back_a_hand_in_while_the_phase_is_open(engine, aadorp, round_id, three):
    mark_done(engine, three[0])
    mark_done(engine, three[0], done=False)
    assert partner_snapshot(engine, three[0]).editable


def test_the_gemeente_sees_the_disagreements_first_with_the_spread_by_role(engine, aadorp, round_id, three):
    view = samen_view(engine, aadorp, round_id=round_id)
    assert [r.number for r in view.rows[:2]] == [5, 17]
    assert view.rows[1].spread == "2 × op orde, 1 × niet op orde: Veilig Thuis (Sanne)"


def test_the_gemeente_sees_the_partners_toelichtingen_beside_each_other(engine, aadorp, round_id, three):
    row = next(r for r in samen_view(engine, aadorp, round_id=round_id).rows if r.number == 17)
    assert [v.toelichting for v in row.views] == ["Overdrachten lopen vast.", "", ""]


def test_the_agreed_answer_can_only_be_set_after_the_phase_closes(engine, aadorp, round_id, three):
    with pytest.raises(ServiceError, match="Sluit eerst"):
        set_agreed(
            engine, aadorp, round_id=round_id, question_number=17, value=NIET, toelichting="", expected_toelichting=""
        )


def test_setting_the_agreed_answer_stores_it_in_the_round_with_why(engine, aadorp, round_id, three):
    close_apart(engine, aadorp, round_id=round_id)
    set_agreed(
        engine,
        aadorp,
        round_id=round_id,
        question_number=17,
        value=NIET,
        toelichting="VT ziet vastlopers.",
        expected_toelichting="",
    )
    stored = open_scan(engine, aadorp, round_id=round_id).answers[17]
    assert (stored.value, stored.toelichting) == (NIET, "VT ziet vastlopers.")


def test_the_history_records_who_set_the_agreed_answer_from_which_views(engine, aadorp, round_id, three):
    close_apart(engine, aadorp, round_id=round_id)
    set_agreed(
        engine, aadorp, round_id=round_id, question_number=17, value=NIET, toelichting="", expected_toelichting=""
    )
    (decision,) = samen_view(engine, aadorp, round_id=round_id).decisions
    assert decision[:3] == (17, "niet_op_orde", "2 × op orde, 1 × niet op orde: Veilig Thuis (Sanne)")
    assert decision[4] == aadorp.actor
    assert history(engine, aadorp, round_id=round_id, question_number=17)[0].actor == (
        "team Aadorp, samen vastgesteld (gemeente)"
    )


def test_the_regio_cannot_see_the_partners_views(engine, aadorp, round_id, regio_user, three):
    with pytest.raises(Forbidden):
        samen_view(engine, regio_user, round_id=round_id)


def test_the_gemeentes_scan_says_that_its_partners_answer_apart_first(engine, aadorp, round_id, three):
    assert open_scan(engine, aadorp, round_id=round_id).partners_apart


def test_the_regios_reading_of_a_scan_does_not_say_whether_partners_answer_apart(
    engine, aadorp, round_id, regio_user, three
):
    assert not open_scan(engine, regio_user, round_id=round_id).partners_apart


def test_a_scan_without_partners_does_not_say_they_answer_apart(engine, aadorp, round_id):
    assert not open_scan(engine, aadorp, round_id=round_id).partners_apart


def test_another_gemeente_cannot_invite_partners_to_a_round(engine, regio, gemeenten, round_id):
    other = principal_for(Role.GEMEENTE, regio, gemeenten[1])
    with pytest.raises(Forbidden):
        invite_partner(engine, other, round_id=round_id, role="Veilig Thuis")


def test_a_role_outside_the_list_is_refused_in_dutch(engine, aadorp, round_id):
    with pytest.raises(ServiceError, match="Kies de rol"):
        invite_partner(engine, aadorp, round_id=round_id, role="<script>")


def test_no_partner_can_be_invited_after_the_phase_closed(engine, aadorp, round_id, three):
    close_apart(engine, aadorp, round_id=round_id)
    with pytest.raises(ServiceError, match="afgesloten"):
        invite_partner(engine, aadorp, round_id=round_id, role="Teamleider")


def test_a_revoked_partner_code_no_longer_logs_in_and_the_answers_stay(engine, aadorp, round_id):
    code = invite_partner(engine, aadorp, round_id=round_id, role="Teamleider")
    partner = login(engine, code=code.code, client_key="x").principal
    answer(engine, partner, {3})
    (info,) = apart_phase(engine, aadorp, round_id=round_id).partners
    revoke_partner(engine, aadorp, round_id=round_id, partner_id=info.id)
    with pytest.raises(LoginError):
        login(engine, code=code.code, client_key="x")
    assert apart_phase(engine, aadorp, round_id=round_id).partners[0].answered == 31


def test_starting_the_phase_twice_keeps_one_phase(engine, aadorp, round_id):
    start_apart(engine, aadorp, round_id=round_id)
    start_apart(engine, aadorp, round_id=round_id)
    assert apart_phase(engine, aadorp, round_id=round_id).partners == ()


def test_a_round_with_partners_cannot_be_removed_as_empty(engine, aadorp, round_id, three):
    with pytest.raises(ServiceError, match="Partners vullen deze ronde"):
        remove_empty_round(engine, aadorp, round_id=round_id)


def plan_measures(engine, aadorp, round_id, partners: str) -> dict:
    maker = aadorp.model_copy(update={"label": f"team Aadorp ({partners})"})  # not one double submit
    plan_id = create_gemeente_plan(engine, maker, round_id=round_id, layout=PlanLayout.PER_STANDAARD, partners=partners)
    return {
        a.question_numbers: (a.measure, a.current_state)
        for a in open_plan(engine, aadorp, plan_id=plan_id).plan.actions
    }


def test_a_plan_takes_a_disagreement_that_is_op_orde_as_a_point_of_its_own_when_the_gemeente_chooses(
    engine, aadorp, round_id, three
):
    close_apart(engine, aadorp, round_id=round_id)
    answer_all(engine, aadorp, round_id, niet=set())
    measures = plan_measures(engine, aadorp, round_id, "roles")
    assert measures[(17,)][0].startswith("We zien dit verschillend: ")
    assert "Veilig Thuis" in measures[(17,)][1]
    assert (1,) not in measures


def test_a_plan_never_names_a_partner(engine, aadorp, round_id, three):
    close_apart(engine, aadorp, round_id=round_id)
    answer_all(engine, aadorp, round_id, niet=set())
    for choice in ("none", "counts", "roles"):
        measures = plan_measures(engine, aadorp, round_id, choice)
        assert not any("Sanne" in text for pair in measures.values() for text in pair), choice


def test_a_plan_leaves_the_partners_out_unless_the_gemeente_chooses(engine, aadorp, round_id, three):
    close_apart(engine, aadorp, round_id=round_id)
    answer_all(engine, aadorp, round_id, niet=set())
    assert (17,) not in plan_measures(engine, aadorp, round_id, "none")
    counted = plan_measures(engine, aadorp, round_id, "counts")[(17,)][1]
    assert "× op orde" in counted and "Veilig Thuis" not in counted


def test_the_regio_sees_at_how_many_gemeenten_partners_disagreed(engine, regio, gemeenten, regio_user):
    for gemeente, niet in zip(gemeenten, [{17}, {17}, set()], strict=True):
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        rid = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2026, 5, 1), purpose=Purpose.NULMETING, participants=[]
        )
        answer(engine, join(engine, me, rid, "Veilig Thuis"), niet)
        answer(engine, join(engine, me, rid, "Jeugdprofessional"), set())
        close_apart(engine, me, round_id=rid)  # nobody handed in: what they answered alone is their first view
        answer_all(engine, me, rid, niet=set())
    set_regio_settings(engine, ADMIN, regio_id=regio.id, group_rule="tonen")
    _, made = publish(engine, regio_user, regio_id=regio.id, selection=Selection(), options=Options())
    found = {number: (first, now) for number, first, now in made.picture.partners.questions}
    assert (found[17][0].x, found[17][0].y) == (2, 3)
    assert (found[1][0].x, found[1][0].y) == (0, 3)


def test_the_regional_count_is_withheld_when_too_few_gemeenten_answered_apart(
    engine, regio, aadorp, round_id, regio_user, three
):
    answer_all(engine, aadorp, round_id, niet=set())
    for gemeente in list_gemeenten(engine, ADMIN, regio_id=regio.id)[1:]:  # two more gemeenten, without partners
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        rid = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2026, 5, 1), purpose=Purpose.NULMETING, participants=[]
        )
        answer_all(engine, me, rid, niet=set())
    _, made = publish(engine, regio_user, regio_id=regio.id, selection=Selection(), options=Options())
    found = made.picture.partners
    assert found.gemeenten_apart == 1 and found.questions == ()
    assert "pas te zien" in found.note


def test_a_backup_and_restore_carry_the_partners_and_their_answers(engine, aadorp, round_id, three, tmp_path):
    mark_done(engine, three[0])
    _, data = backup_file(engine, ADMIN)
    with new_database(tmp_path / "restored") as url:
        target = make_engine(url)
        restore_file(target, None, data)
        phase = apart_phase(target, aadorp, round_id=round_id)
        target.dispose()
    assert [(p.role, p.answered, p.done) for p in phase.partners] == [
        ("Veilig Thuis", 31, True),
        ("Jeugdprofessional", 31, False),
        ("GI (gecertificeerde instelling)", 31, False),
    ]


def test_a_partners_name_stays_out_of_the_code_list_the_beheerder_sees(engine, regio, aadorp, round_id):
    from services.access_codes import list_codes

    invite_partner(engine, aadorp, round_id=round_id, role="Veilig Thuis", name="Sanne de Vries")
    labels = [c.label for c in list_codes(engine, ADMIN, regio_id=regio.id)]
    assert any(label.startswith("Partner Veilig Thuis, Aadorp") for label in labels)
    assert not any("Sanne" in label for label in labels)

"""Verbeterplannen: drafting from a round, editing, rows, progress, follow-up and access."""

from __future__ import annotations

from datetime import date

import pytest

from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from domain.plan import ActionLevel, ActionStatus, PlanLayout
from services import ServiceError
from services.plan_edits import PlanChange, add_action, move_action, save_plan_changes, set_action_removed
from services.plans import create_gemeente_plan, create_regional_plan, list_plans, open_plan
from services.publications import Options, Selection, publish
from services.regio import set_regio_settings
from services.scan import ValueChange, save_changes, start_round
from tests.conftest import ADMIN, principal_for

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE
PER_STANDAARD = PlanLayout.PER_STANDAARD


def test_a_plan_gets_a_row_for_every_question_niet_op_orde(engine, aadorp, plan_id):
    actions = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions
    assert [a.question_numbers for a in actions] == [(5,), (6,), (17,)]
    assert [a.standard for a in actions] == [3, 3, 5]


def test_a_row_starts_from_the_question_topic_and_its_toelichting(engine, aadorp, plan_id):
    first = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    assert first.measure == "Werken met de meldcode (de stappen en het afwegingskader)"
    assert first.current_state == "Meldcode is bekend, afwegingskader niet."
    assert first.status is ActionStatus.GEPLAND and first.level is ActionLevel.LOKAAL


def test_the_plan_texts_are_prefilled_from_the_round(engine, aadorp, plan_id):
    texts = open_plan(engine, aadorp, plan_id=plan_id).plan.texts
    assert texts["title"] == "Verbeterplan Werken aan veiligheid Aadorp"
    assert texts["period"] == "2026–2028"
    assert "5 maart 2026 (nulmeting)" in texts["introduction"]
    assert "28 op orde en 3 niet op orde" in texts["summary"]
    assert "standaard 5 (Capaciteit" in texts["summary"]


def test_every_standard_has_a_section_in_its_cluster(engine, aadorp, plan_id):
    view = open_plan(engine, aadorp, plan_id=plan_id)
    layout = {c.code: [s.figures.number for s in c.standards] for c in view.clusters}
    assert layout == {"A": [1, 2], "B": [3, 6], "C": [4, 5, 7, 8], "D": [9], "E": [10]}


def test_a_standard_fully_op_orde_is_marked_so(engine, aadorp, plan_id):
    view = open_plan(engine, aadorp, plan_id=plan_id)
    figures = {f.number: f for f in view.figures}
    assert figures[1].fully_op_orde and figures[1].score_line == "2 van de 2 beantwoorde vragen op orde."
    assert not figures[3].fully_op_orde and len(figures[3].gaps) == 2


def test_a_plan_for_one_cluster_holds_only_that_cluster(engine, aadorp, answered):
    plan_id = create_gemeente_plan(engine, aadorp, round_id=answered, clusters="C", layout=PER_STANDAARD)
    view = open_plan(engine, aadorp, plan_id=plan_id)
    assert [c.code for c in view.clusters] == ["C"]
    assert [a.question_numbers for a in view.plan.live_actions] == [(17,)]


def test_a_double_submit_gives_one_plan(engine, aadorp, answered, plan_id):
    again = create_gemeente_plan(engine, aadorp, round_id=answered, layout=PER_STANDAARD)
    assert again == plan_id
    assert len(list_plans(engine, aadorp, regio_id=aadorp.regio_id, gemeente_id=aadorp.gemeente_id).own) == 1


def test_a_typed_text_is_saved_and_saving_it_again_changes_nothing(engine, aadorp, plan_id):
    change = PlanChange(target="plan", field="costs", value="€ 20.000 uit het budget jeugd", expected="")
    assert save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change]).changed == 1
    assert save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change]).changed == 0
    assert open_plan(engine, aadorp, plan_id=plan_id).plan.texts["costs"] == "€ 20.000 uit het budget jeugd"


def test_every_field_of_a_row_is_saved(engine, aadorp, plan_id):
    action = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    changes = [
        PlanChange(target="action", key=action.id, field="description", value="Training afwegingskader", expected=""),
        PlanChange(target="action", key=action.id, field="owner", value="Teamleider", expected=""),
        PlanChange(target="action", key=action.id, field="status", value="in_uitvoering", expected="gepland"),
        PlanChange(target="action", key=action.id, field="due_on", value=date(2027, 6, 1), expected=None),
        PlanChange(target="action", key=action.id, field="level", value="regionaal", expected="lokaal"),
        PlanChange(target="action", key=action.id, field="question_numbers", value=(5, 6), expected=(5,)),
    ]
    save_plan_changes(engine, aadorp, plan_id=plan_id, changes=changes)
    saved = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    assert (saved.description, saved.owner, saved.status, saved.due_on, saved.level, saved.question_numbers) == (
        "Training afwegingskader",
        "Teamleider",
        ActionStatus.IN_UITVOERING,
        date(2027, 6, 1),
        ActionLevel.REGIONAAL,
        (5, 6),
    )


def test_a_change_made_by_someone_else_meanwhile_is_reported(engine, aadorp, plan_id):
    save_plan_changes(
        engine,
        aadorp,
        plan_id=plan_id,
        changes=[PlanChange(target="plan", field="monitoring", value="Elk kwartaal", expected="")],
    )
    report = save_plan_changes(
        engine,
        aadorp,
        plan_id=plan_id,
        changes=[PlanChange(target="plan", field="monitoring", value="Maandelijks", expected="")],
    )
    assert "Elk kwartaal" in report.overwritten[0]


def test_an_unknown_status_is_refused_in_dutch(engine, aadorp, plan_id):
    action = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    change = PlanChange(target="action", key=action.id, field="status", value="klaar", expected="gepland")
    with pytest.raises(ServiceError, match="Kies een van de opties"):
        save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change])


def test_a_note_on_how_to_keep_a_standard_op_orde_is_saved(engine, aadorp, plan_id):
    change = PlanChange(target="note", key=1, value="Visie elk jaar herzien", expected="")
    save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change])
    view = open_plan(engine, aadorp, plan_id=plan_id)
    assert view.clusters[0].standards[0].keep_note == "Visie elk jaar herzien"


def test_a_row_can_be_added_to_a_standard(engine, aadorp, plan_id):
    new = add_action(engine, aadorp, plan_id=plan_id, standard=1)
    actions = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions
    assert actions[0].id == new and actions[0].standard == 1 and actions[0].measure == ""


def test_a_row_can_be_moved_up_within_its_standard(engine, aadorp, plan_id):
    first, second = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[:2]
    move_action(engine, aadorp, plan_id=plan_id, action_id=second.id, step=-1)
    assert [a.id for a in open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[:2]] == [second.id, first.id]


def test_a_removed_row_can_be_put_back(engine, aadorp, plan_id):
    first = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    set_action_removed(engine, aadorp, plan_id=plan_id, action_id=first.id, removed=True)
    plan = open_plan(engine, aadorp, plan_id=plan_id).plan
    assert first.id not in [a.id for a in plan.live_actions] and plan.removed_actions[0].id == first.id
    set_action_removed(engine, aadorp, plan_id=plan_id, action_id=first.id, removed=False)
    assert first.id in [a.id for a in open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions]


def test_progress_counts_the_status_of_the_actions_per_cluster(engine, aadorp, plan_id):
    action = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    change = PlanChange(target="action", key=action.id, field="status", value="gereed", expected="gepland")
    save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change])
    b = next(p for p in open_plan(engine, aadorp, plan_id=plan_id).progress if p.code == "B")
    assert (b.total, b.counts[ActionStatus.GEREED], b.done_share) == (2, 1, 0.5)


def test_a_newer_round_shows_whether_the_plan_questions_are_now_op_orde(engine, aadorp, plan_id):
    newer = start_round(
        engine,
        aadorp,
        gemeente_id=aadorp.gemeente_id,
        held_on=date(2027, 3, 1),
        purpose=Purpose.EVALUATIE,
        participants=[],
    )
    save_changes(engine, aadorp, round_id=newer, changes=[ValueChange(question_number=5, value=OP)])
    view = open_plan(engine, aadorp, plan_id=plan_id)
    assert "1 maart 2027" in view.follow_up.label
    lines = [view.follow_up.of(a)[0].line for a in view.plan.live_actions]
    assert lines == ["Vraag 5: nu op orde", "Vraag 6: nog niet beantwoord", "Vraag 17: nog niet beantwoord"]


def test_without_a_newer_round_there_is_no_follow_up(engine, aadorp, plan_id):
    assert open_plan(engine, aadorp, plan_id=plan_id).follow_up is None


def test_another_gemeente_cannot_open_the_plan(engine, regio, gemeenten, plan_id):
    other = principal_for(Role.GEMEENTE, regio, gemeenten[1])
    with pytest.raises(ServiceError, match="geen toegang"):
        open_plan(engine, other, plan_id=plan_id)


def test_the_regio_reads_a_gemeente_plan_but_cannot_change_it(engine, regio_user, plan_id):
    assert not open_plan(engine, regio_user, plan_id=plan_id).editable
    with pytest.raises(ServiceError):
        save_plan_changes(
            engine,
            regio_user,
            plan_id=plan_id,
            changes=[PlanChange(target="plan", field="costs", value="x", expected="")],
        )


@pytest.fixture
def shared(engine, regio, regio_user, three_answered):
    """The regio shared its figures (every figure as is: three gemeenten are too few for words)."""
    set_regio_settings(engine, ADMIN, regio_id=regio.id, group_rule="tonen")
    publish(engine, regio_user, regio_id=regio.id, selection=Selection(), options=Options())


def test_a_regional_plan_starts_from_questions_niet_op_orde_in_the_chosen_share(engine, regio_user, shared):
    plan_id = create_regional_plan(
        engine, regio_user, regio_id=regio_user.regio_id, min_share=0.5, layout=PER_STANDAARD
    )
    actions = open_plan(engine, regio_user, plan_id=plan_id).plan.live_actions
    assert [(a.question_numbers, a.current_state) for a in actions] == [
        ((5,), "Niet op orde bij 2 van 3 gemeenten."),
        ((17,), "Niet op orde bij 3 van 3 gemeenten."),
    ]
    assert all(a.level is ActionLevel.REGIONAAL for a in actions)


def test_a_regional_plan_shows_only_what_the_regio_shared(engine, regio, regio_user, three_answered):
    publish(engine, regio_user, regio_id=regio.id, selection=Selection(), options=Options())  # default rules
    plan_id = create_regional_plan(
        engine, regio_user, regio_id=regio_user.regio_id, min_share=0.5, layout=PER_STANDAARD
    )
    view = open_plan(engine, regio_user, plan_id=plan_id)
    assert view.plan.live_actions == []  # with three gemeenten every "x van 3" would say what each answered
    assert "3 van 3" not in " ".join(line for f in view.figures for line in (f.score_line, *f.gaps))


def test_a_regional_plan_names_no_gemeente_in_its_texts(engine, regio_user, gemeenten, shared):
    plan_id = create_regional_plan(
        engine, regio_user, regio_id=regio_user.regio_id, min_share=0.3, layout=PER_STANDAARD
    )
    view = open_plan(engine, regio_user, plan_id=plan_id)
    shown = " ".join([*view.plan.texts.values(), *(a.current_state for a in view.plan.actions), view.based_on])
    shown += " ".join(line for f in view.figures for line in (f.score_line, *f.gaps))
    assert not [g.name for g in gemeenten if g.name.lower() in shown.lower()]


def test_a_regional_plan_needs_a_shared_state_of_the_regio(engine, regio, regio_user, three_answered):
    with pytest.raises(ServiceError, match="nog geen stand gedeeld"):
        create_regional_plan(engine, regio_user, regio_id=regio.id, min_share=0.5, layout=PER_STANDAARD)


def test_a_gemeente_reads_the_regional_plan_but_cannot_change_it(engine, regio_user, aadorp, shared):
    plan_id = create_regional_plan(
        engine, regio_user, regio_id=regio_user.regio_id, min_share=0.5, layout=PER_STANDAARD
    )
    lists = list_plans(engine, aadorp, regio_id=aadorp.regio_id, gemeente_id=aadorp.gemeente_id)
    assert [p.id for _, p in lists.readable] == [plan_id]
    assert not open_plan(engine, aadorp, plan_id=plan_id).editable
    with pytest.raises(ServiceError, match="Alleen de regio"):
        add_action(engine, aadorp, plan_id=plan_id, standard=1)


def test_the_regio_lists_the_plans_of_its_gemeenten_by_name(engine, regio_user, plan_id):
    lists = list_plans(engine, regio_user, regio_id=regio_user.regio_id)
    assert [(name, p.id) for name, p in lists.readable] == [("Aadorp", plan_id)]


def test_the_score_line_speaks_of_the_answered_questions_as_the_share_does(engine, aadorp, round_id):
    from services.scan import ValueChange, save_changes

    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=AnswerValue.OP_ORDE)])
    plan_id = create_gemeente_plan(engine, aadorp, round_id=round_id, layout=PER_STANDAARD)
    standard_1 = next(f for f in open_plan(engine, aadorp, plan_id=plan_id).figures if f.number == 1)
    assert (standard_1.share, standard_1.score_line) == (
        1.0,
        "1 van de 1 beantwoorde vragen op orde. Nog niet beantwoord: 1.",
    )


def test_a_standard_with_open_questions_is_marked_incomplete_for_the_documents_spinnenweb(engine, aadorp, round_id):
    from services.scan import ValueChange, save_changes

    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=AnswerValue.OP_ORDE)])
    plan_id = create_gemeente_plan(engine, aadorp, round_id=round_id, layout=PER_STANDAARD)
    figures = {f.number: f.complete for f in open_plan(engine, aadorp, plan_id=plan_id).figures}
    assert figures[1] is False

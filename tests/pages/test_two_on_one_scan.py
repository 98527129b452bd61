"""Two people on one scan: what one page saves never undoes what the other stored (ui/autosave.py)."""

from __future__ import annotations

from domain.access import Role
from domain.answers import AnswerValue
from services.regio import list_gemeenten
from services.scan import ValueChange, open_scan, save_changes
from tests.conftest import principal_for
from tests.pages.support import code_of, first_round, logged_in


def other(value: AnswerValue | None) -> AnswerValue:
    return AnswerValue.NIET_OP_ORDE if value is AnswerValue.OP_ORDE else AnswerValue.OP_ORDE


def test_a_value_the_browser_still_holds_for_a_question_it_no_longer_shows_is_not_saved(app_engine, demo):
    """The browser can send back the widgets of the block it showed before (after a rerun a fragment started, it
    keeps them): such a value is old, and must not undo what a colleague stored since."""
    round_id = first_round(app_engine, demo)
    viewer = principal_for(Role.REGIO, demo)
    before = open_scan(app_engine, viewer, round_id=round_id).answers
    me = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id, blok=1)
    mine_14 = me.radio(key=f"antwoord_{round_id}_14").value
    aalsveen = next(g for g in list_gemeenten(app_engine, viewer, regio_id=demo.id) if g.name == "Aalsveen")
    colleague = principal_for(Role.GEMEENTE, demo, aalsveen, label="collega")
    theirs = other(AnswerValue(mine_14) if mine_14 else None)
    save_changes(app_engine, colleague, round_id=round_id, changes=[ValueChange(question_number=14, value=theirs)])
    me.radio(key="blok").set_value(2).run()  # I go on with block 2, before my page showed their answer

    me.session_state[f"antwoord_{round_id}_14"] = mine_14  # what my browser still holds of block 1
    mine_15 = other(before[15].value if 15 in before else None)
    me.radio(key=f"antwoord_{round_id}_15").set_value(mine_15.value).run()

    after = open_scan(app_engine, viewer, round_id=round_id).answers
    assert (after[14].value, after[15].value) == (theirs, mine_15)

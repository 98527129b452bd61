"""The agreement figures of partners who answered alone first (analysis/agreement.py)."""

from __future__ import annotations

from analysis.agreement import (
    QuestionViews,
    View,
    samen_order,
    spread_line,
    standard_agreement,
)
from domain.answers import AnswerValue

OP, NIET = AnswerValue.OP_ORDE, AnswerValue.NIET_OP_ORDE


def views(*values: AnswerValue | None, roles: tuple[str, ...] = ()) -> tuple[View, ...]:
    names = roles or tuple(f"Rol {i}" for i in range(len(values)))
    return tuple(View(partner_id=i, role=names[i], value=v) for i, v in enumerate(values))


def row(number: int, *values: AnswerValue | None, standard: int = 1, agreed: AnswerValue | None = None):
    return QuestionViews(number=number, standard=standard, views=views(*values), agreed=agreed)


def test_partners_disagree_only_when_both_answers_were_given():
    assert row(1, OP, NIET).disagree
    assert not row(1, OP, OP, None).disagree


def test_a_question_answered_by_one_partner_is_not_compared():
    assert not row(1, OP, None).comparable
    assert row(1, OP, OP).comparable


def test_the_spread_names_the_roles_on_the_smaller_side():
    found = views(OP, OP, OP, OP, NIET, NIET, roles=("Beleid", "Teamleider", "GI", "OOV", "Veilig Thuis", "Wijkteam"))
    assert spread_line(found) == "4 × op orde, 2 × niet op orde: Veilig Thuis, Wijkteam"


def test_the_spread_names_nobody_when_all_agree_and_counts_who_has_not_answered():
    assert spread_line(views(OP, OP, None)) == "2 × op orde, 0 × niet op orde (1 partner nog niet beantwoord)"


def test_the_spread_shows_a_name_beside_the_role_when_one_was_entered():
    found = (View(partner_id=1, role="GI", value=OP), View(partner_id=2, role="Veilig Thuis", name="Sanne", value=NIET))
    assert spread_line(found).endswith(": Veilig Thuis (Sanne)")


def test_disagreements_come_first_and_setting_an_answer_moves_no_question():
    rows = [row(1, OP, OP, agreed=OP), row(2, OP, OP), row(3, OP, NIET, agreed=NIET), row(4, OP, NIET)]
    assert [r.number for r in samen_order(rows)] == [3, 4, 1, 2]


def test_per_standard_agreement_counts_only_questions_two_partners_answered():
    rows = [row(1, OP, OP), row(2, OP, NIET), row(3, OP, None), row(4, NIET, NIET, standard=2)]
    found = {s.standard: s for s in standard_agreement(rows)}
    assert (found[1].compared, found[1].agreed, found[1].differed) == (2, 1, 1)
    assert found[1].line == "eens over 1 van 2 vragen"
    assert found[2].line == "eens over 1 van 1 vraag"


def test_a_partner_who_changed_after_seeing_the_others_keeps_its_first_view():
    first = View(partner_id=1, role="Veilig Thuis", value=OP, handed_in=True, first_value=NIET)
    other = View(partner_id=2, role="GI", value=OP, handed_in=True, first_value=OP)
    row = QuestionViews(number=17, standard=5, views=(first, other))
    assert first.changed_later and not other.changed_later
    assert row.disagreed_first and not row.disagree


def test_a_spread_for_outside_the_samen_page_names_no_partner():
    views = (
        View(partner_id=1, role="Veilig Thuis", name="Sanne", value=OP),
        View(partner_id=2, role="GI", name="Piet", value=NIET),
    )
    assert spread_line(views) == "1 × op orde, 1 × niet op orde: GI (Piet)"  # the gemeente's own Samen page
    assert spread_line(views, who="roles") == "1 × op orde, 1 × niet op orde: GI"
    assert spread_line(views, who="none") == "1 × op orde, 1 × niet op orde"


def test_a_question_no_partner_answered_says_so_in_words():
    assert spread_line(views(None, None)) == "nog geen antwoord van een partner"

"""The disclosure rules (analysis/disclosure.py): what a figure may say outside the regio team."""

from __future__ import annotations

import itertools

import pytest

from analysis.disclosure import GroupRule, Rules, count, secondary, smallest_isolated, total

RULES = Rules()  # the safe defaults: minimum 3, group disclosure in words, dominance 75 %


def test_a_figure_on_fewer_gemeenten_than_the_minimum_is_withheld_and_carries_no_value():
    shown = count(1, 2, RULES)
    assert shown.withheld and shown.x is None and (shown.low, shown.high) == (None, None)


def test_zero_and_all_are_shown_in_words_that_cover_a_neighbour_too():
    assert count(0, 8, RULES).of() == count(1, 8, RULES).of() == "hoogstens 1 van de 8 gemeenten"
    assert count(8, 8, RULES).of() == count(7, 8, RULES).of() == "minstens 7 van de 8 gemeenten"
    assert count(2, 8, RULES).of() == "2 van 8 gemeenten"


def test_with_few_gemeenten_one_and_y_minus_one_are_protected_too():
    assert {count(x, 5, RULES).of() for x in (0, 1, 2)} == {"hoogstens 2 van de 5 gemeenten"}
    assert {count(x, 5, RULES).of() for x in (3, 4, 5)} == {"minstens 3 van de 5 gemeenten"}


@pytest.mark.parametrize("y", [3, 4])
def test_when_the_two_ends_would_overlap_every_figure_is_withheld(y):
    assert all(count(x, y, RULES).withheld for x in range(y + 1))


@pytest.mark.parametrize("y", range(3, 40))
def test_no_exact_figure_ever_says_that_all_or_none_of_the_gemeenten(y):
    for x in range(y + 1):
        shown = count(x, y, RULES)
        assert shown.x not in (0, y) and shown.complement().x not in (0, y)


@pytest.mark.parametrize(("minimum", "y"), [(m, y) for m in (3, 4, 5) for y in range(m, 2 * m)])
def test_with_few_gemeenten_one_that_knows_its_own_answer_cannot_tell_what_every_other_one_answered(minimum, y):
    """For every figure it may read, each answer of its own leaves at least two possibilities for the others."""
    rules = Rules(min_gemeenten=minimum)
    for x in range(y + 1):
        shown = count(x, y, rules)
        if shown.withheld or shown.exact:
            continue
        for own in (0, 1):  # its own answer: niet op orde or op orde
            others = {v - own for v in range(shown.low, shown.high + 1) if 0 <= v - own <= y - 1}
            assert len(others) >= 2 or others & {0, y - 1} == set(), (x, y, own)


def test_the_regio_can_choose_to_show_every_figure_or_none_at_the_ends():
    assert count(0, 8, Rules(group=GroupRule.TONEN)).of() == "0 van 8 gemeenten"
    assert count(0, 8, Rules(group=GroupRule.WEGLATEN)).withheld
    assert count(1, 8, Rules(group=GroupRule.WEGLATEN)).withheld  # else "withheld" would mean 0


def test_every_rule_has_a_plain_sentence_with_its_reason():
    for rules in (Rules(group=g) for g in GroupRule):
        assert len(rules.sentences()) == 5 and all(s.endswith(".") for s in rules.sentences())


def test_a_sum_on_too_few_gemeenten_or_dominated_by_one_is_withheld():
    assert total([10, 12], RULES).value is None
    assert total([100, 2, 3], RULES).value is None and "75%" in total([100, 2, 3], RULES).reason
    assert total([10, 12, 9], RULES).value == 31


def test_a_withheld_cell_gets_a_second_one_beside_a_total():
    cells = {1: 11.0, 2: 3.0, 3: 8.0}
    assert secondary(cells, {2}, min_count=5) == {2, 3}
    assert secondary(cells, set(), min_count=5) == set()
    assert secondary({1: 3.0}, {1}, min_count=5) is None  # then the total itself is withheld


def test_one_publication_of_enough_gemeenten_isolates_nobody():
    assert smallest_isolated([frozenset("ABCDE")], 3) is None


def test_a_second_publication_with_one_gemeente_more_isolates_that_one():
    assert smallest_isolated([frozenset("ABCDE"), frozenset("ABCDEF")], 3) == 1


def test_a_second_publication_with_one_gemeentes_round_changed_isolates_that_change():
    assert smallest_isolated([frozenset({"A1", "B", "C", "D"}), frozenset({"A2", "B", "C", "D"})], 3) == 2


def test_publications_that_differ_in_enough_gemeenten_isolate_nobody():
    assert smallest_isolated([frozenset("ABCDE"), frozenset("ABCDEFGH")], 3) is None


def test_three_publications_that_each_differ_enough_pairwise_can_still_isolate_one_together():
    sets = [frozenset("ABC"), frozenset("ABCDEF"), frozenset("DEFG")]
    pairwise = [smallest_isolated([a, b], 3) for a, b in itertools.combinations(sets, 2)]
    assert pairwise == [None, None, None] and smallest_isolated(sets, 3) == 1  # (DEFG) - (ABCDEF) + (ABC) = G

"""Publications: what leaves the regio team rests on fixed, checked publications, tried as an adversary would."""

from __future__ import annotations

from datetime import date

import pytest

from domain.access import Role
from domain.models import Purpose
from services import ServiceError
from services.meeting import create_meeting, get_meeting, round_choices
from services.partners import close_apart, invite_partner, save_partner_changes
from services.publications import Options, Selection, gemeente_average, latest, preview, publish, register
from services.regio import create_regio, list_gemeenten, set_regio_settings
from services.regio_report import regio_report
from services.scan import ValueChange, list_rounds, start_round
from tests.conftest import ADMIN, answer_all, principal_for
from tests.databases import seeded

NAMES = [f"Gemeente {letter}" for letter in "ABCDEFGH"]
NIET = {"Gemeente A": {9, 17}, "Gemeente B": {17}, "Gemeente C": {5, 17}, "Gemeente D": {9},
        "Gemeente E": {17, 28}, "Gemeente F": {28}, "Gemeente G": set(), "Gemeente H": {5, 9}}  # fmt: skip


def _region(engine):
    regio = create_regio(engine, ADMIN, name="Regio Proef", gemeente_names=NAMES)
    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=True)
    return regio


@pytest.fixture
def region(engine):
    return _region(engine)


@pytest.fixture
def gemeenten(engine, region):
    return {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=region.id)}


@pytest.fixture
def viewer(region):
    return principal_for(Role.REGIO, region, label="regioteam")


def new_round(engine, region, gemeente, held_on: date, niet: set[int], partners: dict[str, set[int]] | None = None):
    from services.access import login
    from services.partners import start_apart

    me = principal_for(Role.GEMEENTE, region, gemeente, label=f"team {gemeente.name}")
    rid = start_round(engine, me, gemeente_id=gemeente.id, held_on=held_on, purpose=Purpose.NULMETING, participants=[])
    if partners:
        start_apart(engine, me, round_id=rid)
        for role, their_niet in partners.items():
            code = invite_partner(engine, me, round_id=rid, role=role, name="Sanne de Vries")
            partner = login(engine, code=code.code, client_key=f"p{code.id}").principal
            save_partner_changes(
                engine,
                partner,
                changes=[ValueChange(question_number=n, value=_value(n in their_niet)) for n in range(1, 32)],
            )
        close_apart(engine, me, round_id=rid)
    answer_all(engine, me, rid, niet)
    return rid


def _value(niet: bool):
    from domain.answers import AnswerValue

    return AnswerValue.NIET_OP_ORDE if niet else AnswerValue.OP_ORDE


@pytest.fixture
def rounds(engine, region, gemeenten):
    """Six gemeenten with a round of 2024 whose partners answered apart first (Veilig Thuis sees 9 differently at
    A, B and C); G and H a round without partners. Made once per process on the same region, then copied over this
    test's database (tests/databases.py): the region's rows and ids are those of the fixture above."""
    return seeded(engine, "publications: rounds of 2024", _rounds)


def _rounds(engine):
    region = _region(engine)
    gemeenten = {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=region.id)}
    found = {}
    for name in NAMES[:6]:
        vt = {9} if name in ("Gemeente A", "Gemeente B", "Gemeente C") else set()
        partners = {"Veilig Thuis": vt, "Jeugdprofessional": set()}
        found[name] = new_round(engine, region, gemeenten[name], date(2024, 3, 1), NIET[name], partners)
    for name in NAMES[6:]:
        found[name] = new_round(engine, region, gemeenten[name], date(2024, 3, 1), NIET[name])
    return found


def share(engine, viewer, region, selection: Selection | None = None, **options):
    return publish(engine, viewer, regio_id=region.id, selection=selection or Selection(), options=Options(**options))


def partners_of(picture) -> dict[int, str]:
    return {number: first.of() for number, first, _now in picture.partners.questions}


def test_the_regio_sees_the_partners_counts_only_in_what_it_published(engine, region, viewer, rounds):
    found = preview(engine, viewer, regio_id=region.id, selection=Selection(), options=Options())
    assert found.picture.partners is None  # a preview never holds them
    assert latest(engine, viewer, regio_id=region.id) is None
    _, made = share(engine, viewer, region)
    assert partners_of(made.picture)[9] == "3 van 6 gemeenten"


def test_choosing_an_older_round_for_one_gemeente_cannot_single_out_its_partners(
    engine, region, viewer, gemeenten, rounds
):
    """The side door of issue 26: with an older round chosen for one gemeente, "bij 2 van 4" became "bij 1 van 3"."""
    _, first = share(engine, viewer, region)
    older = new_round(engine, region, gemeenten["Gemeente A"], date(2023, 3, 1), set())  # no partners
    choice = Selection(chosen=((gemeenten["Gemeente A"].id, older),))
    with pytest.raises(ServiceError, match="niets nieuws"):
        share(engine, viewer, region, choice)  # the one changed gemeente would show in every figure
    assert partners_of(latest(engine, viewer, regio_id=region.id)) == partners_of(first.picture)


def test_a_publication_after_one_more_gemeente_keeps_the_earlier_figures(engine, region, viewer, gemeenten, rounds):
    _, first = share(engine, viewer, region)
    set_regio_settings(engine, ADMIN, regio_id=region.id, counting_rule="nieuwste")
    new_round(engine, region, gemeenten["Gemeente A"], date(2026, 3, 1), {1})
    with pytest.raises(ServiceError, match="niets nieuws"):
        share(engine, viewer, region)
    found = preview(engine, viewer, regio_id=region.id, selection=Selection(), options=Options())
    assert found.picture.standards == first.picture.standards
    assert "minder dan 3 gemeenten" in found.kept[0]


def test_a_publication_after_enough_changes_shares_the_new_figures(engine, region, viewer, gemeenten, rounds):
    share(engine, viewer, region)
    for name in ("Gemeente A", "Gemeente B", "Gemeente C"):
        new_round(engine, region, gemeenten[name], date(2026, 3, 1), set())
    _, second = share(engine, viewer, region)
    assert "scan" in second.renewed
    assert second.picture.questions[8].op_orde.of() == "6 van 8 gemeenten"  # question 9: A now op orde


def test_the_average_a_gemeente_sees_moves_only_when_the_regio_shares(engine, region, viewer, gemeenten, rounds):
    share(engine, viewer, region)
    team = principal_for(Role.GEMEENTE, region, gemeenten["Gemeente G"])
    before = gemeente_average(engine, team, regio_id=region.id)
    set_regio_settings(engine, ADMIN, regio_id=region.id, counting_rule="nieuwste")
    new_round(engine, region, gemeenten["Gemeente H"], date(2026, 3, 1), set(range(1, 32)))
    assert gemeente_average(engine, team, regio_id=region.id) == before
    assert (
        regio_report(engine, viewer, regio_id=region.id).average
        != regio_report(
            engine, viewer, regio_id=region.id, chosen_rounds={gemeenten["Gemeente H"].id: rounds["Gemeente H"]}
        ).average
    )  # the regio team itself sees the change at once


def test_nothing_a_reader_outside_the_regio_team_gets_names_a_gemeente_or_a_partner(engine, region, viewer, rounds):
    _, made = share(engine, viewer, region, include_toelichtingen=True, extra_words=("Sanne",))
    text = made.picture.model_dump_json()
    assert not [n for n in NAMES if n in text]
    assert "Sanne" not in text and "Jeugdprofessional" not in text  # no partner's name or role


def test_a_withheld_figure_carries_no_value_in_what_is_stored(engine, region, viewer, rounds):
    _, made = share(engine, viewer, region)
    for q in made.picture.questions:
        if q.op_orde.withheld:
            assert (q.op_orde.low, q.op_orde.high) == (None, None)
    zero = made.picture.questions[0]  # question 1: op orde everywhere, 8 van 8
    assert zero.op_orde.of() == "minstens 7 van de 8 gemeenten" and zero.op_orde.x is None


def test_the_register_lists_every_publication_with_who_made_it(engine, region, viewer, gemeenten, rounds):
    share(engine, viewer, region)
    share(engine, viewer, region, include_toelichtingen=True)
    assert [by for _, _, by in register(engine, viewer, regio_id=region.id)] == ["regioteam (regio)"] * 2


def test_only_the_regio_makes_a_publication(engine, region, gemeenten, rounds):
    for role in (Role.GEMEENTE, Role.FACILITATOR, Role.BEHEERDER):
        who = principal_for(role, region, gemeenten["Gemeente A"] if role is Role.GEMEENTE else None)
        with pytest.raises(ServiceError, match="geen toegang"):
            publish(engine, who, regio_id=region.id, selection=Selection(), options=Options())


def test_a_startbijeenkomst_continues_a_round_of_the_same_year_and_asks_for_an_older_one(
    engine, region, gemeenten, rounds
):
    facilitator = principal_for(Role.FACILITATOR, region)
    a, b = gemeenten["Gemeente A"], gemeenten["Gemeente B"]
    me_a = principal_for(Role.GEMEENTE, region, a)
    this_year = start_round(engine, me_a, gemeente_id=a.id, held_on=date(2026, 1, 10), purpose=Purpose.EVALUATIE,
                            participants=[])  # fmt: skip
    me_b = principal_for(Role.GEMEENTE, region, b)
    last_year = start_round(engine, me_b, gemeente_id=b.id, held_on=date(2025, 5, 1), purpose=Purpose.EVALUATIE,
                            participants=[])  # fmt: skip
    choices = {c.gemeente_id: c for c in round_choices(
        engine, facilitator, regio_id=region.id, gemeente_ids=[a.id, b.id], held_on=date(2026, 3, 2)
    )}  # fmt: skip
    assert choices[a.id].continue_round == this_year
    assert choices[b.id].continue_round is None and choices[b.id].older[0] == last_year
    assert choices[b.id].purpose is Purpose.EVALUATIE  # it answered a round before
    meeting_id = create_meeting(
        engine, facilitator, regio_id=region.id, title="Start", held_on=date(2026, 3, 2),
        kind=__import__("domain.meeting", fromlist=["MeetingKind"]).MeetingKind.START,
        gemeente_ids=[a.id, b.id], programme=[], continue_older={b.id},
    )  # fmt: skip
    groups = {g.gemeente_id: g.round_id for g in get_meeting(engine, facilitator, meeting_id=meeting_id).groups}
    assert groups == {a.id: this_year, b.id: last_year}
    assert len(list_rounds(engine, me_a, gemeente_id=a.id)) == 2  # no round piled up

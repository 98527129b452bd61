"""The national picture: a regio's choice, the rules one level up, signed files from other installations, and what
never leaves (a gemeente, a regio that did not want its name, one regio's figures)."""

from __future__ import annotations

import io
import json
import subprocess

import openpyxl
import pytest

from analysis.contribution import ContributedQuestion, ContributedStandard, Contribution, Range
from analysis.disclosure import GroupRule
from analysis.national import NationalRules, period_picture
from analysis.national_stand import build
from domain.access import Principal, Role
from services import ServiceError, national
from services.audit import events
from services.authz import Forbidden
from services.national_exports import national_factsheet, national_workbook
from services.publications import Options, Selection, publish
from tests.conftest import ADMIN, principal_for, regio_with_rounds

NATIONAL = Principal(code_id=900, role=Role.LANDELIJK, label="Programmateam")
GEMEENTEN = {
    "Noord": ["Aaldijk", "Beemsterhof", "Corlaer", "Dreumelo", "Eekhorst", "Fallum"],
    "Zuid": ["Gasselte-Proef", "Hulsberg-Proef", "Ittervoort-Proef", "Jabeek-Proef", "Kessel-Proef", "Linne-Proef"],
    "West": ["Maasland-Proef", "Nootdorp-Proef", "Oostvoorne-Proef", "Pijnacker-Proef", "Rockanje-Proef", "Stompwijk"],
    "Oost": ["Tubbergen-Proef", "Ulft-Proef", "Vasse-Proef", "Wierden-Proef", "Zenderen-Proef", "Albergen-Proef"],
}
ALL_NAMES = [n for names in GEMEENTEN.values() for n in names]


def contribution(name: str, shares: dict[int, tuple[float | None, float | None]], of: int = 6, period: str = "2026"):
    """A contribution whose question 1 (standard 1) is op orde at `shares[1]` (low, high as counts)."""
    return Contribution(
        regio_name=name,
        named=False,
        period=period,
        questionnaire_version="v",
        made_on="2026-04-01",
        gemeenten_counted=of,
        standards=tuple(
            ContributedStandard(
                number=n,
                mean=Range(low=None if lo is None else lo / of, high=None if hi is None else hi / of),
                whole=Range(low=lo, high=hi),
                of=of,
            )
            for n, (lo, hi) in shares.items()
        ),
        questions=tuple(
            ContributedQuestion(number=n, standard=n, op_orde=Range(low=lo, high=hi), of=of)
            for n, (lo, hi) in shares.items()
        ),
    )


# --- the rules one level up ---------------------------------------------------------------------


def test_a_regio_counts_as_op_orde_when_at_least_half_of_its_gemeenten_have_the_question_op_orde():
    parts = [contribution(f"R{i}", {1: (x, x)}) for i, x in enumerate([3, 2, 4, 5, 1, 6])]
    found = period_picture("2026", parts, NationalRules(min_regios=3))
    assert found.questions[0].regios.of("regio's") == "4 van 6 regio's"  # 3, 4, 5 and 6 of 6: at least half


def test_a_regio_whose_figure_is_withheld_or_both_ways_possible_is_not_counted_and_says_so():
    parts = [contribution(f"R{i}", {1: (x, x)}) for i, x in enumerate([3, 2, 4, 5, 1, 6])]
    parts.append(contribution("R6", {1: (None, None)}))
    parts.append(contribution("R7", {1: (2, 4)}))  # 2 to 4 of 6: below or above half
    found = period_picture("2026", parts, NationalRules(min_regios=3))
    assert found.questions[0].regios.of("regio's") == "4 van 6 regio's"
    assert found.questions[0].unknown == 2


def test_figures_of_fewer_regions_than_the_minimum_are_withheld():
    parts = [contribution(f"R{i}", {1: (3, 3)}) for i in range(2)]
    found = period_picture("2026", parts, NationalRules(min_regios=3))
    assert found.withheld and not found.questions and not found.standards


def test_all_regions_op_orde_is_put_in_words_that_keep_each_regio_unknown():
    parts = [contribution(f"R{i}", {1: (5, 5)}) for i in range(6)]
    found = period_picture("2026", parts, NationalRules(min_regios=3))
    assert found.questions[0].regios.of("regio's") == "minstens 5 van de 6 regio's"


def test_a_national_count_of_gemeenten_adds_up_the_regional_counts_and_keeps_their_words_as_a_range():
    parts = [contribution(f"R{i}", {1: (3, 3)}) for i in range(4)] + [contribution("R9", {1: (4, 6)})]
    found = period_picture("2026", parts, NationalRules(min_regios=3))
    assert found.questions[0].gemeenten.of() == "tussen 16 en 18 van de 30 gemeenten"


def test_the_spread_counts_regions_per_band_of_their_mean_share():
    parts = [contribution(f"R{i}", {1: (x, x)}) for i, x in enumerate([0, 1, 2, 3, 5, 6])]
    found = period_picture("2026", parts, NationalRules(min_regios=3))
    # 0% and 17% | 33% | 50% | 83% and 100%
    assert found.standards[0].bands == (2, 1, 1, 2)


def test_a_spread_with_every_regio_in_one_band_is_withheld_as_all_or_none():
    parts = [contribution(f"R{i}", {1: (3, 3)}) for i in range(6)]
    found = period_picture("2026", parts, NationalRules(min_regios=3))
    assert found.standards[0].bands is None and "hetzelfde deel" in found.standards[0].bands_reason


def test_a_period_whose_new_figures_would_isolate_one_regio_that_joined_keeps_the_earlier_figures():
    rules = NationalRules(min_regios=3)
    first = [(f"k{i}", contribution(f"R{i}", {1: (3, 3)})) for i in range(4)]
    picture, rested = build(first, rules=rules, questionnaire_version="v", made_at=_now(), earlier=[], before=None)
    earlier = [{k: sorted(v) for k, v in rested.items()}]
    joined = [*first, ("k9", contribution("R9", {1: (6, 6)}))]
    again, rested2 = build(joined, rules=rules, questionnaire_version="v", made_at=_now(), earlier=earlier,
                           before=picture)  # fmt: skip
    assert again.period("2026") == picture.period("2026")
    assert again.kept and rested2["2026"] == rested["2026"]


def test_a_period_whose_regio_stopped_is_withheld_rather_than_kept_with_that_regio():
    rules = NationalRules(min_regios=3)
    first = [(f"k{i}", contribution(f"R{i}", {1: (3, 3)})) for i in range(5)]
    picture, rested = build(first, rules=rules, questionnaire_version="v", made_at=_now(), earlier=[], before=None)
    earlier = [{k: sorted(v) for k, v in rested.items()}]
    again, rested2 = build(first[1:], rules=rules, questionnaire_version="v", made_at=_now(), earlier=earlier,
                           before=picture)  # fmt: skip
    period = again.period("2026")
    assert period is not None and period.withheld and period.regios == 4
    assert "2026" not in rested2


def test_a_contribution_of_another_questionnaire_version_does_not_count_and_says_why():
    parts = [(f"k{i}", contribution(f"R{i}", {1: (3, 3)})) for i in range(3)]
    odd = contribution("R9", {1: (3, 3)}).model_copy(update={"questionnaire_version": "oud"})
    picture, _ = build([*parts, ("k9", odd)], rules=NationalRules(), questionnaire_version="v", made_at=_now(),
                       earlier=[], before=None)  # fmt: skip
    assert picture.periods[0].regios == 3 and "vragenlijst oud" in picture.left_out[0]


def test_a_change_between_two_periods_counts_only_the_regions_in_both():
    rules = NationalRules(min_regios=3)
    parts = [(f"k{i}", contribution(f"R{i}", {1: (2, 2)}, period="2024")) for i in range(9)]
    parts += [(f"k{i}", contribution(f"R{i}", {1: (4, 4)}, period="2026")) for i in range(3, 9)]
    picture, _ = build(parts, rules=rules, questionnaire_version="v", made_at=_now(), earlier=[], before=None)
    assert picture.change is not None and picture.change.regios == 6
    _, before, after = picture.change.standards[0]
    assert (
        before.of("regio's") == "hoogstens 1 van de 6 regio's" and after.of("regio's") == "minstens 5 van de 6 regio's"
    )


def _now():
    from store.repository import now

    return now()


# --- a regio's choice ----------------------------------------------------------------------------


@pytest.fixture
def regions(engine):
    """Four regions of six gemeenten each, each with its figures shared (a publication)."""
    found = {}
    for index, (name, names) in enumerate(GEMEENTEN.items()):
        regio = regio_with_rounds(
            engine, f"Regio {name}", names, lambda i, k=index: {n for n in range(1, 32) if (n + i + k) % 3 == 0}
        )
        publish(engine, principal_for(Role.REGIO, regio), regio_id=regio.id, selection=Selection(), options=Options())
        found[name] = regio
    return found


def join(engine, regio, *, named=False, period="2026"):
    return national.join(engine, principal_for(Role.REGIO, regio), regio_id=regio.id, named=named, period=period)


def test_a_regio_sees_what_it_would_share_before_anything_is_stored(engine, regions):
    regio = regions["Noord"]
    offered = national.offer(engine, principal_for(Role.REGIO, regio), regio_id=regio.id, named=False, period="2026")
    assert offered.gemeenten_counted == 6 and len(offered.questions) == 31
    assert national.taking_part(engine, principal_for(Role.REGIO, regio), regio_id=regio.id) is None
    joined = join(engine, regio)
    assert joined == offered  # what it saw is what counts


def test_a_regio_that_shared_nothing_yet_cannot_join_and_is_told_what_to_do_first(engine):
    regio = regio_with_rounds(engine, "Regio Leeg", ["Aa-Proef", "Bb-Proef", "Cc-Proef"], lambda i: set())
    with pytest.raises(ServiceError, match="Delen en downloaden"):
        join(engine, regio)


def test_only_the_regio_itself_or_its_beheerder_decides_whether_it_takes_part(engine, regions):
    noord, zuid = regions["Noord"], regions["Zuid"]
    for who in (principal_for(Role.REGIO, zuid), principal_for(Role.GEMEENTE, noord), NATIONAL,
                principal_for(Role.FACILITATOR, noord)):  # fmt: skip
        with pytest.raises(Forbidden):
            national.join(engine, who, regio_id=noord.id, named=True, period="2026")
    beheerder = principal_for(Role.BEHEERDER, noord)
    national.join(engine, beheerder, regio_id=noord.id, named=True, period="2026")


def test_the_national_team_reads_no_regional_publication_and_a_regio_no_national_one(engine, regions):
    from services.publications import latest as regional_latest

    with pytest.raises(Forbidden):
        regional_latest(engine, NATIONAL, regio_id=regions["Noord"].id)
    with pytest.raises(Forbidden):
        national.latest(engine, principal_for(Role.REGIO, regions["Noord"]))


def test_joining_and_stopping_are_in_the_audit_log_with_who_and_when(engine, regions):
    regio = regions["Noord"]
    join(engine, regio)
    national.withdraw(engine, principal_for(Role.REGIO, regio), regio_id=regio.id)
    logged = [e.action.value for e in events(engine, ADMIN)]
    assert "landelijk meedoen" in logged and "landelijk stoppen" in logged


def test_a_regio_that_stops_is_gone_from_the_next_national_figures_and_the_earlier_ones_say_so(engine, regions):
    for regio in regions.values():
        join(engine, regio)
    national.set_rules(engine, NATIONAL, new=NationalRules(min_regios=3))
    first = national.publish(engine, NATIONAL)
    assert first.periods[0].regios == 4 and not first.periods[0].withheld
    national.withdraw(engine, principal_for(Role.REGIO, regions["Oost"]), regio_id=regions["Oost"].id)
    assert "1 regio gestopt" in national.latest(engine, NATIONAL).withdrawn_since[0]
    second = national.publish(engine, NATIONAL)
    period = second.period("2026")
    assert period is not None and period.regios == 3
    assert period.withheld  # 4 minus 3 would give away what Oost shared
    assert not second.withdrawn_since


def test_no_gemeente_and_no_regio_that_kept_its_name_appear_in_anything_the_national_team_gets(engine, regions):
    join(engine, regions["Noord"], named=True)
    for name in ("Zuid", "West", "Oost"):
        join(engine, regions[name], named=False)
    national.publish(engine, NATIONAL)
    picture = national.latest(engine, NATIONAL).model_dump_json()
    people = json.dumps([p.model_dump() for p in national.participants(engine, NATIONAL)])
    pdf = subprocess.run(["pdftotext", "-", "-"], input=national_factsheet(engine, NATIONAL), capture_output=True,
                         check=True).stdout.decode()  # fmt: skip
    wb = openpyxl.load_workbook(io.BytesIO(national_workbook(engine, NATIONAL)))
    cells = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    for text in (picture, people, pdf, cells):
        assert "Regio Noord" in text
        for hidden in ("Regio Zuid", "Regio West", "Regio Oost", *ALL_NAMES):
            assert hidden not in text


def test_the_national_workbook_holds_no_live_formula_and_reads_back_the_figures(engine, regions):
    for regio in regions.values():
        join(engine, regio)
    picture = national.publish(engine, NATIONAL)
    wb = openpyxl.load_workbook(io.BytesIO(national_workbook(engine, NATIONAL)))
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    ws = wb["Standaarden 2026"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    first = next(r for r in rows if r[0] and str(r[0]).startswith("1. "))
    assert first[1] == picture.periods[0].standards[0].regios.of("regio's")


# --- files from other installations ---------------------------------------------------------------


def test_national_rules_outside_their_bounds_are_refused():
    with pytest.raises(ValueError):
        NationalRules(min_regios=1)
    assert NationalRules(group=GroupRule.WEGLATEN).sentences()


def test_a_change_over_the_regions_in_both_periods_is_withheld_when_beside_a_period_it_would_isolate_one_regio():
    rules = NationalRules(min_regios=3)
    parts = [(f"k{i}", contribution(f"R{i}", {1: (2, 2)}, period="2024")) for i in range(6)]
    parts += [(f"k{i}", contribution(f"R{i}", {1: (4, 4)}, period="2026")) for i in range(7)]  # k6 in 2026 only
    picture, rested = build(parts, rules=rules, questionnaire_version="v", made_at=_now(), earlier=[], before=None)
    assert picture.change is not None and picture.change.withheld and not picture.change.standards
    assert not any(key.startswith("verandering:") for key in rested)


def test_a_change_whose_columns_isolate_nobody_is_shown_and_kept_for_the_next_check():
    rules = NationalRules(min_regios=3)
    parts = [(f"k{i}", contribution(f"R{i}", {1: (2, 2)}, period="2024")) for i in range(6)]
    parts += [(f"k{i}", contribution(f"R{i}", {1: (4, 4)}, period="2026")) for i in range(9)]  # three in 2026 only
    picture, rested = build(parts, rules=rules, questionnaire_version="v", made_at=_now(), earlier=[], before=None)
    assert picture.change is not None and not picture.change.withheld and picture.change.regios == 6
    assert len(rested["verandering:2026"]) == 6

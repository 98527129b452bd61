"""Authorisation holds in the core services, whatever a page shows or hides."""

from __future__ import annotations

from datetime import date

import pytest

from domain.access import Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from domain.models import Purpose
from services import ServiceError
from services.publications import Options, Selection, gemeente_average, publish
from services.regio import create_regio, list_gemeenten, set_regio_settings
from services.scan import (
    ValueChange,
    history,
    list_rounds,
    open_scan,
    restore,
    round_report,
    save_changes,
    start_round,
    update_round_details,
)
from tests.conftest import ADMIN, principal_for

OP = AnswerValue.OP_ORDE


@pytest.fixture
def beekdal(regio, gemeenten):
    return principal_for(Role.GEMEENTE, regio, gemeenten[1], label="team Beekdal")


def readers_of_a_round(engine, round_id):
    return {
        "open_scan": lambda p: open_scan(engine, p, round_id=round_id),
        "round_report": lambda p: round_report(engine, p, round_id=round_id),
        "history": lambda p: history(engine, p, round_id=round_id),
    }


def writers_of_a_round(engine, round_id):
    return {
        "save_changes": lambda p: save_changes(
            engine, p, round_id=round_id, changes=[ValueChange(question_number=1, value=OP)]
        ),
        "update_round_details": lambda p: update_round_details(
            engine, p, round_id=round_id, held_on=date(2026, 1, 1), purpose=Purpose.EVALUATIE, participants=[]
        ),
    }


@pytest.mark.parametrize("action", ["open_scan", "round_report", "history"])
def test_a_gemeente_cannot_read_another_gemeentes_round(engine, round_id, beekdal, action):
    with pytest.raises(ServiceError, match="geen toegang"):
        readers_of_a_round(engine, round_id)[action](beekdal)


@pytest.mark.parametrize("action", ["save_changes", "update_round_details"])
def test_a_gemeente_cannot_change_another_gemeentes_round(engine, round_id, beekdal, action):
    with pytest.raises(ServiceError):
        writers_of_a_round(engine, round_id)[action](beekdal)
    assert (
        open_scan(
            engine, ADMIN.model_copy(update={"role": Role.REGIO, "regio_id": beekdal.regio_id}), round_id=round_id
        ).answers
        == {}
    )


def test_a_gemeente_cannot_list_or_start_rounds_of_another_gemeente(engine, aadorp, beekdal):
    with pytest.raises(ServiceError, match="geen toegang"):
        list_rounds(engine, beekdal, gemeente_id=aadorp.gemeente_id)
    with pytest.raises(ServiceError, match="geen toegang"):
        start_round(
            engine,
            beekdal,
            gemeente_id=aadorp.gemeente_id,
            held_on=dutch_today(),
            purpose=Purpose.NULMETING,
            participants=[],
        )


def test_a_gemeente_cannot_restore_a_change_in_another_gemeentes_round(engine, aadorp, beekdal, round_id):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=OP)])
    [change] = history(engine, aadorp, round_id=round_id)
    with pytest.raises(ServiceError, match="geen toegang"):
        restore(engine, beekdal, change_id=change.id)


def test_a_gemeente_sees_only_itself_in_the_list_of_gemeenten(engine, regio, aadorp):
    assert [g.id for g in list_gemeenten(engine, aadorp, regio_id=regio.id)] == [aadorp.gemeente_id]


def test_the_regio_reads_every_gemeente_but_changes_nothing(engine, regio_user, round_id):
    assert open_scan(engine, regio_user, round_id=round_id).editable is False
    with pytest.raises(ServiceError, match="Alleen de gemeente zelf"):
        save_changes(engine, regio_user, round_id=round_id, changes=[ValueChange(question_number=1, value=OP)])


def test_nobody_reads_the_rounds_of_another_regio(engine, round_id):
    other = create_regio(engine, ADMIN, name="Regio Elders", gemeente_names=["Verweg"])
    for role in (Role.REGIO, Role.FACILITATOR, Role.BEHEERDER):
        with pytest.raises(ServiceError, match="geen toegang"):
            open_scan(engine, principal_for(role, other), round_id=round_id)


def test_a_facilitator_sees_progress_but_not_the_answers(engine, regio, aadorp, round_id):
    facilitator = principal_for(Role.FACILITATOR, regio)
    assert list_rounds(engine, facilitator, gemeente_id=aadorp.gemeente_id)[0].id == round_id
    with pytest.raises(ServiceError, match="geen toegang"):
        open_scan(engine, facilitator, round_id=round_id)


def test_a_beheerder_sees_no_answers(engine, regio, round_id):
    with pytest.raises(ServiceError, match="geen toegang"):
        open_scan(engine, principal_for(Role.BEHEERDER, regio), round_id=round_id)


def test_a_gemeente_sees_the_regional_average_only_when_the_regio_allows_it(
    engine, regio, aadorp, regio_user, three_answered
):
    set_regio_settings(engine, ADMIN, regio_id=regio.id, group_rule="tonen")
    publish(engine, regio_user, regio_id=regio.id, selection=Selection(), options=Options())
    assert gemeente_average(engine, aadorp, regio_id=regio.id) is None
    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=True)
    average = gemeente_average(engine, aadorp, regio_id=regio.id)
    assert average is not None
    assert (average.standards[0].mean.value, average.standards[0].mean.rests_on) == (1.0, 3)


def test_a_gemeente_sees_no_regional_average_before_the_regio_shared_one(engine, regio, aadorp, round_id):
    save_changes(engine, aadorp, round_id=round_id, changes=[ValueChange(question_number=1, value=OP)])
    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=True)
    assert gemeente_average(engine, aadorp, regio_id=regio.id) is None


def test_only_the_regios_beheerder_and_team_change_its_rules(engine, regio):
    for role in (Role.GEMEENTE, Role.FACILITATOR):
        with pytest.raises(ServiceError, match="geen toegang"):
            set_regio_settings(engine, principal_for(role, regio), regio_id=regio.id, min_gemeenten=1)
    set_regio_settings(engine, principal_for(Role.REGIO, regio), regio_id=regio.id, group_rule="weglaten")


def test_what_a_page_offers_follows_the_same_rules_as_the_services_for_every_role():
    from domain.access import Principal
    from services import authz

    def who(role: Role) -> Principal:
        return Principal(code_id=1, role=role, label="x", regio_id=1, gemeente_id=7 if role is Role.GEMEENTE else None,
                         round_id=3 if role in (Role.DEELNEMER, Role.PARTNER) else None)  # fmt: skip

    keeps = {role for role in Role if authz.own_gemeente(who(role)) == 7}
    writes = {role for role in Role if authz.can_write(who(role), 7)}
    assert keeps == writes == {Role.GEMEENTE}
    assert {role for role in Role if authz.chooses_a_gemeente(who(role))} == {Role.REGIO}
    assert {role for role in Role if authz.answers_alone(who(role))} == {Role.PARTNER}
    assert {role for role in Role if authz.has_start_page(who(role))} == {Role.GEMEENTE, Role.REGIO}
    assert not authz.can_write(who(Role.GEMEENTE), 8)  # its own gemeente only


def _who(role: Role, *, regio_id: int | None = 1):
    from domain.access import Principal

    return Principal(code_id=1, role=role, label="x", regio_id=regio_id,
                     gemeente_id=7 if role is Role.GEMEENTE else None,
                     round_id=3 if role in (Role.DEELNEMER, Role.PARTNER) else None)  # fmt: skip


def test_each_role_opens_the_pages_of_its_work_and_no_other():
    from services import authz

    everyone = {"begrippen", "toegankelijkheid"}
    assert set(authz.pages(None)) == {"inloggen", "deelnemen"} | everyone
    opened = {role: set(authz.pages(_who(role))) - everyone for role in Role}
    assert opened[Role.GEMEENTE] == {"start", "scan", "samen", "resultaten", "verbeterplan", "geschiedenis", "inlezen",
                                     "vergelijken", "indicatoren"}  # fmt: skip
    assert opened[Role.REGIO] == opened[Role.GEMEENTE] - {"samen"} | {"regio"}
    assert opened[Role.DEELNEMER] == opened[Role.PARTNER] == {"scan", "samen"}
    assert opened[Role.FACILITATOR] == {"bijeenkomst", "scherm", "voortgang"}
    assert opened[Role.LANDELIJK] == {"landelijk"}
    assert opened[Role.BEHEERDER] == {"beheer", "vragenlijst", "logboek"}  # a regio's beheerder: no back-ups
    assert set(authz.pages(_who(Role.BEHEERDER, regio_id=None))) - everyone == opened[Role.BEHEERDER] | {"backup"}


def test_a_person_whose_page_is_left_out_is_stopped_by_the_page_itself():
    from services import authz

    for role in Role:
        assert authz.may_open(_who(role), authz.pages(_who(role))[0])
    assert not authz.may_open(_who(Role.GEMEENTE), "regio")
    assert not authz.may_open(_who(Role.BEHEERDER), "backup")
    assert not authz.may_open(None, "scan")


def test_every_page_but_the_public_ones_asks_for_itself_before_it_draws_anything():
    import ast
    from pathlib import Path

    from services import authz

    public = {*authz.PUBLIC_PAGES, *authz.EVERYONES_PAGES, "uitloggen"}
    for path in sorted(Path("pages").glob("*.py")):
        calls = [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call)
                 and ast.unparse(node.func) == "auth.require"]  # fmt: skip
        if path.stem in public:
            assert not calls, path
        else:
            assert [ast.literal_eval(c.args[0]) for c in calls] == [path.stem], path
            assert any(path.stem in authz.pages(_who(role, regio_id=None)) for role in Role), path


def test_no_module_but_authz_decides_by_the_role_of_the_person_asking():
    import ast
    from pathlib import Path

    def asks_the_role(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "role" and "principal" in ast.unparse(node.value)

    found = []
    for path in sorted([Path("app.py"), *Path("services").glob("*.py"), *Path("pages").glob("*.py"),
                        *Path("ui").glob("*.py")]):  # fmt: skip
        if path.as_posix() == "services/authz.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare) and any(asks_the_role(o) for o in (node.left, *node.comparators)):
                found.append(f"{path}:{node.lineno}")
    assert found == []


def test_a_rounds_agreed_answers_are_kept_by_the_gemeente_and_its_group_and_the_regios_sets_by_its_team():
    from services import authz

    assert {role for role in Role if authz.keeps_the_round(_who(role))} == {Role.GEMEENTE, Role.DEELNEMER}
    assert {role for role in Role if authz.keeps_regio_sets(_who(role))} == {Role.REGIO}


def test_a_gemeente_sees_itself_only_among_the_gemeenten_of_its_regio():
    from services import authz

    assert all(authz.sees_gemeente(_who(role), 7) for role in Role)
    assert {role for role in Role if not authz.sees_gemeente(_who(role), 8)} == {Role.GEMEENTE}


def test_only_the_gemeente_and_the_regio_team_keep_scans_plans_and_reports():
    from services import authz

    for role in Role:
        if role in (Role.GEMEENTE, Role.REGIO):
            assert authz.require_team(_who(role)) == 1
        else:
            with pytest.raises(authz.Forbidden):
                authz.require_team(_who(role))


def test_the_regional_average_beside_a_gemeente_is_for_the_regio_team_and_for_gemeenten_the_regio_allows():
    from services import authz

    for allowed in (True, False):
        assert authz.regional_average_shown(_who(Role.REGIO), 1, gemeente_sees_average=allowed)
        assert authz.regional_average_shown(_who(Role.GEMEENTE), 1, gemeente_sees_average=allowed) is allowed
    for who in (_who(Role.FACILITATOR), _who(Role.DEELNEMER), _who(Role.GEMEENTE, regio_id=2)):
        with pytest.raises(authz.Forbidden):
            authz.regional_average_shown(who, 1, gemeente_sees_average=True)


def test_the_regional_plan_is_changed_by_the_regio_team_and_read_by_its_gemeenten():
    from services import authz

    assert authz.require_regional_plan(_who(Role.REGIO), 1, write=True) is True
    assert authz.require_regional_plan(_who(Role.GEMEENTE), 1, write=False) is False
    with pytest.raises(authz.Forbidden, match="Alleen de regio"):
        authz.require_regional_plan(_who(Role.GEMEENTE), 1, write=True)
    with pytest.raises(authz.Forbidden):
        authz.require_regional_plan(_who(Role.GEMEENTE, regio_id=2), 1, write=False)


def test_a_partner_sees_which_block_is_open_for_its_own_round_and_no_other():
    from services import authz

    authz.require_round_state(_who(Role.PARTNER), round_id=3, gemeente_id=7, regio_id=1)
    with pytest.raises(authz.Forbidden):
        authz.require_round_state(_who(Role.PARTNER), round_id=4, gemeente_id=7, regio_id=1)

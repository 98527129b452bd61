"""Questionnaire versions: loaded from a file or a VNG workbook, activated per regio, compared with care."""

from __future__ import annotations

import io
import itertools
from datetime import date

import openpyxl
import pytest

import questionnaire
from domain.access import Principal, Role
from domain.models import Purpose
from services import ServiceError
from services.authz import Forbidden
from services.questionnaire_versions import activate, load, preview, versions
from services.scan import open_scan, start_round
from services.workbooks import blank_workbook
from tests.conftest import ADMIN, answer_all, principal_for

_names = itertools.count(1)
REASON = "De vraag gaat nu ook over volwassenen."


def new_name() -> str:
    return f"2027.{next(_names)}-test"


def version_file(name: str, *, not_comparable: dict[int, str] | None = None, text_5: str | None = None) -> bytes:
    current = questionnaire.current()
    questions = tuple(
        q.model_copy(update={"text": text_5}) if q.number == 5 and text_5 else q for q in current.questions
    )
    made = current.model_copy(
        update={"version": name, "based_on": current.version, "not_comparable": not_comparable or {},
                "questions": questions}
    )  # fmt: skip
    return questionnaire.dump(made).encode("utf-8")


def official_workbook(engine, who, gemeente_id: int, texts: dict[int, str]) -> bytes:
    """Our blank workbook, with other wording in the question column (as the official one has)."""
    _, data = blank_workbook(engine, who, gemeente_id=gemeente_id)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Vragen"]
    for row in ws.iter_rows():
        if isinstance(row[0].value, int) and row[0].value in texts:
            row[3].value = texts[row[0].value]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_version_file_is_shown_beside_the_current_one_before_it_is_loaded(engine):
    name = new_name()
    shown = preview(engine, ADMIN, data=version_file(name, text_5="Nieuwe tekst van vraag vijf?"), file_name="v.yaml")
    assert [(c.number, c.new) for c in shown.changes] == [(5, "Nieuwe tekst van vraag vijf?")]
    with pytest.raises(questionnaire.QuestionnaireError):
        questionnaire.by_version(name)


def test_a_loaded_version_is_known_to_the_app_and_listed(engine):
    name = new_name()
    load(engine, ADMIN, shown=preview(engine, ADMIN, data=version_file(name), file_name="v.yaml"))
    assert questionnaire.by_version(name).version == name
    assert any(v.version == name and v.source == "bestand" for v in versions(engine, ADMIN))


def test_a_version_is_read_from_a_vng_workbook_with_its_own_wording(engine, gemeenten, regio_user):
    name = new_name()
    data = official_workbook(
        engine, regio_user, gemeenten[0].id, {12: "Officiële tekst: gebruiken alle partners één instrument?"}
    )
    shown = preview(engine, ADMIN, data=data, file_name="VNG zelfscan.xlsx", version=name)
    assert shown.source == "werkboek"
    assert (
        shown.questionnaire.questions_by_number[12].text == "Officiële tekst: gebruiken alle partners één instrument?"
    )
    assert shown.questionnaire.questions_by_number[12].help == questionnaire.current().questions_by_number[12].help
    load(engine, ADMIN, shown=shown)
    assert questionnaire.by_version(name).based_on == questionnaire.current().version


def test_a_workbook_without_a_question_is_refused_naming_the_sheet(engine, gemeenten, regio_user):
    _, data = blank_workbook(engine, regio_user, gemeente_id=gemeenten[0].id)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Vragen"]
    for row in ws.iter_rows():
        if row[0].value == 20:
            row[0].value = None
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ServiceError, match="Blad 'Vragen'"):
        preview(engine, ADMIN, data=out.getvalue(), file_name="kapot.xlsx", version=new_name())


def test_a_broken_version_file_gets_a_dutch_message_per_problem(engine):
    text = version_file(new_name()).decode().replace("block: 2\n", "block: 3\n", 1)
    with pytest.raises(ServiceError, match="klopt niet"):
        preview(engine, ADMIN, data=text.encode(), file_name="kapot.yaml")


def test_a_version_cannot_take_the_name_of_one_that_exists(engine):
    with pytest.raises(ServiceError, match="bestaat al"):
        preview(engine, ADMIN, data=questionnaire.dump(questionnaire.current()).encode(), file_name="v.yaml")


def test_only_the_installation_beheerder_loads_a_version(engine, regio):
    regio_beheerder = Principal(code_id=1, role=Role.BEHEERDER, label="b", regio_id=regio.id)
    with pytest.raises(Forbidden):
        preview(engine, regio_beheerder, data=version_file(new_name()), file_name="v.yaml")


def test_new_rounds_of_a_regio_use_its_activated_version_and_old_rounds_keep_theirs(engine, regio, aadorp, round_id):
    name = new_name()
    load(engine, ADMIN, shown=preview(engine, ADMIN, data=version_file(name), file_name="v.yaml"))
    activate(engine, ADMIN, regio_id=regio.id, version=name)
    new_round = start_round(
        engine, aadorp, gemeente_id=aadorp.gemeente_id, held_on=date(2027, 3, 1), purpose=Purpose.EVALUATIE,
        participants=[],
    )  # fmt: skip
    assert open_scan(engine, aadorp, round_id=new_round).info.questionnaire_version == name
    assert open_scan(engine, aadorp, round_id=round_id).info.questionnaire_version == questionnaire.current().version


def test_a_question_marked_not_comparable_is_left_out_of_a_comparison_with_its_reason(engine):
    name = new_name()
    load(
        engine,
        ADMIN,
        shown=preview(engine, ADMIN, data=version_file(name, not_comparable={17: REASON}), file_name="v.yaml"),
    )
    left_out = questionnaire.comparability(questionnaire.current(), questionnaire.by_version(name))
    assert left_out == {17: f"{REASON} (versie {name})"}
    assert questionnaire.comparability(questionnaire.by_version(name), questionnaire.current()) == left_out


def test_the_preview_says_which_questions_are_not_comparable(engine):
    shown = preview(engine, ADMIN, data=version_file(new_name(), not_comparable={17: REASON}), file_name="v.yaml")
    assert [(c.number, c.comparable) for c in shown.changes] == [(17, False)]


@pytest.fixture
def two_versions(engine, regio, gemeenten):
    """Aadorp and Beekdal answered the current version (17 niet op orde); then the regio moved to a version in
    which question 17 is not comparable, and Cranendonk-Oost answered that one (17 op orde)."""
    name = new_name()
    load(engine, ADMIN, shown=preview(engine, ADMIN, data=version_file(name, not_comparable={17: REASON}),
                                      file_name="v.yaml"))  # fmt: skip
    rounds = {}
    for gemeente in gemeenten[:2]:
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        rounds[gemeente.name] = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2026, 4, 1), purpose=Purpose.NULMETING, participants=[]
        )
        answer_all(engine, me, rounds[gemeente.name], niet={17})
    activate(engine, ADMIN, regio_id=regio.id, version=name)
    for gemeente in gemeenten:
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        if gemeente.name in rounds:
            continue
        rounds[gemeente.name] = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2027, 4, 1), purpose=Purpose.NULMETING, participants=[]
        )
        answer_all(engine, me, rounds[gemeente.name], niet=set())
    return name, rounds


def test_the_regio_figures_leave_out_a_question_that_is_not_comparable_and_say_why(
    engine, regio, regio_user, two_versions
):
    from services.regio_report import regio_report

    report = regio_report(engine, regio_user, regio_id=regio.id)
    q17 = next(q for q in report.questions if q.number == 17)
    assert (q17.x, q17.y) == (1, 1)  # only the round of the new version counts for question 17
    assert report.left_out == (
        f"Vraag 17 van 2 gemeenten (versie {questionnaire.current().version}) telt niet mee in de cijfers van de "
        f"regio: {REASON} (versie {two_versions[0]})",
    )
    assert next(q for q in report.questions if q.number == 16).y == 3


def test_a_gemeentes_comparison_across_versions_does_not_count_the_question_as_changed(
    engine, regio, gemeenten, two_versions
):
    from analysis.compare import gemeente_changes

    me = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    older = open_scan(engine, me, round_id=two_versions[1][gemeenten[0].name])
    newer_round = start_round(
        engine, me, gemeente_id=gemeenten[0].id, held_on=date(2027, 5, 1), purpose=Purpose.EVALUATIE, participants=[]
    )
    answer_all(engine, me, newer_round, niet=set())
    newer = open_scan(engine, me, round_id=newer_round)
    left_out = questionnaire.comparability(older.questionnaire, newer.questionnaire)
    change = next(c for c in gemeente_changes(older.result, newer.result, left_out) if c.number == 17)
    assert not change.changed and "niet te vergelijken" in change.after


def test_a_plans_follow_up_says_a_question_is_not_comparable(engine, regio, gemeenten, two_versions):
    from domain.plan import PlanLayout
    from services.plans import create_gemeente_plan, open_plan

    me = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    plan_id = create_gemeente_plan(
        engine, me, round_id=two_versions[1][gemeenten[0].name], layout=PlanLayout.PER_STANDAARD
    )
    newer_round = start_round(
        engine, me, gemeente_id=gemeenten[0].id, held_on=date(2027, 5, 1), purpose=Purpose.EVALUATIE, participants=[]
    )
    answer_all(engine, me, newer_round, niet=set())
    follow_up = open_plan(engine, me, plan_id=plan_id).follow_up
    assert follow_up is not None and "niet te vergelijken" in follow_up.questions[17].line
    assert follow_up.questions[16].op_orde is True

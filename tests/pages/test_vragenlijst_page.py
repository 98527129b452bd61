"""AppTest: the Vragenlijst page (versions, extra questions) and the extra questions on the scan page."""

from __future__ import annotations

import itertools

import questionnaire
from domain.access import Role
from services.access_codes import reset_beheerder_code
from services.scan import open_scan
from tests.conftest import principal_for
from tests.pages.support import code_of, first_round, logged_in

_names = itertools.count(1)


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_installation_beheerder_sees_a_version_beside_the_current_one_and_loads_it(app_engine, demo):
    current = questionnaire.current()
    name = f"2027.{next(_names)}-pagina"
    made = current.model_copy(
        update={"version": name, "based_on": current.version, "not_comparable": {17: "Nu ook volwassenen."}}
    )
    at = logged_in(reset_beheerder_code(app_engine).code, "pages/vragenlijst.py")
    at.file_uploader[0].set_value([("nieuw.yaml", questionnaire.dump(made).encode(), "application/yaml")]).run()
    button(at, "Bekijken").click().run()
    assert not at.exception and not at.error
    rows = [list(t.value.to_numpy()[i]) for t in at.table for i in range(len(t.value))]
    assert any(str(r[0]) == "17" and "Nu ook volwassenen" in str(r[-1]) for r in rows)
    button(at, "Deze versie inlezen").click().run()
    assert any(f"Versie {name}" in s.value.replace("\\", "") for s in at.success)
    assert questionnaire.by_version(name).not_comparable == {17: "Nu ook volwassenen."}


def test_a_regio_beheerder_adds_an_extra_question_that_a_gemeente_then_answers(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.BEHEERDER), "pages/vragenlijst.py")
    at.text_area[0].input("Zijn er afspraken met de huisartsen over signalen?")
    button(at, "Extra vraag toevoegen").click().run()
    assert not at.exception and not at.error
    assert any("De extra vraag is toegevoegd" in s.value for s in at.success)

    round_id = first_round(app_engine, demo)
    scan = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id, blok=1)
    assert "Extra vragen van de regio" in [s.value for s in scan.subheader]
    extra = open_scan(app_engine, principal_for(Role.REGIO, demo), round_id=round_id).extra_questions[0]
    scan.radio(key=f"antwoord_{round_id}_{extra.number}").set_value("niet_op_orde").run()
    assert not scan.exception and not scan.error
    stored = open_scan(app_engine, principal_for(Role.REGIO, demo), round_id=round_id)
    assert stored.extra_answers[extra.number].value.value == "niet_op_orde"
    assert len(stored.answers) == 31  # the core answers, untouched


def test_a_loaded_question_text_with_markup_is_shown_as_written(app_engine, demo):
    from datetime import date

    from domain.models import Purpose
    from services.questionnaire_versions import activate, load, preview
    from services.regio import list_gemeenten
    from services.scan import start_round
    from tests.conftest import ADMIN

    current = questionnaire.current()
    name = f"2027.{next(_names)}-opmaak"
    hostile = "**Vet** en [een link](http://x.example) en <b>html</b>?"
    questions = tuple(q.model_copy(update={"text": hostile}) if q.number == 5 else q for q in current.questions)
    made = current.model_copy(update={"version": name, "based_on": current.version, "questions": questions})
    shown = preview(app_engine, ADMIN, data=questionnaire.dump(made).encode(), file_name="v.yaml")
    load(app_engine, ADMIN, shown=shown)
    activate(app_engine, ADMIN, regio_id=demo.id, version=name)
    aalsveen = next(g for g in list_gemeenten(app_engine, ADMIN, regio_id=demo.id) if g.name == "Aalsveen")
    me = principal_for(Role.GEMEENTE, demo, aalsveen)
    round_id = start_round(app_engine, me, gemeente_id=aalsveen.id, held_on=date(2027, 3, 1),
                           purpose=Purpose.EVALUATIE, participants=[])  # fmt: skip
    scan = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/scan.py", ronde=round_id, blok=1)
    assert not scan.exception and not scan.error
    label = scan.radio(key=f"antwoord_{round_id}_5").label
    assert r"\*\*Vet\*\*" in label and r"\[een link\]" in label  # escaped: shown as written, never bold or a link

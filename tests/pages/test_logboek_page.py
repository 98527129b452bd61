"""The Logboek page: a beheerder reads who did what, filters it, and (for the installation) sets how long it is kept."""

from __future__ import annotations

from domain.access import Role
from services.access_codes import issue_code
from services.regio import create_regio, set_regio_settings
from tests.conftest import ADMIN
from tests.pages.support import code_of, logged_in


def shown_rows(at) -> list[dict]:
    return at.table[0].value.to_dict("records") if at.table else []


def test_a_regio_beheerder_sees_its_own_login_in_the_log(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.BEHEERDER), "pages/logboek.py")
    assert not at.exception and not at.error
    rows = shown_rows(at)
    assert any(r["Soort"] == "inloggen" and r["Resultaat"] == "gelukt" and "Demo beheerder" in r["Wie"] for r in rows)


def test_a_regio_beheerder_does_not_see_another_regios_events(app_engine, demo):
    other = create_regio(app_engine, ADMIN, name="Regio Elders", gemeente_names=["Zandvoort-Noord"])
    set_regio_settings(app_engine, ADMIN, regio_id=other.id, min_gemeenten=4)
    at = logged_in(code_of(app_engine, Role.BEHEERDER), "pages/logboek.py")
    assert not any(f"regio {other.id}:" in r["Wat"] for r in shown_rows(at))


def test_the_log_shows_one_kind_when_chosen(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.BEHEERDER), "pages/logboek.py")
    at.selectbox(key="logboek_soort").select_index(list(at.selectbox(key="logboek_soort").options).index("Inloggen"))
    at.run()
    assert {r["Soort"] for r in shown_rows(at)} == {"inloggen"}


def test_the_installation_beheerder_sets_the_retention_and_a_wrong_number_is_refused_in_dutch(app_engine, demo):
    code = issue_code(app_engine, ADMIN, role=Role.BEHEERDER, label="installatie", regio_id=None).code
    at = logged_in(code, "pages/logboek.py")
    at.number_input[0].set_value(7)
    at.button[-1].click().run()
    assert any("30 tot en met 3650" in e.value for e in at.error)
    at.number_input[0].set_value(90)
    at.button[-1].click().run()
    assert not at.error and "90 dagen" in " ".join(m.value for m in at.markdown)


def test_a_regio_beheerder_cannot_set_the_retention(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.BEHEERDER), "pages/logboek.py")
    assert not at.number_input

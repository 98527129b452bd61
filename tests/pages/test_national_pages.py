"""The national picture's pages under AppTest: the national team's page in the demo, each of its parts, and a
regio's choice on its own page and on Beheer."""

from __future__ import annotations

import pytest

from demo.seed import load_demo_region
from domain.access import Principal, Role
from services import national
from services.access_codes import reset_beheerder_code
from tests.databases import seeded
from tests.pages.support import code_of, logged_in

PARTS = ("cijfers", "vragen", "verandering", "downloaden", "regios", "regels")


def _national_demo(engine):
    return load_demo_region(engine, national=True)


@pytest.fixture
def demo(app_engine):
    """The demo with its national part: seeded once per process, then copied (tests/databases.py)."""
    return seeded(app_engine, "national demo", _national_demo)


def test_the_demo_offers_a_code_for_the_national_team(app_engine, demo):
    at = logged_in(None)
    assert any("Demo landelijk team" in m.value for m in at.markdown)


def test_the_national_team_makes_a_stand_and_sees_the_demo_regions_that_chose_a_name(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.LANDELIJK))
    assert not at.exception
    assert any("nog geen landelijke stand" in i.value for i in at.info)
    at.button(key="landelijk_stand").click().run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # as shown: without markdown's escapes
    assert "6 regio's doen mee: Regio Heuvelland" in text and "2 die niet genoemd willen worden" in text
    assert "Rivierenland" not in text and "Veenkoloniën" not in text


@pytest.mark.parametrize("part", PARTS)
def test_every_part_of_the_national_page_runs_once_there_is_a_stand(app_engine, demo, part):
    national.publish(app_engine, national_principal(app_engine))
    at = logged_in(code_of(app_engine, Role.LANDELIJK), None, onderdeel=part)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def national_principal(engine):
    return Principal(code_id=1, role=Role.LANDELIJK, label="Demo landelijk team")


def test_a_regio_sees_its_choice_and_what_it_shares_on_its_page(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO), None, onderdeel="landelijk")
    assert not at.exception
    assert any("De regio doet mee sinds" in s.value for s in at.success)
    assert any(h.value == "Wat de regio deelt" for h in at.subheader)


def test_the_beheerder_of_the_installation_makes_a_code_for_the_national_team(app_engine, demo):
    first = reset_beheerder_code(app_engine)  # the installation's beheerder (the demo's belongs to its regio)
    at = logged_in(first.code, None)
    assert not at.exception
    at.text_input(key="landelijke_code_naam").input("Programmateam")  # inside a form: sent with the submit
    at.button(key="FormSubmitter:landelijke_code-Code voor het landelijke team maken").click().run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Programmateam (landelijk team)" in shown and len(at.code) == 1

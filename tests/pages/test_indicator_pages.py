"""AppTest: the Procesindicatoren page, every part, for the regio and a gemeente."""

from __future__ import annotations

import pytest

from domain.access import Role
from services.indicators import adopt_from_template, save_typed
from services.regio import list_gemeenten
from tests.conftest import principal_for
from tests.pages.support import code_of, logged_in

PARTS = ["verloop", "set", "beschikbaarheid", "leveren", "delen"]


@pytest.fixture
def with_figures(app_engine, demo):
    regio = principal_for(Role.REGIO, demo)
    adopt_from_template(app_engine, regio, keys=["vt-overdrachten", "veiligheidsplan"])
    gemeenten = list_gemeenten(app_engine, regio, regio_id=demo.id)
    for period, base in (("2025-K4", 10), ("2026-K1", 2)):
        indicator_id = 1
        save_typed(app_engine, regio, indicator_id=indicator_id, period=period,
                   values={g.id: float(base + i) for i, g in enumerate(gemeenten)})  # fmt: skip
    return demo


@pytest.mark.parametrize("part", PARTS)
def test_every_part_of_the_indicator_page_runs_for_the_regio(app_engine, with_figures, part):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/indicatoren.py")
    at.radio(key="onderdeel").set_value(part).run()
    assert not at.exception and not at.error
    assert at.query_params["onderdeel"] in ([part], part)


def test_the_regio_sees_a_small_count_as_less_than_the_threshold(app_engine, with_figures):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/indicatoren.py")
    cells = [str(v) for t in at.table for v in t.value.to_numpy().ravel()]
    assert "minder dan 5" in cells and "12" in cells


def test_a_gemeente_sees_the_page_without_the_parts_that_change_things(app_engine, with_figures):
    at = logged_in(code_of(app_engine, Role.GEMEENTE, "Demo Aalsveen"), "pages/indicatoren.py")
    assert not at.exception and not at.error
    assert at.radio(key="onderdeel").options == ["Verloop", "De set", "Beschikbaarheid"]
    shown = [str(v) for t in at.table for v in t.value.to_numpy().ravel()]
    assert "minder dan 5" not in shown  # its own figures as it delivered them, small ones included


def test_the_regio_adopts_indicators_from_the_template_on_the_page(app_engine, demo):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/indicatoren.py")
    at.radio(key="onderdeel").set_value("set").run()
    at.multiselect[0].set_value(["mda-inzet"]).run()
    next(b for b in at.button if b.label == "Toevoegen aan de set van de regio").click().run()
    assert not at.exception and not at.error
    assert any("1 indicator toegevoegd" in s.value for s in at.success)


def test_the_regio_page_shows_the_indicators_beside_the_spinnenweb_of_their_standards(app_engine, with_figures):
    at = logged_in(code_of(app_engine, Role.REGIO), "pages/regio.py")
    at.radio(key="onderdeel").set_value("spinnenweb").run()
    assert not at.exception and not at.error
    assert "Procesindicatoren bij deze standaarden" in [s.value for s in at.subheader]
    rows = [list(t.value.to_numpy()[i]) for t in at.table for i in range(len(t.value))]
    overdrachten = next(r for r in rows if r[0] == "Overdrachten van Veilig Thuis aan het lokale team")
    assert overdrachten[1].replace("\\", "").startswith("10. Afspraken met Veilig Thuis: ")
    assert overdrachten[2].replace("\\", "") == "2026-K1"

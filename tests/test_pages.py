"""AppTest smoke tests: every page runs, for an empty database and for the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import settings
from analysis.answers import AnswerValue
from demo.seed import load_demo_region
from services.regio import list_gemeenten
from services.scan import open_scan
from store.engine import make_engine

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/start.py", "pages/scan.py", "pages/resultaten.py", "pages/begrippen.py"]


@pytest.fixture
def app_engine(tmp_path, monkeypatch):
    """Point the app at a fresh SQLite file and clear process-wide caches."""
    monkeypatch.setenv("ZELFSCAN_DATA_DIR", str(tmp_path))
    settings.get_settings.cache_clear()
    st.cache_resource.clear()
    engine = make_engine(settings.get_settings().effective_database_url)
    yield engine
    engine.dispose()
    st.cache_resource.clear()
    settings.get_settings.cache_clear()


@pytest.fixture
def demo_round(app_engine) -> int:
    from services.scan import list_rounds

    regio = load_demo_region(app_engine)
    gemeente = list_gemeenten(app_engine, regio_id=regio.id)[0]
    return list_rounds(app_engine, gemeente_id=gemeente.id)[0].id


def run_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = str(value)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_database(app_engine, page):
    at = run_page(page)
    assert not at.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_the_demo_region_and_a_round(demo_round, page):
    at = run_page(page, ronde=demo_round)
    assert not at.exception


def test_the_empty_start_page_offers_the_demo_region(app_engine):
    at = run_page(PAGES[0])
    at.button[0].click().run()
    assert not at.exception
    assert "Regio Voorbeeld (demo)" in at.selectbox(key="regio").options


def test_the_scan_page_shows_31_questions_over_its_two_blocks(demo_round):
    at = run_page("pages/scan.py", ronde=demo_round, blok=1)
    questions = [r for r in at.radio if r.label.startswith("Vraag ")]
    assert len(questions) == 14
    at.radio(key="blok").set_value(2).run()
    assert len([r for r in at.radio if r.label.startswith("Vraag ")]) == 17


def test_a_click_on_an_answer_is_saved_without_a_save_button(app_engine, demo_round):
    at = run_page("pages/scan.py", ronde=demo_round, blok=1)
    key = f"antwoord_{demo_round}_1"
    new = "niet_op_orde" if at.radio(key=key).value == "op_orde" else "op_orde"
    at.radio(key=key).set_value(new).run()
    assert open_scan(app_engine, round_id=demo_round).answers[1].value is AnswerValue(new)


def test_a_typed_toelichting_is_saved(app_engine, demo_round):
    at = run_page("pages/scan.py", ronde=demo_round, blok=1)
    at.text_area(key=f"toelichting_{demo_round}_2").input("Besproken in het MT").run()
    assert open_scan(app_engine, round_id=demo_round).answers[2].toelichting == "Besproken in het MT"


def test_the_scan_page_without_a_round_points_to_the_start_page(app_engine):
    at = run_page("pages/scan.py")
    assert any("Kies eerst een gemeente" in i.value for i in at.info)


def test_an_unknown_round_gets_a_dutch_message(app_engine):
    at = run_page("pages/resultaten.py", ronde=999)
    assert any("ronde bestaat niet" in e.value for e in at.error)


def test_the_results_page_lists_the_table_of_the_spinnenweb(demo_round):
    at = run_page("pages/resultaten.py", ronde=demo_round)
    assert len(at.table) == 1

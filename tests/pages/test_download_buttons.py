"""The one download button (ui/downloads.py) as a person clicks it on a page."""

from __future__ import annotations

import itertools

from domain.access import Role
from services import backup
from services.access_codes import issue_code
from tests.conftest import ADMIN
from tests.pages.support import logged_in


def started_downloads(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if "De download begint vanzelf" in e.proto.body]


def test_a_click_starts_the_download_when_the_time_in_the_file_name_moved_on_since_the_page_was_drawn(
    app_engine, demo, monkeypatch
):
    minutes = itertools.count()
    monkeypatch.setattr(backup, "backup_file_name", lambda: f"zelfscan-backup-2026-12-03-12{next(minutes):02d}.zip")
    code = issue_code(app_engine, ADMIN, role=Role.BEHEERDER, label="installatie", regio_id=None).code
    at = logged_in(code, "pages/backup.py")
    assert not started_downloads(at)
    next(b for b in at.button if b.label == "Back-up downloaden (.zip)").click().run()
    assert not at.exception
    assert len(started_downloads(at)) == 1


def _button_whose_file_name_changes_on_every_run() -> None:
    import streamlit as st

    from ui.downloads import download_button

    runs = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    download_button("Bestand (.csv)", make=lambda: b"a;b\n", file_name=f"bestand-{runs}.csv", mime="text/csv")


def test_a_click_starts_the_download_when_the_date_in_the_file_name_changed_since_the_page_was_drawn(app_engine, demo):
    from streamlit.testing.v1 import AppTest

    from services.access import login
    from tests.pages.support import code_of
    from ui.auth import PRINCIPAL_KEY

    signed_in = login(app_engine, code=code_of(app_engine, Role.GEMEENTE), client_key="test")
    at = AppTest.from_function(_button_whose_file_name_changes_on_every_run)
    at.session_state[PRINCIPAL_KEY] = signed_in.principal
    at.run()
    at.button[0].click().run()
    assert not at.exception
    assert len(started_downloads(at)) == 1

"""What the AppTest page tests share: running the app and logging in through its pages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from domain.access import Role
from services.access_codes import demo_codes
from services.regio import list_gemeenten
from services.scan import list_rounds
from tests.conftest import principal_for

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def code_of(engine, role: Role, label: str | None = None) -> str:
    return next(c for r, lab, c in demo_codes(engine) if r is role and (label is None or lab == label))


def logged_in(code: str | None, page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = str(value)
    at.run()
    if code is not None:
        at.text_input[0].input(code)
        at.button[0].click().run()
    if page is not None:
        at.switch_page(page).run()
    return at


def first_round(engine, regio, gemeente_name: str = "Aalsveen") -> int:
    viewer = principal_for(Role.REGIO, regio)
    gemeente = next(g for g in list_gemeenten(engine, viewer, regio_id=regio.id) if g.name == gemeente_name)
    return list_rounds(engine, viewer, gemeente_id=gemeente.id)[0].id

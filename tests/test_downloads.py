"""A download's address works only for the login that made it, only for a short while."""

from __future__ import annotations

import time

import pytest

from domain.access import Role
from services import downloads
from services.access import login, logout
from services.access_codes import issue_code, revoke_code
from tests.conftest import ADMIN


@pytest.fixture
def two_logins(engine, regio, gemeenten):
    codes = [
        issue_code(engine, ADMIN, role=Role.GEMEENTE, label=f"team {i}", regio_id=regio.id, gemeente_id=g.id)
        for i, g in enumerate(gemeenten[:2])
    ]
    logins = [login(engine, code=c.code, client_key="1.2.3.4") for c in codes]
    return [x.principal for x in logins], [x.session_token for x in logins]


def test_the_login_that_made_a_file_gets_it(engine, two_logins):
    codes, tokens = two_logins
    token = downloads.offer(engine, codes[0], file_name="a.xlsx", mime="x", data=b"inhoud")
    assert downloads.fetch(engine, token=token, session_token=tokens[0]).data == b"inhoud"


@pytest.mark.parametrize("who", ["nobody", "another code", "a made-up cookie"])
def test_nobody_else_gets_the_file(engine, two_logins, who):
    codes, tokens = two_logins
    token = downloads.offer(engine, codes[0], file_name="a.xlsx", mime="x", data=b"inhoud")
    cookie = {"nobody": None, "another code": tokens[1], "a made-up cookie": "abc.def"}[who]
    assert downloads.fetch(engine, token=token, session_token=cookie) is None


def test_after_logging_out_the_address_gives_nothing(engine, two_logins):
    codes, tokens = two_logins
    token = downloads.offer(engine, codes[0], file_name="a.xlsx", mime="x", data=b"inhoud")
    logout(engine, tokens[0], origin="127.0.0.1")
    assert downloads.fetch(engine, token=token, session_token=tokens[0]) is None


def test_after_the_code_is_revoked_the_address_gives_nothing(engine, two_logins):
    codes, tokens = two_logins
    token = downloads.offer(engine, codes[0], file_name="a.xlsx", mime="x", data=b"inhoud")
    revoke_code(engine, ADMIN, code_id=codes[0].code_id)
    assert downloads.fetch(engine, token=token, session_token=tokens[0]) is None


def test_an_address_stops_working_after_its_lifetime(engine, two_logins):
    codes, tokens = two_logins
    made = time.monotonic()  # the clock the process lets go of files by
    token = downloads.offer(engine, codes[0], file_name="a.xlsx", mime="x", data=b"inhoud", now=made)
    assert downloads.fetch(engine, token=token, session_token=tokens[0], now=made + downloads.LIFETIME - 1)
    assert downloads.fetch(engine, token=token, session_token=tokens[0], now=made + downloads.LIFETIME + 1) is None


def test_a_file_is_let_go_after_its_lifetime_when_nobody_asks_for_anything(engine, two_logins, monkeypatch):
    monkeypatch.setattr(downloads, "LIFETIME", 0.3)
    codes, tokens = two_logins
    token = downloads.offer(engine, codes[0], file_name="a.xlsx", mime="x", data=b"inhoud")
    assert downloads.files_held() >= 1
    deadline = time.monotonic() + 10
    while downloads.files_held() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert downloads.files_held() == 0
    assert downloads.fetch(engine, token=token, session_token=tokens[0]) is None


def test_a_file_name_of_any_kind_becomes_a_safe_header():
    header = downloads.content_disposition('zelfscan-"Súdwest";\r\nX: y.xlsx')
    assert "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="zelfscan-_S_dwest___')
    assert "filename*=UTF-8''zelfscan-%22S%C3%BAdwest%22%3B%0D%0AX%3A%20y.xlsx" in header

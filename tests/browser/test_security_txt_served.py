"""The server answers /.well-known/security.txt with the installation's contact, and with 404 when none is set."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import served
from tests.databases import new_database

pytestmark = pytest.mark.browser


def test_the_server_serves_security_txt_with_the_configured_contact(tmp_path):
    with new_database(tmp_path) as url:
        env = {**os.environ, "ZELFSCAN_DATA_DIR": str(tmp_path), "ZELFSCAN_DATABASE_URL": url,
               "ZELFSCAN_SECURITY_CONTACT": "mailto:cert@gemeente.example"}  # fmt: skip
        with (
            served("server.py", env, tmp_path) as (address, _proc, _log),
            urllib.request.urlopen(address + "/.well-known/security.txt", timeout=10) as answer,
        ):
            body, kind = answer.read().decode("utf-8"), answer.headers["Content-Type"]
    assert kind.startswith("text/plain") and "Contact: mailto:cert@gemeente.example" in body and "Expires: " in body


def test_the_server_has_no_security_txt_without_a_contact(app):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(app.url + "/.well-known/security.txt", timeout=10)
    assert refused.value.code == 404

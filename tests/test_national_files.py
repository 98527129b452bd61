"""Contribution files between installations: a regio elsewhere offers its shared figures as a signed workbook, the
national team reads it in only when it trusts the key, and the one reader refuses anything else the file holds."""

from __future__ import annotations

import base64
import hashlib
import io

import openpyxl
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from domain.access import Role
from imports.personal_data import what_it_is
from services import ServiceError, national, signing
from services.publications import Options, Selection, publish
from store.engine import make_engine
from store.unit_of_work import writing
from tests.conftest import principal_for, regio_with_rounds
from tests.databases import new_database, seeded
from tests.test_national import NATIONAL


@pytest.fixture
def elsewhere(tmp_path):
    """Another installation, with a regio that shared its figures."""
    with new_database(tmp_path / "elders", migrated=True) as url:
        other = make_engine(url)
        yield other, seeded(other, "national: a regio elsewhere", _regio_elsewhere)  # made once, then copied
        other.dispose()


def _regio_elsewhere(other):
    regio = regio_with_rounds(other, "Regio Elders", ["Ee-Proef", "Ff-Proef", "Gg-Proef", "Hh-Proef", "Ii-Proef"],
                              lambda i: {1, 2, 3} if i % 2 else {4})  # fmt: skip
    publish(other, principal_for(Role.REGIO, regio), regio_id=regio.id, selection=Selection(), options=Options())
    return regio


def contribution_file(other, regio, named=True) -> bytes:
    return national.contribution_file(other, principal_for(Role.REGIO, regio), regio_id=regio.id, named=named,
                                      period="2026")  # fmt: skip


def trust(engine, other):
    with writing(other) as session:
        fingerprint = signing.fingerprint(signing.public_key(session))
    national.trust_key(engine, NATIONAL, fingerprint=fingerprint.lower().replace("-", " "), label="Installatie Elders")


def test_a_contribution_file_from_a_trusted_installation_is_read_in_as_it_was_offered(engine, elsewhere):
    other, regio = elsewhere
    trust(engine, other)
    offered = national.offer(other, principal_for(Role.REGIO, regio), regio_id=regio.id, named=True, period="2026")
    taken = national.take_in_file(engine, NATIONAL, data=contribution_file(other, regio), file_name="bijdrage.xlsx")
    assert taken == offered
    assert [p.shown_as for p in national.participants(engine, NATIONAL)] == ["Regio Elders"]


def test_a_file_signed_with_a_key_nobody_trusted_is_refused_naming_its_fingerprint(engine, elsewhere):
    other, regio = elsewhere
    with pytest.raises(ServiceError, match="vertrouwt deze installatie"):
        national.check_file(engine, NATIONAL, data=contribution_file(other, regio), file_name="bijdrage.xlsx")


def _changed(data: bytes, cell: str, value) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb.active[cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_figure_changed_after_the_app_wrote_the_file_breaks_its_signature(engine, elsewhere):
    other, regio = elsewhere
    trust(engine, other)
    data = contribution_file(other, regio)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    row = next(r for r in wb.active.iter_rows() if r[0].value == "vraag")
    changed = _changed(data, f"D{row[0].row}", (row[3].value or 0) + 1 if row[3].value is not None else 1)
    with pytest.raises(ServiceError, match="handtekening"):
        national.check_file(engine, NATIONAL, data=changed, file_name="bijdrage.xlsx")


def test_a_gemeente_name_typed_anywhere_in_the_file_is_refused_naming_the_cell(engine, elsewhere):
    other, regio = elsewhere
    trust(engine, other)
    for cell in ("J20", "C4", "A60"):
        with pytest.raises(ServiceError, match=f"cel {cell}"):
            national.check_file(engine, NATIONAL, data=_changed(contribution_file(other, regio), cell, "Ee-Proef"),
                                file_name="bijdrage.xlsx")  # fmt: skip


def _key_whose_fingerprint_reads_as_a_phone_number() -> str:
    """A real signing key (the first of a fixed series) whose fingerprint the guard would take for a phone number."""
    for i in range(100_000):
        private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(str(i).encode()).digest())
        raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        if what_it_is(signing.fingerprint(base64.b64encode(raw).decode())) == "een telefoonnummer":
            return base64.b64encode(private.private_bytes_raw()).decode()
    raise AssertionError("no such key in the series")


def test_an_installation_whose_fingerprint_reads_like_a_phone_number_can_still_contribute(engine, elsewhere,
                                                                                          monkeypatch):  # fmt: skip
    other, regio = elsewhere
    key = _key_whose_fingerprint_reads_as_a_phone_number()
    monkeypatch.setattr(signing, "_new_key", lambda: key)  # the installation makes its key on first use
    trust(engine, other)
    data = contribution_file(other, regio)
    assert what_it_is(openpyxl.load_workbook(io.BytesIO(data)).active["B11"].value) == "een telefoonnummer"
    assert national.check_file(engine, NATIONAL, data=data, file_name="bijdrage.xlsx").contribution.named


def test_a_phone_number_typed_where_the_fingerprint_belongs_is_still_refused_as_personal_data(engine, elsewhere):
    other, regio = elsewhere
    trust(engine, other)
    with pytest.raises(ServiceError, match="cel B11: een telefoonnummer"):
        national.check_file(engine, NATIONAL, data=_changed(contribution_file(other, regio), "B11", "06-12345678"),
                            file_name="bijdrage.xlsx")  # fmt: skip


def test_a_hidden_sheet_or_a_workbook_of_another_kind_is_refused_in_plain_dutch(engine, elsewhere):
    other, regio = elsewhere
    trust(engine, other)
    wb = openpyxl.load_workbook(io.BytesIO(contribution_file(other, regio)))
    wb.create_sheet("Namen").sheet_state = "hidden"
    wb["Namen"]["A1"] = "Ee-Proef"
    out = io.BytesIO()
    wb.save(out)
    # the hidden sheet is never read; the figures still carry their signature
    assert national.check_file(engine, NATIONAL, data=out.getvalue(), file_name="b.xlsx").contribution.named
    with pytest.raises(ServiceError, match="één blad"):
        wb["Namen"].sheet_state = "visible"
        out = io.BytesIO()
        wb.save(out)
        national.check_file(engine, NATIONAL, data=out.getvalue(), file_name="b.xlsx")
    with pytest.raises(ServiceError, match="geen Excel-bestand"):
        national.check_file(engine, NATIONAL, data=b"regio;cijfer\nElders;3\n", file_name="b.csv")


def test_a_fingerprint_is_typed_in_any_case_and_grouping_but_must_have_sixteen_signs(engine):
    assert national.trust_key(engine, NATIONAL, fingerprint="a1b2 c3d4 e5f6 0718", label="X") == "A1B2-C3D4-E5F6-0718"
    with pytest.raises(ServiceError, match="16 tekens"):
        national.trust_key(engine, NATIONAL, fingerprint="A1B2-C3D4", label="X")

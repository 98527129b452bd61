"""The one personal-data guard of every upload (imports/personal_data.py): a BSN in any form, contact details and
personal-data columns are refused in every importer, naming the cell and never the value."""

from __future__ import annotations

import re
from datetime import date

import openpyxl
import pytest

from imports.reader import UploadRefused, read_upload
from services import ServiceError
from services.excel_import import preview
from services.indicators import import_figures
from services.questionnaire_versions import preview as version_preview
from tests.conftest import ADMIN
from tests.uploads.books import (
    FIGURES,
    figures_book,
    save,
    scan_book,
)

BSN = "111222333"  # passes the eleven-check


@pytest.mark.parametrize(
    "written",
    [int(BSN), BSN, "111.222.333", "111 222 333", "111-222-333", "1112.22.333", "BSN 111222333 van moeder"],
)
def test_a_bsn_in_any_written_form_is_refused_naming_the_cell_never_the_value(engine, regio_user, chosen, written):
    data = save(figures_book([["vt-overdrachten", "Aadorp", "2025-K1", 4, written]], header=(*FIGURES, None)))
    with pytest.raises(ServiceError) as refused:
        import_figures(engine, regio_user, data=data, file_name="cijfers.xlsx")
    assert "blad Cijfers, cel E2: een BSN" in str(refused.value)
    assert not re.search(r"111\D?222\D?333", str(refused.value))


def test_a_column_of_bsns_that_lost_their_leading_zero_is_refused():
    wb = openpyxl.Workbook()
    ws = wb.active
    for value in (12345672, 23456784, 34567896):  # 012345672 etc. pass the eleven-check
        ws.append(["Aadorp", value])
    with pytest.raises(UploadRefused, match="cel B1: een kolom met BSN's"):
        read_upload(save(wb), "x.xlsx").sheet("Sheet")


def test_eight_digit_numbers_that_are_not_bsns_are_accepted():
    wb = openpyxl.Workbook()
    for value in (20250301, 20250302, 20250303, 12345678):
        wb.active.append([value])
    assert len(read_upload(save(wb), "x.xlsx").sheet("Sheet").rows) == 4


def test_nine_digit_figures_that_fail_the_eleven_check_are_accepted():
    wb = openpyxl.Workbook()
    wb.active.append([123456789, "123.456.789"])
    assert read_upload(save(wb), "x.xlsx").sheet("Sheet").rows == [[123456789, "123.456.789"]]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Naam", "Jan Jansen"),
        ("Geboortedatum", date(2015, 3, 12)),
        ("Adres", "Dorpsstraat 1"),
        ("E-mailadres", "iemand"),
        ("Telefoonnummer", "onbekend"),
        ("Cliëntnummer", "A-17"),
    ],
)
def test_a_column_headed_as_personal_data_is_refused(engine, regio_user, chosen, header, value):
    data = save(figures_book([["vt-overdrachten", "Aadorp", "2025-K1", 4, value]], header=(*FIGURES, header)))
    with pytest.raises(ServiceError, match="blad Cijfers, cel E1: een kolom met persoonsgegevens"):
        import_figures(engine, regio_user, data=data, file_name="cijfers.xlsx")


@pytest.mark.parametrize(
    ("note", "kind"),
    [("Bel j.jansen@voorbeeld.nl", "een e-mailadres"), ("Bereikbaar op 06-12345678", "een telefoonnummer")],
)
def test_contact_details_in_a_scan_workbook_are_refused_naming_the_cell(engine, aadorp, note, kind):
    shown = preview(engine, aadorp, file_name="z.xlsx", data=save(scan_book(notes={4: note})))
    assert shown.refused and f"blad Vragen, cel F8: {kind}" in shown.refused
    assert note.split()[-1] not in shown.refused


def test_a_csv_with_a_bsn_is_refused_naming_line_and_column(engine, regio_user, chosen):
    text = "indicator;gemeente;periode;waarde\r\nvt-overdrachten;Aadorp;2025;111.222.333\r\n"
    with pytest.raises(ServiceError, match="regel 2, kolom 4: een BSN"):
        import_figures(engine, regio_user, data=text.encode(), file_name="c.csv")


def test_personal_data_in_a_questionnaire_workbook_is_refused(engine):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vragen"
    ws.append(["Nr", "Vraag"])
    for n in range(1, 32):
        ws.append([n, f"De officiële tekst van vraag {n}, vragen aan info@vng.nl"])
    with pytest.raises(ServiceError, match="cel B2: een e-mailadres"):
        version_preview(engine, ADMIN, data=save(wb), file_name="vng.xlsx", version="VNG-2021")

"""One way in for every upload (imports/reader.py): each importer reads what Excel shows, only visible sheets,
bounded before anything is loaded, and never personal data. Tried through each importer's service, on the
database the suite runs on (SQLite, and PostgreSQL with ZELFSCAN_TEST_DATABASE_URL)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from domain.access import Role
from domain.answers import AnswerValue
from domain.calendar import dutch_today
from imports.reader import Limits, Percentage, UploadRefused, read_upload
from imports.xlsx_zelfscan import EXTRA_SHEET, WorkbookRefused, implausible, read_workbook
from services import ServiceError
from services.excel_import import ACTOR_LENGTH, preview, store
from services.indicators import import_figures
from services.questionnaire_versions import preview as version_preview
from store.tables import WijzigingRow
from store.unit_of_work import reading
from tests.conftest import ADMIN, principal_for
from tests.test_excel_import import rounds
from tests.uploads.books import (
    HEADER,
    figures_book,
    rewrite,
    save,
    scan_book,
    stored_values,
)

# --- visible sheets only, in every importer ----------------------------------------------------------------


def test_indicator_figures_on_a_hidden_sheet_are_not_stored(engine, regio_user, chosen):
    wb = figures_book([["vt-overdrachten", "Aadorp", "2025-K1", 12]])
    wb["Cijfers"].sheet_state = "hidden"
    wb.create_sheet("Uitleg").append(["Vul de cijfers in op het blad Cijfers."])
    with pytest.raises(ServiceError, match="kopregel ontbreekt"):
        import_figures(engine, regio_user, data=save(wb), file_name="cijfers.xlsx")
    assert stored_values(engine, regio_user, chosen["vt-overdrachten"]) == []


def test_a_hidden_extra_questions_sheet_is_named_and_its_answers_are_not_read():
    wb = scan_book()
    extra = wb.create_sheet(EXTRA_SHEET)
    extra.append(["Extra vragen van de regio"])
    extra.append(HEADER)
    extra.append([7, None, None, "Extra vraag", "op orde", "gelezen?"])
    extra.sheet_state = "hidden"
    parsed = read_workbook(save(wb))
    assert parsed.extras == ()
    assert [(p.sheet, p.cell) for p in parsed.problems] == [(EXTRA_SHEET, "het hele blad")]


def test_a_questionnaire_version_is_not_read_from_a_hidden_sheet(engine):
    wb = openpyxl.Workbook()
    wb.active.title = "Voorblad"
    questions = wb.create_sheet("Vragen")
    questions.append(["Nr", "Vraag"])
    for n in range(1, 32):
        questions.append([n, f"De officiële tekst van vraag {n} uit de VNG-zelfscan"])
    questions.sheet_state = "hidden"
    with pytest.raises(ServiceError, match=r"verborgen bladen \('Vragen'\)"):
        version_preview(engine, ADMIN, data=save(wb), file_name="vng.xlsx", version="VNG-2021")


# --- what Excel shows ----------------------------------------------------------------------------------


def test_a_percentage_cell_is_stored_as_the_percentage_it_shows(engine, regio_user, chosen):
    wb = figures_book([["wijkteam-doorlooptijd", "Aadorp", "2025-K1", 0.635]])
    wb["Cijfers"]["D2"].number_format = "0.0%"
    report = import_figures(engine, regio_user, data=save(wb), file_name="cijfers.xlsx")
    assert report.problems == ()
    assert stored_values(engine, regio_user, chosen["wijkteam-doorlooptijd"]) == [63.5]


def test_a_percentage_cell_that_shows_more_than_100_is_refused_at_its_cell(engine, regio_user, chosen):
    wb = figures_book([["wijkteam-doorlooptijd", "Aadorp", "2025-K1", 1.05]])
    wb["Cijfers"]["D2"].number_format = "0%"
    report = import_figures(engine, regio_user, data=save(wb), file_name="cijfers.xlsx")
    assert [(p.where, p.message) for p in report.problems] == [
        ("blad Cijfers, cel D2", "Een percentage ligt tussen 0 en 100 (hier staat 105%).")
    ]
    assert stored_values(engine, regio_user, chosen["wijkteam-doorlooptijd"]) == []


def test_a_count_shown_as_a_percentage_is_refused(engine, regio_user, chosen):
    wb = figures_book([["vt-overdrachten", "Aadorp", "2025-K1", 0.12]])
    wb["Cijfers"]["D2"].number_format = "0%"
    report = import_figures(engine, regio_user, data=save(wb), file_name="cijfers.xlsx")
    assert "percentage" in report.problems[0].message and report.problems[0].where == "blad Cijfers, cel D2"


def test_the_reader_gives_a_merged_cell_its_value_in_every_cell_it_covers():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "niet op orde"
    ws.merge_cells("A1:A3")
    ws["B3"] = "x"
    rows = read_upload(save(wb), "m.xlsx").sheet("Sheet").rows
    assert [row[0] for row in rows] == ["niet op orde"] * 3


def test_the_reader_shows_dates_booleans_and_percentages_as_excel_does():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([date(2026, 3, 5), True, 0.25])
    ws["C1"].number_format = "0%"
    row = read_upload(save(wb), "w.xlsx").sheet("Sheet").rows[0]
    assert row == [date(2026, 3, 5), True, 25.0] and isinstance(row[2], Percentage)


def test_rows_that_carry_only_formatting_are_not_content():
    wb = scan_book()
    ws = wb["Vragen"]
    for r in range(40, 6001):
        ws.cell(row=r, column=5).number_format = "@"
        ws.cell(row=r, column=6).number_format = "0.00"
    parsed = read_workbook(save(wb))
    assert parsed.answered == 31 and parsed.problems == ()


def test_a_formula_without_a_computed_value_is_named_not_read_as_empty():
    wb = scan_book({3: '=IF(1=1,"op orde","")'})
    parsed = read_workbook(save(wb))
    assert [(p.cell, "formule" in p.message) for p in parsed.problems] == [("E7", True)]


def test_a_macro_workbook_is_read_like_any_workbook():
    parsed = read_workbook(save(scan_book({2: "niet op orde"})), file_name="zelfscan.xlsm")
    assert parsed.answered == 31


# --- every answer form not clearly op orde / niet op orde is named -------------------------------------


@pytest.mark.parametrize("written", ["-", "?", "x", "n.v.t.", "deels", "0"])
def test_an_answer_that_is_not_clearly_op_orde_or_niet_op_orde_is_named_at_its_cell(written):
    parsed = read_workbook(save(scan_book({5: written})))
    assert [p.cell for p in parsed.problems] == ["E9"]
    assert 5 not in {a.number for a in parsed.answers if a.value is not None}


# --- plausible dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["5-3-2031", "12-11-2019", "1-1-1999"])
def test_a_date_in_the_future_or_before_the_kader_is_named_at_its_cell(written):
    top = [["Gemeente", None, "Aadorp"], ["Datum", None, written]]
    parsed = read_workbook(save(scan_book(top=top)))
    assert [p.cell for p in parsed.problems] == ["C2"]


def test_the_day_the_kader_was_adopted_and_today_are_plausible():
    assert implausible(date(2019, 11, 21)) is None and implausible(dutch_today()) is None


def test_a_round_with_a_future_date_is_stored_only_when_the_person_confirms_it(engine, aadorp):
    data = save(scan_book(top=[["Gemeente", None, "Aadorp"], ["Datum", None, "5-3-2031"]]))
    before = rounds(engine)
    with pytest.raises(ServiceError, match="problemen"):
        store(engine, aadorp, file_name="z.xlsx", data=data, accept_problems=False)
    assert rounds(engine) == before
    store(engine, aadorp, file_name="z.xlsx", data=data, accept_problems=True)
    assert rounds(engine) == before + 1


# --- forms we cannot read, named in plain Dutch -------------------------------------------------------


def test_a_strict_open_xml_workbook_is_named_as_such():
    strict = rewrite(
        save(scan_book()),
        "xl/workbook.xml",
        lambda body: body.replace(
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        ),
    )
    with pytest.raises(WorkbookRefused, match="Strict Open XML"):
        read_workbook(strict)


def test_an_opendocument_spreadsheet_is_named_as_such():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(WorkbookRefused, match="OpenDocument"):
        read_workbook(out.getvalue(), file_name="scan.ods")


def test_an_xml_entity_in_a_sheet_is_refused_naming_the_sheet():
    def bomb(body: bytes) -> bytes:
        doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        return body.replace(b"?>", b"?>" + doctype, 1).replace(b"<v>1</v>", b"<v>&b;</v>", 1)

    data = rewrite(save(scan_book()), "xl/worksheets/sheet1.xml", bomb)
    with pytest.raises(WorkbookRefused, match="niet veilig"):
        read_workbook(data)


# --- bounded before it is loaded -----------------------------------------------------------------------


def test_a_zip_that_unpacks_far_beyond_its_size_is_refused_before_it_is_read():
    bomb = rewrite(save(scan_book()), "xl/worksheets/sheet1.xml", lambda body: body + b" " * 30_000_000)
    with pytest.raises(WorkbookRefused, match="pakt uit tot veel meer"):
        read_workbook(bomb)


def test_a_sheet_with_more_cells_than_the_limit_is_refused_naming_the_sheet():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Groot"
    for r in range(1, 1101):
        ws.append([r * 1000 + c for c in range(60)])
    with pytest.raises(UploadRefused, match="Blad 'Groot' heeft meer dan 5000 regels of 60000 cellen"):
        read_upload(save(wb), "groot.xlsx").sheet("Groot")


@pytest.mark.parametrize(("cell", "words"), [("CW1", "verder dan 100 kolommen"), ("A50001", "heel ver naar beneden")])
def test_content_far_from_the_rest_is_refused_naming_its_cell(cell, words):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "begin"
    wb.active[cell] = "eind"
    with pytest.raises(UploadRefused, match=f"inhoud in cel {cell}, {words}"):
        read_upload(save(wb), "ver.xlsx").sheet("Sheet")


def test_the_limits_count_content_not_formatted_cells():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["a", "b"])
    for r in range(2, 3000):
        ws.cell(row=r, column=1).number_format = "0"
    sheet = read_upload(save(wb), "f.xlsx", limits=Limits(max_rows=10)).sheet("Sheet")
    assert sheet.rows == [["a", "b"]]


def test_a_workbook_with_too_many_sheets_is_refused():
    wb = openpyxl.Workbook()
    for n in range(60):
        wb.create_sheet(f"Blad {n}")
    with pytest.raises(UploadRefused, match="meer dan 50 bladen"):
        read_upload(save(wb), "veel.xlsx")


# --- what an import stores fits its column --------------------------------------------------------------


def test_a_very_long_file_name_is_shortened_in_the_history_and_the_round_is_stored(engine, aadorp):
    name = "Zelfscan werken aan veiligheid " + "gemeente Aadorp versie definitief " * 12 + ".xlsx"
    round_id = store(engine, aadorp, file_name=name, data=save(scan_book()), accept_problems=False)
    with reading(engine) as session:
        actors = set(session.scalars(select(WijzigingRow.actor).where(WijzigingRow.ronde_id == round_id)))
    assert len(actors) == 1
    (actor,) = actors
    assert len(actor) <= ACTOR_LENGTH and actor.endswith(".xlsx") and "Zelfscan werken" in actor


def test_a_gemeente_reads_in_its_own_workbook_through_the_same_reader(engine, regio, gemeenten):
    aadorp = principal_for(Role.GEMEENTE, regio, gemeenten[0])
    shown = preview(engine, aadorp, file_name="z.xlsx", data=save(scan_book({1: "ja", 2: "nee"})))
    assert shown.refused is None and shown.answered == 31


# --- workbooks as other programs write them -----------------------------------------------------------


def test_a_workbook_saved_again_by_libreoffice_reads_back_the_same_answers(engine, aadorp, round_id, tmp_path):
    import shutil
    import subprocess

    from services.scan import ToelichtingChange, ValueChange, save_changes
    from services.workbooks import round_workbook

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is installed by scripts/test")
    changes = [ValueChange(question_number=n, value=AnswerValue.NIET_OP_ORDE) for n in (2, 9, 30)]
    changes.append(ToelichtingChange(question_number=9, toelichting="Casusoverleg één keer per maand; 75% bereikt"))
    save_changes(engine, aadorp, round_id=round_id, changes=changes)
    _, data = round_workbook(engine, aadorp, round_id=round_id)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ronde.xlsx").write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profiel", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "uit"), str(tmp_path / "in" / "ronde.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    again = (tmp_path / "uit" / "ronde.xlsx").read_bytes()
    ours, theirs = read_workbook(data), read_workbook(again)
    assert theirs.problems == ()
    assert [(a.number, a.value, a.toelichting) for a in theirs.answers] == [
        (a.number, a.value, a.toelichting) for a in ours.answers
    ]
    assert theirs.held_on == ours.held_on


def handmade(sheet_xml: str, *, shared: str = "", styles: str = "", date1904: bool = False) -> bytes:
    """A workbook written part by part, as programs other than Excel write them."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        properties = '<workbookPr date1904="1"/>' if date1904 else ""
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}">{properties}<sheets><sheet name="Blad1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="/xl/styles.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{sheet_xml}</sheetData></worksheet>'
        )
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{shared}</sst>')
        z.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}">{styles}</styleSheet>')
    return out.getvalue()


def test_rich_text_is_read_whole_and_phonetic_hints_are_left_out():
    shared = "<si><r><t>op </t></r><r><rPr><b/></rPr><t>orde</t></r><rPh><t>xx</t></rPh></si>"
    data = handmade('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=shared)
    assert read_upload(data, "w.xlsx").sheet("Blad1").rows == [["op orde"]]


def test_cells_and_rows_without_a_reference_are_placed_in_order():
    data = handmade('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row><c><v>3</v></c></row>')
    assert read_upload(data, "w.xlsx").sheet("Blad1").rows == [["a", 2], [3, None]]


def test_a_date_in_a_1904_workbook_is_the_date_excel_shows():
    styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
    data = handmade('<row r="1"><c r="A1" s="1"><v>44989</v></c></row>', styles=styles, date1904=True)
    assert read_upload(data, "w.xlsx").sheet("Blad1").rows == [[date(2027, 3, 5)]]


def test_an_error_value_is_read_as_the_error_excel_shows():
    data = handmade('<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>')
    assert read_upload(data, "w.xlsx").sheet("Blad1").rows == [["#DIV/0!"]]


def test_a_shared_text_that_is_not_there_is_a_broken_file_not_a_crash():
    data = handmade('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', shared="<si><t>een</t></si>")
    with pytest.raises(UploadRefused, match="Blad 'Blad1' kunnen we niet veilig lezen"):
        read_upload(data, "w.xlsx").sheet("Blad1")


def test_a_style_part_beyond_its_limit_is_refused_before_it_is_read():
    styles = "<numFmts>" + '<numFmt numFmtId="200" formatCode="0.00"/>' * 60_000 + "</numFmts>"
    data = handmade('<row r="1"><c r="A1"><v>1</v></c></row>', styles=styles)
    with pytest.raises(UploadRefused, match="heel veel verschillende opmaak"):
        read_upload(data, "w.xlsx")

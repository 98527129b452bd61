"""Verbeterplan files, read back: the .docx (and as PDF through LibreOffice) and the .xlsx."""

from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import date

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from domain.plan import ACTION_COLUMNS, PlanLayout
from services.plan_edits import PlanChange, save_plan_changes
from services.plan_exports import plan_document, plan_workbook
from services.plans import create_gemeente_plan, create_regional_plan, open_plan

pytestmark = pytest.mark.file_format  # on SQLite only: see pyproject.toml

TODAY = date(2026, 11, 24)
SIX_COLUMNS = list(ACTION_COLUMNS.values())


def docx_of(engine, who, plan_id):
    name, data = plan_document(engine, who, plan_id=plan_id, today=TODAY)
    return name, data, Document(io.BytesIO(data))


def action_tables(document):
    return [t for t in document.tables if [c.text for c in t.rows[0].cells] == SIX_COLUMNS]


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_document_has_a_heading_per_cluster_and_per_standard(engine, aadorp, plan_id):
    _, _, document = docx_of(engine, aadorp, plan_id)
    assert [h for h in headings(document, 1) if h.startswith("Cluster")] == [
        "Cluster A: Gemeentelijke regie",
        "Cluster B: Eisen aan alle lokale professionals",
        "Cluster C: Eisen aan lokale professionals aan wie Veilig Thuis overdraagt",
        "Cluster D: Beschikbaarheid van gespecialiseerde hulp",
        "Cluster E: Samenwerking met Veilig Thuis",
    ]
    assert [h.split(":")[0] for h in headings(document, 2)] == [
        f"Standaard {n}" for n in (1, 2, 3, 6, 4, 5, 7, 8, 9, 10)
    ]


def test_the_document_has_one_row_per_question_niet_op_orde_in_six_columns(engine, aadorp, plan_id):
    _, _, document = docx_of(engine, aadorp, plan_id)
    tables = action_tables(document)
    rows = [r for t in tables for r in t.rows[1:]]
    assert len(tables) == 2  # standard 3 and standard 5
    assert [r.cells[0].text.splitlines()[0] for r in rows] == [
        "Werken met de meldcode (de stappen en het afwegingskader)",
        "Signalen van geweld herkennen en bespreekbaar maken",
        "Genoeg capaciteit om zicht te houden op veiligheid in gezinnen die Veilig Thuis overdraagt",
    ]
    assert rows[0].cells[1].text == "Meldcode is bekend, afwegingskader niet."


def test_the_document_shows_each_action_status_and_dates(engine, aadorp, plan_id):
    action = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    changes = [
        PlanChange(target="action", key=action.id, field="status", value="in_uitvoering", expected="gepland"),
        PlanChange(target="action", key=action.id, field="due_on", value=date(2027, 6, 1), expected=None),
    ]
    save_plan_changes(engine, aadorp, plan_id=plan_id, changes=changes)
    _, _, document = docx_of(engine, aadorp, plan_id)
    planning = action_tables(document)[0].rows[1].cells[5].text
    assert "Status: In uitvoering" in planning and "Gereed: 1 juni 2027" in planning


def test_the_document_holds_the_spinnenweb_picture(engine, aadorp, plan_id):
    _, data, document = docx_of(engine, aadorp, plan_id)
    assert len(document.inline_shapes) == 1
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(pictures) == 1 and z.read(pictures[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_standard_fully_op_orde_says_so_in_the_document(engine, aadorp, plan_id):
    _, _, document = docx_of(engine, aadorp, plan_id)
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Standaard 1: Integrale visie")
    assert "Deze standaard is helemaal op orde." in texts[start : start + 6]


def test_the_vng_layout_has_one_table_per_cluster(engine, aadorp, answered):
    plan_id = create_gemeente_plan(engine, aadorp, round_id=answered, layout=PlanLayout.PER_CLUSTER)
    _, _, document = docx_of(engine, aadorp, plan_id)
    tables = action_tables(document)
    assert len(tables) == 2  # cluster B (standard 3) and cluster C (standard 5)
    assert tables[0].rows[1].cells[0].text == "Standaard 3: Basis voor alle professionals"


def test_the_document_uses_dutch_dates(engine, aadorp, plan_id):
    _, _, document = docx_of(engine, aadorp, plan_id)
    assert any("24 november 2026" in p.text for p in document.paragraphs)


def test_libreoffice_opens_the_document_and_makes_a_pdf(engine, aadorp, plan_id, tmp_path):
    name, data, _ = docx_of(engine, aadorp, plan_id)
    source = tmp_path / name
    source.write_bytes(data)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "pdf" / source.with_suffix(".pdf").name
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Verbeterplan Werken aan veiligheid Aadorp" in text
    assert "Cluster E: Samenwerking met Veilig Thuis" in text and "Besluitvorming" in text


def workbook_of(engine, who, plan_id):
    name, data = plan_workbook(engine, who, plan_id=plan_id, today=TODAY)
    return name, data, openpyxl.load_workbook(io.BytesIO(data))


def test_the_workbook_has_an_overview_and_a_sheet_per_cluster(engine, aadorp, plan_id):
    _, _, wb = workbook_of(engine, aadorp, plan_id)
    assert wb.sheetnames == ["Overzicht", "Cluster A", "Cluster B", "Cluster C", "Cluster D", "Cluster E"]


def test_the_workbook_lists_each_action_with_its_status_and_date_cells(engine, aadorp, plan_id):
    action = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    change = PlanChange(target="action", key=action.id, field="start_on", value=date(2027, 1, 15), expected=None)
    save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change])
    _, _, wb = workbook_of(engine, aadorp, plan_id)
    sheet = wb["Cluster B"]
    assert [c.value for c in sheet[1]][2:8] == SIX_COLUMNS
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[9]) for r in rows] == [("5", "Gepland"), ("6", "Gepland")]
    assert rows[0][10].date() == date(2027, 1, 15)


def test_the_workbook_overview_counts_actions_per_cluster(engine, aadorp, plan_id):
    _, _, wb = workbook_of(engine, aadorp, plan_id)
    rows = {r[0]: r[1] for r in wb["Overzicht"].iter_rows(values_only=True) if r and str(r[0]).startswith(("B.", "C."))}
    assert rows == {
        "B. Eisen aan alle lokale professionals": 2,
        "C. Eisen aan lokale professionals aan wie Veilig Thuis overdraagt": 1,
    }


def all_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return " ".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_regional_plan_file_names_no_gemeente(engine, regio, regio_user, gemeenten, three_answered, kind):
    from services.regio import set_regio_settings
    from tests.conftest import ADMIN, shared

    set_regio_settings(engine, ADMIN, regio_id=regio.id, group_rule="tonen")
    shared(engine, regio)
    plan_id = create_regional_plan(
        engine, regio_user, regio_id=regio_user.regio_id, min_share=0.3, layout=PlanLayout.PER_STANDAARD
    )
    export = plan_document if kind == "docx" else plan_workbook
    name, data = export(engine, regio_user, plan_id=plan_id, today=TODAY)
    text = (name + all_text(data)).lower()
    assert "niet op orde bij 3 van 3 gemeenten" in text
    assert [g.name for g in gemeenten if g.name.lower() in text] == []


def test_no_table_row_of_the_document_splits_over_two_pages(engine, aadorp, plan_id):
    _, _, document = docx_of(engine, aadorp, plan_id)
    rows = [row for table in document.tables for row in table.rows]
    assert rows and all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_the_document_says_it_was_made_now_not_in_2013(engine, aadorp, plan_id):
    from datetime import datetime

    _, _, document = docx_of(engine, aadorp, plan_id)
    assert document.core_properties.created.year == datetime.now().year
    assert document.core_properties.modified.year == datetime.now().year


def guidance_in(element) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts of the placeholders ("Vul in: ...") inside a part of the document."""
    return [
        "".join(t.text or "" for t in sdt.iter(qn("w:t")))
        for sdt in element.iter(qn("w:sdt"))
        if sdt.find(qn("w:sdtPr")).find(qn("w:showingPlcHdr")) is not None
    ]


def test_an_empty_action_cell_shows_guidance_as_a_placeholder(engine, aadorp, plan_id):
    _, _, document = docx_of(engine, aadorp, plan_id)
    row = action_tables(document)[0].rows[1]
    assert guidance_in(row.cells[2]._tc) == ["Vul in: wat u gaat doen, concreet."]  # omschrijving verbeteractie
    assert guidance_in(row.cells[0]._tc) == []  # the maatregel is filled in from the scan


def test_the_guidance_is_gone_once_the_cell_is_filled(engine, aadorp, plan_id):
    action = open_plan(engine, aadorp, plan_id=plan_id).plan.live_actions[0]
    change = PlanChange(
        target="action", key=action.id, field="description", value="Training voor alle teams", expected=""
    )
    save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change])
    _, _, document = docx_of(engine, aadorp, plan_id)
    cell = action_tables(document)[0].rows[1].cells[2]
    assert (cell.text, guidance_in(cell._tc)) == ("Training voor alle teams", [])


def test_the_cover_page_puts_the_title_block_on_a_page_of_its_own(engine, aadorp, plan_id):
    _, data = plan_document(engine, aadorp, plan_id=plan_id, today=TODAY, cover=True)
    body = Document(io.BytesIO(data)).element.body
    breaks = [b for b in body.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
    assert len(breaks) == 1
    paragraphs = [p for p in body.iter(qn("w:p"))]
    before = "".join(
        t.text for p in paragraphs[: paragraphs.index(breaks[0].getparent().getparent())] for t in p.iter(qn("w:t"))
    )
    assert "Gemeente: Aadorp" in before and "Stand van de acties: 3 gepland" in before and "Inleiding" not in before


def test_the_document_names_the_source_when_a_measure_comes_from_practice(engine, aadorp, plan_id):
    view = open_plan(engine, aadorp, plan_id=plan_id)
    action = view.plan.live_actions[0]
    example = view.questionnaire.practices_for(action.standard)[0].text
    change = PlanChange(target="action", key=action.id, field="measure", value=example, expected=action.measure)
    save_plan_changes(engine, aadorp, plan_id=plan_id, changes=[change])
    text = "\n".join(p.text for p in docx_of(engine, aadorp, plan_id)[2].paragraphs)
    assert 'Bron: Toezicht Sociaal Domein, "Lokaal Netwerk na Veilig Thuis".' in text


def test_the_action_list_prints_a_page_wide_with_its_header_on_every_page(engine, aadorp, plan_id):
    wb = openpyxl.load_workbook(io.BytesIO(plan_workbook(engine, aadorp, plan_id=plan_id, today=TODAY)[1]))
    for ws in wb.worksheets:
        assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.sheet_properties.pageSetUpPr.fitToPage) == (
            "landscape",
            1,
            True,
        )
    clusters = [ws for ws in wb.worksheets if ws.title.startswith("Cluster")]
    assert all(ws.print_title_rows == "$1:$1" for ws in clusters)


def test_the_action_list_shows_what_to_write_when_a_text_cell_is_selected(engine, aadorp, plan_id):
    ws = openpyxl.load_workbook(io.BytesIO(plan_workbook(engine, aadorp, plan_id=plan_id, today=TODAY)[1]))["Cluster B"]
    prompts = {str(v.sqref): v.prompt for v in ws.data_validations.dataValidation if v.showInputMessage}
    last = ws.max_row + 200
    assert prompts[f"E2:E{last}"] == "Vul in: wat u gaat doen, concreet."

"""The PDFs the app hands out, read as their reader gets them: pages, text order, properties, fonts.

With ZELFSCAN_TEST_ARTIFACTS=DIR, pictures of every page go to DIR/documents/ for a person to look at. Not by
default: nobody looks at them in a test run, and drawing them took about 40 % of this file's time (6 of 15 s in
one test, 3 December). `tools/document_images.py` draws the pictures of every document for review.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from demo.seed import load_demo_region
from domain.access import Principal, Role
from domain.calendar import dutch_today
from domain.models import Purpose
from domain.plan import PlanLayout
from exports.pdf_writer import html_to_pdf
from services import national
from services.authz import Forbidden
from services.gemeente_report import gemeente_report_pdf
from services.national_exports import national_factsheet
from services.plan_exports import plan_document, plan_pdf, plan_workbook
from services.plans import create_gemeente_plan
from services.regio import create_regio, list_gemeenten, set_regio_settings
from services.scan import start_round
from services.workbooks import round_workbook
from tests.conftest import ADMIN, answer_all, principal_for, shared, shared_bytes
from tools.render import Rendered, page_images, read, to_pdf

pytestmark = [
    pytest.mark.file_format,  # on SQLite only: see pyproject.toml
    pytest.mark.skipif(
        subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
        reason="poppler-utils is installed by scripts/test",
    ),
]
ARTIFACTS = Path(os.environ["ZELFSCAN_TEST_ARTIFACTS"]) if os.environ.get("ZELFSCAN_TEST_ARTIFACTS") else None
LONG = "Het team bespreekt dit elke maand met de wijkagent en Veilig Thuis, en legt vast wat is afgesproken. "


def rendered(data: bytes, name: str, tmp_path: Path) -> Rendered:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    pictures(pdf)
    return read(pdf)


def pictures(pdf: Path) -> None:
    if ARTIFACTS is not None:
        page_images(pdf, ARTIFACTS / "documents", width=800)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def two_rounds(engine, aadorp, round_id):
    """Aadorp's nulmeting (5, 6, 17 niet op orde) and a later evaluatie (17 and 18 niet op orde)."""
    answer_all(engine, aadorp, round_id, {5, 6, 17}, {n: f"Vraag {n}: " + LONG * 5 for n in (5, 6, 17)})
    later = start_round(
        engine, aadorp, gemeente_id=aadorp.gemeente_id, held_on=date(2026, 9, 1), purpose=Purpose.EVALUATIE,
        participants=[],
    )  # fmt: skip
    notes = {n: f"Begin {n}. " + LONG * 6 + f"Einde {n}." for n in range(1, 32)}
    answer_all(engine, aadorp, later, set(range(1, 32)) - {1, 2}, notes)
    return round_id, later


def test_the_gemeente_report_has_its_parts_in_reading_order(engine, aadorp, two_rounds, tmp_path):
    _, data = gemeente_report_pdf(engine, aadorp, round_id=two_rounds[1])
    text = flat("".join(rendered(data, "verslag-volgorde", tmp_path).text_per_page))
    parts = ["Watvaltop", "Spinnenweb", "Cijfersperstandaard", "Vragendienietoporde", "Watveranderdesinds", "Voortgang"]
    assert [text.find(p) for p in parts] == sorted(text.find(p) for p in parts) and -1 not in [
        text.find(p) for p in parts
    ]


def test_no_row_of_the_gemeente_report_splits_over_two_pages(engine, aadorp, two_rounds, tmp_path):
    _, data = gemeente_report_pdf(engine, aadorp, round_id=two_rounds[1])
    document = rendered(data, "verslag-rijen", tmp_path)
    assert document.pages > 2  # the rows of long toelichtingen do need several pages
    pages = [flat(p) for p in document.text_per_page]
    for n in range(3, 32):
        start = next(i for i, p in enumerate(pages) if f"Begin{n}." in p)
        assert f"Einde{n}." in pages[start], f"the row of question {n} continues on the next page"


def test_the_gemeente_report_has_our_properties_and_embeds_its_fonts(engine, aadorp, two_rounds, tmp_path):
    _, data = gemeente_report_pdf(engine, aadorp, round_id=two_rounds[0])
    document = rendered(data, "verslag-eigenschappen", tmp_path)
    assert document.properties["Title"] == "Zelfscan Aadorp: Nulmeting van 5 maart 2026"
    assert "Author" not in document.properties
    assert str(dutch_today().year) in document.properties["CreationDate"]
    assert document.properties["Tagged"] == "yes"
    assert document.fonts and all(embedded for _, embedded in document.fonts)
    assert 2 <= document.pages <= 5


def test_the_gemeente_report_lists_what_changed_since_the_previous_round(engine, aadorp, two_rounds, tmp_path):
    _, data = gemeente_report_pdf(engine, aadorp, round_id=two_rounds[1])
    text = "".join(rendered(data, "verslag-veranderd", tmp_path).text_per_page)
    assert "Sinds de vorige ronde (5 maart 2026) is het antwoord bij 26 vragen veranderd." in re.sub(r"\s+", " ", text)


def test_a_gemeente_sees_the_regio_average_in_its_report_only_when_the_regio_allows_it(
    engine, regio, aadorp, two_rounds, tmp_path
):
    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=False, min_gemeenten=1)
    shared(engine, regio)
    hidden = flat(
        "".join(rendered(gemeente_report_pdf(engine, aadorp, round_id=two_rounds[1])[1], "a", tmp_path).text_per_page)
    )
    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=True)
    shown = flat(
        "".join(rendered(gemeente_report_pdf(engine, aadorp, round_id=two_rounds[1])[1], "b", tmp_path).text_per_page)
    )
    assert "Gemiddelderegio" not in hidden and "Gemiddelderegio" in shown


def test_a_gemeente_cannot_get_the_report_of_another_gemeente(engine, regio, gemeenten, two_rounds):
    other = principal_for(Role.GEMEENTE, regio, gemeenten[1], label="team Beekdal")
    with pytest.raises(Forbidden):
        gemeente_report_pdf(engine, other, round_id=two_rounds[1])


def test_the_factsheet_pdf_puts_the_summary_first_and_names_no_gemeente(engine, tmp_path):
    regio = create_regio(engine, ADMIN, name="Regio Noord", gemeente_names=["Aadorp", "Beekdal", "Cranendonk"])
    for g in list_gemeenten(engine, ADMIN, regio_id=regio.id):
        me = principal_for(Role.GEMEENTE, regio, g)
        rid = start_round(
            engine, me, gemeente_id=g.id, held_on=date(2026, 4, 1), purpose=Purpose.NULMETING, participants=[]
        )
        answer_all(engine, me, rid, {5, 17}, {17: f"In {g.name} is de wachtlijst lang."})
    name, data, mime = shared_bytes(
        engine, regio, "pdf", duiding="Capaciteit vraagt regionale afspraken.", include_toelichtingen=True
    )
    document = rendered(data, "factsheet", tmp_path)
    text = flat("".join(document.text_per_page))
    order = ["Samenvatting", "Duidingdoorderegio", "Spinnenwebvanderegio", "Bijlage1", "Bijlage2"]
    assert [text.find(p) for p in order] == sorted(text.find(p) for p in order) and text.find(order[0]) >= 0
    for gemeente in ("Aadorp", "Beekdal", "Cranendonk"):
        assert gemeente not in text and gemeente not in name and gemeente not in str(document.properties)
    assert (mime, document.properties["Title"]) == ("application/pdf", "Zelfscan Werken aan veiligheid: Regio Noord")
    assert "Pagina1van" in text


def test_the_pdf_writer_fetches_no_file_and_no_address(tmp_path):
    html = (
        "<html><head><title>Proef</title></head><body><p>Tekst</p>"
        '<img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png">'
        '<link rel="stylesheet" href="file:///etc/hostname"></body></html>'
    )
    pdf = tmp_path / "proef.pdf"
    pdf.write_bytes(html_to_pdf(html))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only: no picture was loaded


def test_the_plan_pdf_has_its_parts_in_the_order_of_the_word_file(engine, aadorp, plan_id, tmp_path):
    _, data = plan_pdf(engine, aadorp, plan_id=plan_id, today=date(2026, 11, 24))
    document = rendered(data, "plan", tmp_path)
    text = flat("".join(document.text_per_page))
    order = ["Inleiding", "Spinnenweb", "ClusterA:", "ClusterE:", "Voortgangpercluster", "Besluitvorming"]
    assert [text.find(p) for p in order] == sorted(text.find(p) for p in order) and text.find(order[0]) >= 0
    assert document.properties["Page size"].startswith("841.89 x 595.2")  # A4 landscape
    assert all(embedded for _, embedded in document.fonts)


def test_the_plan_pdf_with_a_cover_has_the_title_block_alone_on_page_one(engine, aadorp, plan_id, tmp_path):
    _, data = plan_pdf(engine, aadorp, plan_id=plan_id, today=date(2026, 11, 24), cover=True)
    first = flat(rendered(data, "plan-voorblad", tmp_path).text_per_page[0])
    assert "Gemeente:Aadorp" in first and "Standvandeacties:3gepland." in first and "Inleiding" not in first


needs_libreoffice = pytest.mark.skipif(
    subprocess.run(["which", "soffice"], capture_output=True).returncode != 0,
    reason="LibreOffice is installed by scripts/test",
)


def through_libreoffice(data: bytes, name: str, tmp_path: Path) -> Rendered:
    source = tmp_path / name
    source.write_bytes(data)
    pdf = to_pdf(source, tmp_path / "pdf")
    pictures(pdf)
    return read(pdf)


@needs_libreoffice
def test_no_action_row_of_the_word_plan_splits_over_two_pages(engine, aadorp, two_rounds, tmp_path):
    plan_id = create_gemeente_plan(engine, aadorp, round_id=two_rounds[1], layout=PlanLayout.PER_STANDAARD)
    _, data = plan_document(engine, aadorp, plan_id=plan_id, today=date(2026, 11, 24))
    document = through_libreoffice(data, "plan-lang.docx", tmp_path)
    pages = [flat(p) for p in document.text_per_page]
    text = "".join(pages)
    assert text.find("Inleiding") < text.find("ClusterA:") < text.find("Besluitvorming")
    for n in range(3, 32):
        start = next(i for i, p in enumerate(pages) if f"Begin{n}." in p)
        assert f"Einde{n}." in pages[start], f"the row of question {n} continues on the next page"
    assert all(embedded for _, embedded in document.fonts)
    assert 8 <= document.pages <= 45  # 29 rows of some 600 characters: about one row per page, plus the parts


@needs_libreoffice
def test_the_action_list_prints_few_pages_each_with_the_header(engine, aadorp, two_rounds, tmp_path):
    plan_id = create_gemeente_plan(engine, aadorp, round_id=two_rounds[1], layout=PlanLayout.PER_STANDAARD)
    _, data = plan_workbook(engine, aadorp, plan_id=plan_id, today=date(2026, 11, 24))
    document = through_libreoffice(data, "actielijst-lang.xlsx", tmp_path)
    cluster_pages = [p for p in document.text_per_page if "Omschrijving" in p or "Begin" in p]
    assert all("Omschrijving" in p for p in cluster_pages)  # the header row repeats on every page
    assert document.pages <= 20


@needs_libreoffice
def test_the_round_workbook_prints_its_questions_a_page_wide_with_the_header_on_each_page(
    engine, aadorp, two_rounds, tmp_path
):
    _, data = round_workbook(engine, aadorp, round_id=two_rounds[1])
    document = through_libreoffice(data, "werkboek.xlsx", tmp_path)
    question_pages = [p for p in document.text_per_page if "Begin 3." in p or "Einde 31." in p]
    assert question_pages and all("Toelichting" in p for p in question_pages)
    assert document.pages <= 12


def test_the_national_factsheet_is_tagged_embeds_its_fonts_and_puts_each_year_before_its_appendix(engine, tmp_path):
    load_demo_region(engine, national=True)
    team = Principal(code_id=1, role=Role.LANDELIJK, label="Programmateam")
    national.publish(engine, team)
    document = rendered(national_factsheet(engine, team), "landelijk-beeld", tmp_path)
    assert document.properties["Title"] == "Zelfscan Werken aan veiligheid: landelijk beeld"
    assert document.properties["Tagged"] == "yes" and "Author" not in document.properties
    assert document.fonts and all(embedded for _, embedded in document.fonts)
    text = flat("".join(document.text_per_page))
    order = ["2026:perstandaard", "2026:spreidingvanderegio's", "Veranderingvan2024naar2026", "Bijlage:pervraag,2026",
             "Hoeweregio'sengemeentenbeschermen"]  # fmt: skip
    assert [text.find(p) for p in order] == sorted(text.find(p) for p in order) and text.find(order[0]) >= 0
    assert "Aalsveen" not in text and "Rivierenland" not in text and "Pagina1van" in text

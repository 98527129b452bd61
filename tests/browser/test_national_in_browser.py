"""The national picture in a real browser: a regio joins on its page, a regio on another installation joins by a
signed file, a regio that does not join is nowhere; the national team sees x van y regio's over the joined ones only,
a withheld figure where the rules say so, no gemeente on the page or in its files; a regio that stops is gone from
the next figures."""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from domain.access import Role
from services import national, signing
from services.access_codes import issue_code, issue_national_code
from services.publications import Options, Selection, publish
from store.engine import make_engine
from store.unit_of_work import writing
from tests.browser.conftest import wait_until_drawn
from tests.browser.test_regio_in_browser import download
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import ADMIN, principal_for, regio_with_rounds
from tests.databases import new_database

pytestmark = pytest.mark.browser

JOINED = {  # take part already, through the service
    "Regio Aa": ["Aa-Een", "Aa-Twee", "Aa-Drie", "Aa-Vier", "Aa-Vijf", "Aa-Zes"],
    "Regio Bb": ["Bb-Een", "Bb-Twee", "Bb-Drie", "Bb-Vier", "Bb-Vijf", "Bb-Zes"],
    "Regio Cc": ["Cc-Een", "Cc-Twee", "Cc-Drie", "Cc-Vier", "Cc-Vijf", "Cc-Zes"],
    "Regio Dd": ["Dd-Een", "Dd-Twee", "Dd-Drie", "Dd-Vier", "Dd-Vijf", "Dd-Zes"],
}
ON_PAGE = ("Regio Paginaland", ["Pp-Een", "Pp-Twee", "Pp-Drie", "Pp-Vier", "Pp-Vijf", "Pp-Zes"])
NOT_JOINING = ("Regio Nietmee", ["Nn-Een", "Nn-Twee", "Nn-Drie", "Nn-Vier", "Nn-Vijf", "Nn-Zes"])
BY_FILE = ("Regio Elders", ["Ee-Een", "Ee-Twee", "Ee-Drie", "Ee-Vier", "Ee-Vijf", "Ee-Zes"])
GEMEENTEN = [n for names in (*JOINED.values(), ON_PAGE[1], NOT_JOINING[1], BY_FILE[1]) for n in names]


def shared_regio(engine, name: str, names: list[str], index: int):
    regio = regio_with_rounds(
        engine, name, names, lambda i: {n for n in range(1, 32) if (n * (index + 2) + i) % 3 == 0}
    )
    publish(engine, principal_for(Role.REGIO, regio), regio_id=regio.id, selection=Selection(), options=Options())
    return regio


@pytest.fixture
def setting(app, tmp_path):
    engine = app.engine
    for index, (name, names) in enumerate(JOINED.items()):
        regio = shared_regio(engine, name, names, index)
        national.join(engine, principal_for(Role.REGIO, regio), regio_id=regio.id, named=index % 2 == 0,
                      period="2026")  # fmt: skip
        if index == 0:  # alone in 2024: that period's figures rest on too few regions
            national.join(engine, principal_for(Role.REGIO, regio), regio_id=regio.id, named=True, period="2024")
    on_page = shared_regio(engine, *ON_PAGE, 7)
    shared_regio(engine, *NOT_JOINING, 8)
    with new_database(tmp_path / "elders") as url:
        other = make_engine(url)
        elsewhere = shared_regio(other, *BY_FILE, 9)
        data = national.contribution_file(other, principal_for(Role.REGIO, elsewhere), regio_id=elsewhere.id,
                                          named=False, period="2026")  # fmt: skip
        with writing(other) as session:
            fingerprint = signing.fingerprint(signing.public_key(session))
        other.dispose()
    file = tmp_path / "landelijke-bijdrage-2026.xlsx"
    file.write_bytes(data)
    regio_code = issue_code(engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=on_page.id).code
    national_code = issue_national_code(engine, ADMIN, label="Programmateam").code
    return regio_code, national_code, file, fingerprint


def part(page: Page, name: str) -> None:
    page.get_by_test_id("stRadio").filter(has_text="Wat wilt u zien?").get_by_text(name, exact=True).click()
    wait_until_drawn(page)


def make_stand(page: Page) -> None:
    page.get_by_role("button", name="Nieuwe landelijke stand maken").click()
    expect(page.get_by_text("Er is een nieuwe landelijke stand.")).to_be_visible()
    wait_until_drawn(page)


def log_out(page: Page, url: str) -> None:
    page.goto(f"{url}/uitloggen")
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()


def test_regions_join_by_choice_and_the_national_team_sees_only_them_without_any_gemeente(app, page, setting):
    regio_code, national_code, file, fingerprint = setting

    # A regio on this installation sees what it would share, then joins by name.
    log_in(page, app.url, regio_code)
    page.goto(f"{app.url}/regio?onderdeel=landelijk")
    expect(page.get_by_text("De regio doet niet mee aan het landelijke beeld.")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat de regio deelt")).to_be_visible()
    page.get_by_text("Ja, in de lijst van regio's die meedoen").click()
    wait_until_drawn(page)
    page.get_by_role("button", name="Meedoen met deze cijfers").click()
    expect(page.get_by_text("De regio doet mee aan het landelijke beeld met de cijfers hierboven.")).to_be_visible()
    expect(page.get_by_text("met haar naam, met cijfers over 2026")).to_be_visible()
    log_out(page, app.url)

    # The national team trusts the other installation's key and reads its file in.
    log_in(page, app.url, national_code)
    expect(page.get_by_role("heading", name="Landelijk beeld")).to_be_visible()
    part(page, "Regio's en bijdragen")
    page.get_by_label("Vingerafdruk").fill(fingerprint)
    page.get_by_label("Van welke installatie is deze sleutel?").fill("Installatie Elders")
    page.get_by_role("button", name="Sleutel vertrouwen").click()
    expect(page.get_by_text("De sleutel staat bij de vertrouwde sleutels.")).to_be_visible()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(file))
    expect(page.get_by_text("Dit bestand is in orde")).to_be_visible()
    page.get_by_role("button", name="Deze bijdrage inlezen").click()
    expect(page.get_by_text("De bijdrage is ingelezen.")).to_be_visible()

    make_stand(page)
    expect(
        page.get_by_text("6 regio's doen mee: Regio Aa, Regio Cc, Regio Paginaland, en 3 die niet genoemd")
    ).to_be_visible()
    part(page, "Per standaard en spreiding")
    expect(page.get_by_text("De cijfers rusten op 6 regio's met samen 36 gemeenten.")).to_be_visible()
    expect(page.get_by_role("heading", name="Spreiding van de regio's, 2026")).to_be_visible()
    body = page.locator("body").inner_text()
    assert " van 6 regio's" in body or " van de 6 regio's" in body
    page.get_by_label("Periode").click()
    page.get_by_role("option", name="2024").click()
    wait_until_drawn(page)
    expect(page.get_by_text("1 regio doet mee; we tonen cijfers vanaf 3 regio's.")).to_be_visible()  # withheld
    body += page.locator("body").inner_text()
    for part_name in ("Per vraag", "Verandering", "Regio's en bijdragen", "Regels"):
        part(page, part_name)
        body += page.locator("body").inner_text()
    for hidden in (*GEMEENTEN, "Regio Nietmee", "Regio Elders", "Regio Bb", "Regio Dd"):
        assert hidden not in body, hidden

    part(page, "Downloaden")
    pdf = download(page, "Landelijke factsheet (PDF)")
    pdf_text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    workbook = openpyxl.load_workbook(io.BytesIO(download(page, "Landelijk werkboek (Excel)")))
    cells = " ".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "6 regio's doen mee" in pdf_text and "6 regio's doen mee" in cells
    for hidden in (*GEMEENTEN, "Regio Nietmee", "Regio Elders", "Regio Bb", "Regio Dd"):
        assert hidden not in pdf_text and hidden not in cells, hidden
    log_out(page, app.url)

    # The regio on this installation stops; the next figures leave it out.
    log_in(page, app.url, regio_code)
    page.goto(f"{app.url}/regio?onderdeel=landelijk")
    page.get_by_role("button", name="Stoppen met het landelijke beeld").click()
    expect(page.get_by_text("De regio doet niet meer mee.")).to_be_visible()
    log_out(page, app.url)
    log_in(page, app.url, national_code)
    expect(page.get_by_text("Sinds deze stand is 1 regio gestopt.")).to_be_visible()
    make_stand(page)
    expect(
        page.get_by_text("5 regio's doen mee: Regio Aa, Regio Cc, en 3 die niet genoemd willen worden.")
    ).to_be_visible()
    part(page, "Per standaard en spreiding")
    expect(page.get_by_text("De cijfers rusten op 5 regio's met samen 30 gemeenten.")).to_be_visible()
    expect(page.get_by_text("sinds de vorige stand stopte een regio")).to_be_visible()  # 6 minus 5 would give it away
    assert "Regio Paginaland" not in page.locator("body").inner_text()

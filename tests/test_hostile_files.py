"""Hostile text in every field goes into every file the app writes, and comes out as typed:
never a formula, never markup, never a broken file."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile
from datetime import date
from html.parser import HTMLParser

import openpyxl
import pytest
from docx import Document

from analysis.deidentify import Words, clean
from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Participant, Purpose
from domain.plan import PlanLayout
from services.gemeente_report import gemeente_report_pdf
from services.plan_edits import PlanChange, save_plan_changes
from services.plan_exports import plan_document, plan_pdf, plan_workbook
from services.plans import create_gemeente_plan, open_plan
from services.regio import create_regio, list_gemeenten
from services.regio_exports import internal_file
from services.regio_report import regio_report
from services.scan import ToelichtingChange, ValueChange, save_changes, start_round
from services.workbooks import blank_workbook, regio_archive, round_workbook
from tests.conftest import ADMIN, principal_for, shared, shared_bytes
from tests.databases import seeded
from tests.hostile import CORPUS, FORMULAS, MARKUP, as_stored

OURS = ("=COUNTIF(", "=COUNTIFS(", "=IF(")
NAMES = ["=Hoorn|' /C calc'!A0", "**Vet**dorp", "www.voorbeeld.nl", "@Bergen [op] Zoom", "Aa'rdorp"]


@pytest.fixture
def hostile(engine):
    """A regio whose gemeenten have hostile names, each with a round full of hostile toelichtingen (made once per
    process, then copied: tests/databases.py)."""
    return seeded(engine, "a hostile regio", _hostile)


def _hostile(engine):
    regio = create_regio(engine, ADMIN, name="Regio =Proef", gemeente_names=NAMES)
    rounds = {}
    for gemeente in list_gemeenten(engine, ADMIN, regio_id=regio.id):
        me = principal_for(Role.GEMEENTE, regio, gemeente, label="=team <b>")
        round_id = start_round(
            engine,
            me,
            gemeente_id=gemeente.id,
            held_on=date(2026, 3, 5),
            purpose=Purpose.NULMETING,
            participants=[Participant(name=CORPUS[0], role=CORPUS[9])],
        )
        changes = [ValueChange(question_number=n, value=AnswerValue.NIET_OP_ORDE) for n in range(1, 32)]
        changes += [ToelichtingChange(question_number=n, toelichting=t) for n, t in enumerate(CORPUS, start=1)]
        save_changes(engine, me, round_id=round_id, changes=changes)
        rounds[gemeente.name] = (me, round_id)
    return regio, rounds


def as_shared(text: str) -> str:
    """What a file for readers outside the regio team shows of a text: as stored, then de-identified (a link
    becomes [link], a gemeente name [gemeente])."""
    return clean(as_stored(text), Words(names=tuple(NAMES)))


def xlsx_texts(data: bytes) -> tuple[set[str], list[str]]:
    """Every text cell of every sheet, and every formula that is not one of our own."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    texts, foreign = set(), []
    for ws in wb.worksheets:
        texts.add(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and not str(cell.value).startswith(OURS):
                    foreign.append(f"{ws.title}!{cell.coordinate}: {cell.value}")
                elif isinstance(cell.value, str):
                    texts.add(cell.value)
    return texts, foreign


def assert_kept_as_text(data: bytes, expected: list[str]) -> None:
    texts, foreign = xlsx_texts(data)
    assert foreign == []
    joined = "\n".join(texts)
    for text in expected:
        assert as_stored(text) in joined, text[:40]


def test_a_round_workbook_keeps_every_hostile_toelichting_as_text(engine, hostile):
    _, rounds = hostile
    me, round_id = rounds[NAMES[0]]
    assert_kept_as_text(round_workbook(engine, me, round_id=round_id)[1], [*CORPUS, NAMES[0]])


def test_a_blank_workbook_keeps_a_hostile_gemeente_name_as_text(engine, hostile):
    _, rounds = hostile
    me, _ = rounds[NAMES[0]]
    assert_kept_as_text(blank_workbook(engine, me, gemeente_id=me.gemeente_id)[1], [NAMES[0]])


def test_the_regio_archive_keeps_hostile_names_and_texts_as_text_and_sheet_names_legal(engine, hostile):
    regio, _ = hostile
    regio_user = principal_for(Role.REGIO, regio)
    data = regio_archive(engine, regio_user, regio_id=regio.id)[1]
    assert_kept_as_text(data, [*CORPUS, *NAMES])
    titles = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert all(t[:1] not in "=+-@'" and len(t) <= 31 for t in titles), titles


def test_the_internal_workbook_keeps_hostile_names_as_text(engine, hostile):
    regio, _ = hostile
    report = regio_report(engine, principal_for(Role.REGIO, regio), regio_id=regio.id)
    assert_kept_as_text(internal_file(report)[1], NAMES)


def test_the_anonymised_workbook_keeps_hostile_toelichtingen_as_text(engine, hostile):
    regio, _ = hostile
    data = shared_bytes(engine, regio, "xlsx", duiding=FORMULAS[1], include_toelichtingen=True)[1]
    assert_kept_as_text(data, [as_shared(t) for t in [*CORPUS, FORMULAS[1]]])


def test_the_anonymised_csv_quotes_every_cell_that_would_be_a_formula(engine, hostile):
    regio, _ = hostile
    data = shared_bytes(engine, regio, "csv")[1]
    cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";") for cell in row]
    assert not [c for c in cells if c.lstrip()[:1] in ("=", "+", "-", "@", "\t", "\r", "\uff1d")]


def test_the_csv_writer_keeps_what_was_typed_after_its_quote(engine):
    from exports.csv_writer import csv_bytes

    data = csv_bytes([FORMULAS, [3, 2.5, None, "gewoon"]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["'" + as_stored(f) for f in FORMULAS]
    assert rows[1] == ["3", "2,5", "", "gewoon"]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def test_the_factsheet_shows_hostile_text_as_text_and_makes_no_element_of_it(engine, hostile):
    regio, _ = hostile
    parser = _Tags()
    parser.feed(shared_bytes(engine, regio, "html", duiding=CORPUS[9], include_toelichtingen=True)[1].decode())
    assert not {"script", "img", "a", "b"} & set(parser.tags)
    text = "".join(parser.text)
    for item in CORPUS:
        assert as_shared(item).replace("\n", "") in text.replace("\n", ""), item[:40]


@pytest.fixture
def hostile_plan(engine, hostile):
    _, rounds = hostile
    me, round_id = rounds[NAMES[1]]
    plan_id = create_gemeente_plan(engine, me, round_id=round_id, layout=PlanLayout.PER_STANDAARD)
    action = open_plan(engine, me, plan_id=plan_id).clusters[0].standards[0].actions[0]
    changes = [PlanChange(target="plan", field="title", value=CORPUS[0], expected="")]
    changes += [PlanChange(target="plan", field="period", value=CORPUS[9], expected="")]
    changes += [PlanChange(target="action", key=action.id, field="owner", value=CORPUS[1], expected="")]
    changes += [PlanChange(target="action", key=action.id, field="description", value=CORPUS[8], expected="")]
    save_plan_changes(engine, me, plan_id=plan_id, changes=changes)
    return me, plan_id


def test_the_plan_workbook_keeps_hostile_fields_as_text(engine, hostile_plan):
    me, plan_id = hostile_plan
    assert_kept_as_text(
        plan_workbook(engine, me, plan_id=plan_id, today=date(2026, 11, 28))[1], [CORPUS[0], CORPUS[1], CORPUS[8]]
    )


def test_the_plan_document_opens_and_shows_hostile_fields_as_typed(engine, hostile_plan):
    me, plan_id = hostile_plan
    data = plan_document(engine, me, plan_id=plan_id, today=date(2026, 11, 28))[1]
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for item in (CORPUS[0], CORPUS[1], CORPUS[8]):
        assert as_stored(item).replace("\n", "") in text.replace("\n", ""), item[:40]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<script>" not in archive.read("word/document.xml").decode()


def test_control_characters_never_reach_the_database(engine, hostile):
    _, rounds = hostile
    me, round_id = rounds[NAMES[0]]
    from services.scan import open_scan

    stored = {n: a.toelichting for n, a in open_scan(engine, me, round_id=round_id).answers.items()}
    assert all("\x00" not in t and "\x07" not in t for t in stored.values())
    assert stored[CORPUS.index("controle\x00tekens\x07\x1b erin") + 1] == "controletekens erin"


def pdf_text_and_links(data: bytes, tmp_path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "bestand.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    links = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text), links


@pytest.mark.parametrize("kind", ["factsheet", "verslag", "plan"])
def test_the_pdfs_show_hostile_text_as_text_and_link_nowhere(engine, hostile, kind, tmp_path):
    regio, rounds = hostile
    if kind == "factsheet":
        data = shared_bytes(engine, regio, "pdf", duiding=CORPUS[9], include_toelichtingen=True)[1]
    elif kind == "verslag":
        me, round_id = rounds[NAMES[0]]
        data = gemeente_report_pdf(engine, me, round_id=round_id)[1]
    else:
        me, round_id = rounds[NAMES[0]]
        plan_id = create_gemeente_plan(engine, me, round_id=round_id, layout=PlanLayout.PER_CLUSTER)
        data = plan_pdf(engine, me, plan_id=plan_id)[1]  # its rows carry the toelichtingen
    text, links = pdf_text_and_links(data, tmp_path)
    assert "http" not in links and "www" not in links  # pdfinfo lists a link's address, if there were one
    seen = as_shared if kind == "factsheet" else as_stored  # the factsheet leaves the regio team
    for item in FORMULAS + MARKUP:
        assert re.sub(r"\s+", "", seen(item)) in text, item[:40]


@pytest.fixture
def hostile_indicators(engine, hostile):
    """The hostile regio's indicator set, its texts edited to the hostile corpus, with figures."""
    from services.indicators import adopt_from_template, edit_indicator, overview, save_typed

    regio, _ = hostile
    me = principal_for(Role.REGIO, regio)
    adopt_from_template(engine, me, keys=["vt-overdrachten"])
    (item,) = overview(engine, me).indicators
    edit_indicator(engine, me, indicator_id=item.id, name=FORMULAS[0], definition=MARKUP[1], source=FORMULAS[1])
    ids = [g.id for g in list_gemeenten(engine, ADMIN, regio_id=regio.id)]
    save_typed(engine, me, indicator_id=item.id, period="2026-K1", values={g: float(i + 2) for i, g in enumerate(ids)})
    return me


def test_the_indicator_template_keeps_hostile_names_and_texts_as_text(engine, hostile_indicators):
    from services.indicator_exports import template_file

    _, data = template_file(engine, hostile_indicators, period="2026")
    assert_kept_as_text(data, [*NAMES, FORMULAS[0], MARKUP[1], FORMULAS[1]])


def test_the_anonymised_indicator_files_keep_hostile_texts_as_text_and_name_no_gemeente(
    engine, hostile, hostile_indicators
):
    from services.indicator_exports import anonymised_files

    shared(engine, hostile[0])
    files = anonymised_files(engine, hostile_indicators)
    assert_kept_as_text(files["xlsx"][1], [as_shared(t) for t in (FORMULAS[0], MARKUP[1], FORMULAS[1])])
    texts, _ = xlsx_texts(files["xlsx"][1])
    cells = [c for row in csv.reader(io.StringIO(files["csv"][1].decode("utf-8-sig")), delimiter=";") for c in row]
    assert not [c for c in cells if c.lstrip()[:1] in ("=", "+", "-", "@", "\t", "\r", "\uff1d")]
    for name in ("Hoorn", "Vet**dorp", "voorbeeld.nl", "Bergen", "rdorp"):
        assert not any(name in t for t in [*texts, *cells])


def test_the_factsheet_shows_hostile_indicator_texts_as_text(engine, hostile, hostile_indicators):
    regio, _ = hostile
    parser = _Tags()
    parser.feed(shared_bytes(engine, regio, "html")[1].decode())
    assert not {"script", "img", "a", "b"} & set(parser.tags)
    assert as_shared(FORMULAS[0]) in "".join(parser.text)


def test_the_verslag_shows_a_hostile_indicator_name_as_text_and_links_nowhere(
    engine, hostile, hostile_indicators, tmp_path
):
    _, rounds = hostile
    me, round_id = rounds[NAMES[0]]
    text, links = pdf_text_and_links(gemeente_report_pdf(engine, me, round_id=round_id)[1], tmp_path)
    assert "http" not in links and "www" not in links
    assert re.sub(r"\s+", "", as_stored(FORMULAS[0])) in text
    assert "Procesindicatoren" in text


def test_the_round_workbook_keeps_a_hostile_extra_question_as_text(engine, hostile):
    from domain.access import Principal
    from services.extra_questions import add_extra_question

    regio, rounds = hostile
    beheerder = Principal(code_id=0, role=Role.BEHEERDER, label="beheer", regio_id=regio.id)
    add_extra_question(engine, beheerder, regio_id=regio.id, text=FORMULAS[0], help=MARKUP[1], standard=3, block=1)
    me, round_id = rounds[NAMES[0]]
    assert_kept_as_text(round_workbook(engine, me, round_id=round_id)[1], [FORMULAS[0]])

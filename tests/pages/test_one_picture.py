"""The independent check of issue 26: every regional figure of a seeded regio, computed here with plain pandas and
the disclosure rules as the README states them (no app code), equals what every page and every file shows.

The seeded regio has two questionnaire versions (question 17 not comparable), a regional extra question,
partners who answered apart, procesindicatoren, an incomplete newer round, and a round the regio chose itself.
"""

from __future__ import annotations

import csv
import io
import random
import re
import subprocess
from datetime import date

import docx
import openpyxl
import pandas as pd
import pytest

import questionnaire
from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Purpose
from domain.plan import PlanLayout
from services.access import login
from services.access_codes import issue_code
from services.extra_questions import add_extra_question
from services.gemeente_report import gemeente_report_pdf
from services.indicators import adopt_from_template, overview, save_typed
from services.partners import close_apart, invite_partner, save_partner_changes, start_apart
from services.plan_exports import plan_document
from services.plans import create_regional_plan
from services.publications import Options, Selection, publish
from services.questionnaire_versions import activate, load
from services.questionnaire_versions import preview as version_preview
from services.regio import create_regio, list_gemeenten, set_regio_settings
from services.regio_exports import shared_file
from services.scan import ToelichtingChange, ValueChange, save_changes, start_round
from tests.conftest import ADMIN, principal_for
from tests.databases import seeded as from_template
from tests.pages.support import logged_in


@pytest.fixture
def engine(app_engine):
    """The database the app under AppTest reads too (the pages are part of the check)."""
    return app_engine


MINIMUM = 3
NAMES = [f"Plaats{c}" for c in "ABCDEFGH"]
V2 = "2027.9-onafhankelijk"
REASON = "De vraag gaat nu ook over volwassenen."
EXTRA = "Heeft de gemeente een vaste contactpersoon voor scholen?"


# --- the rules as the README states them, written again here -------------------------------------------


def shown_count(x: int, y: int) -> str:
    """ "x van y gemeenten" under the default rules: minimum 3, group disclosure in words."""
    if y < MINIMUM:
        return "niet getoond (te weinig gemeenten)"
    k = 2 if y < 2 * MINIMUM else 1
    if y <= 2 * k:
        return "niet getoond (zou laten zien wat elke gemeente antwoordde)"
    if x <= k:
        return f"hoogstens {k} van de {y} gemeenten"
    if x >= y - k:
        return f"minstens {y - k} van de {y} gemeenten"
    return f"{x} van {y} gemeenten"


def bounds(x: int, y: int) -> tuple[int, int] | None:
    text = shown_count(x, y)
    if text.startswith("niet getoond"):
        return None
    if text.startswith("hoogstens"):
        return 0, int(text.split()[1])
    if text.startswith("minstens"):
        return int(text.split()[1]), y
    return x, x


def percent(share: float) -> str:
    from decimal import ROUND_HALF_UP, Decimal

    return f"{Decimal(repr(float(share) * 100)).quantize(Decimal('1e-9')).quantize(Decimal(1), ROUND_HALF_UP)}%"


# --- the seeded regio ---------------------------------------------------------------------------------------


@pytest.fixture
def seeded(engine):
    """Returns (regio, answers as a DataFrame of every round, the rounds that count per gemeente, codes, the
    published picture, the indicator, its figures): made once per process, then copied (tests/databases.py)."""
    return from_template(engine, "one picture", _seed)


def _seed(engine):
    regio = create_regio(engine, ADMIN, name="Regio Onafhankelijk", gemeente_names=NAMES)
    set_regio_settings(engine, ADMIN, regio_id=regio.id, gemeente_sees_average=True)
    gemeenten = {g.name: g for g in list_gemeenten(engine, ADMIN, regio_id=regio.id)}
    rng = random.Random(26)
    rows: list[dict] = []
    rounds: dict[tuple[str, str], int] = {}

    def fill(name: str, held_on: date, version: str, answered: int, partners: bool = False) -> None:
        me = principal_for(Role.GEMEENTE, regio, gemeenten[name], label=f"team {name}")
        rid = start_round(engine, me, gemeente_id=me.gemeente_id, held_on=held_on, purpose=Purpose.NULMETING,
                          participants=[])  # fmt: skip
        values = {n: AnswerValue.OP_ORDE if rng.random() < 0.6 else AnswerValue.NIET_OP_ORDE for n in range(1, 32)}
        if partners:
            start_apart(engine, me, round_id=rid)
            for role in ("Veilig Thuis", "Jeugdprofessional"):
                code = invite_partner(engine, me, round_id=rid, role=role, name="Sanne")
                partner = login(engine, code=code.code, client_key=f"p{code.id}").principal
                own = {n: v if rng.random() < 0.8 else _other(v) for n, v in values.items()}
                save_partner_changes(engine, partner, changes=[ValueChange(question_number=n, value=v)
                                                               for n, v in own.items()])  # fmt: skip
                for n, v in own.items():
                    rows.append({"round": rid, "kind": "partner", "partner": role, "q": n, "value": v.value})
            close_apart(engine, me, round_id=rid)
        numbers = list(range(1, 32))[:answered]
        save_changes(engine, me, round_id=rid, changes=[
            *(ValueChange(question_number=n, value=values[n]) for n in numbers),
            *(ToelichtingChange(question_number=n, toelichting=f"In {name} gaat dit zo.") for n in numbers[:2]),
        ])  # fmt: skip
        for n in numbers:
            rows.append({"round": rid, "kind": "core", "q": n, "value": values[n]})
        extra_number = extras[0].number if extras else None
        if extra_number and answered == 31:
            value = AnswerValue.OP_ORDE if rng.random() < 0.5 else AnswerValue.NIET_OP_ORDE
            save_changes(engine, me, round_id=rid, changes=[ValueChange(question_number=extra_number, value=value)])
            rows.append({"round": rid, "kind": "extra", "q": extra_number, "value": value})
        rounds[(name, version)] = rid
        meta.append({"round": rid, "gemeente": name, "held_on": held_on, "version": version, "answered": answered})

    meta: list[dict] = []
    extras: list = []
    base = questionnaire.current().version
    for name in NAMES:  # 2024: every gemeente, the shipped version, all answered
        fill(name, date(2024, 3, 1), base, 31, partners=name in ("PlaatsE", "PlaatsF", "PlaatsG"))
    current = questionnaire.current()
    made = current.model_copy(update={"version": V2, "based_on": current.version, "not_comparable": {17: REASON}})
    shown = version_preview(engine, ADMIN, data=questionnaire.dump(made).encode(), file_name="v2.yaml")
    load(engine, ADMIN, shown=shown)
    activate(engine, ADMIN, regio_id=regio.id, version=V2)
    beheerder = principal_for(Role.BEHEERDER, regio)
    extra_id = add_extra_question(engine, beheerder, regio_id=regio.id, text=EXTRA, help="", standard=7, block=2)
    extras.append(next(q for q in __import__("services.extra_questions", fromlist=["x"]).extra_questions(
        engine, beheerder, regio_id=regio.id) if q.id == extra_id))  # fmt: skip
    for name in ("PlaatsA", "PlaatsB", "PlaatsC", "PlaatsD"):  # 2026: four gemeenten, the new version
        fill(name, date(2026, 3, 1), V2, 31, partners=name in ("PlaatsA", "PlaatsB", "PlaatsC"))
    fill("PlaatsH", date(2026, 4, 1), V2, 20)  # newer, not complete: the 2024 round keeps counting
    adopt_from_template(engine, principal_for(Role.REGIO, regio), keys=["vt-overdrachten"])
    (indicator,) = overview(engine, principal_for(Role.REGIO, regio)).indicators
    figures = {"2026-K1": [12, 3, 9, 20, 7, 15, 11, 6], "2026-K2": [14, 4, 10, 18, 8, 13, 12, 7]}
    for period, values in figures.items():
        save_typed(engine, principal_for(Role.REGIO, regio), indicator_id=indicator.id, period=period,
                   values={gemeenten[n].id: float(v) for n, v in zip(NAMES, values, strict=True)})  # fmt: skip
    chosen = {gemeenten["PlaatsB"].id: rounds[("PlaatsB", base)]}  # the regio lets B's 2024 round count
    answers = pd.DataFrame(rows).merge(pd.DataFrame(meta), on="round")
    answers["value"] = answers["value"].map(lambda v: v.value if isinstance(v, AnswerValue) else v)
    codes = {
        "regio": issue_code(engine, ADMIN, role=Role.REGIO, label="regioteam", regio_id=regio.id).code,
        "gemeente": issue_code(
            engine, ADMIN, role=Role.GEMEENTE, label="team G", regio_id=regio.id, gemeente_id=gemeenten["PlaatsG"].id
        ).code,
    }
    selection = Selection(chosen=tuple(chosen.items()))
    viewer = principal_for(Role.REGIO, regio, label="regioteam")
    _, published = publish(engine, viewer, regio_id=regio.id, selection=selection, options=Options())
    return regio, answers, chosen, codes, published.picture, indicator, figures


def _other(value: AnswerValue) -> AnswerValue:
    return AnswerValue.NIET_OP_ORDE if value is AnswerValue.OP_ORDE else AnswerValue.OP_ORDE


# --- the figures, computed with pandas --------------------------------------------------------------------


def counted_rounds(answers: pd.DataFrame, chosen_rounds: set[int]) -> pd.DataFrame:
    """Per gemeente the round that counts: newest complete (else newest with answers), or the regio's choice."""
    meta = answers[["round", "gemeente", "held_on", "answered"]].drop_duplicates()
    meta = meta.sort_values(["held_on", "round"], ascending=False)
    complete = meta[meta["answered"] == 31].groupby("gemeente").head(1)
    picked = meta[meta["round"].isin(chosen_rounds)]
    counted = pd.concat([picked, complete[~complete["gemeente"].isin(picked["gemeente"])]])
    return counted.set_index("gemeente")["round"]


def expected(seeded) -> dict:
    _, answers, chosen, *_ = seeded
    rounds = counted_rounds(answers, set(chosen.values()))
    core = answers[(answers["kind"] == "core") & answers["round"].isin(rounds)].copy()
    core = core[~((core["q"] == 17) & (core["version"] != V2))]  # not comparable with the regio's version
    standard_of = {q.number: q.standard for q in questionnaire.current().questions}
    core["standard"] = core["q"].map(standard_of)
    core["op"] = core["value"] == "op_orde"
    per_q = core.groupby("q")["op"].agg(["sum", "count"])
    questions = {int(q): shown_count(int(r["sum"]), int(r["count"])) for q, r in per_q.iterrows()}
    sizes = pd.Series(standard_of).value_counts()
    per_gs = core.groupby(["gemeente", "standard"])["op"].agg(["sum", "count"]).reset_index()
    per_gs["share"] = per_gs["sum"] / per_gs["count"]
    per_gs["size"] = per_gs["standard"].map(sizes)
    standards = {}
    for s, group in per_gs.groupby("standard"):
        own = [q for q, st in standard_of.items() if st == s]
        qbounds = [bounds(int(per_q.loc[q, "sum"]), int(per_q.loc[q, "count"])) for q in own if q in per_q.index]
        exact = all(b is not None and b[0] == b[1] for b in qbounds) and len(qbounds) == len(own)
        n = len(group)
        if n < MINIMUM:
            mean = "niet getoond (te weinig gemeenten)"
        elif exact:
            mean = percent(group["share"].mean())
        elif (group["count"] == group["size"]).all():
            low = sum(b[0] if b else 0 for b in qbounds) / (len(own) * n)
            high = sum(b[1] if b else int(per_q.loc[q, "count"]) for b, q in zip(qbounds, own, strict=True)) / (
                len(own) * n
            )
            mean = f"tussen {percent(low)} en {percent(high)}"
        else:
            mean = "niet getoond (zou de cijfers per vraag verraden)"
        decided = group[(group["count"] == group["size"]) | (group["sum"] < group["count"])]
        whole = shown_count(int((decided["sum"] == decided["size"]).sum()), len(decided))
        standards[int(s)] = (mean, n, whole)
    partners = answers[(answers["kind"] == "partner") & answers["round"].isin(rounds)]
    disagree = (
        partners.groupby(["round", "q"])["value"].agg(lambda v: v.nunique() == 2).groupby("q").agg(["sum", "count"])
    )
    partner_counts = {int(q): shown_count(int(r["sum"]), int(r["count"])) for q, r in disagree.iterrows()}
    exact = {int(q): f"{int(r['sum'])} van {int(r['count'])} gemeenten" for q, r in per_q.iterrows()}
    return {"questions": questions, "standards": standards, "partners": partner_counts, "rounds": rounds,
            "exact": exact}  # fmt: skip


def plain(cell: object) -> str:
    """A table cell as the reader sees it (the page's table escapes markdown with backslashes)."""
    return re.sub(r"\\(.)", r"\1", str(cell))


# --- every output ---------------------------------------------------------------------------------------------


def test_the_publication_holds_exactly_the_independent_figures(seeded):
    want, picture = expected(seeded), seeded[4]
    assert {q.number: q.op_orde.of() for q in picture.questions} == want["questions"]
    assert {s.number: (s.mean.text(), s.mean.rests_on, s.whole.of()) for s in picture.standards} == want["standards"]
    assert {n: first.of() for n, first, _ in picture.partners.questions} == want["partners"]


def test_the_shared_workbook_shows_the_independent_figures(seeded):
    want, picture = expected(seeded), seeded[4]
    wb = openpyxl.load_workbook(io.BytesIO(shared_file(picture, "xlsx")[1]))
    for row in wb["Vragen"].iter_rows(min_row=2, values_only=True):
        number, _, _, x, y, note = row
        assert (f"{x} van {y} gemeenten" if isinstance(x, int) else note) == want["questions"][number], row
    for row in wb["Standaarden"].iter_rows(min_row=2, values_only=True):
        number, _, _, rests_on, *_ = row
        assert rests_on == want["standards"][number][1]


def test_the_shared_csv_shows_the_independent_figures(seeded):
    want, picture = expected(seeded), seeded[4]
    rows = list(csv.reader(io.StringIO(shared_file(picture, "csv")[1].decode("utf-8-sig")), delimiter=";"))
    for row in (r for r in rows if r[0] == "vraag"):
        text = want["questions"][int(row[1])]
        shown = row[7] or f"{row[4]} van {row[5]} gemeenten"
        assert shown == text, (row, text)


def test_the_factsheet_shows_the_independent_figures(seeded, tmp_path):
    want, picture = expected(seeded), seeded[4]
    html = shared_file(picture, "html")[1].decode()
    for number, text in want["questions"].items():
        assert f"<td>{number}</td>" in html and text in html
    for number, (mean, n, _) in want["standards"].items():
        assert re.search(rf"<td>{number}\. [^<]*</td><td>{re.escape(mean)}</td><td>{n}</td>", html), number
    pdf = tmp_path / "factsheet.pdf"
    pdf.write_bytes(shared_file(picture, "pdf")[1])
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    for mean, _, _ in want["standards"].values():
        assert mean in text


def test_the_regional_plan_shows_the_independent_figures(seeded, engine):
    regio, *_ = seeded
    want = expected(seeded)
    viewer = principal_for(Role.REGIO, regio, label="regioteam")
    plan_id = create_regional_plan(engine, viewer, regio_id=regio.id, min_share=0.01, layout=PlanLayout.PER_STANDAARD)
    _, data = plan_document(engine, viewer, plan_id=plan_id)
    text = " ".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs) + " ".join(
        c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells
    )
    for number, shown in want["questions"].items():
        if shown.startswith("niet getoond") or shown.startswith("minstens"):
            continue  # a question op orde nearly everywhere, or withheld: no row of its own
        niet = _complement(shown)
        assert f"niet op orde bij {niet}" in text.lower(), (number, niet)


def _complement(shown: str) -> str:
    """The same figure counted as niet op orde, as the plan writes it."""
    if shown.startswith("hoogstens"):
        k, y = int(shown.split()[1]), int(shown.split()[4])
        return f"minstens {y - k} van de {y} gemeenten"
    x, y = int(shown.split()[0]), int(shown.split()[2])
    return f"{y - x} van {y} gemeenten"


def test_a_gemeentes_results_page_and_verslag_show_the_independent_average(seeded, engine, tmp_path):
    regio, _, _, codes, *_ = seeded
    want = expected(seeded)
    at = logged_in(codes["gemeente"], "pages/resultaten.py")
    cells = [plain(v) for t in at.table for v in t.value.get("Gemiddelde regio", pd.Series()).to_numpy()]
    assert cells == [f"{mean} ({n} gemeenten)" for mean, n, _ in want["standards"].values()]
    gemeente = next(g for g in list_gemeenten(engine, ADMIN, regio_id=regio.id) if g.name == "PlaatsG")
    me = principal_for(Role.GEMEENTE, regio, gemeente)
    pdf = tmp_path / "verslag.pdf"
    pdf.write_bytes(gemeente_report_pdf(engine, me, round_id=int(want["rounds"]["PlaatsG"]))[1])
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    for mean, _, _ in want["standards"].values():
        assert mean in text


def test_the_regio_pages_own_figures_are_the_independent_exact_ones_for_the_same_rounds(seeded, engine):
    _, _, chosen, codes, *_ = seeded
    want = expected(seeded)
    at = logged_in(codes["regio"], "pages/regio.py", onderdeel="vragen")
    at.radio(key="regio_keuze").set_value("zelf").run()
    for gemeente_id, round_id in chosen.items():
        at.selectbox(key=f"regio_ronde_{gemeente_id}").set_value(round_id).run()
    table = next(t.value for t in at.table if "Vraag" in t.value.columns and "Op orde" in t.value.columns)
    shown = {int(plain(v).split(".")[0]): plain(c) for v, c in zip(table["Vraag"], table["Op orde"], strict=True)}
    assert shown == want["exact"]


def test_the_regio_page_shows_the_independent_partner_counts(seeded):
    _, _, _, codes, *_ = seeded
    want = expected(seeded)
    at = logged_in(codes["regio"], "pages/regio.py", onderdeel="partners")
    table = next(t.value for t in at.table if "Oneens toen ieder apart inleverde" in t.value.columns)
    first = table["Oneens toen ieder apart inleverde"]
    shown = {int(plain(v).split(".")[0]): plain(c) for v, c in zip(table["Vraag"], first, strict=True)}
    assert shown == want["partners"]


def test_the_indicator_files_show_the_independent_regional_sums(seeded, engine):
    from services.indicator_exports import anonymised_files

    regio, *_, figures = seeded
    files = anonymised_files(engine, principal_for(Role.REGIO, regio))
    rows = list(csv.reader(io.StringIO(files["csv"][1].decode("utf-8-sig")), delimiter=";"))
    shown = {r[3]: (r[4], r[5], r[6]) for r in rows[1:]}
    for period, values in figures.items():
        assert max(values) / sum(values) < 0.75  # no gemeente dominates, so the sum may be shown
        assert shown[period] == (str(sum(values)), f"som van {len(values)} gemeenten", str(len(values)))
    sheet = openpyxl.load_workbook(io.BytesIO(files["xlsx"][1]))["Cijfers"]
    assert {r[2]: r[3] for r in sheet.iter_rows(min_row=2, values_only=True)} == {p: sum(v) for p, v in figures.items()}

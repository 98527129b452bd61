"""Every figure of the regio page, and the anonymised workbook, for a national-size data set.

342 gemeenten in 25 regio's, 3 rounds each, all 31 questions answered. For each regio
we time (a) the regio report (latest round per gemeente, means, x van y, what stands out)
and (b) the anonymised workbook (written from the publication's picture, as the app hands
it on), each next to a plain pandas baseline that reads the
same rows and does the same arithmetic (and for (b) writes the same tables to xlsx, no
chart). Ratios are measured in the same run.
Usage: .venv/bin/python -m bench.regio_figures [--profile]   (--profile: where one workbook's time goes)
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import questionnaire
from domain.access import Principal, Role
from domain.models import Purpose
from services.publications import Options, Selection, preview
from services.regio import create_regio, list_gemeenten
from services.regio_exports import shared_file
from services.regio_report import regio_report
from store import repository as repo
from store.engine import make_engine
from store.tables import AntwoordRow
from store.unit_of_work import writing

REGIOS, GEMEENTEN, ROUNDS = 25, 342, 3
ADMIN = Principal(code_id=0, role=Role.BEHEERDER, label="bench", regio_id=None)


def build(engine) -> list[int]:  # type: ignore[no-untyped-def]
    rng = random.Random(342)
    qn = questionnaire.current()
    regio_ids = []
    per_regio = [GEMEENTEN // REGIOS + (1 if i < GEMEENTEN % REGIOS else 0) for i in range(REGIOS)]
    for r, count in enumerate(per_regio):
        regio = create_regio(engine, ADMIN, name=f"Regio {r}", gemeente_names=[f"G{r}-{g}" for g in range(count)])
        regio_ids.append(regio.id)
        rows = []
        with writing(engine) as session:
            for gemeente in list_gemeenten(engine, ADMIN, regio_id=regio.id):
                for k in range(ROUNDS):
                    round_id = repo.create_round(
                        session,
                        gemeente_id=gemeente.id,
                        held_on=date(2022 + 2 * k, 3, 1),
                        purpose=[Purpose.NULMETING, Purpose.EVALUATIE, Purpose.TOETSINGSMOMENT][k],
                        questionnaire_version=qn.version,
                        participants=[],
                    )
                    for q in qn.questions:
                        rows.append(
                            {
                                "ronde_id": round_id,
                                "question_number": q.number,
                                "value": "op_orde" if rng.random() < 0.6 else "niet_op_orde",
                                "toelichting": "Toelichting" if rng.random() < 0.3 else "",
                                "updated_at": datetime.now(UTC),
                                "updated_by": "bench",
                                "version": 1,
                            }
                        )
            session.execute(insert(AntwoordRow), rows)
    return regio_ids


BASELINE_SQL = """
SELECT g.id AS gemeente, r.id AS ronde, r.held_on, a.question_number AS q, a.value
FROM ronde r JOIN gemeente g ON g.id = r.gemeente_id JOIN antwoord a ON a.ronde_id = r.id
WHERE g.regio_id = :regio
"""


def pandas_figures(engine, regio_id: int, standard_of: dict[int, int]) -> tuple[pd.DataFrame, pd.DataFrame]:  # type: ignore[no-untyped-def]
    df = pd.read_sql_query(BASELINE_SQL.replace(":regio", str(regio_id)), engine)
    latest = df.sort_values(["held_on", "ronde"]).groupby("gemeente")["ronde"].last()
    df = df[df["ronde"].isin(latest)].dropna(subset=["value"])
    df["op"] = df["value"] == "op_orde"
    df["standard"] = df["q"].map(standard_of)
    per_question = df.groupby("q")["op"].agg(x="sum", y="count")
    per_gemeente = df.groupby(["gemeente", "standard"])["op"].agg(["mean", "all", "count"])
    per_standard = per_gemeente.groupby("standard").agg(mean=("mean", "mean"), x=("all", "sum"), y=("all", "count"))
    return per_question, per_standard


def pandas_workbook(per_question: pd.DataFrame, per_standard: pd.DataFrame) -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        per_standard.to_excel(writer, sheet_name="Standaarden")
        per_question.to_excel(writer, sheet_name="Vragen")
    return out.getvalue()


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best.append((time.perf_counter() - started) * 1000)
    return min(best)


def main() -> None:
    engine = make_engine(f"sqlite:///{Path(tempfile.mkdtemp()) / 'national.db'}")
    started = time.perf_counter()
    regio_ids = build(engine)
    print(f"data set: {GEMEENTEN} gemeenten in {REGIOS} regio's, {ROUNDS} rounds each, 31 answers per round "
          f"(built in {time.perf_counter() - started:.1f} s)")  # fmt: skip
    standard_of = {q.number: q.standard for q in questionnaire.current().questions}
    ours, base, ours_xlsx, base_xlsx = [], [], [], []
    for regio_id in regio_ids:
        viewer = Principal(code_id=0, role=Role.REGIO, label="bench", regio_id=regio_id)
        ours.append(timed(lambda v=viewer, r=regio_id: regio_report(engine, v, regio_id=r)))
        base.append(timed(lambda r=regio_id: pandas_figures(engine, r, standard_of)))
        picture = preview(engine, viewer, regio_id=regio_id, selection=Selection(), options=Options()).picture
        ours_xlsx.append(timed(lambda p=picture: shared_file(p, "xlsx")))
        tables = pandas_figures(engine, regio_id, standard_of)
        base_xlsx.append(timed(lambda t=tables: pandas_workbook(*t)))
    for label, a, b in (("regio page figures", ours, base), ("anonymised workbook", ours_xlsx, base_xlsx)):
        print(
            f"{label}: ours median {statistics.median(a):.1f} ms per regio (total {sum(a):.0f} ms for all 25), "
            f"pandas median {statistics.median(b):.1f} ms (total {sum(b):.0f} ms), "
            f"ratio {statistics.median(a) / statistics.median(b):.2f}"
        )
    viewer = Principal(code_id=0, role=Role.REGIO, label="bench", regio_id=regio_ids[0])
    report = regio_report(engine, viewer, regio_id=regio_ids[0])
    per_question, per_standard = pandas_figures(engine, regio_ids[0], standard_of)
    same = all(abs((a.mean_share or 0) - per_standard.loc[a.number, "mean"]) < 1e-9 for a in report.average) and all(
        (q.x, q.y) == tuple(per_question.loc[q.number]) for q in report.questions
    )
    print(f"pandas baseline gives the same means and x van y: {'yes' if same else 'NO'}")
    print(f"one regio page, all figures: {timed(lambda: regio_report(engine, viewer, regio_id=regio_ids[0])):.1f} ms")
    if "--profile" in sys.argv:
        profile(preview(engine, viewer, regio_id=regio_ids[0], selection=Selection(), options=Options()).picture)


def profile(picture) -> None:  # type: ignore[no-untyped-def]
    """Where the anonymised workbook's time goes: our cells and styles, or openpyxl's save (its XML writer)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        shared_file(picture, "xlsx")
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    cumulative = {f"{path}:{name}": row[3] for (path, _line, name), row in stats.stats.items()}  # type: ignore[attr-defined]
    saved = next(t for key, t in cumulative.items() if key.endswith("openpyxl/workbook/workbook.py:save"))
    written = next(t for key, t in cumulative.items() if key.endswith("exports/xlsx_writer.py:workbook_bytes"))
    each = 1000 / 20
    print(
        f"profile of 20 workbooks: {total * each:.1f} ms each (profiled); building our sheets "
        f"{(total - written) * each:.1f} ms ({(total - written) / total:.0%}), the formula and font check "
        f"{(written - saved) * each:.1f} ms ({(written - saved) / total:.0%}), openpyxl's save {saved * each:.1f} ms "
        f"({saved / total:.0%})"
    )
    stats.sort_stats("cumulative").print_stats(15)
    parts = {  # inside openpyxl's save: what each part of the file costs
        "the worksheets (XML, compressed into the zip)": "openpyxl/writer/excel.py:_write_worksheets",
        "the stylesheet": "openpyxl/styles/stylesheet.py:write_stylesheet",
        "the chart": "openpyxl/writer/excel.py:_write_charts",
    }
    shares = {name: next(t for key, t in cumulative.items() if key.endswith(where)) for name, where in parts.items()}
    rest = saved - sum(shares.values())
    print(
        "inside openpyxl's save: "
        + ", ".join(f"{name} {t / saved:.0%}" for name, t in shares.items())
        + f", the other parts {rest / saved:.0%}"
    )


if __name__ == "__main__":
    main()

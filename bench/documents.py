"""How long each document takes to make, from the demo region (what a click on its download button costs).

Usage: .venv/bin/python -m bench.documents [--runs N]
Prints the median and the slowest of N runs (after one warm-up run) per document.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from domain.plan import PlanLayout
from services.gemeente_report import gemeente_report_pdf
from services.plan_exports import plan_document, plan_pdf, plan_workbook
from services.plans import create_gemeente_plan
from services.publications import Options, Selection, latest, preview
from services.regio_exports import shared_file
from services.regio_report import regio_report
from services.workbooks import round_workbook
from tools.document_images import demo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        engine, regio_id, regio_user, team, round_id = demo(Path(work) / "demo.db")
        plan_id = create_gemeente_plan(engine, team, round_id=round_id, layout=PlanLayout.PER_CLUSTER)
        shared = latest(engine, regio_user, regio_id=regio_id)  # the demo region has shared once
        assert shared is not None
        made: dict[str, Callable[[], object]] = {
            "verslag van een ronde (pdf)": lambda: gemeente_report_pdf(engine, regio_user, round_id=round_id),
            "regio-cijfers (berekening)": lambda: regio_report(engine, regio_user, regio_id=regio_id),
            "voorbeeld van een nieuwe stand": lambda: preview(
                engine, regio_user, regio_id=regio_id, selection=Selection(), options=Options()
            ),
            "factsheet (pdf)": lambda: shared_file(shared, "pdf"),
            "verbeterplan (pdf)": lambda: plan_pdf(engine, team, plan_id=plan_id),
            "verbeterplan (docx)": lambda: plan_document(engine, team, plan_id=plan_id),
            "actielijst (xlsx)": lambda: plan_workbook(engine, team, plan_id=plan_id),
            "ronde-werkboek (xlsx)": lambda: round_workbook(engine, team, round_id=round_id),
        }
        for name, make in made.items():
            make()
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                make()
                times.append((time.perf_counter() - start) * 1000)
            print(f"{name:30} median {statistics.median(times):5.0f} ms   slowest {max(times):5.0f} ms")
        engine.dispose()


if __name__ == "__main__":
    main()

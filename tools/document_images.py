"""Make every document the app hands out from the demo region, and pictures of them.

    .venv/bin/python -m tools.document_images [--out DIR] [--all-pages]

writes each document, its PDF (LibreOffice for .docx and .xlsx) and a PNG of its first
page into DIR (default: a new temporary folder), and copies the first pages of the
documents the README shows to docs/images/. Nothing here is made up for the picture: the
documents come from the same services the pages call.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine

from demo.seed import load_demo_region
from domain.access import Principal, Role
from domain.plan import PlanLayout
from services import national
from services.gemeente_report import gemeente_report_pdf
from services.national_exports import FACTSHEET, WORKBOOK, national_factsheet, national_workbook
from services.plan_exports import plan_document, plan_pdf, plan_workbook
from services.plans import create_gemeente_plan
from services.publications import latest
from services.regio import list_gemeenten
from services.regio_exports import shared_file
from services.scan import list_rounds
from services.workbooks import round_workbook
from store.engine import make_engine
from tools.render import page_images, read, to_pdf

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
IN_README = {
    "gemeenteverslag",
    "factsheet",
    "verbeterplan-per_standaard",
    "verbeterplan-pdf-per_cluster",
    "actielijst-per_cluster",
    "ronde-werkboek",
    "landelijk-beeld",
}
MADE_ON = date(2026, 4, 1)


class Demo(NamedTuple):
    engine: Engine
    regio_id: int
    regio_user: Principal
    team: Principal  # a gemeente user of Aalsveen
    round_id: int  # Aalsveen's latest round


def demo(db_file: Path) -> Demo:
    """The demo region in a new SQLite file, with who reads and writes its documents."""
    engine = make_engine(f"sqlite:///{db_file}")
    regio = load_demo_region(engine)
    regio_user = Principal(code_id=1, role=Role.REGIO, label="regioteam", regio_id=regio.id)
    gemeente = next(g for g in list_gemeenten(engine, regio_user, regio_id=regio.id) if g.name == "Aalsveen")
    team = Principal(code_id=2, role=Role.GEMEENTE, label="team", regio_id=regio.id, gemeente_id=gemeente.id)
    latest = max(list_rounds(engine, team, gemeente_id=gemeente.id), key=lambda r: r.held_on)
    return Demo(engine, regio.id, regio_user, team, latest.id)


def documents(db_file: Path) -> dict[str, tuple[str, bytes]]:
    """Picture name -> (file name, bytes) of each document, made from the demo region."""
    engine, regio_id, regio_user, team, round_id = demo(db_file)
    made: dict[str, Callable[[], tuple[str, bytes]]] = {
        "ronde-werkboek": lambda: round_workbook(engine, team, round_id=round_id),
        "factsheet": lambda: _anonymised(engine, regio_user, regio_id, "pdf"),
        "gemeenteverslag": lambda: gemeente_report_pdf(engine, regio_user, round_id=round_id, today=MADE_ON),
        "regio-werkboek": lambda: _anonymised(engine, regio_user, regio_id, "xlsx"),
    }
    for layout in PlanLayout:
        plan_id = create_gemeente_plan(engine, team, round_id=round_id, layout=layout)
        made[f"verbeterplan-{layout.value}"] = lambda plan_id=plan_id, layout=layout: plan_document(
            engine, team, plan_id=plan_id, today=MADE_ON, cover=layout is PlanLayout.PER_CLUSTER
        )
        made[f"verbeterplan-pdf-{layout.value}"] = lambda plan_id=plan_id, layout=layout: plan_pdf(
            engine, team, plan_id=plan_id, today=MADE_ON, cover=layout is PlanLayout.PER_CLUSTER
        )
        made[f"actielijst-{layout.value}"] = lambda plan_id=plan_id: plan_workbook(
            engine, team, plan_id=plan_id, today=MADE_ON
        )
    result = {name: make() for name, make in made.items()}
    # The national picture of the demo: its other regions added after the region's own documents are made.
    load_demo_region(engine, national=True)
    team_nl = Principal(code_id=3, role=Role.LANDELIJK, label="programmateam")
    national.publish(engine, team_nl)
    result["landelijk-beeld"] = (FACTSHEET, national_factsheet(engine, team_nl))
    result["landelijk-werkboek"] = (WORKBOOK, national_workbook(engine, team_nl))
    engine.dispose()
    return result


def _anonymised(engine, principal: Principal, regio_id: int, kind: str) -> tuple[str, bytes]:
    picture = latest(engine, principal, regio_id=regio_id)
    assert picture is not None, "the demo region shares a publication"
    duiding = (
        "De gemeenten zijn sterk in visie en samenwerking. Capaciteit en specialistische hulp vragen regionale "
        "afspraken."
    )
    file_name, data, _ = shared_file(picture, kind, duiding=duiding)
    return file_name, data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--all-pages", action="store_true", help="a picture of every page, not only the first")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="zelfscan-documenten-"))
    out.mkdir(parents=True, exist_ok=True)
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name, (file_name, data) in documents(Path(work) / "demo.db").items():
            source = out / f"{name}{Path(file_name).suffix}"
            source.write_bytes(data)
            pdf = to_pdf(source, out)
            rendered = read(pdf)
            pictures = page_images(pdf, out / "png", last=None if args.all_pages else 1)
            if name in IN_README:
                shutil.copy(pictures[0], IMAGES / f"{name}.png")
            print(f"{name}: {file_name}, {rendered.pages} pagina's -> {pictures[0]}")
    print(f"Alles staat in {out}; de eerste pagina's ook in {IMAGES}.")


if __name__ == "__main__":
    main()

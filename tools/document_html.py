"""Every HTML and SVG document and every chart the app makes from the demo, written to a folder as text, to compare
two versions of the code byte for byte (`diff -r BEFORE AFTER`): the factsheet, the verslag, the plans as PDF, the
national factsheet (their HTML before it becomes PDF), the small spinnenwebben and the charts, with hostile names.

    .venv/bin/python -m tools.document_html OUT
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from demo.seed import load_demo_region
from domain.access import Principal, Role
from exports import factsheet_html, national_factsheet, pdf_verbeterplan, pdf_writer
from exports.svg_radar import small_multiples_html
from pictures.charts import radar_figure
from pictures.national_charts import spread_chart
from pictures.regional_charts import regio_radar
from services import gemeente_report, national
from services.regio_report import regio_report
from store.engine import make_engine
from tools import document_images

HOSTILE = " <&'\">"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    captured: list[str] = []

    def keep(html: str, **_options: object) -> bytes:
        captured.append(html)
        return b"%PDF"

    for module in (pdf_writer, factsheet_html, pdf_verbeterplan, national_factsheet, gemeente_report):
        if hasattr(module, "html_to_pdf"):
            module.html_to_pdf = keep  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as work:
        document_images.documents(Path(work) / "documenten.db")
        for i, html in enumerate(captured):
            (out / f"document-{i:02d}.html").write_text(html, encoding="utf-8")
        engine = make_engine(f"sqlite:///{work}/plaatjes.db")
        regio = load_demo_region(engine)
        viewer = Principal(code_id=1, role=Role.REGIO, label="regioteam", regio_id=regio.id)
        report = regio_report(engine, viewer, regio_id=regio.id)
        named = [(g.gemeente_name + HOSTILE, g.result) for g in report.counted if g.result]
        (out / "naast-elkaar.html").write_text(small_multiples_html(named), encoding="utf-8")
        (out / "regio.json").write_text(regio_radar(list(report.average), "Spinnenweb" + HOSTILE, named[0]).to_json())
        (out / "ronde.json").write_text(radar_figure(named[0][1], "Titel" + HOSTILE).to_json())
        load_demo_region(engine, national=True)
        picture = national.publish(engine, Principal(code_id=2, role=Role.LANDELIJK, label="programmateam"))
        (out / "spreiding.json").write_text(spread_chart(picture.periods[-1], {1: "Een" + HOSTILE}).to_json())
        engine.dispose()
    print(f"{len(captured)} documenten en 4 plaatjes in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="zelfscan-html-")))

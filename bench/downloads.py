"""From the click on a download button until the browser has the file, in chromium, for the documents people wait
for most: the factsheet PDF, a gemeente's verslag, a plan as PDF and Word. Prints the median and the slowest.

Uses the regio of `bench/pages_ready` (30 gemeenten, 3 full rounds each, a plan), on SQLite as `scripts/start`
serves it. The regio first fixes a publication (the factsheet renders from it). Each button is clicked `--clicks`
times after one warm-up click. Goal (issue 27): the file within 1 s of the click on a quiet machine, else a spinner
with words (`ui/downloads.py` says "<file> wordt gemaakt…").

Usage: .venv/bin/python -m bench.downloads [--clicks 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.pages_ready import build
from domain.access import Role
from services.publications import Options, Selection, publish
from store.repository import get_regio
from store.unit_of_work import reading
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app, wait_until_drawn
from tests.browser.test_scan_in_browser import log_in
from tests.conftest import principal_for


def click_to_file_ms(page: Page, label: str) -> float:
    wait_until_drawn(page)
    started = time.monotonic()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).first.click()
    info.value.path()  # the whole file has arrived
    return (time.monotonic() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=3)
    args = parser.parse_args()
    server = start_app(Path(tempfile.mkdtemp()))
    app = next(server)
    regio_code, gemeente_code, _, plan_id = build(app.engine)
    with reading(app.engine) as session:
        regio = get_regio(session, regio_id=1)
    publish(app.engine, principal_for(Role.REGIO, regio), regio_id=regio.id, selection=Selection(), options=Options())
    visits = [
        ("regio", "regio?onderdeel=delen", "Factsheet (.pdf)"),
        ("regio", "regio?onderdeel=delen", "Werkboek zonder namen (.xlsx)"),
        ("gemeente", "start", "Verslag van deze ronde (.pdf)"),
        ("gemeente", f"verbeterplan?plan={plan_id}", "Download als PDF"),
        ("gemeente", f"verbeterplan?plan={plan_id}", "Download als Word (.docx)"),
    ]
    codes = {"regio": regio_code, "gemeente": gemeente_code}
    results: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for who in codes:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True
            )
            page = context.new_page()
            log_in(page, app.url, codes[who])
            for whose, path, label in visits:
                if whose != who:
                    continue
                page.goto(f"{app.url}/{path}")
                click_to_file_ms(page, label)  # warm-up: first use of the writer's modules and fonts
                results[label] = [click_to_file_ms(page, label) for _ in range(args.clicks)]
            context.close()
        browser.close()
    for _ in server:
        pass
    print(f"click to file in chromium, median and slowest of {args.clicks} clicks (after one warm-up):")
    for label, times in results.items():
        print(f"  {label:<32} {statistics.median(times) / 1000:.2f} s   (slowest {max(times) / 1000:.2f} s)")


if __name__ == "__main__":
    main()

"""How soon each page is ready in chromium, for a regio of realistic size. Prints the medians.

A regio of 30 gemeenten, each with 3 rounds of all 31 questions answered with a toelichting
(saved through the services, so the history is as after real use), and a verbeterplan for
one gemeente. The app runs on SQLite as `scripts/start` serves it. Each page is opened by
its address, as a bookmark or a link does, three times (after one warm-up load); a page is
ready when Streamlit is idle and the page has stopped changing. The time is from the start
of the navigation until the page's last change, measured in the browser
(`performance.now()`). Goal (issue 15): every page within 1 s on this machine.

With --clicks N it also clicks N answers on the scan page (questions 1 to 14 in turn, each to the other value) and
times each from the click (the browser's pointerdown) until the page stopped changing: what a person feels after a
click, sending and drawing included.

With --floor it also times a bare Streamlit page in the same harness (`bench/bare_app.py`: the same sidebar, a
title and a table the size of the Regio overview, no database), and prints each page's time as a multiple of it.

Usage: .venv/bin/python -m bench.pages_ready [--loads 3] [--only regio] [--floor] [--clicks 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

import questionnaire
from bench.meeting import spread
from domain.access import Role
from domain.answers import AnswerValue
from domain.models import Participant, Purpose
from domain.plan import PlanLayout
from services.access_codes import issue_code
from services.plans import create_gemeente_plan
from services.regio import create_regio, list_gemeenten
from services.scan import ToelichtingChange, ValueChange, save_changes, start_round
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, served, start_app
from tests.browser.test_scan_in_browser import NIET_LABEL, OP_LABEL, log_in, question
from tests.conftest import ADMIN, principal_for

GEMEENTEN, ROUNDS = 30, 3
QUIET_MS = 800  # a page that did not change for this long, with Streamlit idle, is ready

# Records when the page last changed; Streamlit's status widget is present while it runs.
WATCH = """
window.__lastChange = 0;
window.__clickedAt = 0;
document.addEventListener("pointerdown", () => { window.__clickedAt = performance.now(); }, true);
new MutationObserver(() => { window.__lastChange = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
READY = f"""() => !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-stale="true"]')
  && document.querySelector('[data-testid="stMain"] h1')
  && performance.now() - window.__lastChange > {QUIET_MS}"""


def build(engine) -> tuple[str, str, int, int]:  # type: ignore[no-untyped-def]
    """The regio's data; returns the regio's code, one gemeente's code, its newest round and its plan."""
    rng = random.Random(30)
    qn = questionnaire.current()
    regio = create_regio(
        engine, ADMIN, name="Regio Bench", gemeente_names=[f"Gemeente {i:02}" for i in range(GEMEENTEN)]
    )
    gemeenten = list_gemeenten(engine, ADMIN, regio_id=regio.id)
    newest = {}
    for gemeente in gemeenten:
        me = principal_for(Role.GEMEENTE, regio, gemeente, label=f"team {gemeente.name}")
        for k in range(ROUNDS):
            round_id = start_round(
                engine, me, gemeente_id=gemeente.id, held_on=date(2024 + k, 3, 1),
                purpose=[Purpose.NULMETING, Purpose.EVALUATIE, Purpose.TOETSINGSMOMENT][k],
                participants=[Participant(role="Beleid"), Participant(role="Wijkteam")],
            )  # fmt: skip
            changes = []
            for q in qn.questions:
                value = AnswerValue.NIET_OP_ORDE if rng.random() < 0.35 - 0.08 * k else AnswerValue.OP_ORDE
                changes.append(ValueChange(question_number=q.number, value=value, expected=None))
                text = f"Ronde {k + 1}: {'wat goed gaat' if value is AnswerValue.OP_ORDE else 'wat nog ontbreekt'}, "
                changes.append(ToelichtingChange(question_number=q.number, toelichting=text * 3, expected=""))
            save_changes(engine, me, round_id=round_id, changes=changes)
            newest[gemeente.id] = round_id
    first = gemeenten[0]
    me = principal_for(Role.GEMEENTE, regio, first, label=f"team {first.name}")
    plan_id = create_gemeente_plan(engine, me, round_id=newest[first.id], layout=PlanLayout.PER_CLUSTER)
    regio_code = issue_code(engine, ADMIN, role=Role.REGIO, label="regio", regio_id=regio.id).code
    gemeente_code = issue_code(
        engine, ADMIN, role=Role.GEMEENTE, label="gemeente", regio_id=regio.id, gemeente_id=first.id
    ).code
    return regio_code, gemeente_code, newest[first.id], plan_id


@contextmanager
def bare_server() -> Iterator[str]:
    """bench/bare_app.py served as the app is: through st.App, every connection sending at once (bare_server.py)."""
    with (
        tempfile.TemporaryDirectory() as logs,
        served("bench/bare_server.py", {**os.environ, "BARE_PAGE": "bench/bare_app.py"}, Path(logs)) as found,
    ):
        yield found[0]


def ready_ms(page: Page, address: str) -> float:
    page.goto(address)
    page.wait_for_function(READY, timeout=60_000, polling=100)
    errors = page.get_by_text("Er ging iets mis").count() + page.get_by_text("Dit adres klopt niet").count()
    if errors:
        raise RuntimeError(f"{address} shows an error")
    return page.evaluate("window.__lastChange")


CLICK = "gemeente: scan, a click"


def click_ms(page: Page, n: int) -> float:
    """Click the other answer of question n on the scan page; ms from the click until the page stopped changing."""
    card = question(page, n)
    card.get_by_text(NIET_LABEL if card.get_by_role("radio", name=OP_LABEL).is_checked() else OP_LABEL).click()
    page.wait_for_function(READY, timeout=60_000, polling=100)
    return page.evaluate("window.__lastChange - window.__clickedAt")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--only", help="measure only the pages whose name contains this text")
    parser.add_argument("--floor", action="store_true", help="also time a bare page with the same sidebar and table")
    parser.add_argument("--clicks", type=int, default=0, help="also time this many answer clicks on the scan page")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    server = start_app(folder)
    app = next(server)
    started = time.monotonic()
    regio_code, gemeente_code, round_id, plan_id = build(app.engine)
    print(f"data: {GEMEENTEN} gemeenten x {ROUNDS} rounds x 31 answers, built in {time.monotonic() - started:.0f} s")
    visits = {
        "regio": [
            ("Regio", "regio"),
            ("Regio: spinnenweb", "regio?onderdeel=spinnenweb"),
            ("Regio: per vraag", "regio?onderdeel=vragen"),
            ("Regio: naast elkaar", "regio?onderdeel=naast-elkaar"),
            ("Regio: toelichtingen", "regio?onderdeel=toelichtingen"),
            ("Regio: delen", "regio?onderdeel=delen"),
            ("Vergelijken", "vergelijken"),
            ("Gemeenten", "start"),
        ],
        "gemeente": [
            ("gemeente: start", "start"),
            ("gemeente: scan", f"scan?ronde={round_id}&blok=1"),
            ("gemeente: resultaten", f"resultaten?ronde={round_id}"),
            ("gemeente: geschiedenis", f"geschiedenis?ronde={round_id}"),
            ("gemeente: verbeterplan", f"verbeterplan?plan={plan_id}"),
        ],
    }
    codes = {"regio": regio_code, "gemeente": gemeente_code}
    results: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for who, pages in visits.items():
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
            context.add_init_script(WATCH)
            page = context.new_page()
            log_in(page, app.url, codes[who])
            for name, path in pages:
                if args.only and args.only.lower() not in name.lower():
                    continue
                ready_ms(page, f"{app.url}/{path}")  # warm-up: first use of the page's modules
                results[name] = [ready_ms(page, f"{app.url}/{path}") for _ in range(args.loads)]
            if who == "gemeente" and args.clicks:
                ready_ms(page, f"{app.url}/scan?ronde={round_id}&blok=1")
                clicks = [click_ms(page, 1 + i % 14) for i in range(args.clicks + 3)]  # questions 1 to 14 in turn
                results[CLICK] = clicks[3:]  # the first three warm up
            context.close()
        if args.floor:
            with bare_server() as url:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
                context.add_init_script(WATCH)
                page = context.new_page()
                ready_ms(page, f"{url}/regio")
                results["bare page (floor)"] = [ready_ms(page, f"{url}/regio") for _ in range(args.loads)]
                context.close()
        browser.close()
    for _ in server:
        pass
    print(f"page ready (Streamlit idle, last change), median of {args.loads} loads by address:")
    floor = statistics.median(results["bare page (floor)"]) if "bare page (floor)" in results else None
    for name, times in results.items():
        if name == CLICK:
            continue
        each = ", ".join(f"{t / 1000:.2f}" for t in times)
        ratio = f"   {statistics.median(times) / floor:.2f} × floor" if floor else ""
        print(f"  {name:<24} {statistics.median(times) / 1000:.2f} s{ratio}   (each: {each})")
    if CLICK in results:
        seconds = [ms / 1000 for ms in results[CLICK]]
        print(f"a click on the scan page, until the page stopped changing: {spread(seconds, 1000, 'ms')}")


if __name__ == "__main__":
    main()

"""Median rerun time of the scan page after one answer click, next to bare pages that show the same.

The scan page shows one block (block 1: 14 questions). Two bare pages show what it shows,
without a database, login, autosave or scoring:
- "same page": the same elements with the same texts (heading, progress bar, block choice,
  standards, per question a card with its radio, help text and toelichting), drawn by
  Streamlit alone: what our own code costs on top of drawing the page is the difference;
- "same widgets": only the shown radios and text areas.
A bare page with all 31 questions is printed for comparison with older figures. All pages
are driven by Streamlit's AppTest in this one process, interleaved, so drift on the
machine hits all alike. Goal (issue 15): scan / bare(same page) at most 1.3.
With --profile, the scan page's clicks are also split into our own steps (each wrapped with a
timer, as the page calls them); what is left is Streamlit drawing the page and app.py's routing.
With --websocket, the scan page (our app, served) and the bare "same page" (served as our app is,
bench/bare_server.py) are clicked as a browser clicks them: over Streamlit's websocket, from sending the click until
the rerun has finished, so sending the page is counted too. A click in a fragment is sent as the browser sends it
(with the fragment's id): AppTest always runs the whole page, so only this mode can show what a fragment around the
questions would win. It also prints how many messages one run sends (a click on each page, and the scan page of
block 2 as a device gets it when that block opens).
Usage: .venv/bin/python -m bench.rerun_ratio [--clicks 60] [--profile | --websocket]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_PAGE = """
import streamlit as st
for n in range(1, {count} + 1):
    st.radio(f"Vraag {{n}}", ["op_orde", "niet_op_orde"], index=None, horizontal=True, key=f"q{{n}}")
    st.text_area(f"Toelichting bij vraag {{n}}", key=f"t{{n}}", height=80)
"""

SAME_PAGE = """
import streamlit as st
from questionnaire import current
from ui.round_header import help_text
from ui.runtime import set_page_language

st.set_page_config(page_title="Zelfscan Werken aan veiligheid", layout="wide")
set_page_language()
qn = current()
st.title("Scan invullen: Gemeente")
st.write("Nulmeting van 1 maart 2026 · Regio · vragenlijst versie " + qn.version)
st.info("Dit is de demoregio.")
st.write("Kies bij elke vraag op orde of niet op orde.")
st.progress(0.5, text="15 van 31 vragen beantwoord (blok 1: 10 van 14 · blok 2: 5 van 17)")
st.write("Deelnemers: beleid, wijkteam.")
st.button("Datum, doel of deelnemers wijzigen")
block = st.radio("Welk blok wilt u invullen?", [1, 2], key="blok")
for standard in qn.standards_of_block(block):
    st.markdown(f"### Standaard {{standard.number}}: {{standard.short_name}}\\n\\n{{standard.description}}")
    for question in qn.questions_of_block(block):
        if question.standard != standard.number:
            continue
        with st.container(border=True):
            st.radio(f"Vraag {{question.number}}. {{question.text}}", ["op_orde", "niet_op_orde"], index=None,
                     horizontal=True, key=f"q{{question.number}}")
            st.markdown(help_text(qn, question))
            st.text_area(f"Toelichting bij vraag {{question.number}}", key=f"t{{question.number}}", height=80,
                         max_chars=5000)
st.write("Klaar met dit blok? Kies hierboven het volgende blok.")
st.text_input("Versie van de pagina", key="getekend", label_visibility="collapsed")
"""


def click(at, keys: list[str], i: int) -> float:  # type: ignore[no-untyped-def]
    """Change one answer and time the rerun it causes, in ms."""
    key = keys[i % len(keys)]
    value = "niet_op_orde" if at.radio(key=key).value == "op_orde" else "op_orde"
    at.radio(key=key).set_value(value)
    started = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - started) * 1000
    assert not at.exception, at.exception
    return elapsed


def bare_page(count: int, same_page: bool = False):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    path = Path(tempfile.mkdtemp()) / f"bare{'_page' if same_page else count}.py"  # imports ours: ROOT is on sys.path
    path.write_text(SAME_PAGE.format() if same_page else BARE_PAGE.format(count=count))
    at = AppTest.from_file(str(path), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at, [r.key for r in at.radio if r.key and r.key.startswith("q")]


def scan_page():  # type: ignore[no-untyped-def]
    os.environ["ZELFSCAN_DATA_DIR"] = tempfile.mkdtemp()
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from demo.seed import load_demo_region
    from domain.access import Role
    from services.access import login as log_in
    from services.access import principal_for
    from services.access_codes import demo_codes
    from services.scan import list_rounds
    from settings import get_settings
    from store.engine import shared_engine

    original_init = PagesManager.__init__

    def init(self, *args, **kwargs):  # as server.py: no legacy pages/ mode
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]
    engine = shared_engine(get_settings().effective_database_url)
    load_demo_region(engine)
    code = next(c for role, label, c in demo_codes(engine) if role is Role.GEMEENTE)
    me = principal_for(engine, log_in(engine, code=code, client_key="bench").session_token)
    assert me is not None and me.gemeente_id is not None
    round_id = list_rounds(engine, me, gemeente_id=me.gemeente_id)[0].id
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["ronde"] = str(round_id)
    at.query_params["blok"] = "1"
    at.run()
    at.text_input[0].input(code)
    at.button[0].click().run()
    at.switch_page("pages/scan.py").run()
    return at, [r.key for r in at.radio if r.key and r.key.startswith("antwoord_")]


# Our own steps of a scan page run, in the order the page calls them: (module, function, what it does).
STEPS = [
    ("ui.auth", "resolve", "who is logged in (session cookie checked in the database)"),
    ("ui.autosave", "save_pending", "compare widgets with the stored answers, save the click"),
    ("services.scan", "open_scan", "read the round, its answers and meeting back, score it"),
    ("ui.autosave", "sync_widgets", "stored answers into the widgets"),
    ("ui.round_header", "round_header", "title and round line"),
    ("ui.round_header", "help_text", "help text per question"),
    ("ui.fields", "text_area", "toelichting fields (Streamlit's text_area inside)"),
    ("ui.autosave", "mark_drawn", "hidden run number"),
]


class StepTimer:
    """Wrap each step so every call adds its wall time; the page looks the names up on each run."""

    def __init__(self) -> None:
        import importlib

        self.spent = {(m, f): 0.0 for m, f, _ in STEPS}
        for module_name, name, _ in STEPS:
            module = importlib.import_module(module_name)
            setattr(module, name, self._timed(module_name, name, getattr(module, name)))

    def _timed(self, module_name: str, name: str, fn):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[(module_name, name)] += time.perf_counter() - started

        return timed


def profile(clicks: int) -> None:
    """Split the scan page's click reruns into our steps; the rest is Streamlit and routing. The bare page with the
    same cards is clicked in turn with it, so both see the same machine."""
    timer = StepTimer()
    at, keys = scan_page()
    bare, bare_keys = bare_page(len(keys), same_page=True)
    for i in range(5):  # warm-up
        click(at, keys, i)
        click(bare, bare_keys, i)
    spent = dict.fromkeys(timer.spent, 0.0)
    times, bare_times = [], []
    for i in range(5, 5 + clicks):
        before = dict(timer.spent)
        times.append(click(at, keys, i))
        spent = {step: spent[step] + timer.spent[step] - before[step] for step in spent}
        bare_times.append(click(bare, bare_keys, i))  # the bare page's help texts are not counted as ours
    total = sum(times)
    print(f"scan page, {clicks} clicks: mean {total / clicks:.1f} ms per rerun (median {statistics.median(times):.1f})")
    print(f"bare page with the same cards, clicked in turn: median {statistics.median(bare_times):.1f} ms")
    print("the scan page's mean, split:")
    ours = 0.0
    for module_name, name, what in STEPS:
        ms = spent[(module_name, name)] * 1000 / clicks
        ours += ms if name != "text_area" else 0.0
        print(f"  {module_name + '.' + name:<32} {ms:5.1f} ms  {what}")
    rest = total / clicks - ours
    print(f"  {'the rest':<32} {rest:5.1f} ms  Streamlit drawing the page (text areas included), app.py's routing")


class Tab:
    """One browser tab over Streamlit's websocket: sends every widget's value with a rerun, as the browser does."""

    def __init__(self, url: str, cookie: str, page: str, query: str) -> None:
        self.url, self.cookie, self.page, self.query = url, cookie, page, query
        self.questions: dict[str, tuple[str, list[str]]] = {}  # radio id -> (its fragment id, its options)
        self.values: dict[str, str] = {}  # widget id -> the value the browser holds
        self.received = 0  # messages the server sent for the last run

    def connect(self):  # type: ignore[no-untyped-def]
        from bench import tab

        return tab.connect(self.url, self.cookie)

    async def rerun(self, ws, fragment_id: str = "") -> float:  # type: ignore[no-untyped-def]
        """Send a rerun; ms until the server says it finished."""
        from bench import tab

        request = tab.rerun_request(self.page, self.query, self.values, fragment_id=fragment_id)
        started = time.perf_counter()
        await ws.send(request)
        self.received = 0
        while True:
            forward = await tab.received(ws)
            self.received += 1
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "radio" and element.radio.label.startswith("Vraag "):
                    self.questions[element.radio.id] = (forward.delta.fragment_id, list(element.radio.options))
                elif element.WhichOneof("type") == "text_input" and element.text_input.HasField("value"):
                    self.values[element.text_input.id] = element.text_input.value  # the hidden run number
            elif kind == "script_finished":
                return (time.perf_counter() - started) * 1000

    async def click(self, ws, i: int) -> float:  # type: ignore[no-untyped-def]
        """Change the answer of one question, sent with the fragment the question is in (none: the whole page)."""
        widget_id = sorted(self.questions)[i % len(self.questions)]
        fragment_id, options = self.questions[widget_id]
        self.values[widget_id] = options[1] if self.values.get(widget_id) == options[0] else options[0]
        return await self.rerun(ws, fragment_id)


def over_websocket(clicks: int) -> None:
    """The scan page served by the app and the bare same page served on its own, clicked in turn."""
    import asyncio

    from bench.replicas import prepare
    from tests.browser.conftest import served, start_app

    sent: dict[str, int] = {}  # what one run sends, in messages

    async def drive(scan: Tab, bare: Tab, block_2: Tab) -> tuple[list[float], list[float]]:
        times: tuple[list[float], list[float]] = ([], [])
        async with scan.connect() as on_scan, bare.connect() as on_bare:
            await scan.rerun(on_scan)
            await bare.rerun(on_bare)
            assert len(scan.questions) == len(bare.questions) == 14, (len(scan.questions), len(bare.questions))
            for i in range(clicks):  # interleaved, so drift on the machine hits both alike
                times[0].append(await scan.click(on_scan, i))
                times[1].append(await bare.click(on_bare, i))
            sent["scan page, block 1, a click"], sent["bare page, a click"] = scan.received, bare.received
        async with block_2.connect() as on_block_2:  # what a device gets when block 2 opens at a bijeenkomst
            await block_2.rerun(on_block_2)
            sent["scan page, block 2, opened"] = block_2.received
        return times

    folder = Path(tempfile.mkdtemp())
    page = folder / "bare_page.py"
    page.write_text(SAME_PAGE.format())
    server = start_app(folder / "app")
    app = next(server)
    _, [(cookie, round_id)] = prepare(app.engine, 1)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BARE_PAGE": str(page)}  # the bare page imports our questionnaire
    with served("bench/bare_server.py", env, folder) as (bare_url, _, _):  # served as our app is
        scan_times, bare_times = asyncio.run(
            drive(
                Tab(app.url, cookie, "scan", f"ronde={round_id}&blok=1"),
                Tab(bare_url, "", "", ""),
                Tab(app.url, cookie, "scan", f"ronde={round_id}&blok=2"),
            )
        )
    for _ in server:
        pass
    scan_ms, bare_ms = statistics.median(scan_times[5:]), statistics.median(bare_times[5:])
    print(f"clicks measured over the websocket: {clicks - 5} per page, interleaved (first 5 are warm-up)")
    print(f"scan page (block 1, an empty round of a new regio, on SQLite): {scan_ms:.1f} ms")
    print(f"bare page, same page: {bare_ms:.1f} ms")
    print(f"ratio scan / bare(same page): {scan_ms / bare_ms:.2f}   (goal: at most 1.3)")
    print("messages the server sends for one run: " + ", ".join(f"{what} {n}" for what, n in sent.items()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=60)
    parser.add_argument("--profile", action="store_true", help="split the scan page's reruns into our steps")
    parser.add_argument("--websocket", action="store_true", help="click both pages served, as a browser does")
    args = parser.parse_args()
    if args.profile:
        profile(args.clicks)
        return
    if args.websocket:
        over_websocket(args.clicks)
        return
    pages = [scan_page()]
    shown = len(pages[0][1])
    pages += [bare_page(shown, same_page=True), bare_page(shown), bare_page(31)]
    assert len(pages[1][1]) == shown, "the bare page shows another number of questions than the scan"
    times: list[list[float]] = [[] for _ in pages]
    for i in range(args.clicks):  # interleaved, so drift on the machine hits all pages alike
        for which, (at, keys) in enumerate(pages):
            times[which].append(click(at, keys, i))
    scan_ms, page_ms, widgets_ms, bare31_ms = (statistics.median(t[5:]) for t in times)
    print(f"clicks measured: {args.clicks - 5} per page, interleaved (first 5 are warm-up)")
    print(f"scan page (block 1: {shown} questions; saves to SQLite, reads back, scores): {scan_ms:.1f} ms")
    print(f"bare page, same page ({shown} question cards, same texts, no database): {page_ms:.1f} ms")
    print(f"bare page, same widgets ({shown} radios + {shown} text areas only): {widgets_ms:.1f} ms")
    print(f"bare page, 31 radios + 31 text areas (older figures compared with this): {bare31_ms:.1f} ms")
    print(f"ratio scan / bare(same page): {scan_ms / page_ms:.2f}   (goal: at most 1.3)")
    print(f"ratio scan / bare(same widgets): {scan_ms / widgets_ms:.2f}")


if __name__ == "__main__":
    main()

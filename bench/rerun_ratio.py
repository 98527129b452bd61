"""Median rerun time of the scan page after one answer click, next to a bare page.

The bare page has the same 31 radios and 31 text areas and nothing else (no database,
no scoring). Both are driven by Streamlit's AppTest in this one process, so the ratio
compares like with like on this machine. Goal: ratio at most 1.3.
Usage: .venv/bin/python -m bench.rerun_ratio [--clicks 60]
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


def bare_page(count: int):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    path = Path(tempfile.mkdtemp()) / f"bare{count}.py"
    path.write_text(BARE_PAGE.format(count=count))
    at = AppTest.from_file(str(path), default_timeout=30)
    at.run()
    return at, [f"q{n}" for n in range(1, count + 1)]


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=60)
    args = parser.parse_args()
    pages = [scan_page(), bare_page(31)]
    shown = len(pages[0][1])
    pages.append(bare_page(shown))
    times: list[list[float]] = [[], [], []]
    for i in range(args.clicks):  # interleaved, so drift on the machine hits all three alike
        for which, (at, keys) in enumerate(pages):
            times[which].append(click(at, keys, i))
    scan_ms, bare31_ms, bare_shown_ms = (statistics.median(t[5:]) for t in times)
    print(f"clicks measured: {args.clicks - 5} per page, interleaved (first 5 are warm-up)")
    print(f"scan page (block 1: {shown} questions, saves to SQLite, scores): median rerun {scan_ms:.1f} ms")
    print(f"bare page, 31 radios + 31 text areas: median rerun {bare31_ms:.1f} ms")
    print(f"bare page, {shown} radios + {shown} text areas: median rerun {bare_shown_ms:.1f} ms")
    print(f"ratio scan / bare(31): {scan_ms / bare31_ms:.2f}   (goal: at most 1.3)")
    print(f"ratio scan / bare({shown}, same widgets shown): {scan_ms / bare_shown_ms:.2f}")


if __name__ == "__main__":
    main()

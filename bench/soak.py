"""A day in an hour: one app process carries a compressed day, and we watch its memory and its sessions over time.

The day: three bijeenkomsten of 60 devices back to back (bench/meeting.py's devices: real Streamlit sessions over the
websocket that click their answers and check for the next block), then 100 gemeente sessions that open their scan,
answer, download their round's workbook from the start page through the /bestand address and close their tab, then
a regio that downloads its factsheet (PDF) ten times. Every five seconds the process's resident memory and
Streamlit's count of open sessions (/_stcore/metrics) are sampled. At the end the bench waits until Streamlit has let
go of the sessions of closed tabs (server.disconnectedSessionTTL, 120 s by default) and samples once more.

It reports memory over time (a table), growth after the warm-up (each kind of work once, then the first
bijeenkomst: the first factsheet alone loads WeasyPrint and its fonts, some 140 MB), whether every session was
released, whether anything was lost (answers clicked against answers stored, files asked against files received) and
the errors in the server's log.

Usage: .venv/bin/python -m bench.soak [--meetings 3] [--people 60] [--think 10] [--gemeenten 100] [--parallel 10]
       [--factsheets 10] [--rest 150]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import tab
from bench.meeting import drive as drive_meeting
from bench.meeting import prepare as prepare_meeting
from bench.meeting import resident_mb
from bench.replicas import prepare as prepare_gemeenten
from demo.seed import load_demo_region
from domain.access import Role
from services.access import COOKIE_NAME, cookie_for_handoff, login
from services.access_codes import demo_codes
from services.meeting import end_meeting, open_block
from services.scan import open_scan
from tests.browser.conftest import start_app
from tests.conftest import principal_for
from tests.databases import new_database

ADDRESS = re.compile(r'href="(/bestand/[^"]+)"')
TTL = 120  # Streamlit's server.disconnectedSessionTTL: how long it keeps the session of a closed tab


@dataclass
class Sample:
    at: float
    phase: str
    memory_mb: float
    open_sessions: int


@dataclass
class Day:
    samples: list[Sample] = field(default_factory=list)
    phase: str = "start"
    clicked: int = 0
    stored: int = 0
    files_asked: int = 0
    files_received: int = 0
    phase_seconds: dict[str, float] = field(default_factory=dict)


def open_sessions(url: str) -> int:
    """Streamlit's own count of sessions with an open websocket (its OpenMetrics endpoint)."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as answer:
        text = answer.read().decode()
    return sum(int(float(line.rsplit(" ", 1)[1])) for line in text.splitlines() if line.startswith("active_sessions"))


def sampler(url: str, pid: int, day: Day, stop: threading.Event, started: float) -> None:
    while not stop.is_set():
        day.samples.append(Sample(time.monotonic() - started, day.phase, resident_mb(pid), open_sessions(url)))
        stop.wait(5)


class Tab:
    """One browser tab of a gemeente: its page, the radios it answers, the buttons it clicks, the files it gets."""

    def __init__(self, url: str, cookie: str) -> None:
        self.url, self.cookie = url, cookie
        self.radios: dict[str, str] = {}
        self.buttons: dict[str, str] = {}
        self.addresses: list[str] = []
        self.values: dict[str, str] = {}

    async def rerun(self, ws, page: str, query: str, trigger: str = "") -> None:  # type: ignore[no-untyped-def]
        await ws.send(tab.rerun_request(page, query, self.values, trigger=trigger))
        while True:
            forward = await tab.received(ws)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "radio":
                    self.radios[element.radio.label] = element.radio.id
                elif which == "button":
                    self.buttons[element.button.label] = element.button.id
                elif which == "html":
                    self.addresses += ADDRESS.findall(element.html.body)
            elif kind == "script_finished" and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return

    def connect(self):  # type: ignore[no-untyped-def]
        return tab.connect(self.url, self.cookie)

    def fetch(self, address: str) -> bytes:
        request = urllib.request.Request(self.url + address, headers={"Cookie": f"{COOKIE_NAME}={self.cookie}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.read()


async def download(tab: Tab, ws, page: str, query: str, label: str, day: Day) -> None:  # type: ignore[no-untyped-def]
    """Click a download button as the browser does and fetch the file from the address the page gives."""
    tab.addresses.clear()
    day.files_asked += 1
    await tab.rerun(ws, page, query, trigger=tab.buttons[label])
    if tab.addresses:
        data = await asyncio.to_thread(tab.fetch, tab.addresses[-1])
        day.files_received += bool(data)


async def gemeente_tab(url: str, cookie: str, round_id: int, rng: random.Random, day: Day) -> None:
    """Open the scan, answer five questions, open the start page, download the round's workbook, close the tab."""
    tab = Tab(url, cookie)
    async with tab.connect() as ws:
        query = f"ronde={round_id}&blok=1"
        await tab.rerun(ws, "scan", query)
        for n in rng.sample(range(1, 15), 5):
            widget = next(i for label, i in tab.radios.items() if label.startswith(f"Vraag {n}. "))
            tab.values[widget] = "✓ Op orde" if rng.random() < 0.6 else "✗ Niet op orde"
            await tab.rerun(ws, "scan", query)
            day.clicked += 1
            await asyncio.sleep(rng.uniform(0.2, 1.0))
        tab.values.clear()
        await tab.rerun(ws, "start", "")
        await download(tab, ws, "start", "", "Excel-werkboek van deze ronde", day)


async def gemeenten(url: str, sessions: list[tuple[str, int]], parallel: int, day: Day) -> None:
    rng, gate = random.Random(5), asyncio.Semaphore(parallel)

    async def one(cookie: str, round_id: int) -> None:
        async with gate:
            await gemeente_tab(url, cookie, round_id, random.Random(rng.random()), day)

    await asyncio.gather(*(one(cookie, round_id) for cookie, round_id in sessions))


async def regio_factsheets(url: str, cookie: str, times: int, day: Day) -> None:
    tab = Tab(url, cookie)
    async with tab.connect() as ws:
        await tab.rerun(ws, "regio", "onderdeel=delen")
        for _ in range(times):
            await download(tab, ws, "regio", "onderdeel=delen", "Factsheet (.pdf)", day)


def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp())
    day = Day()
    with new_database(folder) as database:
        server = start_app(folder / "app", database)
        app = next(server)
        engine = app.engine
        demo = load_demo_region(engine)
        started = time.monotonic()
        stop = threading.Event()
        watcher = threading.Thread(target=sampler, args=(app.url, app.pid, day, stop, started), daemon=True)
        watcher.start()
        day.phase = "opwarmen"  # each kind of work once: its pages, and WeasyPrint's fonts for the factsheet
        code = next(c for r, _label, c in demo_codes(engine) if r is Role.REGIO)
        swapped = cookie_for_handoff(engine, login(engine, code=code, client_key="bench-regio").handoff_token)
        assert swapped is not None and demo.id
        regio_cookie = swapped[0]
        asyncio.run(regio_factsheets(app.url, regio_cookie, 1, day))
        _, first = prepare_gemeenten(engine, 2)
        asyncio.run(gemeenten(app.url, first, 2, day))
        day.clicked = day.files_asked = day.files_received = 0
        for k in range(1, args.meetings + 1):
            day.phase = f"bijeenkomst {k}"
            begun = time.monotonic()
            regio, meeting, devices, screen = prepare_meeting(engine, args.people, 12)
            facilitator = principal_for(Role.FACILITATOR, regio, label="bench")

            def next_block(meeting_id: int = meeting.id, who=facilitator) -> None:  # type: ignore[no-untyped-def]
                open_block(engine, who, meeting_id=meeting_id, block=2)

            clicks, *_ = asyncio.run(
                drive_meeting([app.url], [app.pid], devices, screen, meeting.id, args.think, True, next_block)
            )
            reader = principal_for(Role.REGIO, regio)
            day.clicked += sum(map(len, clicks.values()))
            day.stored += sum(
                sum(1 for a in open_scan(engine, reader, round_id=g.round_id).answers.values() if a.value)
                for g in meeting.groups
            )
            end_meeting(engine, facilitator, meeting_id=meeting.id)  # a round no device used goes
            day.phase_seconds[day.phase] = time.monotonic() - begun
        day.phase = "gemeenten"
        begun = time.monotonic()
        regio, sessions = prepare_gemeenten(engine, args.gemeenten)
        before = day.clicked
        asyncio.run(gemeenten(app.url, sessions, args.parallel, day))
        reader = principal_for(Role.REGIO, regio)
        day.stored += sum(
            sum(1 for a in open_scan(engine, reader, round_id=r).answers.values() if a.value) for _, r in sessions
        )
        assert day.clicked - before == 5 * len(sessions)
        day.phase_seconds[day.phase] = time.monotonic() - begun
        day.phase = "factsheets"
        begun = time.monotonic()
        asyncio.run(regio_factsheets(app.url, regio_cookie, args.factsheets, day))
        day.phase_seconds[day.phase] = time.monotonic() - begun
        day.phase = "rust"
        rest_from = resident_mb(app.pid)
        time.sleep(args.rest)
        stop.set()
        watcher.join()
        day.samples.append(Sample(time.monotonic() - started, "einde", resident_mb(app.pid), open_sessions(app.url)))
        log = app.log.read_text(errors="replace")
        for _ in server:
            pass
    report(day, log, rest_from)


def report(day: Day, log: str, rest_from: float) -> None:
    print("memory over time (every 5 s sampled; one line per minute and the phase's last sample):")
    print("| minute | phase | memory MB | open sessions |")
    print("|---|---|---|---|")
    shown = set()
    for i, s in enumerate(day.samples):
        last_of_phase = i + 1 == len(day.samples) or day.samples[i + 1].phase != s.phase
        if int(s.at // 60) not in shown or last_of_phase:
            shown.add(int(s.at // 60))
            print(f"| {s.at / 60:.1f} | {s.phase} | {s.memory_mb:.0f} | {s.open_sessions} |")
    warm = [s.memory_mb for s in day.samples if s.phase == "bijeenkomst 1"]
    after_warm_up = warm[-1] if warm else day.samples[0].memory_mb
    end = day.samples[-1]
    peak = max(s.memory_mb for s in day.samples)
    print(f"phases: {', '.join(f'{p} {t:.0f} s' for p, t in day.phase_seconds.items())}")
    print(
        f"memory: after the warm-up {after_warm_up:.0f} MB, peak {peak:.0f} MB, at the end {end.memory_mb:.0f} MB: "
        f"growth after the warm-up {(end.memory_mb - after_warm_up) / after_warm_up:+.0%} (goal: less than +10%)"
    )
    print(
        f"after the rest ({TTL} s is how long Streamlit keeps the session of a closed tab): {end.open_sessions} "
        f"sessions open; memory {rest_from:.0f} MB before the rest, {end.memory_mb:.0f} MB after"
    )
    print(f"answers: clicked {day.clicked}, stored {day.stored}; files: asked {day.files_asked}, "
          f"received {day.files_received}")  # fmt: skip
    errors = [line for line in log.splitlines() if re.search(r"Traceback|ERROR|Exception", line)]
    print(f"errors in the server's log: {len(errors)}" + "".join(f"\n  {e[:160]}" for e in errors[:5]))
    print(f"median memory sample: {statistics.median(s.memory_mb for s in day.samples):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=3)
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--think", type=float, default=10.0, help="mean seconds between two clicks of one device")
    parser.add_argument("--gemeenten", type=int, default=100)
    parser.add_argument("--parallel", type=int, default=10, help="gemeente tabs open at one time")
    parser.add_argument("--factsheets", type=int, default=10)
    parser.add_argument("--rest", type=float, default=TTL + 30, help="seconds to wait at the end, all tabs closed")
    run(parser.parse_args())


if __name__ == "__main__":
    main()

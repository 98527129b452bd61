"""A live bijeenkomst: 60 participant devices answer block 1, one projector watches. Prints its lag.

Every participant and the projector is a real Streamlit session over the websocket, as
in bench/replicas.py, and behaves as its browser would: it sends the fragment reruns the
page asks for (the scan's live banner every POLL_SECONDS, the projector every 2 s) and clicks
its answers at a human pace. Devices of one gemeente share that gemeente's questions.
A device's check keeps the browser's clock (Streamlit's frontend, App.tsx: a full run clears
the fragment's interval timer and the run's AutoRerun message starts a new setInterval): its
checks fall on whole intervals after its page was last drawn in full, and never pause.

A click's time is from sending it until its rerun has finished: the answer is saved at the
start of that rerun and the page is drawn again. The projector's lag for an answer is the
time from the click until the projector first shows its group with that many answers (the
k-th click of a group counts as shown when the group's count reaches k). Server CPU is the
app processes' CPU time over the run, as cores; memory is each process's resident size at
the end. "stored" counts the answers in the database afterwards, "shown" the clicks the
projector showed, both against the clicks made: every run must report stored = shown =
clicked.
After the clicks, with every device still checking, the facilitator opens block 2
(written by this process, as another replica would: the app learns it from the database);
the block lag is the time until each device's page says "blok 2 is open".

Usage: .venv/bin/python -m bench.meeting [--people 60] [--groups 12] [--think 30] [--replicas 2] [--url PG_URL]
(without --url the app runs on a new SQLite file, as a one-machine installation does;
with --replicas 2 two app processes share it, each device staying on one, as sticky
load balancing does)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import tab
from bench.replicas import cpu_seconds
from domain.access import Role
from domain.calendar import dutch_today
from domain.meeting import MeetingKind
from services.access import cookie_for_handoff, login
from services.access_codes import issue_code
from services.meeting import create_meeting, get_meeting, join, open_block
from services.regio import create_regio, list_gemeenten
from services.scan import open_scan
from tests.browser.conftest import start_app
from tests.conftest import ADMIN, principal_for
from tests.databases import new_database
from ui.live import POLL_SECONDS

OP, NIET = "✓ Op orde", "✗ Niet op orde"
PROGRESS = re.compile(r"^Groep (\d+): (\d+) van \d+ vragen beantwoord")
OPEN_BLOCK = re.compile(r"blok (\d+) is open")


class Session:
    """One browser tab: full reruns on a click, fragment reruns when the page asks for them."""

    def __init__(self, url: str, cookie: str, page: str, query: str) -> None:
        self.url, self.cookie, self.page, self.query = url, cookie, page, query
        self.widgets: dict[str, str] = {}  # label -> widget id
        self.values: dict[str, str] = {}  # widget id -> chosen option
        self.fragments: dict[str, float] = {}  # fragment id -> seconds between reruns
        self.progress: dict[int, int] = {}  # projector: group -> answers shown
        self.timings: dict[str, list[float]] = defaultdict(list)  # "klik" / "poll" -> seconds per rerun
        self.blocks: list[tuple[float, int]] = []  # when the page said "blok n is open"
        self.noticed: list[float] = []  # when a check asked for the whole page (it saw another block)
        self.clock: dict[str, float] = {}  # fragment id -> when the browser started its interval timer
        self.checked: dict[str, float] = {}  # fragment id -> when its last check was sent

    async def rerun(self, ws: websockets.ClientConnection, fragment_id: str = "") -> None:
        timer = bool(fragment_id)  # a device sends fragment runs only when the banner's timer asks
        request = tab.rerun_request(self.page, self.query, self.values, fragment_id=fragment_id, timer=timer)
        started = time.monotonic()
        if fragment_id:
            self.checked[fragment_id] = started
        await ws.send(request)
        while True:
            forward = await tab.received(ws)
            kind = forward.WhichOneof("type")
            if kind == "new_session" and not forward.metadata.run.fragment_ids:
                self.clock.clear()  # a full run: the browser stops its interval timers
            elif kind == "auto_rerun":
                self.fragments[forward.auto_rerun.fragment_id] = forward.auto_rerun.interval
                self.clock.setdefault(forward.auto_rerun.fragment_id, time.monotonic())  # and starts them again
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "radio":
                    self.widgets[element.radio.label] = element.radio.id
                elif element.WhichOneof("type") == "progress" and (found := PROGRESS.match(element.progress.text)):
                    self.progress[int(found[1])] = int(found[2])
                elif element.WhichOneof("type") == "alert" and (found := OPEN_BLOCK.search(element.alert.body)):
                    self.blocks.append((time.monotonic(), int(found[1])))
            elif kind == "script_finished" and forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.noticed.append(time.monotonic())
                continue  # the fragment asked for the whole page: it follows on this connection
            elif kind == "script_finished":
                self.timings["poll" if fragment_id else "klik"].append(time.monotonic() - started)
                return

    def next_check(self) -> tuple[float, str]:
        """When the browser's timer next asks for a check, and of which fragment: the first tick of its interval
        after the last check was sent (a tick that fell during another run is sent at once, as the browser queues
        it)."""
        due = []
        for fragment, interval in self.fragments.items():
            start, last = self.clock[fragment], self.checked.get(fragment, 0.0)
            ticks = max(1, int((last - start) // interval) + 1)  # a check before the timer started: its first tick
            due.append((start + ticks * interval, fragment))
        return min(due)

    def connect(self) -> websockets.connect:
        return tab.connect(self.url, self.cookie)


async def participant(
    session: Session,
    numbers: list[int],
    think: float,
    rng: random.Random,
    clicks: list,
    poll: bool,
    ready: asyncio.Barrier,
    clicked: asyncio.Barrier,
    stop: asyncio.Event,
) -> None:
    """Click each question after a think time; in between, check the live banner as the browser does. After the
    last click, go on checking until `stop` (the block lag is measured then), also while the others still click.

    Groups join before the block opens: the clicking starts when every device has its page. A device's checks
    keep the browser's clock: they restart whenever its page is drawn in full (its first load, each click).
    """

    async def check_until(event: asyncio.Event) -> None:
        while poll and not event.is_set():
            due, fragment = session.next_check()
            try:
                await asyncio.wait_for(event.wait(), max(0.0, due - time.monotonic()))
            except TimeoutError:
                await session.rerun(ws, fragment)

    async def check_while_waiting_at(barrier: asyncio.Barrier) -> None:
        passed = asyncio.Event()
        checking = asyncio.create_task(check_until(passed))
        await barrier.wait()
        passed.set()
        await checking

    async with session.connect() as ws:
        await session.rerun(ws)
        await check_while_waiting_at(ready)
        for n in numbers:
            click_at = time.monotonic() + rng.uniform(0.5, 1.5) * think
            while poll and (next_check := session.next_check())[0] < click_at:
                await asyncio.sleep(max(0.0, next_check[0] - time.monotonic()))
                await session.rerun(ws, next_check[1])
            await asyncio.sleep(max(0.0, click_at - time.monotonic()))
            widget = next(i for label, i in session.widgets.items() if label.startswith(f"Vraag {n}. "))
            session.values[widget] = NIET if rng.random() < 0.4 else OP
            clicks.append(time.monotonic())
            await session.rerun(ws)
        await check_while_waiting_at(clicked)
        await check_until(stop)


async def projector(session: Session, until: asyncio.Event, seen: list[tuple[float, dict[int, int]]]) -> None:
    async with session.connect() as ws:
        await session.rerun(ws)
        ((fragment, interval),) = session.fragments.items()
        while not until.is_set():
            await asyncio.sleep(interval)
            await session.rerun(ws, fragment)
            seen.append((time.monotonic(), dict(session.progress)))
        await asyncio.sleep(2 * interval)  # the last answers reach the screen
        await session.rerun(ws, fragment)
        seen.append((time.monotonic(), dict(session.progress)))


def prepare(engine, people: int, groups: int):
    """A regio, a bijeenkomst with block 1 open, a cookie per device and the facilitator's cookie."""
    names = [f"G{i:02}" for i in range(groups)]
    regio = create_regio(engine, ADMIN, name=f"Bench {time.time_ns()}", gemeente_names=names)
    facilitator = principal_for(Role.FACILITATOR, regio, label="bench")
    gemeenten = list_gemeenten(engine, ADMIN, regio_id=regio.id)
    meeting_id = create_meeting(
        engine, facilitator, regio_id=regio.id, title="Bench", held_on=dutch_today(), kind=MeetingKind.START,
        gemeente_ids=[g.id for g in gemeenten], programme=[],
    )  # fmt: skip
    open_block(engine, facilitator, meeting_id=meeting_id, block=1)
    meeting = get_meeting(engine, facilitator, meeting_id=meeting_id)
    devices = []  # (group number, cookie, questions)
    for d in range(people):
        number = d % groups + 1
        group = meeting.groups[number - 1]
        in_group = len(range(number - 1, people, groups))  # devices of this gemeente
        share = [n for n in range(1, 15) if (n - 1) % in_group == d // groups]
        handoff = join(engine, meeting_id=meeting_id, code=group.join_code, client_key=f"bench-{d}").handoff_token
        devices.append((number, cookie_for_handoff(engine, handoff)[0], share))
    code = issue_code(engine, ADMIN, role=Role.FACILITATOR, label="scherm", regio_id=regio.id).code
    screen = cookie_for_handoff(engine, login(engine, code=code, client_key="bench").handoff_token)[0]
    return regio, meeting, devices, screen


def lags(clicks: dict[int, list[float]], seen: list[tuple[float, dict[int, int]]]) -> list[float]:
    found = []
    for group, times in clicks.items():
        for k, clicked in enumerate(sorted(times), start=1):
            shown = next((t for t, progress in seen if progress.get(group, 0) >= k), None)
            if shown is not None:
                found.append(shown - clicked)
    return found


async def drive(  # type: ignore[no-untyped-def]
    urls: list[str], pids: list[int], devices, screen: str, meeting_id: int, think: float, poll: bool, next_block
):
    rng = random.Random(11)
    clicks: dict[int, list[float]] = defaultdict(list)
    done, seen = asyncio.Event(), []
    screen_session = Session(urls[-1], screen, "scherm", f"bijeenkomst={meeting_id}")
    watcher = asyncio.create_task(projector(screen_session, done, seen))
    await asyncio.sleep(1)
    sessions = [Session(urls[i % len(urls)], c, "scan", "") for i, (_, c, _) in enumerate(devices)]
    ready, clicked = asyncio.Barrier(len(sessions) + 1), asyncio.Barrier(len(sessions) + 1)
    stop = asyncio.Event()
    work = asyncio.gather(
        *(
            participant(session, share, think, random.Random(rng.random()), clicks[number], poll, ready, clicked, stop)
            for session, (number, _, share) in zip(sessions, devices, strict=True)
        )
    )
    await ready.wait()
    started, cpu_before = time.monotonic(), sum(map(cpu_seconds, pids))
    for session in [*sessions, screen_session]:
        session.timings.clear()  # the page loads before the start are not part of the measurement
    await clicked.wait()
    elapsed, cpu = time.monotonic() - started, sum(map(cpu_seconds, pids)) - cpu_before
    done.set()
    await watcher
    block_lags, noticed = [], []
    if poll:
        opened = time.monotonic()
        await asyncio.to_thread(next_block)
        deadline = opened + 30
        while time.monotonic() < deadline and not all(any(n == 2 for _, n in s.blocks) for s in sessions):
            await asyncio.sleep(0.1)
        for s in sessions:
            block_lags += [t - opened for t, n in s.blocks if n == 2][:1]
            noticed += [t - opened for t in s.noticed if t > opened][:1]
    stop.set()
    await work
    timings = {
        "klik": [t for s in sessions for t in s.timings["klik"]],
        "poll": [t for s in sessions for t in s.timings["poll"]],
        "scherm": screen_session.timings["poll"],
    }
    return clicks, seen, elapsed, cpu, timings, (block_lags, noticed)


def measure(server_url: str | None, people: int, groups: int, think: float, replicas: int, poll: bool) -> None:
    folder = Path(tempfile.mkdtemp())
    with new_database(folder, server_url=server_url) as database:
        servers = [start_app(folder / f"r{i}", database) for i in range(replicas)]
        apps = [next(server) for server in servers]
        engine = apps[0].engine
        regio, meeting, devices, screen = prepare(engine, people, groups)
        facilitator = principal_for(Role.FACILITATOR, regio, label="bench")

        def next_block() -> None:
            open_block(engine, facilitator, meeting_id=meeting.id, block=2)

        clicks, seen, elapsed, cpu, timings, (block_lags, noticed) = asyncio.run(
            drive([a.url for a in apps], [a.pid for a in apps], devices, screen, meeting.id, think, poll, next_block)
        )
        reader = principal_for(Role.REGIO, regio)
        stored = sum(
            sum(1 for a in open_scan(engine, reader, round_id=g.round_id).answers.values() if a.value)
            for g in meeting.groups
        )
        memory = [resident_mb(a.pid) for a in apps]
        for server in servers:
            for _ in server:
                pass
    found = lags(clicks, seen)
    total = sum(map(len, clicks.values()))
    reruns = sum(map(len, timings.values()))
    print(
        f"{people} devices in {groups} groups, think {think:.0f} s, {replicas} app process(es) on "
        f"{'PostgreSQL' if server_url else 'SQLite'}{'' if poll else ', devices not polling'}: "
        f"{total} clicks in {elapsed:.0f} s"
    )
    print(f"  click until saved and drawn: {spread(timings['klik'], 1000, 'ms')}")
    print(f"  block check (every {POLL_SECONDS} s per device): {spread(timings['poll'], 1000, 'ms')}")
    print(f"  projector refresh: {spread(timings['scherm'], 1000, 'ms')}")
    print(f"  projector lag (click until shown): {spread(found, 1, 's')}")
    if poll:
        print(
            f"  block lag (facilitator opens block 2 until the device says so): {spread(block_lags, 1, 's')}; "
            f"{len(block_lags)} of {len(devices)} devices"
        )
        print(f"    of which until the device's check noticed it and asked for the page: {spread(noticed, 1, 's')}")
    print(
        f"  server CPU {cpu / elapsed:.2f} core (machine has {os.cpu_count()}), "
        f"{cpu / max(reruns, 1) * 1000:.1f} ms per rerun over {reruns} reruns; "
        f"memory {' + '.join(f'{m:.0f}' for m in memory)} MB"
    )
    print(f"  answers: clicked {total}, stored {stored}, shown {len(found)}")


def spread(values: list[float], scale: float, unit: str) -> str:
    """n, p50, p95 and max of a list of durations in seconds, in the given unit."""
    if len(values) < 2:
        return f"{len(values)} measured"
    q = statistics.quantiles(values, n=100)
    p95 = min(q[94], max(values))  # with fewer than 19 values the estimate would lie beyond the largest one
    digits = 0 if unit == "ms" else 2
    return (
        f"n {len(values)}, p50 {q[49] * scale:.{digits}f} {unit}, p95 {p95 * scale:.{digits}f} {unit}, "
        f"max {max(values) * scale:.{digits}f} {unit}"
    )


def resident_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="PostgreSQL server URL (a new database is made on it); default SQLite")
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--groups", type=int, default=12, help="gemeenten; their devices share the questions")
    parser.add_argument("--think", type=float, default=30.0, help="mean seconds between two clicks of one device")
    parser.add_argument("--replicas", type=int, default=1, help="app processes on one database; devices are spread")
    parser.add_argument("--no-poll", action="store_true", help="devices skip the banner polls")
    args = parser.parse_args()
    measure(args.url, args.people, args.groups, args.think, args.replicas, poll=not args.no_poll)


if __name__ == "__main__":
    main()

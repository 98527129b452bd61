"""Many simulated people answering block 1 at once, against one app replica and against two.

Each simulated person is a real Streamlit session: a websocket to /_stcore/stream with
the login cookie, speaking Streamlit's own protocol (BackMsg / ForwardMsg protobufs)
as the browser does. They click the 14 answers of block 1 at a human pace (a think
time between clicks). The latency of a click is the time until the rerun it starts
has finished, which includes saving the answer. Sessions are spread over the
replicas as sticky load balancing would. The database is PostgreSQL, shared.

Usage: .venv/bin/python -m bench.replicas --url postgresql+psycopg://... [--people 60] [--think 1.0]
(scripts/test's PostgreSQL works: postgresql+psycopg://zelfscan_test:zelfscan_test@127.0.0.1:5432/zelfscan_test)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import websockets

from bench import tab
from domain.access import Role
from domain.models import Purpose, Regio
from services.access import cookie_for_handoff, login
from services.access_codes import issue_code
from services.regio import create_regio, list_gemeenten
from services.scan import open_scan, start_round
from tests.browser.conftest import start_app
from tests.conftest import ADMIN, principal_for
from tests.databases import new_database

BLOCK_LABEL = "Welk blok wilt u invullen?"
OP, NIET = "✓ Op orde", "✗ Niet op orde"


class Person:
    """One simulated browser session filling in block 1 of its own gemeente's round."""

    def __init__(self, url: str, cookie: str, round_id: int, think: float, rng: random.Random) -> None:
        self.url = url
        self.cookie = cookie
        self.round_id = round_id
        self.think = think
        self.rng = rng
        self.widgets: dict[str, str] = {}  # label -> widget id
        self.values: dict[str, str] = {}  # widget id -> chosen option
        self.latencies: list[float] = []

    async def run(self) -> None:
        async with tab.connect(self.url, self.cookie) as ws:
            await self._rerun(ws)
            block = self.widgets[BLOCK_LABEL]
            self.values[block] = next(v for v in self.block_options if v.startswith("Blok 1"))
            numbers = list(range(1, 15))
            for n in numbers:
                await asyncio.sleep(self.rng.uniform(0.5, 1.5) * self.think)
                widget = next(i for label, i in self.widgets.items() if label.startswith(f"Vraag {n}. "))
                self.values[widget] = NIET if self.rng.random() < 0.4 else OP
                started = time.perf_counter()
                await self._rerun(ws)
                self.latencies.append(time.perf_counter() - started)

    async def _rerun(self, ws: websockets.ClientConnection) -> None:
        await ws.send(tab.rerun_request("scan", f"ronde={self.round_id}&blok=1", self.values))
        while True:
            forward = await tab.received(ws)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "radio":
                    self.widgets[element.radio.label] = element.radio.id
                    if element.radio.label == BLOCK_LABEL:
                        self.block_options = list(element.radio.options)
            elif kind == "script_finished":
                return


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def prepare(engine, people: int) -> tuple[Regio, list[tuple[str, int]]]:
    """A regio with one gemeente per person, each with a code, a login cookie and an empty round."""
    regio = create_regio(engine, ADMIN, name=f"Bench {time.time_ns()}", gemeente_names=[f"G{i}" for i in range(people)])
    found = []
    for gemeente in list_gemeenten(engine, ADMIN, regio_id=regio.id):
        me = principal_for(Role.GEMEENTE, regio, gemeente)
        round_id = start_round(
            engine, me, gemeente_id=gemeente.id, held_on=date(2026, 11, 24), purpose=Purpose.NULMETING, participants=[]
        )
        code = issue_code(
            engine, ADMIN, role=Role.GEMEENTE, label=gemeente.name, regio_id=regio.id, gemeente_id=gemeente.id
        )
        handoff = login(engine, code=code.code, client_key=f"bench-{gemeente.id}").handoff_token
        cookie = cookie_for_handoff(engine, handoff)
        assert cookie is not None
        found.append((cookie[0], round_id))
    return regio, found


async def drive(urls: list[str], sessions: list[tuple[str, int]], think: float) -> tuple[list[Person], float]:
    rng = random.Random(7)
    people = [
        Person(urls[i % len(urls)], cookie, round_id, think, random.Random(rng.random()))
        for i, (cookie, round_id) in enumerate(sessions)
    ]
    started = time.perf_counter()
    await asyncio.gather(*(p.run() for p in people))
    return people, time.perf_counter() - started


def measure(url: str, replicas: int, people: int, think: float) -> None:
    folder = Path(tempfile.mkdtemp())
    with new_database(folder, server_url=url) as database:
        servers = [start_app(folder / f"r{i}", database) for i in range(replicas)]
        apps = [next(s) for s in servers]
        engine = apps[0].engine
        regio, sessions = prepare(engine, people)
        cpu_before = sum(cpu_seconds(a.pid) for a in apps)
        persons, elapsed = asyncio.run(drive([a.url for a in apps], sessions, think))
        cpu = sum(cpu_seconds(a.pid) for a in apps) - cpu_before
        latencies = sorted(x for p in persons for x in p.latencies)
        reader = principal_for(Role.REGIO, regio)
        stored = sum(len(open_scan(engine, reader, round_id=r).answers) for _, r in sessions)
        for server in servers:
            for _ in server:
                pass
    q = statistics.quantiles(latencies, n=100)
    print(
        f"{replicas} replica(s), {people} people, think {think:.1f} s: "
        f"{len(latencies) / elapsed:6.1f} answers/s, "
        f"p50 {q[49] * 1000:5.0f} ms, p95 {q[94] * 1000:5.0f} ms, "
        f"server CPU {cpu / elapsed:4.2f} cores, stored {stored}/{len(latencies)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="PostgreSQL server URL (a new database is made on it)")
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between two clicks of one person")
    parser.add_argument("--rounds", type=int, default=2, help="alternating measurements per replica count")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores")
    for _ in range(args.rounds):
        for replicas in (1, 2):
            measure(args.url, replicas, args.people, args.think)


if __name__ == "__main__":
    main()

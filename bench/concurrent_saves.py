"""60 threads each save 31 answers at once, one transaction per click, as 60 people would.

Prints errors and p50/p99 save latency. Goal: zero errors, p99 under 100 ms.
Usage: .venv/bin/python -m bench.concurrent_saves [--threads 60] [--url sqlite:///...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.access import Principal, Role
from domain.answers import AnswerValue
from domain.models import Purpose
from services.regio import create_regio, list_gemeenten
from services.scan import ToelichtingChange, ValueChange, open_scan, save_changes, start_round
from store.engine import make_engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=60)
    parser.add_argument("--url", default=None, help="database URL; default a new SQLite file")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(url)
    admin = Principal(code_id=0, role=Role.BEHEERDER, label="bench", regio_id=None)
    regio = create_regio(
        engine, admin, name=f"Bench {time.time()}", gemeente_names=[f"Gemeente {i}" for i in range(args.threads)]
    )
    people = [
        Principal(code_id=0, role=Role.GEMEENTE, label=f"bench {g.name}", regio_id=regio.id, gemeente_id=g.id)
        for g in list_gemeenten(engine, admin, regio_id=regio.id)
    ]
    rounds = [
        (
            p,
            start_round(
                engine,
                p,
                gemeente_id=p.gemeente_id,
                held_on=date(2026, 1, 1),
                purpose=Purpose.NULMETING,
                participants=[],
            ),
        )
        for p in people
    ]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(args.threads)

    def person(principal: Principal, round_id: int) -> None:
        barrier.wait()
        for n in range(1, 32):
            change = ValueChange(question_number=n, value=AnswerValue.OP_ORDE if n % 2 else AnswerValue.NIET_OP_ORDE)
            if n % 5 == 0:
                change = ToelichtingChange(question_number=n, toelichting=f"Toelichting {n}")
            started = time.perf_counter()
            try:
                save_changes(engine, principal, round_id=round_id, changes=[change])
            except Exception as exc:  # counted and reported, never hidden
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=person, args=(p, r)) for p, r in rounds]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    stored = sum(len(open_scan(engine, p, round_id=r).answers) for p, r in rounds)
    q = statistics.quantiles(latencies, n=100)
    print(f"database: {engine.dialect.name} ({url.split('://')[0]})")
    print(f"threads: {args.threads}, saves attempted: {args.threads * 31}, wall time: {wall:.2f} s")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"answers stored: {stored} of {args.threads * 31}")
    print(f"save latency p50: {q[49]:.1f} ms, p99: {q[98]:.1f} ms, max: {max(latencies):.1f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()

"""Short sessions per unit of work: `reading` for reads, `writing` for one transaction.

SQLite allows one writer at a time. When writers of one process collide, SQLite's
busy handler sleeps with back-off (up to 100 ms a try), which made p99 save latency
climb to ~2 s with 60 threads (bench/concurrent_saves.py). Writers of one process
therefore queue first, in arrival order, on a lock that hands over to the next writer
at once; a plain threading.Lock let one busy thread starve the others (p99 ~450 ms).
busy_timeout still covers other processes. PostgreSQL gets no lock.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.orm import Session


class FifoLock:
    """A lock granted in arrival order: release hands it straight to the longest waiter."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Event] = deque()

    def __enter__(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            turn = threading.Event()
            self._waiters.append(turn)
        turn.wait()  # ownership is handed over by __exit__

    def __exit__(self, *_exc: object) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().set()
            else:
                self._held = False


_write_locks: WeakKeyDictionary[Engine, FifoLock] = WeakKeyDictionary()
_guard = threading.Lock()


def _write_lock(engine: Engine) -> FifoLock | nullcontext[None]:
    if engine.dialect.name != "sqlite":
        return nullcontext()
    with _guard:
        return _write_locks.setdefault(engine, FifoLock())


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on an exception."""
    with _write_lock(engine), Session(engine) as session, session.begin():
        yield session

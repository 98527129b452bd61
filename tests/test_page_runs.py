"""Pages drawn again because a bijeenkomst's block changed take turns, PAGE_RUNS_AT_ONCE (now one) at a time per
process (ui/runtime.in_turn), and each hands its turn on once the server's event loop has had its turns to send it:
60 devices draw their page at once then, and in turns the first are done sooner. Every other page run goes ahead at
once."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from ui import runtime


@pytest.fixture
def gate(monkeypatch):
    monkeypatch.setattr(runtime, "_PAGE_RUNS", threading.BoundedSemaphore(runtime.PAGE_RUNS_AT_ONCE))
    monkeypatch.setattr(runtime, "_SERVER_LOOP", [])
    return runtime


@pytest.fixture
def server_loop(gate) -> Iterator[tuple[asyncio.AbstractEventLoop, threading.Event]]:
    """A server's event loop in its own thread, as uvicorn runs it, and an event that holds the loop still (as a
    loop busy with other callbacks) until it is set."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    gate.serve_on(loop)
    free = threading.Event()
    free.set()
    yield loop, free
    free.set()
    asyncio.run_coroutine_threadsafe(settle_every_task(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


async def settle_every_task() -> None:
    """A page that stopped waiting left its turns on the loop, cancelled: let them end before the loop stops."""
    others = asyncio.all_tasks() - {asyncio.current_task()}
    await asyncio.gather(*others, return_exceptions=True)


def hold_the_loop(loop: asyncio.AbstractEventLoop, free: threading.Event) -> None:
    held = threading.Event()

    def busy() -> None:
        held.set()
        free.wait(30)

    free.clear()
    loop.call_soon_threadsafe(busy)
    assert held.wait(10)


def hold(gate, entered: threading.Event, leave: threading.Event) -> threading.Thread:
    def run() -> None:
        with gate.in_turn(True):
            entered.set()
            leave.wait(30)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@contextmanager
def every_turn_taken(gate) -> Iterator[list[threading.Event]]:
    """Page runs that follow the room hold every turn until the block ends (or their own event is set)."""
    leave = [threading.Event() for _ in range(gate.PAGE_RUNS_AT_ONCE)]
    entered = [threading.Event() for _ in leave]
    threads = [hold(gate, entered[i], leave[i]) for i in range(gate.PAGE_RUNS_AT_ONCE)]
    assert all(e.wait(10) for e in entered)
    try:
        yield leave
    finally:
        for event in leave:
            event.set()
        for thread in threads:
            thread.join(10)


def test_a_page_run_beyond_the_few_waits_until_one_of_them_ends(gate, monkeypatch):
    monkeypatch.setattr(gate, "PAGE_RUN_WAIT_SECONDS", 30.0)
    entered, leave = threading.Event(), threading.Event()
    with every_turn_taken(gate) as holders:
        beyond = hold(gate, entered, leave)
        assert not entered.wait(0.3)
        holders[0].set()
        assert entered.wait(10)
    leave.set()
    beyond.join(10)


def test_a_page_run_that_waited_its_longest_goes_ahead_and_the_count_stays_right(gate, monkeypatch):
    monkeypatch.setattr(gate, "PAGE_RUN_WAIT_SECONDS", 0.01)
    ran = []
    with every_turn_taken(gate), gate.in_turn(True):
        ran.append(True)
    assert ran == [True]
    admitted = [gate._PAGE_RUNS.acquire(blocking=False) for _ in range(gate.PAGE_RUNS_AT_ONCE + 1)]
    assert admitted == [True] * gate.PAGE_RUNS_AT_ONCE + [False]


def test_a_page_that_fails_or_starts_again_frees_its_place(gate):
    for _ in range(gate.PAGE_RUNS_AT_ONCE + 1):
        with pytest.raises(RuntimeError), gate.in_turn(True):
            raise RuntimeError("de pagina begint opnieuw")
    assert gate._PAGE_RUNS.acquire(timeout=1)


def test_a_page_run_that_does_not_follow_the_room_never_waits_for_a_turn(gate, monkeypatch):
    monkeypatch.setattr(gate, "PAGE_RUN_WAIT_SECONDS", 30.0)
    done = threading.Event()

    def other_page() -> None:
        with gate.in_turn(False):
            done.set()

    with every_turn_taken(gate):
        threading.Thread(target=other_page, daemon=True).start()
        assert done.wait(10)  # while every turn is taken for 30 s


def test_a_page_run_that_follows_the_room_hands_on_its_turn_only_after_the_server_loop_had_its_turns(
    gate, server_loop, monkeypatch
):
    monkeypatch.setattr(gate, "SEND_WAIT_SECONDS", 30.0)
    loop, free = server_loop
    hold_the_loop(loop, free)
    done = threading.Event()

    def page() -> None:
        with gate.in_turn(True):
            pass
        done.set()

    threading.Thread(target=page, daemon=True).start()
    assert not done.wait(0.3)  # drawn, but the loop has not sent it yet: the turn is still held
    assert not gate._PAGE_RUNS.acquire(blocking=False)
    free.set()
    assert done.wait(10)
    assert gate._PAGE_RUNS.acquire(timeout=1)


def seconds_for_a_page(gate, following: bool) -> float:
    started = time.monotonic()
    with gate.in_turn(following):
        pass
    return time.monotonic() - started


def test_a_server_loop_that_does_not_turn_holds_a_page_run_at_most_the_send_wait(gate, server_loop, monkeypatch):
    monkeypatch.setattr(gate, "SEND_WAIT_SECONDS", 0.05)
    hold_the_loop(*server_loop)
    assert seconds_for_a_page(gate, True) < 5  # the loop stays held for 30 s
    assert gate._PAGE_RUNS.acquire(timeout=1)


def test_a_page_run_that_does_not_follow_the_room_never_waits_for_the_server_loop(gate, server_loop, monkeypatch):
    monkeypatch.setattr(gate, "SEND_WAIT_SECONDS", 30.0)
    hold_the_loop(*server_loop)
    assert seconds_for_a_page(gate, False) < 5


def test_a_closed_server_loop_does_not_hold_a_page_run(gate, monkeypatch):
    monkeypatch.setattr(gate, "SEND_WAIT_SECONDS", 30.0)
    loop = asyncio.new_event_loop()
    loop.close()
    gate.serve_on(loop)
    assert seconds_for_a_page(gate, True) < 5
    assert gate._PAGE_RUNS.acquire(timeout=1)

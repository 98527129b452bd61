"""Pages drawn again because a bijeenkomst's block changed take turns, a few at a time per process
(ui/runtime.in_turn): 60 devices draw their page at once then, and in turns the first are done sooner. Every
other page run goes ahead at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from ui import runtime


@pytest.fixture
def gate(monkeypatch):
    monkeypatch.setattr(runtime, "_PAGE_RUNS", threading.BoundedSemaphore(runtime.PAGE_RUNS_AT_ONCE))
    return runtime


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

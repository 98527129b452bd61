from __future__ import annotations

import threading
import time

from sqlalchemy import text

from store.unit_of_work import FifoLock, reading, writing


def test_the_write_lock_is_granted_in_arrival_order():
    lock, order = FifoLock(), []
    lock.__enter__()
    threads = []
    for i in range(5):
        t = threading.Thread(target=lambda i=i: (lock.__enter__(), order.append(i), lock.__exit__()))
        t.start()
        threads.append(t)
        time.sleep(0.02)  # make the arrival order certain
    lock.__exit__()
    for t in threads:
        t.join()
    assert order == [0, 1, 2, 3, 4]


def test_a_failed_unit_of_work_is_rolled_back(engine, regio):
    try:
        with writing(engine) as session:
            session.execute(text("UPDATE regio SET name = 'Gewijzigd'"))
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    with reading(engine) as session:
        assert session.execute(text("SELECT name FROM regio")).scalar() == regio.name


def test_a_failed_unit_of_work_releases_the_write_lock(engine, regio):
    try:
        with writing(engine):
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    with writing(engine) as session:
        session.execute(text("UPDATE regio SET name = 'Daarna'"))

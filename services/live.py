"""What a table at a running bijeenkomst sees, checked every few seconds by each device: nearly free.

Each device asks every `ui/live.POLL_SECONDS`; a room of 60 devices asks 30 times a second. Every process reads
the state of all running bijeenkomsten at once, in two short statements, at most once per `FRESH_SECONDS`, and
every session of the process shares that read (who may read a round is still decided for each call, in memory).
A change made in this process (a block opened, a question added, the bijeenkomst ended) is seen at once; one made
by another replica within `FRESH_SECONDS`. So a device learns of a newly opened block within the poll plus a
quarter of a second, and the database sees eight short reads a second per process, whatever the number of devices
and bijeenkomsten.
"""

from __future__ import annotations

import threading
import time

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from domain.access import Principal
from domain.meeting import FaqItem
from services import ServiceError
from services.authz import require_round_state
from store import meeting_repo
from store import repository as repo
from store.repository import NotFound
from store.unit_of_work import reading

FRESH_SECONDS = 0.25


class LiveState(BaseModel):
    """What a table at the bijeenkomst sees: which block is open, and the FAQ. No codes, no other groups."""

    model_config = ConfigDict(frozen=True)

    title: str
    open_block: int | None
    faq: tuple[FaqItem, ...]


class _Seen(BaseModel):
    model_config = ConfigDict(frozen=True)

    gemeente_id: int
    regio_id: int
    state: LiveState | None


_READS: dict[str, tuple[float, dict[int, _Seen]]] = {}  # per database: when read, and every live round
_LOCK = threading.Lock()
_GENERATION = [0]  # raised by forget(): a read begun before a change is not kept


def live_state(engine: Engine, principal: Principal, *, round_id: int) -> LiveState | None:
    """The running bijeenkomst a round is filled in at (None: none), for whoever may read the round."""
    seen = _seen(engine, round_id)
    require_round_state(principal, round_id=round_id, gemeente_id=seen.gemeente_id, regio_id=seen.regio_id)
    return seen.state


def forget() -> None:
    """A bijeenkomst changed in this process: the next check reads the database."""
    with _LOCK:
        _READS.clear()
        _GENERATION[0] += 1


def _seen(engine: Engine, round_id: int) -> _Seen:
    seen = _live_rounds(engine).get(round_id)
    if seen is not None:
        return seen
    with reading(engine) as session:  # not at a running bijeenkomst (any more): whose round is it, if it exists?
        try:
            info = repo.get_round(session, round_id=round_id)
        except NotFound as exc:
            raise ServiceError("Deze ronde bestaat niet (meer).") from exc
    return _Seen(gemeente_id=info.gemeente_id, regio_id=info.regio_id, state=None)


def _live_rounds(engine: Engine) -> dict[int, _Seen]:
    """Every round at a running bijeenkomst of this database, read at most once per FRESH_SECONDS."""
    key = engine.url.render_as_string(hide_password=True)
    with _LOCK:
        found = _READS.get(key)
        generation = _GENERATION[0]
    if found is not None and time.monotonic() - found[0] < FRESH_SECONDS:
        return found[1]
    read_at = time.monotonic()
    with reading(engine) as session:
        tables = meeting_repo.live_tables(session)
    states: dict[int, LiveState] = {}  # one per bijeenkomst, shared by its tables
    rounds = {}
    for table in tables:
        state = states.get(table.meeting_id)
        if state is None:
            state = states[table.meeting_id] = LiveState(title=table.title, open_block=table.open_block, faq=table.faq)
        rounds[table.round_id] = _Seen(gemeente_id=table.gemeente_id, regio_id=table.regio_id, state=state)
    with _LOCK:
        if generation == _GENERATION[0]:
            _READS[key] = (read_at, rounds)
    return rounds

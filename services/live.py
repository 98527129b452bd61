"""What a table at a running bijeenkomst sees, checked every two seconds by each device: nearly free.

Each device asks every `ui/live.POLL_SECONDS`; a room of 60 devices over 12 groups asks 30 times a second. The
state of a round's bijeenkomst is read from the database at most once per `FRESH_SECONDS` per round in this
process and shared by every session that may read it (who may is still decided for each call, in memory). A
change made in this process (a block opened, a question answered, the bijeenkomst ended) is seen at once; one
made by another replica within `FRESH_SECONDS`. So a device shows a newly opened block within the poll plus
one second, and the database sees a dozen short reads a second, whatever the number of devices.
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

FRESH_SECONDS = 1.0


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


_SEEN: dict[tuple[str, int], tuple[float, _Seen]] = {}
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
        _SEEN.clear()
        _GENERATION[0] += 1


def _seen(engine: Engine, round_id: int) -> _Seen:
    key = (engine.url.render_as_string(hide_password=True), round_id)
    with _LOCK:
        found = _SEEN.get(key)
    if found is not None and time.monotonic() - found[0] < FRESH_SECONDS:
        return found[1]
    read_at = time.monotonic()
    with _LOCK:
        generation = _GENERATION[0]
    with reading(engine) as session:
        try:
            info = repo.get_round(session, round_id=round_id)
        except NotFound as exc:
            raise ServiceError("Deze ronde bestaat niet (meer).") from exc
        meeting = meeting_repo.meeting_of_round(session, round_id=round_id)
        state = None
        if meeting is not None:
            try:
                shown = meeting_repo.get_meeting(session, meeting_id=meeting[0])
            except NotFound:
                shown = None
            if shown is not None:
                state = LiveState(title=shown.title, open_block=shown.open_block, faq=shown.faq)
    seen = _Seen(gemeente_id=info.gemeente_id, regio_id=info.regio_id, state=state)
    with _LOCK:
        if len(_SEEN) > 10_000:  # rounds of days gone by
            _SEEN.clear()
        if generation == _GENERATION[0]:
            _SEEN[key] = (read_at, seen)
    return seen

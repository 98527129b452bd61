"""The audit log: every service that logs an event comes here (BIO2 8.15; see domain/audit.py).

- `record` writes an event in the caller's transaction, so the event and what it reports commit together;
  `logs` makes a service log each call and how it ended, also when it was refused.
- Who reads it: the installation's beheerder every event, a regio's beheerder its own regio's events only.
- Retention is an installation setting (default one year); older events are deleted when events are written
  (at most every few minutes per process) and never shown when read.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from domain.access import Principal
from domain.audit import FAILED, NOBODY, REFUSED, SUCCEEDED, Action, Event
from domain.calendar import AMSTERDAM
from domain.text import clean_name
from exports.csv_writer import csv_bytes
from services import ServiceError
from services.authz import Forbidden, regio_of_audit_reader, require_installation_beheerder
from store import access_repo, audit_repo
from store.repository import now
from store.unit_of_work import reading, writing

RETENTION_SETTING = "logboek_bewaartermijn_dagen"
DEFAULT_RETENTION_DAYS = 365
SHORTEST_RETENTION_DAYS, LONGEST_RETENTION_DAYS = 30, 3650
ENFORCE_EVERY = 300.0  # seconds between two deletions of old events, per process and database
MOST_SHOWN = 1000

_last_enforced: dict[str, float] = {}
_guard = threading.Lock()


def actor_of(principal: Principal | None) -> str:
    """How a person appears in the log: the code's name and role, and its number (never the code itself)."""
    if principal is None:
        return NOBODY
    return f"{principal.label} ({principal.role.label.lower()}, code {principal.code_id})"


def record(
    session: Session,
    *,
    action: Action,
    object: str,
    result: str = SUCCEEDED,
    origin: str,
    actor: str,
    regio_id: int | None,
) -> None:
    """Write one event in the caller's writing session."""
    audit_repo.add(
        session,
        Event(
            at=now(),
            action=action,
            object=clean_name(object),
            result=result,
            origin=origin or "onbekend",
            actor=actor,
            regio_id=regio_id,
        ),
    )
    _enforce_retention(session)


def record_by(
    session: Session,
    principal: Principal,
    *,
    action: Action,
    object: str,
    regio_id: int | None,
    result: str = SUCCEEDED,
) -> None:
    """An event of a logged-in person, in the caller's writing session, from where that person's page runs."""
    record(session, action=action, object=object, result=result, origin=principal.origin, actor=actor_of(principal),
           regio_id=regio_id)  # fmt: skip


def record_now(engine: Engine, **event: object) -> None:
    """Write one event in a transaction of its own."""
    with writing(engine) as session:
        record(session, **event)  # type: ignore[arg-type]  # the keywords of record


def record_for(
    engine: Engine,
    principal: Principal,
    *,
    action: Action,
    object: str,
    result: str = SUCCEEDED,
    regio_id: int | None = None,
) -> None:
    """An event of a logged-in person, from where that person's page runs."""
    record_now(
        engine,
        action=action,
        object=object,
        result=result,
        origin=principal.origin,
        actor=actor_of(principal),
        regio_id=regio_id if regio_id is not None else principal.regio_id,
    )


P = ParamSpec("P")
R = TypeVar("R")


def logs(
    action: Action, describe: Callable[[dict[str, Any]], str], outcome: Callable[[Any], str] | None = None
) -> Callable[[Callable[Concatenate[Engine, Principal, P], R]], Callable[Concatenate[Engine, Principal, P], R]]:
    """A service of (engine, principal, **keywords) whose every call goes into the audit log: `describe` names the
    object from the keywords (a file name, a round: never its content), `outcome` the result from what the call
    returned (default: done)."""

    def wrap(service: Callable[Concatenate[Engine, Principal, P], R]) -> Callable[Concatenate[Engine, Principal, P], R]:
        @functools.wraps(service)
        def run(engine: Engine, principal: Principal, /, *args: P.args, **keywords: P.kwargs) -> R:
            what = describe(dict(keywords))
            regio_id = keywords.get("regio_id")
            regio_id = regio_id if isinstance(regio_id, int) else None
            try:
                returned = service(engine, principal, *args, **keywords)
            except Forbidden:
                record_for(engine, principal, action=action, object=what, result=REFUSED, regio_id=regio_id)
                raise
            except ServiceError:
                record_for(engine, principal, action=action, object=what, result=FAILED, regio_id=regio_id)
                raise
            record_for(
                engine,
                principal,
                action=action,
                object=what,
                result=outcome(returned) if outcome is not None else SUCCEEDED,
                regio_id=regio_id,
            )
            return returned

        return run

    return wrap


# --- reading ---------------------------------------------------------------------------


def events(
    engine: Engine,
    principal: Principal,
    *,
    action: Action | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    search: str = "",
    limit: int = MOST_SHOWN,
) -> list[Event]:
    regio_id = regio_of_audit_reader(principal)
    since, until = (_utc(m) if m is not None else None for m in (since, until))  # SQLite compares stored UTC text
    with reading(engine) as session:
        oldest = now() - timedelta(days=_retention_days(session))
        return audit_repo.events(
            session,
            regio_id=regio_id,
            action=action,
            since=max(since, oldest) if since is not None else oldest,
            until=until,
            search=search.strip(),
            limit=limit,
        )


def events_csv(engine: Engine, principal: Principal, **filters: object) -> bytes:
    """The events as a CSV file for Excel, with every filter of the page and no limit but the retention."""
    rows = events(engine, principal, limit=1_000_000, **filters)  # type: ignore[arg-type]  # the filters of events
    return csv_bytes(
        [
            ("tijd", "actie", "object", "resultaat", "herkomst", "wie"),
            *((when(e.at), e.action.value, e.object, e.result, e.origin, e.actor) for e in rows),
        ]
    )


def _utc(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def when(moment: datetime) -> str:
    """A moment of the log in Amsterdam time, to the second."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M:%S")


# --- retention --------------------------------------------------------------------------


def retention_days(engine: Engine) -> int:
    with reading(engine) as session:
        return _retention_days(session)


def set_retention_days(engine: Engine, principal: Principal, *, days: int) -> None:
    """Only the installation's beheerder sets how long events are kept."""
    require_installation_beheerder(
        principal, "Alleen de beheerder van de hele installatie stelt de bewaartermijn van het logboek in."
    )
    if not SHORTEST_RETENTION_DAYS <= days <= LONGEST_RETENTION_DAYS:
        raise ServiceError(
            f"Kies een bewaartermijn van {SHORTEST_RETENTION_DAYS} tot en met {LONGEST_RETENTION_DAYS} dagen."
        )
    with writing(engine) as session:
        old = _retention_days(session)
        access_repo.set_setting(session, name=RETENTION_SETTING, value=str(days))
        _last_enforced.pop(_key(session), None)
        record_by(
            session,
            principal,
            action=Action.SETTING,
            object=f"bewaartermijn logboek: {old} → {days} dagen",
            regio_id=None,
        )


def _retention_days(session: Session) -> int:
    value = access_repo.setting(session, name=RETENTION_SETTING)
    return int(value) if value and value.isdigit() else DEFAULT_RETENTION_DAYS


def _key(session: Session) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=True)


def _enforce_retention(session: Session) -> None:
    key, moment = _key(session), time.monotonic()
    with _guard:
        if moment - _last_enforced.get(key, -ENFORCE_EVERY) < ENFORCE_EVERY:
            return
        _last_enforced[key] = moment
    audit_repo.forget_before(session, moment=now() - timedelta(days=_retention_days(session)))

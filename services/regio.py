"""Regio's and their gemeenten."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from domain.models import Gemeente, Regio
from services import ServiceError
from store import repository as repo
from store.unit_of_work import reading, writing

MAX_GEMEENTEN = 400


def list_regios(engine: Engine) -> list[Regio]:
    with reading(engine) as session:
        return repo.list_regios(session)


def list_gemeenten(engine: Engine, *, regio_id: int) -> list[Gemeente]:
    with reading(engine) as session:
        return repo.list_gemeenten(session, regio_id=regio_id)


def has_any_regio(engine: Engine) -> bool:
    with reading(engine) as session:
        return repo.count_regios(session) > 0


def parse_gemeente_names(text: str) -> list[str]:
    """One name per line (or separated by commas); blank entries are dropped."""
    names = [part.strip() for line in text.splitlines() for part in line.split(",")]
    return [n for n in names if n]


def create_regio(engine: Engine, *, name: str, gemeente_names: list[str]) -> Regio:
    name = name.strip()
    if not name:
        raise ServiceError("Vul de naam van de regio in.")
    if not gemeente_names:
        raise ServiceError("Vul minstens één gemeente in.")
    if len(gemeente_names) > MAX_GEMEENTEN:
        raise ServiceError(f"Een regio kan hier hoogstens {MAX_GEMEENTEN} gemeenten hebben.")
    seen: set[str] = set()
    doubles = [n for n in gemeente_names if n.casefold() in seen or seen.add(n.casefold())]  # type: ignore[func-returns-value]
    if doubles:
        raise ServiceError(f"Deze gemeente staat er twee keer in: {doubles[0]}. Haal er één weg.")
    try:
        with writing(engine) as session:
            regio = repo.create_regio(session, name=name)
            for gemeente in gemeente_names:
                repo.add_gemeente(session, regio_id=regio.id, name=gemeente)
            return regio
    except IntegrityError as exc:
        raise ServiceError(f"Er bestaat al een regio met de naam {name}. Kies een andere naam.") from exc

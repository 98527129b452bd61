"""Regio's, their gemeenten and settings, and the regional average."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

import questionnaire
from analysis.regional import StandardAverage, regional_average
from analysis.scoring import score_round
from domain.access import Principal, Role
from domain.models import Gemeente, Regio
from domain.text import clean_name
from services import ServiceError
from services.authz import Forbidden, require_regio
from store import answers_repo
from store import repository as repo
from store.unit_of_work import reading, writing

MAX_GEMEENTEN = 400
ALL_ROLES = (Role.BEHEERDER, Role.REGIO, Role.FACILITATOR, Role.GEMEENTE)


class RegioAverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    regio_name: str
    standards: tuple[StandardAverage, ...]


def has_any_regio(engine: Engine) -> bool:
    with reading(engine) as session:
        return repo.count_regios(session) > 0


def list_regios(engine: Engine, principal: Principal) -> list[Regio]:
    with reading(engine) as session:
        regios = repo.list_regios(session)
    if principal.role is Role.BEHEERDER and principal.regio_id is None:
        return regios
    return [r for r in regios if r.id == principal.regio_id]


def get_regio(engine: Engine, principal: Principal, *, regio_id: int) -> Regio:
    require_regio(principal, regio_id, roles=ALL_ROLES)
    with reading(engine) as session:
        try:
            return repo.get_regio(session, regio_id=regio_id)
        except repo.NotFound as exc:
            raise ServiceError("Deze regio bestaat niet (meer).") from exc


def list_gemeenten(engine: Engine, principal: Principal, *, regio_id: int) -> list[Gemeente]:
    """A gemeente sees only itself; the other roles see every gemeente of their regio."""
    require_regio(principal, regio_id, roles=ALL_ROLES)
    with reading(engine) as session:
        gemeenten = repo.list_gemeenten(session, regio_id=regio_id)
    if principal.role is Role.GEMEENTE:
        return [g for g in gemeenten if g.id == principal.gemeente_id]
    return gemeenten


def parse_gemeente_names(text: str) -> list[str]:
    """One name per line (or separated by commas); blank entries are dropped."""
    names = [clean_name(part) for line in text.splitlines() for part in line.split(",")]
    return [n for n in names if n]


def create_regio(engine: Engine, principal: Principal, *, name: str, gemeente_names: list[str]) -> Regio:
    if principal.role is not Role.BEHEERDER or principal.regio_id is not None:
        raise Forbidden("Alleen de beheerder van de installatie kan een regio aanmaken.")
    name = clean_name(name)
    gemeente_names = [clean_name(n) for n in gemeente_names if clean_name(n)]
    if not name:
        raise ServiceError("Vul de naam van de regio in.")
    if not gemeente_names:
        raise ServiceError("Vul minstens één gemeente in.")
    _check_new_names(gemeente_names, existing=[])
    try:
        with writing(engine) as session:
            regio = repo.create_regio(session, name=name)
            for gemeente in gemeente_names:
                repo.add_gemeente(session, regio_id=regio.id, name=gemeente)
            return regio
    except IntegrityError as exc:
        raise ServiceError(f"Er bestaat al een regio met de naam {name}. Kies een andere naam.") from exc


def add_gemeenten(engine: Engine, principal: Principal, *, regio_id: int, names: list[str]) -> None:
    require_regio(principal, regio_id, roles=(Role.BEHEERDER,))
    names = [clean_name(n) for n in names if clean_name(n)]
    if not names:
        raise ServiceError("Vul minstens één gemeente in.")
    with writing(engine) as session:
        existing = [g.name for g in repo.list_gemeenten(session, regio_id=regio_id)]
        _check_new_names(names, existing=existing)
        for name in names:
            repo.add_gemeente(session, regio_id=regio_id, name=name)


def set_regio_settings(
    engine: Engine, principal: Principal, *, regio_id: int, gemeente_sees_average: bool, min_gemeenten: int
) -> None:
    """Whether gemeenten see the regional average, and below how many gemeenten a figure is withheld."""
    require_regio(principal, regio_id, roles=(Role.BEHEERDER,))
    if not 1 <= min_gemeenten <= 50:
        raise ServiceError("Kies voor het minimum aantal gemeenten een getal van 1 tot en met 50.")
    with writing(engine) as session:
        repo.set_regio_settings(
            session, regio_id=regio_id, gemeente_sees_average=gemeente_sees_average, min_gemeenten=min_gemeenten
        )


def average_for(engine: Engine, principal: Principal, *, regio_id: int) -> RegioAverage | None:
    """The regional average per standard over each gemeente's latest round.

    A gemeente gets it only when the regio allows it, and never sees another gemeente's name.
    """
    regio = get_regio(engine, principal, regio_id=regio_id)
    if principal.role is Role.GEMEENTE and not regio.gemeente_sees_average:
        return None
    if principal.role not in (Role.GEMEENTE, Role.REGIO):
        raise Forbidden()
    with reading(engine) as session:
        rounds = [
            (repo.get_round(session, round_id=i), answers_repo.load_answers(session, round_id=i))
            for i in repo.latest_round_ids(session, regio_id=regio_id)
        ]
    results = [score_round(questionnaire.by_version(info.questionnaire_version), answers) for info, answers in rounds]
    return RegioAverage(regio_name=regio.name, standards=tuple(regional_average(results)))


def _check_new_names(names: list[str], *, existing: list[str]) -> None:
    if len(names) + len(existing) > MAX_GEMEENTEN:
        raise ServiceError(f"Een regio kan hier hoogstens {MAX_GEMEENTEN} gemeenten hebben.")
    seen = {n.casefold() for n in existing}
    for name in names:
        if name.casefold() in seen:
            raise ServiceError(f"Deze gemeente staat er twee keer in: {name}. Haal er één weg.")
        seen.add(name.casefold())

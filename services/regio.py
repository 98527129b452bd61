"""Regio's, their gemeenten and their settings."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from analysis.disclosure import GroupRule
from analysis.picture import CountingRule
from domain.access import Principal, Role
from domain.audit import Action
from domain.models import Gemeente, Regio
from domain.text import LIMITS, clean_name
from services import ServiceError, audit, fitting
from services.authz import is_installation_beheerder, require_installation_beheerder, require_regio, sees_gemeente
from store import repository as repo
from store.unit_of_work import reading, writing

MAX_GEMEENTEN = 400
ALL_ROLES = (Role.BEHEERDER, Role.REGIO, Role.FACILITATOR, Role.GEMEENTE)


def has_any_regio(engine: Engine) -> bool:
    with reading(engine) as session:
        return repo.count_regios(session) > 0


def list_regios(engine: Engine, principal: Principal) -> list[Regio]:
    with reading(engine) as session:
        regios = repo.list_regios(session)
    if is_installation_beheerder(principal):
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
    return [g for g in gemeenten if sees_gemeente(principal, g.id)]


def parse_gemeente_names(text: str) -> list[str]:
    """One name per line (or separated by commas); blank entries are dropped."""
    names = [clean_name(part) for line in text.splitlines() for part in line.split(",")]
    return [n for n in names if n]


@audit.logs(Action.SETTING, lambda k: f"nieuwe regio: {k['name']}")
def create_regio(engine: Engine, principal: Principal, *, name: str, gemeente_names: list[str]) -> Regio:
    require_installation_beheerder(principal, "Alleen de beheerder van de installatie kan een regio aanmaken.")
    name = fitting(clean_name(name), LIMITS["name"])
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


@audit.logs(Action.SETTING, lambda k: f"gemeenten toegevoegd aan regio {k['regio_id']}: {len(k['names'])}")
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


def settings_changed(keywords: dict[str, object]) -> str:
    """Which of the regio's rules a call sets, for the audit log; word lists by count only (they may hold names)."""
    said = {"gemeente_sees_average": "gemeenten zien gemiddelde", "min_gemeenten": "minimum aantal gemeenten",
            "counting_rule": "welke ronde telt", "group_rule": "regel voor 0 van y en y van y",
            "dominance": "grootste deel van één gemeente"}  # fmt: skip
    parts = [f"{label}: {keywords[key]}" for key, label in said.items() if keywords.get(key) is not None]
    for key, label in (("words_kept", "woorden die blijven staan"), ("words_removed", "woorden die weggaan")):
        words = keywords.get(key)
        if isinstance(words, tuple | list):
            parts.append(f"{label}: {len(words)}")
    return f"regio {keywords.get('regio_id')}: " + ("; ".join(parts) or "niets")


@audit.logs(Action.SETTING, settings_changed)
def set_regio_settings(
    engine: Engine,
    principal: Principal,
    *,
    regio_id: int,
    gemeente_sees_average: bool | None = None,
    min_gemeenten: int | None = None,
    counting_rule: str | None = None,
    group_rule: str | None = None,
    dominance: int | None = None,
    words_kept: tuple[str, ...] | None = None,
    words_removed: tuple[str, ...] | None = None,
) -> None:
    """The regio's rules for what leaves the regio team (its beheerder or the regio team itself): whether
    gemeenten see the regional average, the minimum number of gemeenten, which round counts, what happens to
    "0 van y" and "y van y", the dominance limit of sums, and the words shared text keeps or leaves out."""
    require_regio(principal, regio_id, roles=(Role.BEHEERDER, Role.REGIO))
    values: dict[str, object] = {}
    if gemeente_sees_average is not None:
        values["gemeente_sees_average"] = gemeente_sees_average
    if min_gemeenten is not None:
        if not 1 <= min_gemeenten <= 50:
            raise ServiceError("Kies voor het minimum aantal gemeenten een getal van 1 tot en met 50.")
        values["min_gemeenten"] = min_gemeenten
    if counting_rule is not None:
        if counting_rule not in {r.value for r in CountingRule}:
            raise ServiceError("Kies welke ronde van een gemeente meetelt.")
        values["counting_rule"] = counting_rule
    if group_rule is not None:
        if group_rule not in {r.value for r in GroupRule}:
            raise ServiceError("Kies wat er gebeurt met '0 van y' en 'y van y'.")
        values["group_rule"] = group_rule
    if dominance is not None:
        if not 50 <= dominance <= 100:
            raise ServiceError("Kies voor het deel van één gemeente in een som een getal van 50 tot en met 100.")
        values["dominance"] = dominance
    if words_kept is not None:
        values["words_kept"] = _word_list(words_kept, "laat staan")
    if words_removed is not None:
        values["words_removed"] = _word_list(words_removed, "laat weg")
    if not values:
        return
    with writing(engine) as session:
        repo.set_regio_settings(session, regio_id=regio_id, **values)


MOST_WORDS, LONGEST_WORD = 300, 80


def _word_list(words: tuple[str, ...], what: str) -> tuple[str, ...]:
    """Cleaned, each once (however typed), in the order given; refused in Dutch when too many or too long."""
    seen: dict[str, str] = {}
    for word in (clean_name(w) for w in words):
        if len(word) > LONGEST_WORD:
            raise ServiceError(
                f"Een woord dat de regio {what} is te lang (hoogstens {LONGEST_WORD} tekens): {word[:40]}…"
            )
        if word:
            seen.setdefault(word.casefold(), word)
    if len(seen) > MOST_WORDS:
        raise ServiceError(f"De regio {what} hoogstens {MOST_WORDS} woorden; nu zijn het er {len(seen)}.")
    return tuple(seen.values())


def _check_new_names(names: list[str], *, existing: list[str]) -> None:
    if len(names) + len(existing) > MAX_GEMEENTEN:
        raise ServiceError(f"Een regio kan hier hoogstens {MAX_GEMEENTEN} gemeenten hebben.")
    seen = {n.casefold() for n in existing}
    for name in names:
        if name.casefold() in seen:
            raise ServiceError(f"Deze gemeente staat er twee keer in: {name}. Haal er één weg.")
        seen.add(name.casefold())

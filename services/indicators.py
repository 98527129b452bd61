"""Procesindicatoren beside the zelfscan: the regio's set, availability, figures per period, files.

Who may do what:
- the regio defines its set (from the template, or its own), scores availability, delivers figures
  (typed or as a file) and sees every gemeente's line;
- a gemeente sees its own line and, when the regio lets gemeenten see the regional average, the
  regional line (a sum only when it rests on enough gemeenten);
- files that leave the regio team hold no gemeente name and no count below the regio's threshold.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import indicators
from analysis.indicators import NONE, IndicatorLine, SeriesRow, Shown, exact_shown, normal_period, series
from analysis.picture import SharedIndicatorPeriod
from domain.access import Principal, Role
from domain.audit import Action
from domain.models import Gemeente, Regio
from domain.text import clean_name, clean_text
from imports.indicator_figures import FiguresRefused, Problem, read_figures
from indicators.models import Figure, Indicator, RegioIndicator, Retrievable, Unambiguous, Unit
from services import ServiceError, audit
from services.authz import (
    Forbidden,
    keeps_regio_sets,
    own_gemeente,
    regional_average_shown,
    require_regio,
    require_team,
    sees_gemeente,
)
from services.publications import latest as latest_publication
from store import indicator_repo
from store import repository as repo
from store.unit_of_work import reading, writing

NOT_FOUND = "Deze indicator bestaat niet (meer). Kies een indicator uit de lijst."


class Overview(BaseModel):
    model_config = ConfigDict(frozen=True)

    regio: Regio
    indicators: tuple[RegioIndicator, ...]
    gemeenten: tuple[Gemeente, ...]  # for a gemeente: only itself
    min_count: int
    can_edit: bool
    sees_regional_line: bool


class ImportReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    stored: int
    changed: int
    problems: tuple[Problem, ...] = ()

    @property
    def outcome(self) -> str:
        """How the import ended, for the audit log."""
        if self.problems:
            return f"mislukt: {len(self.problems)} problemen in het bestand, niets opgeslagen"
        return f"gelukt: {self.stored} cijfers, {self.changed} gewijzigd"


def _regio_of(principal: Principal) -> int:
    return require_team(principal)


def require_editor(principal: Principal, regio_id: int) -> None:
    require_regio(principal, regio_id, roles=(Role.REGIO,))


def _own_indicator(session: Session, regio_id: int, indicator_id: int) -> RegioIndicator:
    """An indicator of this regio's set, or a plain message (another regio's: no access)."""
    try:
        owner, item = indicator_repo.get_indicator(session, indicator_id=indicator_id)
    except repo.NotFound as exc:
        raise ServiceError(NOT_FOUND) from exc
    if owner != regio_id:
        raise Forbidden()
    return item


def overview(engine: Engine, principal: Principal) -> Overview:
    regio_id = _regio_of(principal)
    with reading(engine) as session:
        regio = repo.get_regio(session, regio_id=regio_id)
        gemeenten = repo.list_gemeenten(session, regio_id=regio_id)
        return Overview(
            regio=regio,
            indicators=tuple(indicator_repo.list_indicators(session, regio_id=regio_id)),
            gemeenten=tuple(g for g in gemeenten if sees_gemeente(principal, g.id)),
            min_count=indicator_repo.min_count(session, regio_id=regio_id),
            can_edit=keeps_regio_sets(principal),
            sees_regional_line=regional_average_shown(
                principal, regio_id, gemeente_sees_average=regio.gemeente_sees_average
            ),
        )


# --- the set -----------------------------------------------------------------------------


def adopt_from_template(engine: Engine, principal: Principal, *, keys: list[str]) -> int:
    """Add the chosen indicators of the template set; one already in the set stays as the regio edited it."""
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    template = indicators.template()
    known = {i.key for i in template.indicators}
    if not keys or any(k not in known for k in keys):
        raise ServiceError("Kies een of meer indicatoren uit de voorbeeldset.")
    with writing(engine) as session:
        for key in keys:
            indicator_repo.add_indicator(
                session, regio_id=regio_id, indicator=template.by_key(key), template_version=template.version
            )
    return len(keys)


def edit_indicator(engine: Engine, principal: Principal, *, indicator_id: int, **fields: object) -> None:
    """Change an indicator's texts or attributes; every change is validated as the template is."""
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    with writing(engine) as session:
        current = _own_indicator(session, regio_id, indicator_id)
        cleaned = {
            k: clean_name(str(v)) if k in ("name", "thema", "source", "frequency") else v for k, v in fields.items()
        }
        if "definition" in cleaned:
            cleaned["definition"] = clean_text(str(cleaned["definition"])).strip()
        try:
            changed = Indicator.model_validate({**current.indicator.model_dump(), **cleaned})
        except ValidationError as exc:
            raise ServiceError(_why(exc)) from exc
        indicator_repo.update_indicator(session, indicator_id=indicator_id, indicator=changed)


def _why(exc: ValidationError) -> str:
    names = {"name": "de naam", "definition": "de definitie", "thema": "het thema", "source": "de bron",
             "frequency": "hoe vaak", "standards": "de standaarden", "questions": "de vragen"}  # fmt: skip
    field = str(exc.errors()[0]["loc"][0]) if exc.errors() and exc.errors()[0]["loc"] else ""
    return f"Controleer {names.get(field, 'wat u invulde')}: vul iets in van niet te veel tekens."


def remove_indicator(engine: Engine, principal: Principal, *, indicator_id: int) -> None:
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    with writing(engine) as session:
        _own_indicator(session, regio_id, indicator_id)
        indicator_repo.remove_indicator(session, indicator_id=indicator_id)


def set_availability(
    engine: Engine,
    principal: Principal,
    *,
    indicator_id: int,
    retrievable: Retrievable | None,
    unambiguous: Unambiguous | None,
) -> None:
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    with writing(engine) as session:
        _own_indicator(session, regio_id, indicator_id)
        indicator_repo.set_availability(
            session, indicator_id=indicator_id, retrievable=retrievable, unambiguous=unambiguous
        )


@audit.logs(Action.SETTING, lambda k: f"procesindicatoren: minimum aantal {k['value']}")
def set_min_count(engine: Engine, principal: Principal, *, value: int) -> None:
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    if not 1 <= value <= 100:
        raise ServiceError("Kies een drempel van 1 tot en met 100.")
    with writing(engine) as session:
        indicator_repo.set_min_count(session, regio_id=regio_id, value=value)


# --- figures -----------------------------------------------------------------------------


def save_typed(
    engine: Engine, principal: Principal, *, indicator_id: int, period: str, values: dict[int | None, float | None]
) -> int:
    """Figures typed in the app for one indicator and period: gemeente id (None: the regio) -> value."""
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    normal = normal_period(period)
    if normal is None:
        raise ServiceError("Deze periode kunnen we niet lezen. Schrijf 2025, 2025-K1, 2025-H2 of 2025-03.")
    with writing(engine) as session:
        item = _own_indicator(session, regio_id, indicator_id)
        known = {g.id for g in repo.list_gemeenten(session, regio_id=regio_id)}
        figures = []
        for gemeente_id, value in values.items():
            if value is None:
                continue
            if gemeente_id is not None and gemeente_id not in known:
                raise Forbidden()
            if value < 0 or (item.indicator.unit is Unit.COUNT and not float(value).is_integer()):
                raise ServiceError("Een aantal is een heel getal van 0 of meer.")
            if item.indicator.unit is Unit.PERCENTAGE and value > 100:
                raise ServiceError("Een percentage ligt tussen 0 en 100.")
            figures.append(Figure(indicator_id=indicator_id, gemeente_id=gemeente_id, period=normal, value=value))
        return indicator_repo.save_figures(session, figures_to_store=figures, actor=principal.actor)


@audit.logs(Action.IMPORT, lambda k: f"cijfers procesindicatoren uit {k['file_name']}", lambda r: r.outcome)
def import_figures(engine: Engine, principal: Principal, *, data: bytes, file_name: str) -> ImportReport:
    """Read a CSV or Excel file of figures. With any problem nothing is stored, and every problem is named."""
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    with reading(engine) as session:
        items = indicator_repo.list_indicators(session, regio_id=regio_id)
        gemeenten = repo.list_gemeenten(session, regio_id=regio_id)
    if not items:
        raise ServiceError("Kies eerst de indicatoren van de regio. Daarna kunt u cijfers inlezen.")
    # An indicator is named in the file by its code (as in the template) or by its name, as people read it.
    units = {i.indicator.key: i.indicator.unit for i in items} | {i.indicator.name: i.indicator.unit for i in items}
    try:
        parsed = read_figures(data, file_name, units, [g.name for g in gemeenten])
    except FiguresRefused as exc:
        raise ServiceError(str(exc)) from exc
    if parsed.problems:
        return ImportReport(stored=0, changed=0, problems=parsed.problems)
    ids = {i.indicator.key: i.id for i in items} | {i.indicator.name: i.id for i in items}
    by_name = {g.name: g.id for g in gemeenten}
    figures = [
        Figure(
            indicator_id=ids[f.key],
            gemeente_id=None if f.gemeente is None else by_name[f.gemeente],
            period=f.period,
            value=f.value,
        )
        for f in parsed.figures
    ]
    with writing(engine) as session:
        changed = indicator_repo.save_figures(session, figures_to_store=figures, actor=principal.actor)
    return ImportReport(stored=len(figures), changed=changed)


def lines(engine: Engine, principal: Principal, *, indicator_id: int) -> tuple[RegioIndicator, list[SeriesRow]]:
    """The figures of one indicator over time, as this person may see them: the regio every gemeente (small
    counts and what would give them away withheld); a gemeente its own figures as delivered, and the regional
    figure from the regio's newest publication when the regio lets gemeenten see it."""
    view = overview(engine, principal)
    item = next((i for i in view.indicators if i.id == indicator_id), None)
    if item is None:
        raise ServiceError(NOT_FOUND)
    with reading(engine) as session:
        figures = indicator_repo.figures(session, indicator_ids=[indicator_id])
        every = [g.id for g in repo.list_gemeenten(session, regio_id=view.regio.id)]
    rows = series(figures, item.indicator.unit, every, view.min_count)
    own_id = own_gemeente(principal)
    if own_id is not None:
        own = {f.period: f.value for f in figures if f.gemeente_id == own_id}
        shared = shared_periods(engine, principal, regio_id=view.regio.id, indicator_id=indicator_id)
        rows = [_gemeente_row(r, view, item, own, shared) for r in rows]
    return item, rows


def shared_periods(
    engine: Engine, principal: Principal, *, regio_id: int, indicator_id: int
) -> dict[str, SharedIndicatorPeriod]:
    """The regional figures of one indicator as the regio last shared them, by period."""
    picture = latest_publication(engine, principal, regio_id=regio_id)
    found = next((i for i in picture.indicators if i.indicator_id == indicator_id), None) if picture else None
    return {p.period: p for p in found.periods} if found else {}


def _gemeente_row(
    row: SeriesRow,
    view: Overview,
    item: RegioIndicator,
    own: dict[str, float],
    shared: dict[str, SharedIndicatorPeriod],
) -> SeriesRow:
    """A gemeente sees its own figure as it delivered it, and the regional figure only as the regio shared it."""
    mine = {g.id: exact_shown(own.get(row.period), item.indicator.unit) for g in view.gemeenten}
    period = shared.get(row.period)
    if not view.sees_regional_line or period is None or period.value is None:
        return row.model_copy(update={"gemeenten": mine, "regio": NONE, "regio_basis": "niet getoond"})
    regio = Shown(value=period.value, text=period.regio)
    return row.model_copy(update={"gemeenten": mine, "regio": regio, "regio_basis": period.basis})


def latest(engine: Engine, principal: Principal) -> list[tuple[RegioIndicator, SeriesRow | None]]:
    """Per indicator its newest period, as this person may see it (for beside the spinnenweb)."""
    view = overview(engine, principal)
    found = []
    for item in view.indicators:
        _, rows = lines(engine, principal, indicator_id=item.id)
        found.append((item, rows[-1] if rows else None))
    return found


def gemeente_lines(engine: Engine, principal: Principal, *, gemeente_id: int) -> tuple[IndicatorLine, ...]:
    """For a gemeente's report: its own newest figure per indicator (as its reader sees it on the pages), and the
    regional figure of that period as the regio last shared it, when gemeenten may see it."""
    if not sees_gemeente(principal, gemeente_id):
        raise Forbidden()
    view = overview(engine, principal)
    found = []
    for item, row in latest(engine, principal):
        if row is None or gemeente_id not in row.gemeenten:
            continue
        shared = shared_periods(engine, principal, regio_id=view.regio.id, indicator_id=item.id).get(row.period)
        visible = shared is not None and shared.value is not None and view.regio.gemeente_sees_average
        found.append(
            IndicatorLine(
                name=item.indicator.name,
                definition=item.indicator.definition,
                unit=item.indicator.unit.value,
                standards=item.indicator.standards,
                period=row.period,
                own=row.gemeenten[gemeente_id].text,
                regio=shared.regio if visible and shared else NONE.text,
                regio_basis=shared.basis if visible and shared else "niet getoond",
            )
        )
    return tuple(found)


def add_own_indicator(engine: Engine, principal: Principal, **fields: object) -> int:
    """An indicator the regio defines itself (not from the template), validated as the template is."""
    regio_id = _regio_of(principal)
    require_editor(principal, regio_id)
    name = clean_name(str(fields.get("name", "")))
    key = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode())
    key = key.strip("-")[:32] or "indicator"
    cleaned = {k: clean_name(v) if isinstance(v, str) and k != "definition" else v for k, v in fields.items()}
    cleaned["definition"] = clean_text(str(fields.get("definition", ""))).strip()
    with writing(engine) as session:
        taken = {i.indicator.key for i in indicator_repo.list_indicators(session, regio_id=regio_id)}
        unique, n = key if len(key) > 1 else f"{key}-1", 2
        while unique in taken:
            unique, n = f"{key}-{n}", n + 1
        try:
            indicator = Indicator.model_validate({**cleaned, "name": name, "key": unique})
        except ValidationError as exc:
            raise ServiceError(_why(exc)) from exc
        return indicator_repo.add_indicator(session, regio_id=regio_id, indicator=indicator, template_version=None)

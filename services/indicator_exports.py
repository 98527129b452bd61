"""Files of the procesindicatoren: the template to fill in, the figures without gemeente names (for the
regio team only), and the newest figures for the factsheet."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from analysis.anonymise import mask_names
from analysis.indicators import AnonymousRow, IndicatorLine, anonymous, normal_period, series
from domain.access import Principal
from exports.csv_indicators import anonymised_csv
from exports.xlsx_indicators import anonymised_workbook, template_workbook
from indicators.models import RegioIndicator
from services import ServiceError
from services.indicators import Overview, overview, require_editor
from store import indicator_repo
from store.unit_of_work import reading

# --- files -------------------------------------------------------------------------------


def template_file(engine: Engine, principal: Principal, *, period: str) -> tuple[str, bytes]:
    view = overview(engine, principal)
    require_editor(principal, view.regio.id)
    normal = normal_period(period)
    if normal is None:
        raise ServiceError("Deze periode kunnen we niet lezen. Schrijf 2025, 2025-K1, 2025-H2 of 2025-03.")
    data = template_workbook(view.regio.name, view.indicators, [g.name for g in view.gemeenten], normal)
    return f"Sjabloon procesindicatoren {view.regio.name} {normal}.xlsx", data


def _anonymous(
    engine: Engine, principal: Principal
) -> tuple[Overview, list[tuple[RegioIndicator, list[AnonymousRow]]]]:
    view = overview(engine, principal)
    require_editor(principal, view.regio.id)
    with reading(engine) as session:
        figures = indicator_repo.figures(session, indicator_ids=[i.id for i in view.indicators])
    ids = [g.id for g in view.gemeenten]
    names = [g.name for g in view.gemeenten]
    found = []
    for item in view.indicators:
        rows = series([f for f in figures if f.indicator_id == item.id], item.indicator.unit, ids, view.min_count)
        # The regio's own texts may name a gemeente ("alleen Aadorp levert dit"): masked as in the scan's files.
        texts = {f: mask_names(getattr(item.indicator, f), names) for f in ("name", "definition", "source", "thema")}
        masked = item.model_copy(update={"indicator": item.indicator.model_copy(update=texts)})
        found.append((masked, anonymous(rows, item.indicator.unit, view.min_count, view.regio.min_gemeenten)))
    return view, found


def anonymised_files(
    engine: Engine, principal: Principal, *, made_on: date | None = None
) -> dict[str, tuple[str, bytes]]:
    """The figures without gemeente names: {"xlsx": (file name, bytes), "csv": (...)}."""
    view, found = _anonymous(engine, principal)
    title = f"Procesindicatoren {view.regio.name}, zonder namen van gemeenten"
    name = f"Procesindicatoren {view.regio.name} zonder namen"
    return {
        "xlsx": (
            f"{name}.xlsx",
            anonymised_workbook(title, made_on or date.today(), found, view.min_count, view.regio.min_gemeenten),
        ),
        "csv": (f"{name}.csv", anonymised_csv(found)),
    }


def anonymous_latest(engine: Engine, principal: Principal) -> tuple[IndicatorLine, ...]:
    """For the factsheet: per indicator with figures its newest period, without gemeente names."""
    _, found = _anonymous(engine, principal)
    return tuple(
        IndicatorLine(
            name=item.indicator.name,
            definition=item.indicator.definition,
            unit=item.indicator.unit.value,
            standards=item.indicator.standards,
            period=rows[-1].period,
            regio=rows[-1].regio.text,
            regio_basis=rows[-1].regio_basis,
            spread=_spread(rows[-1]),
        )
        for item, rows in found
        if rows
    )


def _spread(row: AnonymousRow) -> str:
    if row.lowest.startswith(("niet getoond", "geen cijfers")):
        return row.lowest
    if row.highest.startswith("niet getoond"):
        return f"laagste {row.lowest}; hoogste {row.highest} ({row.gemeenten} gemeenten)"
    return f"{row.lowest} tot {row.highest} ({row.gemeenten} gemeenten)"

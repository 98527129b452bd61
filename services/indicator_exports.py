"""Files of the procesindicatoren: the template to fill in, and the figures without gemeente names (from the
regio's newest publication, as every shared output)."""

from __future__ import annotations

from sqlalchemy import Engine

from analysis.indicators import normal_period
from domain.access import Principal
from exports.csv_indicators import anonymised_csv
from exports.xlsx_indicators import anonymised_workbook, template_workbook
from services import ServiceError
from services.indicators import overview, require_editor
from services.publications import NOTHING_YET, latest

# --- files -------------------------------------------------------------------------------


def template_file(engine: Engine, principal: Principal, *, period: str) -> tuple[str, bytes]:
    view = overview(engine, principal)
    require_editor(principal, view.regio.id)
    normal = normal_period(period)
    if normal is None:
        raise ServiceError("Deze periode kunnen we niet lezen. Schrijf 2025, 2025-K1, 2025-H2 of 2025-03.")
    data = template_workbook(view.regio.name, view.indicators, [g.name for g in view.gemeenten], normal)
    return f"Sjabloon procesindicatoren {view.regio.name} {normal}.xlsx", data


def anonymised_files(engine: Engine, principal: Principal) -> dict[str, tuple[str, bytes]]:
    """The figures without gemeente names, from the regio's newest publication: {"xlsx": (file name, bytes),
    "csv": (...)}. Refused with a Dutch message when the regio has not shared anything yet."""
    view = overview(engine, principal)
    require_editor(principal, view.regio.id)
    picture = latest(engine, principal, regio_id=view.regio.id)
    if picture is None:
        raise ServiceError(NOTHING_YET + " Leg eerst een stand vast op de pagina Regio, bij 'Delen en downloaden'.")
    name = f"Procesindicatoren {view.regio.name} zonder namen"
    return {"xlsx": (f"{name}.xlsx", anonymised_workbook(picture)), "csv": (f"{name}.csv", anonymised_csv(picture))}

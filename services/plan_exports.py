"""A verbeterplan as files: Word (.docx) to write and adopt it, Excel (.xlsx) as an action list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from analysis.verbeterplan import PlanView
from domain.access import Principal
from domain.calendar import dutch_today
from domain.plan import PlanKind
from exports.docx_verbeterplan import verbeterplan_docx
from exports.pdf_verbeterplan import verbeterplan_pdf
from exports.radar_png import radar_png
from exports.xlsx_verbeterplan import verbeterplan_workbook
from services.plans import open_plan
from services.workbooks import XLSX, file_slug

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def plan_file_name(view: PlanView, today: date, extension: str) -> str:
    """A regional plan's file name carries the regio's name only, never a gemeente's."""
    whose = "regio-" + file_slug(view.subject) if view.plan.info.kind is PlanKind.REGIO else file_slug(view.subject)
    return f"verbeterplan-{whose}-{today.isoformat()}.{extension}"


def plan_radar(view: PlanView) -> bytes:
    labels = [f"{f.number}. {f.short_name}" for f in view.figures]
    title = "Gemiddelde van de gemeenten" if view.plan.info.kind is PlanKind.REGIO else f"Spinnenweb {view.subject}"
    return radar_png(labels, [f.share for f in view.figures], title, incomplete=[not f.complete for f in view.figures])


def plan_document(
    engine: Engine, principal: Principal, *, plan_id: int, today: date | None = None, cover: bool = False
) -> tuple[str, bytes]:
    today = today or dutch_today()
    view = open_plan(engine, principal, plan_id=plan_id, shared=True)
    return plan_file_name(view, today, "docx"), verbeterplan_docx(view, plan_radar(view), today=today, cover=cover)


def plan_pdf(
    engine: Engine, principal: Principal, *, plan_id: int, today: date | None = None, cover: bool = False
) -> tuple[str, bytes]:
    today = today or dutch_today()
    view = open_plan(engine, principal, plan_id=plan_id, shared=True)
    return plan_file_name(view, today, "pdf"), verbeterplan_pdf(view, today=today, cover=cover)


def plan_workbook(
    engine: Engine, principal: Principal, *, plan_id: int, today: date | None = None
) -> tuple[str, bytes]:
    today = today or dutch_today()
    view = open_plan(engine, principal, plan_id=plan_id, shared=True)
    return plan_file_name(view, today, "xlsx"), verbeterplan_workbook(view, today=today)


__all__ = ["DOCX", "XLSX", "plan_document", "plan_pdf", "plan_workbook"]

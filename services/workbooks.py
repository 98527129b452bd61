"""The zelfscan workbook for a gemeente (blank or filled) and the regio's archive workbook."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

import questionnaire
from domain.access import Principal, Role
from domain.calendar import dutch_today
from exports.xlsx_writer import sheet_title as sheet_name
from exports.xlsx_zelfscan import ScanSheet, archive_workbook, zelfscan_workbook
from services import ServiceError
from services.authz import require_gemeente, require_regio
from services.scan import open_scan
from store import answers_repo, version_repo
from store import repository as repo
from store.unit_of_work import reading

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_slug(text: str) -> str:
    """A name as it may stand in a file name: letters and digits, the rest dashes."""
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def workbook_file_name(gemeente: str, held_on: date) -> str:
    return f"zelfscan-{file_slug(gemeente)}-{held_on.isoformat()}.xlsx"


def blank_workbook_name(gemeente: str) -> str:
    return f"zelfscan-{file_slug(gemeente)}-leeg.xlsx"


def round_workbook(engine: Engine, principal: Principal, *, round_id: int) -> tuple[str, bytes]:
    """The workbook of one round, filled in as it is stored now."""
    snapshot = open_scan(engine, principal, round_id=round_id)
    info = snapshot.info
    scan = ScanSheet(
        gemeente=info.gemeente_name,
        held_on=info.held_on,
        purpose=info.purpose.value,
        answers=snapshot.answers,
        extras=snapshot.extra_questions,
        extra_answers=snapshot.extra_answers,
    )
    return workbook_file_name(info.gemeente_name, info.held_on), zelfscan_workbook(snapshot.questionnaire, scan)


def blank_workbook(engine: Engine, principal: Principal, *, gemeente_id: int) -> tuple[str, bytes]:
    """An empty workbook with the gemeente's name filled in, to fill in offline."""
    with reading(engine) as session:
        try:
            gemeente = repo.get_gemeente(session, gemeente_id=gemeente_id)
        except repo.NotFound as exc:
            raise ServiceError("Deze gemeente bestaat niet (meer).") from exc
        version = version_repo.version_for_new_round(session, regio_id=gemeente.regio_id)
        extras = tuple(version_repo.extra_questions(session, regio_id=gemeente.regio_id))
    require_gemeente(principal, gemeente_id=gemeente.id, regio_id=gemeente.regio_id)
    scan = ScanSheet(gemeente=gemeente.name, held_on=None, purpose="", extras=extras)
    return blank_workbook_name(gemeente.name), zelfscan_workbook(questionnaire.by_version(version), scan)


def regio_archive(engine: Engine, principal: Principal, *, regio_id: int) -> tuple[str, bytes]:
    """Every round of every gemeente of the regio, a sheet per gemeente, for archiving."""
    require_regio(principal, regio_id, roles=(Role.REGIO,))
    with reading(engine) as session:
        regio = repo.get_regio(session, regio_id=regio_id)
        names = {g.id: g.name for g in repo.list_gemeenten(session, regio_id=regio_id)}
        rounds = repo.rounds_of_regio(session, regio_id=regio_id, counting_only=False)
        answers = answers_repo.answers_of_rounds(session, round_ids=[r[0] for r in rounds])
    taken: set[str] = {"uitleg"}
    sheets = {gemeente_id: sheet_name(name, taken) for gemeente_id, name in sorted(names.items(), key=lambda i: i[1])}
    scans = []
    # rounds_of_regio gives the newest first; a stable sort by gemeente keeps that order per sheet
    for round_id, gemeente_id, held_on, purpose, version in sorted(rounds, key=lambda r: names[r[1]]):
        title = sheets[gemeente_id]
        scan = ScanSheet(
            gemeente=names[gemeente_id],
            held_on=held_on,
            purpose=purpose,
            answers={a.question_number: a for a in answers[round_id]},
            sheet_title=title,
        )
        scans.append((questionnaire.by_version(version), scan))
    title = f"Zelfscan archief {regio.name}"
    with_rounds = {r[1] for r in rounds}
    empty = [sheet for gemeente_id, sheet in sheets.items() if gemeente_id not in with_rounds]
    file_name = f"zelfscan-archief-{file_slug(regio.name)}-{dutch_today().isoformat()}.xlsx"
    return file_name, archive_workbook(title, scans, empty)

"""Read filled-in workbooks in: show what was found, store only on confirmation, never twice."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

import questionnaire
from analysis.formatting import long_date
from domain.access import Principal, Role
from domain.models import Purpose
from imports.xlsx_zelfscan import ParsedWorkbook, Problem, WorkbookRefused, read_workbook
from services import ServiceError
from services.authz import Forbidden, require_regio
from store import answers_repo
from store import repository as repo
from store.unit_of_work import reading, writing


class FilePreview(BaseModel):
    """What one file holds, before anything is stored."""

    model_config = ConfigDict(frozen=True)

    file_name: str
    refused: str | None = None  # the file cannot be read in at all
    gemeente_id: int | None = None
    gemeente_name: str | None = None
    held_on: date | None = None
    purpose: Purpose | None = None
    answered: int = 0
    toelichtingen: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def can_store(self) -> bool:
        return self.refused is None


def preview(engine: Engine, principal: Principal, *, file_name: str, data: bytes) -> FilePreview:
    try:
        parsed, gemeente_id, gemeente_name, problems = _check(engine, principal, data)
    except (WorkbookRefused, ServiceError) as exc:
        return FilePreview(file_name=file_name, refused=str(exc))
    return FilePreview(
        file_name=file_name,
        gemeente_id=gemeente_id,
        gemeente_name=gemeente_name,
        held_on=parsed.held_on or date.today(),
        purpose=Purpose(parsed.purpose) if parsed.purpose else Purpose.NULMETING,
        answered=parsed.answered,
        toelichtingen=parsed.toelichtingen,
        problems=tuple(problems),
    )


def store(engine: Engine, principal: Principal, *, file_name: str, data: bytes, accept_problems: bool) -> int:
    """Store the file as a new round of its gemeente; refuses when problems were not accepted."""
    try:
        parsed, gemeente_id, _, problems = _check(engine, principal, data)
    except WorkbookRefused as exc:
        raise ServiceError(str(exc)) from exc
    if problems and not accept_problems:
        raise ServiceError(f"{file_name}: er zijn problemen. Bekijk ze en geef aan dat u ze accepteert.")
    actor = f"{principal.actor}, ingelezen uit {file_name}"
    with writing(engine) as session:
        if repo.round_from_file(session, gemeente_id=gemeente_id, source_hash=parsed.file_hash):
            raise ServiceError(f"{file_name} is al eerder ingelezen. Er komt geen tweede ronde bij.")
        round_id = repo.create_round(
            session,
            gemeente_id=gemeente_id,
            held_on=parsed.held_on or date.today(),
            purpose=Purpose(parsed.purpose) if parsed.purpose else Purpose.NULMETING,
            questionnaire_version=questionnaire.current().version,
            participants=[],
            source_hash=parsed.file_hash,
        )
        for answer in parsed.answers:
            for field, new in (
                ("value", answer.value.value if answer.value else None),
                ("toelichting", answer.toelichting),
            ):
                if new:
                    answers_repo.save_field(
                        session,
                        round_id=round_id,
                        question_number=answer.number,
                        field=field,  # type: ignore[arg-type]
                        new=new,
                        expected=None,
                        actor=actor,
                        code_id=principal.code_id,
                    )
    return round_id


def _check(engine: Engine, principal: Principal, data: bytes) -> tuple[ParsedWorkbook, int, str, list[Problem]]:
    """Parse, find the gemeente, check who may read it in, and list every problem."""
    if principal.role not in (Role.GEMEENTE, Role.REGIO) or principal.regio_id is None:
        raise Forbidden()
    require_regio(principal, principal.regio_id, roles=(Role.GEMEENTE, Role.REGIO))
    parsed = read_workbook(data)
    with reading(engine) as session:
        regio = repo.get_regio(session, regio_id=principal.regio_id)
        gemeenten = repo.list_gemeenten(session, regio_id=principal.regio_id)
        by_name = {g.name.casefold(): g for g in gemeenten}
        if parsed.gemeente:
            gemeente = by_name.get(parsed.gemeente.casefold())
            if gemeente is None:
                raise ServiceError(
                    f"Gemeente '{parsed.gemeente}' hoort niet bij {regio.name}. Controleer de naam op het blad "
                    "'Vragen' (cel C2)."
                )
        elif principal.role is Role.GEMEENTE:
            gemeente = next(g for g in gemeenten if g.id == principal.gemeente_id)
        else:
            raise ServiceError("In dit werkboek staat geen gemeente (blad 'Vragen', cel C2). Vul de naam in.")
        if principal.role is Role.GEMEENTE and gemeente.id != principal.gemeente_id:
            raise Forbidden("Dit werkboek is van een andere gemeente. U kunt alleen uw eigen gemeente inlezen.")
        earlier = repo.round_from_file(session, gemeente_id=gemeente.id, source_hash=parsed.file_hash)
    if earlier:
        raise ServiceError(
            f"Dit bestand is al ingelezen als de ronde van {long_date(earlier[1])}. Er komt geen tweede ronde bij."
        )
    problems = list(parsed.problems)
    if parsed.held_on is None:
        problems.append(
            Problem(sheet="Vragen", cell="C3", message="De datum ontbreekt. We nemen de datum van vandaag.")
        )
    if parsed.purpose is None:
        problems.append(
            Problem(sheet="Vragen", cell="C4", message="Het doel ontbreekt of is onbekend. We nemen 'nulmeting'.")
        )
    return parsed, gemeente.id, gemeente.name, problems

"""Read filled-in workbooks in: show what was found, store only on confirmation, never twice.

What is stored is exactly what the preview showed: the preview carries a digest of the parsed
content, and storing parses the file again and refuses when the digest differs.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

import questionnaire
from analysis.anonymise import fold
from analysis.formatting import long_date
from domain.access import Principal
from domain.answers import AnswerField
from domain.audit import Action
from domain.calendar import dutch_today
from domain.models import EXTRA_BASE, Gemeente, Purpose
from imports.xlsx_zelfscan import ChooseSheet, ParsedAnswer, ParsedWorkbook, Problem, WorkbookRefused, read_workbook
from services import ServiceError, audit
from services.authz import Forbidden, own_gemeente, require_team, sees_gemeente
from store import answers_repo, version_repo
from store import repository as repo
from store.unit_of_work import reading, writing

EMPTY = (
    "In dit werkboek staat geen enkel antwoord en geen toelichting. Er wordt niets ingelezen. "
    "Kijk of u het goede bestand koos, en of de antwoorden in kolom E staan (of onder 'Antwoord')."
)


class FilePreview(BaseModel):
    """What one file holds, before anything is stored."""

    model_config = ConfigDict(frozen=True)

    file_name: str
    refused: str | None = None  # the file cannot be read in at all
    sheets: tuple[str, ...] = ()  # several sheets hold questions: the person chooses one
    sheet: str | None = None
    gemeente_id: int | None = None
    gemeente_name: str | None = None
    held_on: date | None = None
    purpose: Purpose | None = None
    version: str = ""  # the questionnaire version the round will have
    answered: int = 0
    toelichtingen: int = 0
    answers: tuple[ParsedAnswer, ...] = ()
    problems: tuple[Problem, ...] = ()
    digest: str = ""

    @property
    def can_store(self) -> bool:
        return self.refused is None and not self.sheets


def preview(
    engine: Engine, principal: Principal, *, file_name: str, data: bytes, sheet: str | None = None
) -> FilePreview:
    try:
        parsed, gemeente, problems, version = _check(engine, principal, data, sheet, file_name)
    except ChooseSheet as exc:
        return FilePreview(file_name=file_name, refused=str(exc), sheets=tuple(exc.sheets))
    except (WorkbookRefused, ServiceError) as exc:
        return FilePreview(file_name=file_name, refused=str(exc))
    return FilePreview(
        file_name=file_name,
        sheet=parsed.sheet,
        gemeente_id=gemeente.id,
        gemeente_name=gemeente.name,
        held_on=parsed.held_on or dutch_today(),
        purpose=Purpose(parsed.purpose) if parsed.purpose else Purpose.NULMETING,
        version=version,
        answered=parsed.answered,
        toelichtingen=parsed.toelichtingen,
        answers=parsed.answers,
        problems=tuple(problems),
        digest=parsed.digest,
    )


@audit.logs(Action.IMPORT, lambda k: f"zelfscanbestand {k['file_name']}")
def store(
    engine: Engine,
    principal: Principal,
    *,
    file_name: str,
    data: bytes,
    accept_problems: bool,
    sheet: str | None = None,
    digest: str | None = None,
) -> int:
    """Store the file as a new round of its gemeente; refuses when problems were not accepted, and
    when `digest` (from the preview) differs from what the file holds now."""
    try:
        parsed, gemeente, problems, version = _check(engine, principal, data, sheet, file_name)
    except WorkbookRefused as exc:
        raise ServiceError(str(exc)) from exc
    if digest is not None and digest != parsed.digest:
        raise ServiceError(f"{file_name}: de inhoud is anders dan wat u zag. Bekijk het bestand opnieuw.")
    if problems and not accept_problems:
        raise ServiceError(f"{file_name}: er zijn problemen. Bekijk ze en geef aan dat u ze accepteert.")
    actor = import_actor(principal.actor, file_name)
    with writing(engine) as session:
        if repo.round_from_file(session, gemeente_id=gemeente.id, source_hash=parsed.file_hash):
            raise ServiceError(f"{file_name} is al eerder ingelezen. Er komt geen tweede ronde bij.")
        round_id = repo.create_round(
            session,
            gemeente_id=gemeente.id,
            held_on=parsed.held_on or dutch_today(),
            purpose=Purpose(parsed.purpose) if parsed.purpose else Purpose.NULMETING,
            questionnaire_version=version,
            participants=[],
            source_hash=parsed.file_hash,
        )
        for answer in parsed.answers:
            fields: tuple[tuple[AnswerField, str | None], ...] = (
                ("value", answer.value.value if answer.value else None),
                ("toelichting", answer.toelichting),
            )
            for field, new in fields:
                if new:
                    answers_repo.save_field(
                        session,
                        round_id=round_id,
                        question_number=answer.number,
                        field=field,
                        new=new,
                        expected=None,
                        actor=actor,
                        code_id=principal.code_id,
                    )
        asked = {q.id for q in version_repo.extra_questions(session, regio_id=gemeente.regio_id, with_removed=True)}
        for extra in (e for e in parsed.extras if e.number in asked):
            fields = (("value", extra.value.value if extra.value else None), ("toelichting", extra.toelichting))
            for field, new in fields:
                if new:
                    version_repo.save_extra_field(
                        session, round_id=round_id, question_number=EXTRA_BASE + extra.number, field=field, new=new,
                        expected=None, actor=actor,
                    )  # fmt: skip
    return round_id


ACTOR_LENGTH = 250  # the history's actor column (VARCHAR(250); PostgreSQL refuses longer)


def import_actor(actor: str, file_name: str) -> str:
    """Who changed the answers, as the history says it: the person and the file. A long file name is shortened on
    purpose, in its middle (the start and the extension stay); the file itself is known by its hash."""
    prefix = f"{actor}, ingelezen uit "
    room = ACTOR_LENGTH - len(prefix)
    if len(file_name) > room:
        keep = max(room - 1, 10)
        file_name = file_name[: keep - 12] + "…" + file_name[-11:]
    return (prefix + file_name)[:ACTOR_LENGTH]


def match_gemeente(written: str, gemeenten: list[Gemeente]) -> Gemeente | None:
    """The gemeente a workbook names, however its name was typed (case, accents, spaces, hyphens,
    a leading 'Gemeente')."""

    def key(name: str) -> str:
        folded = " ".join(fold(name)[0].replace("-", " ").replace("\u2019", "'").split())
        return folded.removeprefix("gemeente ").strip()

    by_key = {key(g.name): g for g in gemeenten}
    return by_key.get(key(written))


def _check(
    engine: Engine, principal: Principal, data: bytes, sheet: str | None, file_name: str = "werkboek.xlsx"
) -> tuple[ParsedWorkbook, Gemeente, list[Problem], str]:
    """Parse, find the gemeente, check who may read it in, and list every problem."""
    regio_id = require_team(principal)
    parsed = read_workbook(data, sheet=sheet, file_name=file_name)
    if parsed.is_empty:
        raise WorkbookRefused(EMPTY)
    where = f"blad '{parsed.sheet}', cel {parsed.cells.get('gemeente', 'C2')}"
    with reading(engine) as session:
        regio = repo.get_regio(session, regio_id=regio_id)
        gemeenten = repo.list_gemeenten(session, regio_id=regio_id)
        if parsed.gemeente:
            gemeente = match_gemeente(parsed.gemeente, gemeenten)
            if gemeente is None:
                raise ServiceError(
                    f"In {where} staat gemeente '{parsed.gemeente}'. Die hoort niet bij {regio.name}. "
                    f"Controleer de naam; de gemeenten van de regio zijn: {', '.join(g.name for g in gemeenten)}."
                )
        elif (own := own_gemeente(principal)) is not None:
            gemeente = next(g for g in gemeenten if g.id == own)
        else:
            raise ServiceError(f"In dit werkboek staat geen gemeente ({where}). Vul de naam in.")
        if not sees_gemeente(principal, gemeente.id):
            raise Forbidden("Dit werkboek is van een andere gemeente. U kunt alleen uw eigen gemeente inlezen.")
        earlier = repo.round_from_file(session, gemeente_id=gemeente.id, source_hash=parsed.file_hash)
        version = _version(parsed.version) or version_repo.version_for_new_round(session, regio_id=regio.id)
        extras = version_repo.extra_questions(session, regio_id=regio.id, with_removed=True)
    if earlier:
        raise ServiceError(
            f"Dit bestand is al ingelezen als de ronde van {long_date(earlier[1])}. Er komt geen tweede ronde bij."
        )
    problems = list(parsed.problems)
    if parsed.held_on is None and not _reported(parsed, "datum"):
        problems.append(
            Problem(
                sheet=parsed.sheet,
                cell=parsed.cells.get("datum", "C3"),
                message="De datum ontbreekt. We nemen de datum van vandaag.",
            )
        )
    asked = {q.id for q in extras}
    for extra in parsed.extras:
        if extra.number not in asked:
            problems.append(
                Problem(
                    sheet="Extra vragen regio",
                    cell="kolom A",
                    message=f"Extra vraag {extra.number} kennen we niet in deze regio. Dat antwoord lezen we niet in.",
                )
            )
    if parsed.version and parsed.version != version:
        problems.append(
            Problem(
                sheet=parsed.sheet,
                cell=parsed.cells.get("versie", "C5"),
                message=f"Versie {parsed.version} van de vragenlijst kennen we niet. We lezen de antwoorden in als "
                f"versie {version}, vraag voor vraag met hetzelfde nummer.",
            )
        )
    if parsed.purpose is None and not _reported(parsed, "doel"):
        problems.append(
            Problem(
                sheet=parsed.sheet,
                cell=parsed.cells.get("doel", "C4"),
                message="Het doel ontbreekt. We nemen 'nulmeting'.",
            )
        )
    return parsed, gemeente, problems, version


def _version(written: str | None) -> str | None:
    """The workbook's own version when the app knows it (shipped or loaded)."""
    if not written:
        return None
    try:
        return questionnaire.by_version(written).version
    except questionnaire.QuestionnaireError:
        return None


def _reported(parsed: ParsedWorkbook, key: str) -> bool:
    """The parser already named a problem in this cell (e.g. a date it could not read)."""
    cell = parsed.cells.get(key)
    return cell is not None and any(p.cell == cell for p in parsed.problems)

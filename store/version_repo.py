"""Questionnaire versions loaded by a beheerder, the version of a regio's new rounds, and regional extra
questions with their answers (in a table of their own, so no core figure can count them)."""

from __future__ import annotations

import weakref
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import questionnaire
from domain.answers import Answer, AnswerField, AnswerValue
from domain.models import EXTRA_BASE, ExtraQuestion
from store.answers_repo import FieldChange
from store.repository import now
from store.version_tables import ExtraAntwoordRow, ExtraVraagRow, RegioVragenlijstRow, VragenlijstVersieRow


def register_source(engine: Engine) -> None:
    """Let questionnaire.by_version find the versions stored in this database (weakly: tests make many)."""
    ref = weakref.ref(engine)

    def source(version: str) -> str | None:
        found = ref()
        if found is None:
            return None
        with Session(found) as session:
            return session.scalar(select(VragenlijstVersieRow.text).where(VragenlijstVersieRow.version == version))

    questionnaire.add_source(source)


def add_version(session: Session, *, version: str, text: str, source: str, actor: str) -> None:
    session.add(VragenlijstVersieRow(version=version, text=text, source=source, loaded_at=now(), loaded_by=actor))
    session.flush()


def version_text(session: Session, *, version: str) -> str | None:
    return session.scalar(select(VragenlijstVersieRow.text).where(VragenlijstVersieRow.version == version))


def loaded_versions(session: Session) -> list[tuple[str, str, datetime, str]]:
    """(version, source, loaded at, by), newest first."""
    rows = session.execute(
        select(
            VragenlijstVersieRow.version,
            VragenlijstVersieRow.source,
            VragenlijstVersieRow.loaded_at,
            VragenlijstVersieRow.loaded_by,
        ).order_by(VragenlijstVersieRow.loaded_at.desc())
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def regio_version(session: Session, *, regio_id: int) -> str | None:
    row = session.get(RegioVragenlijstRow, regio_id)
    return None if row is None else row.version


def set_regio_version(session: Session, *, regio_id: int, version: str | None) -> None:
    row = session.get(RegioVragenlijstRow, regio_id)
    if version is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(RegioVragenlijstRow(regio_id=regio_id, version=version))
    else:
        row.version = version


def version_for_new_round(session: Session, *, regio_id: int) -> str:
    return regio_version(session, regio_id=regio_id) or questionnaire.current().version


# --- regional extra questions ------------------------------------------------------------


def _extra(row: ExtraVraagRow) -> ExtraQuestion:
    return ExtraQuestion(
        id=row.id, regio_id=row.regio_id, text=row.text, help=row.help, standard=row.standard, block=row.block,
        position=row.position, removed=row.removed,
    )  # fmt: skip


def extra_questions(session: Session, *, regio_id: int, with_removed: bool = False) -> list[ExtraQuestion]:
    query = select(ExtraVraagRow).where(ExtraVraagRow.regio_id == regio_id)
    if not with_removed:
        query = query.where(ExtraVraagRow.removed.is_(False))
    return [_extra(r) for r in session.scalars(query.order_by(ExtraVraagRow.position, ExtraVraagRow.id))]


def get_extra(session: Session, *, extra_id: int) -> ExtraQuestion | None:
    row = session.get(ExtraVraagRow, extra_id)
    return None if row is None else _extra(row)


def add_extra(session: Session, *, regio_id: int, text: str, help: str, standard: int, block: int) -> int:
    position = session.scalar(select(func.coalesce(func.max(ExtraVraagRow.position), 0)).where(
        ExtraVraagRow.regio_id == regio_id
    ))  # fmt: skip
    row = ExtraVraagRow(
        regio_id=regio_id, text=text, help=help, standard=standard, block=block, position=(position or 0) + 1,
        removed=False, created_at=now(),
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def set_extra_removed(session: Session, *, extra_id: int, removed: bool) -> None:
    row = session.get(ExtraVraagRow, extra_id)
    if row is not None:
        row.removed = removed


def extra_answers(session: Session, *, round_ids: list[int]) -> dict[int, dict[int, Answer]]:
    """round id -> extra question id -> answer."""
    found: dict[int, dict[int, Answer]] = {r: {} for r in round_ids}
    if not round_ids:
        return found
    rows = session.execute(
        select(
            ExtraAntwoordRow.ronde_id, ExtraAntwoordRow.extra_vraag_id, ExtraAntwoordRow.value,
            ExtraAntwoordRow.toelichting, ExtraAntwoordRow.updated_at, ExtraAntwoordRow.updated_by,
        ).where(ExtraAntwoordRow.ronde_id.in_(round_ids))
    )  # fmt: skip
    for round_id, extra_id, value, toelichting, at, by in rows:
        found[round_id][extra_id] = Answer(
            question_number=extra_id, value=AnswerValue(value) if value else None, toelichting=toelichting,
            updated_at=at, updated_by=by,
        )  # fmt: skip
    return found


def save_extra_field(
    session: Session,
    *,
    round_id: int,
    question_number: int,
    field: AnswerField,
    new: str | None,
    expected: str | None,
    actor: str,
    code_id: int | None = None,
) -> FieldChange:
    """Store one field of an extra answer (question_number: EXTRA_BASE + id), as answers_repo.save_field does
    for a core answer: saving what is stored changes nothing; someone else's change in between is reported."""
    extra_id = question_number - EXTRA_BASE
    row = session.get(ExtraAntwoordRow, (round_id, extra_id), with_for_update=True)
    if row is None:
        if new in (None, ""):
            return FieldChange(changed=False)
        row = ExtraAntwoordRow(ronde_id=round_id, extra_vraag_id=extra_id, value=None, toelichting="",
                               updated_at=now(), updated_by=actor)  # fmt: skip
        session.add(row)
    stored = getattr(row, field) or None
    if stored == (new or None):
        return FieldChange(changed=False)
    theirs = stored != (expected or None) and row.updated_by != actor
    report = FieldChange(
        changed=True,
        overwritten=stored if theirs else None,
        overwritten_by=row.updated_by if theirs else None,
        overwritten_at=row.updated_at if theirs else None,
    )
    setattr(row, field, new if field == "value" else (new or ""))
    row.updated_at, row.updated_by = now(), actor
    session.flush()
    return report

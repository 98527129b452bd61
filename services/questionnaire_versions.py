"""Questionnaire versions: a beheerder loads one (our YAML schema, or an official VNG workbook's wording),
sees it beside the current version, and activates it per regio for new rounds. Old rounds keep theirs.

Who may do what: the installation's beheerder loads versions; a beheerder activates a version for a
regio it manages. Loading never changes a round that exists.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

import questionnaire
from domain.access import Principal
from domain.audit import Action
from imports.xlsx_questionnaire import read_question_texts
from imports.xlsx_zelfscan import WorkbookRefused
from services import ServiceError, audit
from services.authz import managed_regio, require_beheerder, require_installation_beheerder
from store import repository as repo
from store import version_repo
from store.unit_of_work import reading, writing

VERSION_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")


class TextChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    now: str
    new: str
    comparable: bool
    reason: str = ""


class VersionPreview(BaseModel):
    """A version as it would be loaded, beside the version new rounds use now."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    questionnaire: questionnaire.Questionnaire
    source: str  # "bestand" or "werkboek"
    compared_with: str
    changes: tuple[TextChange, ...]  # only the questions whose text differs, or that are not comparable


class VersionInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str
    source: str  # "meegeleverd", "bestand" or "werkboek"
    loaded_at: datetime | None
    loaded_by: str
    regios: tuple[str, ...]  # the regios whose new rounds use it


def _installation(principal: Principal) -> None:
    require_installation_beheerder(
        principal, "Alleen de beheerder van de installatie kan een versie van de vragenlijst inlezen."
    )


def preview(engine: Engine, principal: Principal, *, data: bytes, file_name: str, version: str = "") -> VersionPreview:
    """Read a version from a YAML file, or the wording of a VNG workbook onto the current questionnaire."""
    _installation(principal)
    current = questionnaire.current()
    if data.startswith(b"PK") or file_name.lower().endswith(".xlsx"):
        version = version.strip()
        if not VERSION_NAME.match(version):
            raise ServiceError(
                "Geef de versie een naam van letters, cijfers, punten of streepjes, bijvoorbeeld 'VNG-2021'."
            )
        try:
            _, texts = read_question_texts(data, file_name=file_name)
        except WorkbookRefused as exc:
            raise ServiceError(str(exc)) from exc
        made = current.model_copy(
            update={
                "version": version,
                "based_on": current.version,
                "not_comparable": {},
                "questions": tuple(q.model_copy(update={"text": texts[q.number]}) for q in current.questions),
            }
        )
        qn, source = questionnaire.parse(questionnaire.dump(made), file_name), "werkboek"
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ServiceError("Dit bestand is geen tekstbestand in UTF-8 en geen Excel-werkboek (.xlsx).") from exc
        try:
            qn, source = questionnaire.parse(text, file_name), "bestand"
        except questionnaire.QuestionnaireError as exc:
            raise ServiceError(str(exc)) from exc
        if not VERSION_NAME.match(qn.version):
            raise ServiceError("De versie heeft een naam van letters, cijfers, punten of streepjes nodig.")
    with reading(engine) as session:
        taken = qn.version in questionnaire.shipped_versions() or version_repo.version_text(session, version=qn.version)
    if taken:
        raise ServiceError(f"Versie {qn.version} bestaat al. Geef de nieuwe versie een andere naam.")
    left_out = questionnaire.comparability(current, qn) if qn.based_on else {}
    changes = tuple(
        TextChange(
            number=q.number,
            now=current.questions_by_number[q.number].text,
            new=q.text,
            comparable=q.number not in left_out,
            reason=left_out.get(q.number, ""),
        )
        for q in qn.questions
        if q.text != current.questions_by_number[q.number].text or q.number in left_out
    )
    return VersionPreview(questionnaire=qn, source=source, compared_with=current.version, changes=changes)


@audit.logs(Action.IMPORT, lambda k: f"vragenlijst versie {k['shown'].questionnaire.version} uit {k['shown'].source}")
def load(engine: Engine, principal: Principal, *, shown: VersionPreview) -> str:
    """Store the version the beheerder saw. Rounds and regios do not change until a regio activates it."""
    _installation(principal)
    with writing(engine) as session:
        if version_repo.version_text(session, version=shown.questionnaire.version):
            raise ServiceError(f"Versie {shown.questionnaire.version} bestaat al.")
        version_repo.add_version(
            session,
            version=shown.questionnaire.version,
            text=questionnaire.dump(shown.questionnaire),
            source=shown.source,
            actor=principal.actor,
        )
    return shown.questionnaire.version


@audit.logs(Action.SETTING, lambda k: f"vragenlijstversie van regio {k['regio_id']}: {k['version'] or 'de standaard'}")
def activate(engine: Engine, principal: Principal, *, regio_id: int, version: str | None) -> None:
    """New rounds of the regio use `version` (None: the version shipped with the app)."""
    require_beheerder(principal, regio_id)
    if version is not None:
        try:
            questionnaire.by_version(version)
        except questionnaire.QuestionnaireError as exc:
            raise ServiceError(str(exc)) from exc
    with writing(engine) as session:
        version_repo.set_regio_version(session, regio_id=regio_id, version=version)


def versions(engine: Engine, principal: Principal) -> list[VersionInfo]:
    managed = managed_regio(principal)
    with reading(engine) as session:
        regios = repo.list_regios(session)
        if managed is not None:
            regios = [r for r in regios if r.id == managed]
        using: dict[str, list[str]] = {}
        for regio in regios:
            version = version_repo.version_for_new_round(session, regio_id=regio.id)
            using.setdefault(version, []).append(regio.name)
        loaded = version_repo.loaded_versions(session)
    found = [
        VersionInfo(version=v, source="meegeleverd", loaded_at=None, loaded_by="", regios=tuple(using.get(v, ())))
        for v in questionnaire.shipped_versions()
    ]
    found += [
        VersionInfo(version=v, source=source, loaded_at=at, loaded_by=by, regios=tuple(using.get(v, ())))
        for v, source, at, by in loaded
    ]
    return found

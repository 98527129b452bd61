"""Backup and restore for the installation's beheerder: a file they can keep, for either engine."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from domain.access import Principal
from domain.audit import FAILED, REFUSED, SERVER, Action
from services import ServiceError, audit
from services.access import forget_cached_keys
from services.authz import Forbidden, require_installation_beheerder
from services.scan import forget_cached_rounds
from store import backup

MAX_BACKUP_BYTES = 25 * 1024 * 1024  # the server refuses larger uploads anyway (.streamlit/config.toml)
TABLE_LABELS = {
    "regio": "regio's",
    "gemeente": "gemeenten",
    "ronde": "rondes",
    "antwoord": "antwoorden",
    "antwoord_wijziging": "wijzigingen in de geschiedenis",
    "verbeterplan": "verbeterplannen",
    "verbeteractie": "verbeteracties",
    "toegangscode": "toegangscodes",
}


class RestoreReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    rows: dict[str, int]
    created_at: str

    def lines(self) -> list[str]:
        return [f"{self.rows.get(table, 0)} {label}" for table, label in TABLE_LABELS.items()]


def _require_installation_beheerder(principal: Principal) -> None:
    require_installation_beheerder(
        principal, "Alleen de beheerder van de hele installatie kan een back-up maken of terugzetten."
    )


@audit.logs(Action.BACKUP, lambda k: "de hele installatie")
def backup_file(engine: Engine, principal: Principal) -> tuple[str, bytes]:
    _require_installation_beheerder(principal)
    return backup_file_name(), backup.write_backup(engine)


def backup_file_name() -> str:
    return f"zelfscan-backup-{datetime.now(UTC).strftime('%Y-%m-%d-%H%M')}.zip"


def restore_file(engine: Engine, principal: Principal | None, data: bytes) -> RestoreReport:
    """Put a backup into an installation that holds no regio yet. principal None: the command line. In the audit
    log either way: after a restore the log is the backup's, with this restore as its newest event."""
    who = {"origin": principal.origin if principal else SERVER, "actor": audit.actor_of(principal) if principal
           else "de server (opdrachtregel)", "regio_id": None}  # fmt: skip
    try:
        report = _restore(engine, principal, data)
    except Forbidden:
        audit.record_now(engine, action=Action.RESTORE, object="back-upbestand", result=REFUSED, **who)
        raise
    except ServiceError:
        audit.record_now(engine, action=Action.RESTORE, object="back-upbestand", result=FAILED, **who)
        raise
    audit.record_now(engine, action=Action.RESTORE, object=f"back-up van {report.created_at[:16]}", **who)
    return report


def _restore(engine: Engine, principal: Principal | None, data: bytes) -> RestoreReport:
    if principal is not None:
        _require_installation_beheerder(principal)
    if len(data) > MAX_BACKUP_BYTES:
        raise ServiceError("Dit bestand is te groot voor een back-up van de zelfscan.")
    try:
        manifest = backup.read_manifest(data)
        if not backup.is_empty(engine):
            raise ServiceError(
                "Deze installatie heeft al gegevens. Zet een back-up alleen terug in een nieuwe, lege installatie, "
                "zodat er niets verloren gaat."
            )
        rows = backup.restore_backup(engine, data)
    except backup.BackupRefused as exc:
        raise ServiceError(str(exc)) from exc
    forget_cached_rounds()
    forget_cached_keys()
    return RestoreReport(rows=rows, created_at=manifest["created_at"])


def installation_is_empty(engine: Engine, principal: Principal) -> bool:
    _require_installation_beheerder(principal)
    return backup.is_empty(engine)

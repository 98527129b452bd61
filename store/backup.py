"""Backup and restore of a whole installation, the same on SQLite and PostgreSQL.

The backup is a zip file: `manifest.json` (format, schema revision, row counts) and
one `<table>.jsonl` per table, rows in primary-key order, every value as JSON
(moments in UTC with offset, bytes in base64). Because it holds rows and not an
engine's dump, a backup of an embedded SQLite installation restores into PostgreSQL
and back. Logins (sessions) and failed login attempts are not kept.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Engine, LargeBinary, Table, func, insert, select, text

from store.tables import Base

FORMAT = "zelfscan-backup/1"
NOT_KEPT = ("sessie", "mislukte_poging")
MAX_UNPACKED = 2_000_000_000  # bytes; a backup that unpacks to more is refused (zip bomb)


class BackupRefused(ValueError):
    """The file cannot be restored; the message says why, in Dutch."""


def schema_revision(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before children


def write_backup(engine: Engine, *, now: datetime | None = None) -> bytes:
    """Every row of every kept table, read in one transaction so the backup is consistent."""
    counts: dict[str, int] = {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        for table in _tables():
            if table.name in NOT_KEPT:
                continue
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            lines = [json.dumps({c: _encode(v) for c, v in row.items()}, ensure_ascii=False) for row in rows]
            counts[table.name] = len(lines)
            archive.writestr(f"{table.name}.jsonl", "\n".join(lines))
        manifest = {
            "format": FORMAT,
            "schema": revision,
            "created_at": (now or datetime.now(UTC)).isoformat(),
            "tables": counts,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return out.getvalue()


def read_manifest(data: bytes) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
                raise BackupRefused("Dit bestand pakt uit tot veel te veel gegevens. Het is geen back-up van de app.")
            manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise BackupRefused("Dit bestand is geen back-up van de zelfscan (of het is beschadigd).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupRefused("Dit bestand is geen back-up van de zelfscan, of van een onbekende soort.")
    return manifest


def is_empty(engine: Engine) -> bool:
    """No regio, gemeente, round or plan yet: a new installation (codes and settings may exist)."""
    names = ("regio", "gemeente", "ronde", "verbeterplan")
    with engine.connect() as connection:
        return all(
            connection.execute(select(func.count()).select_from(Base.metadata.tables[n])).scalar_one() == 0
            for n in names
        )


def restore_backup(engine: Engine, data: bytes) -> dict[str, int]:
    """Replace everything in the database by the backup, in one transaction. Returns rows per table."""
    manifest = read_manifest(data)
    ours = schema_revision(engine)
    if manifest["schema"] != ours:
        raise BackupRefused(
            f"Deze back-up hoort bij een andere versie van de app (schema {manifest['schema']}; "
            f"deze app: {ours}). Zet hem terug met dezelfde versie van de app."
        )
    restored: dict[str, int] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive, engine.begin() as connection:
        for table in reversed(_tables()):
            connection.execute(table.delete())
        for table in _tables():
            if table.name in NOT_KEPT:
                continue
            lines = archive.read(f"{table.name}.jsonl").decode("utf-8").splitlines()
            rows = [{c: _decode(table, c, v) for c, v in json.loads(line).items()} for line in lines if line]
            if rows:
                connection.execute(insert(table), rows)
            restored[table.name] = len(rows)
            if restored[table.name] != manifest["tables"].get(table.name):
                raise BackupRefused("De back-up is niet compleet: er ontbreken rijen. Er is niets veranderd.")
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
    return restored


def _reset_sequences(connection: Any) -> None:
    """New rows after a restore must get ids after the restored ones."""
    for table in _tables():
        (column, *more) = table.primary_key.columns
        if more:
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
        ).scalar()
        if sequence:  # only integer ids have one
            next_id = f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1"
            connection.execute(text(f"SELECT setval(:s, {next_id}, false)"), {"s": sequence})


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decode(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.columns[column].type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value  # numbers, text, booleans and JSON columns are stored as they are


def table_contents(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every kept row as JSON-ready values: what a backup holds, to compare two databases."""
    with engine.connect() as connection:
        return {
            table.name: [
                {c: _encode(v) for c, v in row.items()}
                for row in connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            ]
            for table in _tables()
            if table.name not in NOT_KEPT
        }

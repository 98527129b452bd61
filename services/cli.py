"""Command line for whoever runs the server.

    .venv/bin/python -m services.cli reset-beheerder

revokes the installation's beheerder codes and prints a new one.

    .venv/bin/python -m services.cli backup FILE
    .venv/bin/python -m services.cli restore FILE

write a backup of the whole installation, or put one into a new, empty installation.
The database is the one the settings name (ZELFSCAN_DATABASE_URL or the SQLite file),
so moving from SQLite to PostgreSQL is a backup with one setting and a restore with
the other.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from services import ServiceError
from services.access_codes import reset_beheerder_code
from services.backup import restore_file
from settings import get_settings
from store.backup import write_backup
from store.engine import shared_engine


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m services.cli", description="Beheer van de zelfscan-server")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("reset-beheerder", help="trek de beheerderscodes in en maak een nieuwe")
    sub.add_parser("backup", help="schrijf een back-up van de hele installatie").add_argument("bestand", type=Path)
    sub.add_parser("restore", help="zet een back-up terug in een lege installatie").add_argument("bestand", type=Path)
    args = parser.parse_args(argv)
    engine = shared_engine(get_settings().effective_database_url)
    if args.command == "backup":
        args.bestand.write_bytes(write_backup(engine))
        print(f"Back-up geschreven naar {args.bestand}.")
    elif args.command == "restore":
        try:
            report = restore_file(engine, None, args.bestand.read_bytes())
        except ServiceError as exc:
            raise SystemExit(f"Niet teruggezet: {exc}") from exc
        print(f"Back-up van {report.created_at} teruggezet: " + ", ".join(report.lines()) + ".")
        print("Start draaiende replica's opnieuw, zodat ze de teruggezette gegevens gebruiken.")
    elif args.command == "reset-beheerder":
        issued = reset_beheerder_code(engine)
        print(f"Nieuwe beheerderscode (wordt maar één keer getoond): {issued.code}")
        print("De oude beheerderscodes van de installatie werken niet meer.")


if __name__ == "__main__":
    main()

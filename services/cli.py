"""Command line for whoever runs the server.

    .venv/bin/python -m services.cli reset-beheerder

revokes the installation's beheerder codes and prints a new one.
"""

from __future__ import annotations

import argparse

from services.access import reset_beheerder_code
from settings import get_settings
from store.engine import shared_engine


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m services.cli", description="Beheer van de zelfscan-server")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("reset-beheerder", help="trek de beheerderscodes in en maak een nieuwe")
    args = parser.parse_args(argv)
    if args.command == "reset-beheerder":
        issued = reset_beheerder_code(shared_engine(get_settings().effective_database_url))
        print(f"Nieuwe beheerderscode (wordt maar één keer getoond): {issued.code}")
        print("De oude beheerderscodes van de installatie werken niet meer.")


if __name__ == "__main__":
    main()

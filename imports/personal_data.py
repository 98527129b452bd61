"""The one personal-data guard for every upload: a BSN, an e-mail address or a phone number in any cell, or a
column that is headed as personal data, and the file is refused, naming the cell but never repeating its value.

The app keeps answers about organisations and totals per gemeente, never data about persons; what reaches the
database through an upload passes here first (`imports/reader.py` calls it for every sheet an importer reads).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

from domain.personal_data import EMAIL, NINE_DIGITS, PHONE, bsn_spans, is_bsn

# Headers that name personal data, as whole labels (lower case, accents folded, punctuation as spaces).
HEADERS = {
    "naam", "namen", "voornaam", "achternaam", "roepnaam", "volledige naam", "naam client", "naam kind",
    "geboortedatum", "geb datum", "geboren", "geboren op", "leeftijd",
    "adres", "straat", "straatnaam", "huisnummer", "postcode", "woonplaats", "woonadres",
    "e mail", "email", "e mailadres", "emailadres", "mail",
    "telefoon", "telefoonnummer", "tel", "mobiel", "mobiel nummer", "gsm",
    "bsn", "burgerservicenummer", "sofinummer", "sofi nummer",
    "client", "clientnummer", "client nummer", "dossiernummer", "dossier nummer",
}  # fmt: skip


def label(value: object) -> str:
    text = unicodedata.normalize("NFKD", str(value or "")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def what_it_is(value: object) -> str | None:
    """What kind of personal data a cell holds, in Dutch ("een BSN"), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        number = int(value)
        return "een BSN" if 100_000_000 <= number <= 999_999_999 and is_bsn(str(number)) else None
    if not isinstance(value, str):
        return None
    if "@" in value and EMAIL.search(value):
        return "een e-mailadres"
    if NINE_DIGITS.search(value) is None:  # a phone number and a BSN both have nine digits or more
        return None
    if PHONE.search(value):
        return "een telefoonnummer"
    return "een BSN" if bsn_spans(value) else None


def header_kind(value: object) -> bool:
    """Whether a cell reads as a personal-data header ("Geboortedatum", "E-mail adres"); headers are short."""
    return isinstance(value, str) and len(value) <= 40 and label(value) in HEADERS


def found_in(
    rows: list[list[object]],
    where: Callable[[int, int], str],
    most: int = 5,
    formats: Mapping[tuple[int, int], re.Pattern[str]] | None = None,
) -> list[str]:
    """Up to `most` places ("blad Cijfers, cel E2: een BSN") where the rows seem to hold personal data. A cell in
    `formats` that holds its machine format in full (a key, a signature: no person's data) is not looked at."""
    found: list[str] = []
    formats = formats or {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            pattern = formats.get((r, c))
            if pattern is not None and isinstance(value, str) and pattern.fullmatch(value):
                continue
            kind = what_it_is(value)
            if kind is None and header_kind(value) and _column_has_values(rows, r, c):
                kind = "een kolom met persoonsgegevens"
            if kind is not None:
                found.append(f"{where(r, c)}: {kind}")
                if len(found) == most:
                    return found
    return found + _padded_bsn_columns(rows, where)[: most - len(found)]


def _padded_bsn_columns(rows: list[list[object]], where: Callable[[int, int], str]) -> list[str]:
    """A BSN that starts with 0 loses it as a number (012345672 becomes 12345672). One such number is likely
    chance (one in eleven passes the check); a column where most eight-digit numbers pass it holds BSNs."""
    columns: dict[int, list[tuple[int, bool]]] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, bool) or not isinstance(value, int | float) or not float(value).is_integer():
                continue
            if 10_000_000 <= int(value) <= 99_999_999:
                columns.setdefault(c, []).append((r, is_bsn(str(int(value)).zfill(9))))
    found = []
    for c, seen in sorted(columns.items()):
        passing = [r for r, ok in seen if ok]
        if len(passing) >= 2 and 2 * len(passing) >= len(seen):
            found.append(f"{where(passing[0], c)}: een kolom met BSN's (zonder de 0 vooraan)")
    return found


def _column_has_values(rows: list[list[object]], header_row: int, column: int) -> bool:
    return any(column < len(row) and row[column] not in (None, "") for row in rows[header_row + 1 : header_row + 50])

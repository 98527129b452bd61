"""How a cell reads as a person sees it in Excel: numbers, text, labels and dates, whatever the
workbook's author typed. Shared by the zelfscan importer; no openpyxl workbook logic here."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from openpyxl.utils.datetime import from_excel

from domain.text import clean_name, clean_text

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMBER = re.compile(r"(?:vraag|v|nr\.?|nummer)?\s*0*(\d{1,3})\s*[.):]?", re.IGNORECASE)


def cell_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _NUMBER.fullmatch(clean_name(value))
        return int(match.group(1)) if match else None
    return None


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, datetime | date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value)).strip()


def cell_label(value: object) -> str:
    """A label or answer as compared: lower case, accents kept, punctuation and odd spaces gone."""
    text = unicodedata.normalize("NFC", cell_text(value)).casefold().replace("-", " ").replace("_", " ")
    return " ".join(re.sub(r"[.:;*()\[\]]", " ", text).split())


def cell_date(value: object) -> date | None:
    """A date as Excel shows it: a date cell, a serial number, or text in the usual Dutch ways."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        serial = float(value)
        if 20000 <= serial <= 80000:  # 1954 to 2119: a date serial, not a year or a count
            converted = from_excel(serial)
            return converted.date() if isinstance(converted, datetime) else None
        return None
    text = " ".join(cell_text(value).casefold().split())
    numeric = text.replace("/", "-").replace(".", "-").replace(" ", "")
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d-%m-%y"):
        try:
            return datetime.strptime(numeric, pattern).date()
        except ValueError:
            continue
    match = re.fullmatch(r"(?:[a-z]+dag,?\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text)
    if match and match.group(2) in MONTHS:
        try:
            return date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            return None
    return None

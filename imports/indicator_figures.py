"""Reading a file of indicator figures (CSV or Excel) as the app's template lays it out.

Columns: indicator (its code), gemeente (a gemeente of the regio, or "regio"), periode (2025, 2025-K1,
2025-H2 or 2025-03) and waarde (a count, or a percentage from 0 to 100). Every problem is named
with its sheet and cell (or line and column); with any problem nothing is stored.

Only aggregated figures: a column that looks like personal data (a name, a BSN, a birth date, an
address) is named as a problem, and the one guard of imports/reader.py refuses a BSN, e-mail address or phone
number in any cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from analysis.indicators import normal_period
from domain.text import clean_name
from imports.reader import Percentage, UploadRefused, read_upload
from indicators.models import Unit

COLUMNS = ("indicator", "gemeente", "periode", "waarde")
SHEET = "Cijfers"
REGIO_WORD = "regio"
PERSONAL = re.compile(
    r"naam|name|bsn|burgerservice|sofi|geboorte|geb\.?\s?datum|birth|adres|straat|postcode|woonplaats|telefoon|"
    r"e-?mail|client|cliënt|kind\b|dossier|registratienummer",
    re.IGNORECASE,
)
NOT_AGGREGATED = (
    "Kolom '{header}' ({where}) lijkt persoonsgegevens te bevatten. Deze app bewaart alleen totalen per gemeente "
    "en periode, nooit gegevens over personen. Haal de kolom weg en lees het bestand opnieuw in."
)


class FiguresRefused(ValueError):
    """The file cannot be read at all; the message says why and what to do."""


class Problem(BaseModel):
    model_config = ConfigDict(frozen=True)

    where: str  # "blad Cijfers, cel D7" or "regel 7, kolom waarde"
    message: str


class ParsedFigure(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    gemeente: str | None  # None: the regio as a whole
    period: str
    value: float


class ParsedFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    figures: tuple[ParsedFigure, ...]
    problems: tuple[Problem, ...]


def read_figures(data: bytes, file_name: str, units: Mapping[str, Unit], gemeenten: list[str]) -> ParsedFigures:
    """`units`: the regio's indicators (by code and by name) and their unit; `gemeenten`: the regio's gemeente names.
    Through the one reader (imports/reader.py): visible sheets only (the sheet "Cijfers", else the first visible one),
    what Excel shows, and the personal-data guard."""
    try:
        upload = read_upload(data, file_name, csv_too=True)
        if not upload.visible:
            raise FiguresRefused("In dit werkboek staat geen zichtbaar blad met cijfers.")
        sheet = upload.sheet(SHEET if SHEET in upload.visible else upload.visible[0])
    except UploadRefused as exc:
        raise FiguresRefused(str(exc)) from exc
    return _parse(sheet.rows, sheet.where, units, gemeenten)


def _label(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).strip().lower()
    return re.sub(r"\s+", " ", text)


def _parse(rows: list[list], where, units: Mapping[str, Unit], gemeenten: list[str]) -> ParsedFigures:  # type: ignore[no-untyped-def]
    problems: list[Problem] = []
    header_at = next((i for i, r in enumerate(rows[:20]) if any(_label(v) == "indicator" for v in r)), None)
    if header_at is None:
        raise FiguresRefused(
            "De kopregel ontbreekt: het bestand moet de kolommen indicator, gemeente, periode en waarde hebben. "
            "Download het sjabloon en vul dat in."
        )
    header = [_label(v) for v in rows[header_at]]
    for c, name in enumerate(header):
        if name and name not in COLUMNS:
            message = (
                NOT_AGGREGATED if PERSONAL.search(name) else "Kolom '{header}' ({where}) kennen we niet. Haal hem weg."
            )
            problems.append(
                Problem(
                    where=where(header_at, c),
                    message=message.format(header=clean_name(str(rows[header_at][c])), where=where(header_at, c)),
                )
            )
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise FiguresRefused(f"De kolom {', '.join(missing)} ontbreekt. Download het sjabloon en vul dat in.")
    col = {name: header.index(name) for name in COLUMNS}
    by_name = {_label(g): g for g in gemeenten}
    keys = {_label(k): k for k in units}
    found: dict[tuple[str, str | None, str], int] = {}
    figures = []
    for r in range(header_at + 1, len(rows)):
        row = rows[r] + [None] * (len(header) - len(rows[r]))
        if all(v in (None, "") for v in row):
            continue
        key = keys.get(_label(row[col["indicator"]]))
        if key is None:
            problems.append(
                Problem(where=where(r, col["indicator"]), message="Deze indicator staat niet in de set van de regio.")
            )
        place = _label(row[col["gemeente"]])
        gemeente = None if place == REGIO_WORD else by_name.get(place)
        if place != REGIO_WORD and gemeente is None:
            problems.append(
                Problem(
                    where=where(r, col["gemeente"]),
                    message="Deze gemeente hoort niet bij de regio. Schrijf de naam zoals in de app, of 'regio'.",
                )
            )
        raw_period = row[col["periode"]]
        period = normal_period(
            str(int(raw_period)) if isinstance(raw_period, float) and raw_period.is_integer() else str(raw_period or "")
        )
        if period is None:
            problems.append(
                Problem(
                    where=where(r, col["periode"]),
                    message="Deze periode kunnen we niet lezen. Schrijf 2025, 2025-K1, 2025-H2 of 2025-03.",
                )
            )
        value, message = _value(row[col["waarde"]], units.get(key) if key else None)
        if message:
            problems.append(Problem(where=where(r, col["waarde"]), message=message))
        if key is None or period is None or value is None or (place != REGIO_WORD and gemeente is None):
            continue
        seen = (key, gemeente, period)
        if seen in found:
            problems.append(
                Problem(where=where(r, col["indicator"]), message=f"Dit cijfer staat al op regel {found[seen] + 1}.")
            )
            continue
        found[seen] = r
        figures.append(ParsedFigure(key=key, gemeente=gemeente, period=period, value=value))
    if not figures and not problems:
        problems.append(Problem(where=where(header_at, 0), message="Er staan geen cijfers onder de kopregel."))
    return ParsedFigures(figures=tuple(figures), problems=tuple(problems))


def _value(raw: object, unit: Unit | None) -> tuple[float | None, str | None]:
    """The figure as the cell shows it: a percentage cell shows 63 % for 0.63, and 63 is what is read."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, "Hier ontbreekt het cijfer."
    if isinstance(raw, bool):
        return None, "Hier hoort een getal."
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace(" ", "").removesuffix("%")
        text = (
            text.replace(".", "").replace(",", ".")
            if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text)
            else text.replace(",", ".")
        )
        try:
            value = float(text)
        except ValueError:
            return None, "Hier hoort een getal, bijvoorbeeld 12 of 63,5."
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        return None, "Hier hoort een getal van 0 of meer."
    if unit is Unit.COUNT and isinstance(raw, Percentage):
        return None, "Hier staat een percentage, maar deze indicator is een aantal."
    if unit is Unit.COUNT and not value.is_integer():
        return None, "Een aantal is een heel getal."
    if unit is Unit.PERCENTAGE and value > 100:
        return None, f"Een percentage ligt tussen 0 en 100 (hier staat {value:g}%)."
    return value, None

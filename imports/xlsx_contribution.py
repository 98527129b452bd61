"""Reading a national contribution file back in, through the one reader (`imports/reader.py`): its one visible
sheet, every cell where the layout (`domain/national_file.py`) puts one, and nothing else. Whether the signature
holds and its key is trusted is the service's part (`services/national.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from analysis.contribution import ContributedQuestion, ContributedStandard, Contribution, Range
from domain import national_file as layout
from imports.reader import Limits, UploadRefused, read_upload
from imports.upload import Sheet

LIMITS = Limits(max_bytes=1024 * 1024, max_rows=400, max_cells=4000, max_columns=20, max_sheets=5)


@dataclass(frozen=True)
class SignedContribution:
    contribution: Contribution
    public_key: str
    fingerprint: str
    signature: str


def read_contribution(data: bytes, file_name: str) -> SignedContribution:
    upload = read_upload(data, file_name, limits=LIMITS)
    if upload.visible != [layout.SHEET]:
        raise UploadRefused(
            f"Een landelijke bijdrage heeft één blad, '{layout.SHEET}'. Dit bestand heeft "
            f"{', '.join(repr(v) for v in upload.visible) or 'geen zichtbaar blad'}. Lees het bestand in zoals de "
            "app van de regio het maakte."
        )
    machine = {(layout.FIRST_FIELD_ROW - 1 + i, 1): layout.MACHINE_FORMATS[field]
               for i, (_, field) in enumerate(layout.FIELDS) if field in layout.MACHINE_FORMATS}  # fmt: skip
    sheet = upload.sheet(layout.SHEET, formats=machine)  # through the personal-data guard
    rows = sheet.rows
    expected: dict[tuple[int, int], object] = {(0, 0): layout.TITLE, (1, 0): layout.NOTE}
    values: dict[str, str] = {}
    for i, (label, field) in enumerate(layout.FIELDS):
        r = layout.FIRST_FIELD_ROW - 1 + i
        expected[(r, 0)] = label
        values[field] = _text(sheet, r, 1)
    header = layout.HEADER_ROW - 1
    for c, name in enumerate(layout.COLUMNS):
        expected[(header, c)] = name
    for (r, c), want in expected.items():
        if _cell(rows, r, c) != want:
            raise UploadRefused(f"{_at(sheet, r, c)}: hier hoort '{want}' te staan. {_AS_WRITTEN}")
    standards: list[ContributedStandard] = []
    questions: list[ContributedQuestion] = []
    for r in range(header + 1, len(rows)):
        try:
            _figure_row(sheet, r, standards, questions)
        except ValidationError as exc:
            where = _at(sheet, r, 1)
            raise UploadRefused(f"{where}: dit cijfer kan niet kloppen. {_AS_WRITTEN}") from exc
    for r, row in enumerate(rows[:header]):
        for c, value in enumerate(row):
            if value is not None and (r, c) not in expected and not (c == 1 and r >= layout.FIRST_FIELD_ROW - 1):
                raise UploadRefused(f"{_at(sheet, r, c)}: hier hoort niets te staan. {_AS_WRITTEN}")
    if values["named"] not in (layout.YES, layout.NO):
        raise UploadRefused(f"{_at(sheet, layout.FIRST_FIELD_ROW, 1)}: hier hoort 'ja' of 'nee'.")
    try:
        contribution = Contribution(
            regio_name=values["regio_name"],
            named=values["named"] == layout.YES,
            period=values["period"],
            questionnaire_version=values["questionnaire_version"],
            made_on=values["made_on"],  # type: ignore[arg-type]  # an ISO date, validated here
            gemeenten_counted=values["gemeenten_counted"],  # type: ignore[arg-type]  # validated here
            standards=tuple(standards),
            questions=tuple(questions),
        )
    except ValidationError as exc:
        raise UploadRefused(f"Blad {layout.SHEET}: de gegevens bovenaan kloppen niet. {_AS_WRITTEN}") from exc
    if not standards or not questions:
        raise UploadRefused(f"Blad {layout.SHEET}: er staan geen cijfers in. {_AS_WRITTEN}")
    return SignedContribution(
        contribution=contribution,
        public_key=values["public_key"],
        fingerprint=values["fingerprint"],
        signature=values["signature"],
    )


def _figure_row(
    sheet: Sheet, r: int, standards: list[ContributedStandard], questions: list[ContributedQuestion]
) -> None:
    rows = sheet.rows
    kind = _cell(rows, r, 0)
    if kind == layout.STANDARD:
        standards.append(
            ContributedStandard(
                number=_int(sheet, r, 1),
                whole=Range(low=_number(sheet, r, 3), high=_number(sheet, r, 4)),
                of=_int(sheet, r, 5),
                mean=Range(low=_number(sheet, r, 6), high=_number(sheet, r, 7)),
            )
        )
        _nothing_in(sheet, r, (2,))
    elif kind == layout.QUESTION:
        questions.append(
            ContributedQuestion(
                number=_int(sheet, r, 1),
                standard=_int(sheet, r, 2),
                op_orde=Range(low=_number(sheet, r, 3), high=_number(sheet, r, 4)),
                of=_int(sheet, r, 5),
            )
        )
        _nothing_in(sheet, r, (6, 7))
    elif kind is not None or any(v is not None for v in rows[r]):
        raise UploadRefused(f"{_at(sheet, r, 0)}: deze regel hoort niet bij een landelijke bijdrage. "
                            f"{_AS_WRITTEN}")  # fmt: skip


def _at(sheet: Sheet, r: int, c: int) -> str:
    """'Blad Bijdrage, cel B7', as a sentence starts."""
    where = sheet.where(r, c)
    return where[:1].upper() + where[1:]


_AS_WRITTEN = "Lees de bijdrage in precies zoals de app van de regio haar maakte."


def _cell(rows: list[list[object]], r: int, c: int) -> object:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


def _text(sheet: Sheet, r: int, c: int) -> str:
    value = _cell(sheet.rows, r, c)
    if value is None:
        raise UploadRefused(f"{_at(sheet, r, c)}: deze cel is leeg. {_AS_WRITTEN}")
    return str(value)


def _number(sheet: Sheet, r: int, c: int) -> float | None:
    value = _cell(sheet.rows, r, c)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UploadRefused(f"{_at(sheet, r, c)}: hier hoort een getal of niets. {_AS_WRITTEN}")
    return float(value)


def _int(sheet: Sheet, r: int, c: int) -> int:
    value = _number(sheet, r, c)
    if value is None or value != int(value) or not 0 <= value <= 10_000:
        raise UploadRefused(f"{_at(sheet, r, c)}: hier hoort een heel getal. {_AS_WRITTEN}")
    return int(value)


def _nothing_in(sheet: Sheet, r: int, columns: tuple[int, ...]) -> None:
    for c in (*columns, *range(len(layout.COLUMNS), len(sheet.rows[r]))):
        if _cell(sheet.rows, r, c) is not None:
            raise UploadRefused(f"{_at(sheet, r, c)}: hier hoort niets te staan. {_AS_WRITTEN}")

"""The national publication as files: the factsheet (PDF) and the workbook, for the national team."""

from __future__ import annotations

from sqlalchemy import Engine

import questionnaire
from analysis.national import NationalPicture
from domain.access import Principal
from exports.national_factsheet import national_pdf
from exports.xlsx_national import national_workbook as workbook
from services import ServiceError
from services.national import latest

FACTSHEET = "landelijk-beeld-zelfscan.pdf"
WORKBOOK = "landelijk-beeld-zelfscan.xlsx"


def _words() -> tuple[dict[int, str], dict[int, str]]:
    qn = questionnaire.current()
    return {s.number: s.short_name for s in qn.standards}, {q.number: q.text for q in qn.questions}


def _picture(engine: Engine, principal: Principal) -> NationalPicture:
    found = latest(engine, principal)
    if found is None:
        raise ServiceError("Er is nog geen landelijke stand.")
    return found


def national_factsheet(engine: Engine, principal: Principal) -> bytes:
    return national_pdf(_picture(engine, principal), *_words())


def national_workbook(engine: Engine, principal: Principal) -> bytes:
    return workbook(_picture(engine, principal), *_words())

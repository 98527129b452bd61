"""The layout of a national contribution file (an xlsx workbook, one sheet): what the app writes
(`exports/xlsx_contribution.py`) and the only thing it reads back in (`imports/xlsx_contribution.py`). A cell outside
this layout is refused, so no gemeente name or free text can travel with the figures."""

from __future__ import annotations

import re

SHEET = "Bijdrage"
TITLE = "Landelijke bijdrage aan de zelfscan Werken aan veiligheid"
NOTE = (
    "Dit bestand bevat alleen de cijfers die de regio al buiten het regioteam deelt: geen gemeente, geen "
    "toelichting. Verander niets: de handtekening hoort bij precies deze cijfers."
)
# (label, field) rows from row 4 on, value in column B
FIELDS = (
    ("Regio", "regio_name"),
    ("Genoemd worden", "named"),
    ("Periode", "period"),
    ("Vragenlijst", "questionnaire_version"),
    ("Vastgelegd op", "made_on"),
    ("Gemeenten geteld", "gemeenten_counted"),
    ("Sleutel", "public_key"),
    ("Vingerafdruk", "fingerprint"),
    ("Handtekening", "signature"),
)
FIRST_FIELD_ROW = 4  # 1-based
# What the app writes in the fields no person types: an Ed25519 key and signature in base64, and the key's
# fingerprint (`services/signing.py`). A hash can read like a phone number by chance (7 in 20,000 keys tried), and
# an installation with a fingerprint such as "0612-3456-78AB-CDEF" could then never contribute. The reader's
# personal-data guard lets such a cell pass only when it holds this format in full (`imports/upload.py`).
MACHINE_FORMATS = {
    "public_key": re.compile(r"[A-Za-z0-9+/]{43}="),
    "fingerprint": re.compile(r"[0-9A-F]{4}(?:-[0-9A-F]{4}){3}"),
    "signature": re.compile(r"[A-Za-z0-9+/]{86}=="),
}
HEADER_ROW = FIRST_FIELD_ROW + len(FIELDS) + 1
COLUMNS = (
    "Soort",
    "Nummer",
    "Standaard",
    "Op orde: van",
    "Op orde: tot en met",
    "Aantal gemeenten",
    "Gemiddeld op orde: van",
    "Gemiddeld op orde: tot en met",
)
STANDARD, QUESTION = "standaard", "vraag"
YES, NO = "ja", "nee"

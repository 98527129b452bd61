"""Free text as people type or paste it, made safe to store and to write into any file format.

Control characters (other than tab and line breaks) have no meaning in a toelichting or a
name, and they make .xlsx and .docx files unreadable, so they are removed where text enters
the app. Everything else (accents, right-to-left text, zero-width characters, emoji) is kept.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and line feed, lone surrogates, and non-characters XML forbids.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """The text with Windows and old Mac line breaks as \\n and without control characters."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_name(text: str) -> str:
    """A name on one line: control characters removed, every run of white space one space."""
    return " ".join(unicodedata.normalize("NFC", clean_text(text)).split())


# The longest text each kind of field holds: one table, used by the pages (to say so) and the services (to refuse).
LIMITS = {
    "toelichting": 5000,
    "plan_text": 20000,
    "plan_short": 500,
    "name": 200,
    "extra_question": 500,
    "extra_help": 1000,
    "faq_question": 500,
    "faq_answer": 2000,
    "indicator_definition": 1000,
    "duiding": 5000,
    "words": 2000,
}


def dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def too_long(text: str, limit: int) -> str | None:
    """None when the text fits; else what to do, in plain Dutch. Nothing is ever cut off: the person decides."""
    if len(text) <= limit:
        return None
    return (
        f"Deze tekst is {dutch_number(len(text))} tekens lang; hier passen er {dutch_number(limit)}. Maak hem "
        f"{dutch_number(len(text) - limit)} tekens korter. Uw tekst blijft staan, maar is nog niet bewaard."
    )

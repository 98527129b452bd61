"""The one parser for the URL's parameters (?ronde=12&blok=2&plan=3&bijeenkomst=4&code=...).

An address can be typed, pasted, cut off or made up. A parameter that is not what it should be
gives a plain Dutch message and a way back, never an error from deeper in the app.
"""

from __future__ import annotations

import re

import streamlit as st

MAX_ID = 2**31 - 1  # the largest id any of our databases stores
_DIGITS = re.compile(r"[0-9]{1,10}")
NAMES = {"ronde": "de ronde", "plan": "het verbeterplan", "bijeenkomst": "de bijeenkomst", "blok": "het blok"}


def parse_id(raw: str | None) -> int | None:
    """'12' -> 12; anything else (empty, '²', '1e3', a 25-digit number, '-1', ' 1') -> None."""
    if raw is None or not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def id_param(name: str) -> int | None:
    """A number from the URL, or None when it is absent. A wrong one stops the page with a message."""
    raw = st.query_params.get(name)
    if raw is None or raw == "":
        return None
    value = parse_id(raw)
    if value is None:
        bad_address(name)
    return value


def optional_id_param(name: str) -> int | None:
    """A number from the URL where a wrong one is simply ignored (e.g. which block is shown)."""
    return parse_id(st.query_params.get(name))


def choice_param(name: str, options: list[str]) -> str | None:
    """One of a few fixed words from the URL (e.g. which part of a page); anything else is ignored."""
    raw = st.query_params.get(name)
    return raw if raw in options else None


def text_param(name: str, *, max_length: int) -> str:
    """Text from the URL, cut to max_length and without control characters."""
    raw = st.query_params.get(name) or ""
    return "".join(ch for ch in raw[:max_length] if ch.isprintable())


def bad_address(name: str) -> None:
    st.title("Dit adres klopt niet")
    st.error(
        f"In het adres van deze pagina staat bij '{name}' iets wat geen nummer van {NAMES.get(name, 'een onderdeel')} "
        "is. Misschien is het adres niet helemaal gekopieerd."
    )
    if st.button("Verder zonder dit adres", type="primary"):
        st.query_params.clear()
        st.rerun()
    st.stop()

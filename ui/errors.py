"""No traceback ever reaches a person: an unexpected error becomes a calm Dutch message with a
reference, and the details go to the server's log under that reference."""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st

log = logging.getLogger("zelfscan")
P = ParamSpec("P")
R = TypeVar("R")

MESSAGE = (
    "Er ging iets mis op deze pagina. Wat al bewaard was, blijft bewaard. Laad de pagina opnieuw of ga terug "
    "naar de startpagina. Blijft het misgaan? Geef dan dit kenmerk door aan de beheerder: {reference}."
)


def show_unexpected(exc: BaseException) -> str:
    """Log the error with a new reference and tell the person in plain Dutch; returns the reference."""
    reference = secrets.token_hex(4).upper()
    log.error("Onverwachte fout, kenmerk %s", reference, exc_info=exc)
    st.error(MESSAGE.format(reference=reference), icon=":material/error:")
    return reference


def calm(function: Callable[P, R]) -> Callable[P, R | None]:
    """Run a page or fragment; an unexpected error is shown as MESSAGE, never as a traceback.

    Streamlit's own st.stop, st.rerun and st.switch_page raise BaseException subclasses and
    pass through untouched.
    """

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return function(*args, **kwargs)
        except Exception as exc:
            show_unexpected(exc)
            return None

    return run

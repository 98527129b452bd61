"""Doing what a person asked, once: run a service, show its Dutch message on failure, or remember a success
message and draw the page again (the message then shows at the top, once)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy import Engine

from domain.access import Principal
from services import ServiceError
from ui.text import md

_NOTICE_KEY = "_gelukt_melding"


def run(
    action: Callable[..., object],
    engine: Engine,
    principal: Principal,
    message: str | None,
    *,
    remember: tuple[str, object] | None = None,
    **kwargs: object,
) -> None:
    """`message` None: the page drawn again shows the result itself. `remember`: a (key, value) put in the session
    only when the action succeeded, for the page to show where it happened."""
    try:
        action(engine, principal, **kwargs)
    except ServiceError as exc:
        st.error(md(str(exc)))
    else:
        if message is not None:
            st.session_state[_NOTICE_KEY] = message
        if remember is not None:
            st.session_state[remember[0]] = remember[1]
        st.rerun()


def show_notice() -> None:
    """The success message of the action that drew this page again, if any."""
    if notice := st.session_state.pop(_NOTICE_KEY, None):
        st.success(md(notice), icon=":material/check:")

"""Process-wide resources and per-session context for the pages."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from settings import get_settings
from store.engine import shared_engine


def engine() -> Engine:
    """One pooled engine per process; sessions are opened per unit of work."""
    return shared_engine(get_settings().effective_database_url)


PAGE_STYLE = """
<style>
/* A question is the most important text of its card: larger than its help text. */
div[data-testid="stRadio"] > label[data-testid="stWidgetLabel"] p { font-size: 1.05rem; font-weight: 600; }
</style>
"""


def set_page_language() -> None:
    """Streamlit hard-codes lang="en"; screen readers must read Dutch. Also adds our few styles."""
    st.html(PAGE_STYLE + "<script>document.documentElement.lang='nl'</script>", unsafe_allow_javascript=True)


def current_round_id() -> int | None:
    """The round the person is working on: from the URL (survives a reload), else from the session."""
    raw = st.query_params.get("ronde")
    if raw is not None and raw.isdigit():
        st.session_state["ronde"] = int(raw)
        return int(raw)
    remembered = st.session_state.get("ronde")
    if isinstance(remembered, int):
        st.query_params["ronde"] = str(remembered)
        return remembered
    return None


def remember_round(round_id: int) -> None:
    st.session_state["ronde"] = round_id


def init_from_query(key: str, options: list[int]) -> None:
    """Give a widget its value from the URL when the URL came from outside (a link, a reload).

    The URL value this session wrote itself is remembered, so a click on the widget is
    not undone by the older value still in the URL.
    """
    raw = st.query_params.get(key)
    if raw is None or not raw.isdigit() or int(raw) not in options:
        return
    if raw != st.session_state.get(f"_url_{key}"):
        st.session_state[key] = int(raw)
        st.session_state[f"_url_{key}"] = raw


def write_query(key: str, value: int) -> None:
    st.query_params[key] = str(value)
    st.session_state[f"_url_{key}"] = str(value)


def client_key() -> str:
    """Who is trying to log in, for the rate limit: the client's address when known."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "onbekend"

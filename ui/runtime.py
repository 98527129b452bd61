"""Process-wide resources and per-session context for the pages."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine

from services import authz
from services.scan import latest_round_of_gemeente
from settings import get_settings
from store.engine import shared_engine
from ui import dutch, params, unsaved


def engine() -> Engine:
    """One pooled engine per process; sessions are opened per unit of work."""
    return shared_engine(get_settings().effective_database_url)


PAGE_RUNS_AT_ONCE = 1
PAGE_RUN_WAIT_SECONDS = 2.0
SEND_TURNS = 150  # turns of the server's event loop a page gets to send itself: a block-2 scan page sends 103 messages
SEND_WAIT_SECONDS = 0.25
_PAGE_RUNS = threading.BoundedSemaphore(PAGE_RUNS_AT_ONCE)
_FOLLOWING = "_volgt_de_bijeenkomst"  # set by the banner's check when it asks for the whole page (ui/live.py)
_SERVER_LOOP: list[asyncio.AbstractEventLoop] = []


def serve_on(loop: asyncio.AbstractEventLoop) -> None:
    """server.py: the event loop that sends every page's messages to the browsers."""
    _SERVER_LOOP[:] = [loop]


def follow_the_room() -> None:
    """The next page run of this session draws a block the facilitator just opened or closed: it takes its turn."""
    st.session_state[_FOLLOWING] = True


def following_the_room() -> bool:
    """Whether this page run was asked for by the bijeenkomst's check (and so takes its turn); asked once per run."""
    return bool(st.session_state.pop(_FOLLOWING, False))


@contextmanager
def in_turn(following: bool) -> Iterator[None]:
    """A page run that follows the room waits its turn: PAGE_RUNS_AT_ONCE of them in a process at the same time,
    each waiting at most PAGE_RUN_WAIT_SECONDS, and each hands its turn on once the server has sent it. Every other
    page run goes ahead at once.

    Why: when a block opens at a bijeenkomst, 60 devices draw their page again within two seconds. Streamlit sends
    one message per turn of its event loop (streamlit/runtime/runtime.py), and every element a page's thread draws
    is a callback on that loop. While pages are being drawn the loop's turns grow long, and nothing is sent until
    the last page is drawn: every device got its page at the same late moment (bench/meeting.py; a trace of the
    server counted, per 0.2 s, about 550 messages made, 450 handled on the loop and 2 sent). In turns, with the loop
    free to send each page before the next is drawn, the first devices have theirs at once. Only these runs wait: a
    page that takes long on purpose (a wrong code's delay, a PDF) must never hold up anyone else."""
    if not following:
        yield
        return
    admitted = _PAGE_RUNS.acquire(timeout=PAGE_RUN_WAIT_SECONDS)
    try:
        yield
    finally:
        if admitted:
            _let_the_server_send()
            _PAGE_RUNS.release()


def _let_the_server_send() -> None:
    """Give the server's event loop SEND_TURNS turns to send what the page drew, waiting at most SEND_WAIT_SECONDS.
    Without a server loop (a page run in a test) there is nothing to wait for."""
    if not _SERVER_LOOP:
        return

    async def turns() -> None:
        for _ in range(SEND_TURNS):
            await asyncio.sleep(0)

    waiting = turns()
    try:
        sent = asyncio.run_coroutine_threadsafe(waiting, _SERVER_LOOP[0])
    except RuntimeError:  # the server is stopping: its loop is closed
        waiting.close()
        return
    try:
        sent.result(timeout=SEND_WAIT_SECONDS)
    except TimeoutError:
        sent.cancel()


PAGE_STYLE = """
<style>
/* A question is the most important text of its card: larger than its help text. */
div[data-testid="stRadio"] > label[data-testid="stWidgetLabel"] p { font-size: 1.05rem; font-weight: 600; }
/* Streamlit draws captions at 60 % opacity: about 3:1 on white, below WCAG's 4.5:1. */
div[data-testid="stCaptionContainer"] { opacity: 1; color: #505050; }
/* A standard's heading and its description are one markdown element (ui/round_header.standard_heading): the same
   line under the heading as st.subheader's gray divider. */
div[data-testid="stMarkdown"] h3::after {
  content: ""; display: block; height: 2px; margin-top: 0.5rem; background: rgb(107, 114, 128); border-radius: 9999px;
}
/* Bookkeeping between browser and server (ui/autosave.py), not for people. */
.st-key-zelfscan_getekend { display: none; }
</style>
"""


def set_page_language(extra: str = "") -> None:
    """Streamlit hard-codes lang="en"; screen readers must read Dutch. Also adds our few styles, and
    puts Streamlit's own fixed English strings in Dutch (ui/dutch.py), and makes the browser ask before a page
    with unsaved text is left (ui/unsaved.py). `extra`: a script for this run only (ui/auth.cookie_script), in
    this same element so that the page's elements never move."""
    st.html(
        PAGE_STYLE + "<script>document.documentElement.lang='nl'</script>" + dutch.SCRIPT + unsaved.SCRIPT + extra,
        unsafe_allow_javascript=True,
    )


def current_round_id() -> int | None:
    """The round the person is working on: from the URL (survives a reload), else from the session,
    else, for a gemeente, its own round that changed last (a gemeente has one gemeente: no dead end)."""
    from_url = params.id_param("ronde")
    if from_url is not None:
        st.session_state["ronde"] = from_url
        return from_url
    remembered = st.session_state.get("ronde")
    principal = st.session_state.get("ingelogd_als")
    if not isinstance(remembered, int):
        remembered = getattr(principal, "round_id", None)  # a deelnemer has one round
    if not isinstance(remembered, int) and principal is not None and authz.own_gemeente(principal) is not None:
        remembered = latest_round_of_gemeente(engine(), principal)
    if isinstance(remembered, int):
        st.session_state["ronde"] = remembered
        st.query_params["ronde"] = str(remembered)
        return remembered
    return None


def remember_round(round_id: int) -> None:
    st.session_state["ronde"] = round_id


def init_from_query(key: str, options: list[int] | list[str]) -> None:
    """Give a widget its value from the URL when the URL came from outside (a link, a reload).

    Every value this session wrote to the URL is remembered: a rerun can arrive with an
    older URL than the one the server last wrote (the browser had not applied it yet), and
    that older value must not undo the click that caused the rerun. When the widget is
    new on the page (a link, a reload, a page switch) the URL always wins.
    """
    written = f"_url_{key}"
    if key not in st.session_state:
        st.session_state[written] = set()
    value: int | str | None
    if all(isinstance(o, str) for o in options):
        value = params.choice_param(key, [str(o) for o in options])
    else:
        value = params.optional_id_param(key)
    if value is None or value not in options:
        return
    if str(value) not in st.session_state.get(written, set()):
        st.session_state[key] = value


def write_query(key: str, value: int | str) -> None:
    st.query_params[key] = str(value)
    st.session_state.setdefault(f"_url_{key}", set()).add(str(value))

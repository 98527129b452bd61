"""At a running bijeenkomst: the scan page follows the facilitator and shows the growing FAQ."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from domain.access import Principal
from services.live import live_state
from ui.errors import calm
from ui.runtime import follow_the_room
from ui.text import md, plain

POLL_SECONDS = 2  # a check costs a fragment rerun; the database is read a few times a second per process
EVERY = "elke seconde" if POLL_SECONDS == 1 else f"elke {POLL_SECONDS} seconden"


def meeting_banner(engine: Engine, principal: Principal, round_id: int, shown_block: int | None) -> None:
    """Which block is open, and the FAQ; checked every POLL_SECONDS. When the facilitator opens or closes a block, the
    whole page is drawn again so the right questions can be answered.

    The page read the open block from the database just now; the check reads what this process last read for
    every device (services/live.py), which may be a quarter of a second older. So only a check asks for the whole
    page again: asked during the page's own run, an older read would start the page again and again."""
    in_page_run = [True]

    @st.fragment(run_every=POLL_SECONDS)
    @calm
    def banner() -> None:
        state = live_state(engine, principal, round_id=round_id)
        if not in_page_run[0] and (state is None or state.open_block != shown_block):
            follow_the_room()
            st.rerun(scope="app")
        title = md(state.title) if state is not None else "De bijeenkomst"
        if shown_block:
            st.info(
                f"{title}: blok {shown_block} is open. Alleen de vragen van blok {shown_block} "
                "kunt u nu beantwoorden; de andere vragen kunt u wel lezen. Kies hierboven blok "
                f"{shown_block} als u dat nog niet ziet."
            )
        else:
            st.info(
                f"{title}: er is nu geen blok open. Wacht tot de facilitator een blok opent. "
                f"Deze pagina kijkt dat {EVERY} na."
            )
        if state is not None and state.faq:
            with st.expander(f"Veelgestelde vragen ({len(state.faq)})", expanded=True):
                for item in state.faq:
                    st.markdown(f"**{md(item.question)}**")
                    plain(item.answer or "Nog geen antwoord.")

    banner()
    in_page_run[0] = False

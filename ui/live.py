"""At a running bijeenkomst: the scan page follows the facilitator and shows the growing FAQ."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from domain.access import Principal
from services.live import live_state
from ui.errors import calm
from ui.text import md, plain

POLL_SECONDS = 2  # a check costs a fragment rerun and, per round, one short read a second (services/live.py)


def meeting_banner(engine: Engine, principal: Principal, round_id: int, shown_block: int | None) -> None:
    """Which block is open, and the FAQ; checked every few seconds. When the facilitator opens or
    closes a block, the whole page is drawn again so the right questions can be answered."""

    @st.fragment(run_every=POLL_SECONDS)
    @calm
    def banner() -> None:
        state = live_state(engine, principal, round_id=round_id)
        if state is None or state.open_block != shown_block:
            st.rerun(scope="app")
        assert state is not None
        if state.open_block:
            st.info(
                f"{md(state.title)}: blok {state.open_block} is open. Alleen de vragen van blok {state.open_block} "
                "kunt u nu beantwoorden; de andere vragen kunt u wel lezen. Kies hierboven blok "
                f"{state.open_block} als u dat nog niet ziet."
            )
        else:
            st.info(
                f"{md(state.title)}: er is nu geen blok open. Wacht tot de facilitator een blok opent. "
                f"Deze pagina kijkt dat elke {POLL_SECONDS} seconden na."
            )
        if state.faq:
            with st.expander(f"Veelgestelde vragen ({len(state.faq)})", expanded=True):
                for item in state.faq:
                    st.markdown(f"**{md(item.question)}**")
                    plain(item.answer or "Nog geen antwoord.")

    banner()

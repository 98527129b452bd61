"""What a partner sees around their own answers: how it works, and handing them in."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from domain.access import Principal
from services import ServiceError
from services.partners import mark_done, whoami
from ui.text import md


def intro(engine: Engine, principal: Principal, editable: bool) -> None:
    me, phase = whoami(engine, principal)
    if editable:
        st.info(
            f"U vult de scan eerst alleen in, als **{md(me.who)}**. Andere partners zien uw antwoorden pas als zij "
            "hun eigen antwoorden hebben ingeleverd. De gemeente ziet uw antwoorden met uw rol erbij. "
            "Daarna stelt de gemeente samen met de partners het antwoord van de gemeente vast.",
            icon=":material/person:",
        )
    elif phase.closed:
        st.info(
            "Het apart invullen is afgesloten. Uw antwoorden staan hieronder. Op de pagina **Samen** ziet u "
            "hoe de partners antwoordden.",
            icon=":material/lock:",
        )
    else:
        st.success(
            "U heeft uw antwoorden ingeleverd. Op de pagina **Samen** ziet u hoe de partners antwoordden "
            "die ook klaar zijn.",
            icon=":material/check:",
        )


def hand_in(engine: Engine, principal: Principal, editable: bool) -> None:
    me, phase = whoami(engine, principal)
    if editable:
        st.subheader("Klaar?", divider="gray")
        st.write(
            f"U beantwoordde {me.answered} {'vraag' if me.answered == 1 else 'vragen'}. "
            "Lever uw antwoorden in als u klaar bent. "
            "Daarna kunt u ze niet meer wijzigen, tenzij u ze terugneemt zolang de gemeente het apart invullen "
            "niet heeft afgesloten."
        )
        if st.button("Mijn antwoorden inleveren", type="primary", icon=":material/send:"):
            _set(engine, principal, done=True)
    elif not phase.closed and st.button("Toch nog iets wijzigen", icon=":material/edit:"):
        _set(engine, principal, done=False)
    if not editable:
        st.page_link("pages/samen.py", label="Naar de antwoorden van de partners", icon=":material/diversity_3:")


def _set(engine: Engine, principal: Principal, *, done: bool) -> None:
    try:
        mark_done(engine, principal, done=done)
    except ServiceError as exc:
        st.error(md(str(exc)))
        return
    st.rerun()

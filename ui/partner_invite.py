"""Inviting partners to answer a round alone first, following them, and closing that phase.

Shared by the Samen page (gemeente, or a group's own device at a bijeenkomst) and the facilitator's
console (per group, where partners are shown by role only)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from domain.access import Principal
from domain.models import PARTICIPANT_ROLES, ApartPhase
from services import ServiceError
from services.partners import close_apart, invite_partner, revoke_partner, start_apart
from ui import actions, fields
from ui.text import md, table

NEW_CODE_KEY = "_nieuwe_partnercode"


def start_button(engine: Engine, principal: Principal, round_id: int, *, label: str) -> None:
    if st.button(label, type="primary", icon=":material/diversity_3:", key=f"apart_start_{round_id}"):
        actions.run(start_apart, engine, principal, None, round_id=round_id)


def manage(engine: Engine, principal: Principal, round_id: int, phase: ApartPhase, *, names: bool = True) -> None:
    """The partners with how far they are; inviting (code shown once), revoking, closing."""
    if phase.partners:
        table(
            [
                {
                    "Partner": p.who if names else p.role,
                    "Beantwoord": f"{p.answered} vragen",
                    "Ingeleverd": "ja" if p.done else "nee",
                    "Code": "werkt niet meer" if p.code_revoked else "werkt",
                }
                for p in phase.partners
            ]
        )
    else:
        st.write("Nog geen partners uitgenodigd.")
    issued = st.session_state.get(NEW_CODE_KEY)
    if issued is not None and issued[0] == round_id:
        address = st.context.url.split("/", 3)[:3] if st.context.url else []
        where = "/".join(address) if len(address) == 3 else "het adres van de zelfscan"
        st.success(
            f"De code voor {md(issued[1])} is **{issued[2]}**. Geef deze code alleen aan deze persoon. "
            "U ziet de code nu één keer; wij bewaren hem niet. De partner gaat naar "
            f"**{md(where)}**, vult de code in bij 'Toegangscode' en klikt op Inloggen. Daarna staan de vragen "
            "klaar om alleen in te vullen.",
            icon=":material/key:",
        )
    if phase.closed:
        st.write("Het apart invullen is afgesloten.")
    else:
        with st.form(f"partner_{round_id}", clear_on_submit=True, enter_to_submit=False):
            st.markdown("**Nodig een partner uit.** Elke partner krijgt een eigen code.")
            left, right = st.columns(2)
            role = left.selectbox("Rol van de partner", PARTICIPANT_ROLES, index=None, placeholder="Kies een rol")
            name = fields.text_input("Naam (niet verplicht)", limit="name", container=right)
            if st.form_submit_button("Code maken", type="primary"):
                try:
                    code = invite_partner(engine, principal, round_id=round_id, role=role or "", name=name)
                except ServiceError as exc:
                    st.error(md(str(exc)))
                else:
                    who = f"{role} ({name.strip()})" if name.strip() else role
                    st.session_state[NEW_CODE_KEY] = (round_id, who, code.code)
                    st.rerun()
        st.write(
            "Zijn alle partners klaar, of wilt u niet langer wachten? Sluit dan het apart invullen af. "
            "Daarna kan niemand meer alleen invullen, ziet iedere partner alle antwoorden, en stelt u samen "
            "het antwoord van de gemeente vast."
        )
        confirm = st.checkbox("Ja, ik wil het apart invullen afsluiten", key=f"apart_zeker_{round_id}")
        if st.button(
            "Apart invullen afsluiten", icon=":material/lock:", disabled=not confirm, key=f"apart_sluit_{round_id}"
        ):
            actions.run(close_apart, engine, principal, None, round_id=round_id)
    active = {p.id: p.who if names else p.role for p in phase.partners if not p.code_revoked}
    if active:
        with st.expander("Code van een partner intrekken"):
            chosen = st.selectbox(
                "Partner", list(active), format_func=active.__getitem__, index=None, key=f"apart_weg_{round_id}"
            )
            st.caption("De code werkt dan niet meer. Wat de partner al invulde, blijft bewaard.")
            if st.button("Code intrekken", disabled=chosen is None, key=f"apart_intrekken_{round_id}"):
                actions.run(revoke_partner, engine, principal, None, round_id=round_id, partner_id=chosen)

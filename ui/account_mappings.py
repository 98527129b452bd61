"""On the Beheer page: map accounts of the configured identity providers to a role (single sign-on)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from domain.access import AccountMapping, Principal
from services import ServiceError
from services.sso import MAPPED_ROLES, add_mapping
from ui import accounts, fields
from ui.code_form import scope_fields
from ui.text import md

CLAIM_HELP = (
    "Het kenmerk in het account waarop u koppelt. Bij Microsoft Entra ID meestal 'roles' (app-rollen, bijvoorbeeld "
    "'Zelfscan.Regio') of 'groups' (de id van een groep). Met 'email' koppelt u één persoon."
)


def account_mappings(engine: Engine, principal: Principal, *, regio_id: int, gemeenten: dict[int, str]) -> None:
    names = accounts.providers()
    if not names:
        return
    st.header("Inloggen met een organisatie-account")
    st.write(
        "Mensen kunnen ook inloggen met het account van hun eigen organisatie. Een account krijgt pas toegang als "
        "het hier gekoppeld is aan een rol. Een koppeling staat bij de codes hieronder: daar trekt u haar ook in."
    )
    with st.form("nieuwe_koppeling", enter_to_submit=False):
        provider = st.selectbox("Inlogdienst", names)
        claim = fields.text_input("Kenmerk", limit="name", value="roles", help=CLAIM_HELP)
        value = fields.text_input("Waarde van het kenmerk, bijvoorbeeld 'Zelfscan.Regio'", limit="name")
        tenant = fields.text_input("Tenant-id (alleen bij Microsoft Entra ID; leeg: elke tenant)", limit="name")
        role, gemeente_id, label, expires_at = scope_fields(
            MAPPED_ROLES, lambda r: r.label, gemeenten, what="koppeling", example="regioteam via Entra"
        )
        if st.form_submit_button("Koppeling maken"):
            try:
                add_mapping(
                    engine,
                    principal,
                    regio_id=regio_id,
                    mapping=AccountMapping(provider=provider or "", claim=claim, value=value, tenant=tenant),
                    role=role,
                    label=label,
                    gemeente_id=gemeente_id,
                    expires_at=expires_at,
                )
            except ServiceError as exc:
                st.error(md(str(exc)))
            else:
                st.success("De koppeling is gemaakt. Accounts met dit kenmerk kunnen nu inloggen.")

"""Meedoen aan een bijeenkomst: join a gemeente's table with the short code on the screen."""

from __future__ import annotations

import streamlit as st

from services import ServiceError
from services.meeting import join
from ui import auth, params, runtime
from ui.text import md

engine = runtime.engine()
meeting_id = params.id_param("bijeenkomst")

auth.thanks_when_meeting_ended()
st.title("Meedoen aan een bijeenkomst")
st.write(
    "Doet u mee aan een bijeenkomst over de zelfscan? Vul de code van uw gemeente in. U heeft geen "
    "account nodig. Met de code vult u samen met uw groep de scan van uw gemeente in."
)
with st.form("meedoen"):
    code = st.text_input("Code van uw groep", value=params.text_param("code", max_length=12), placeholder="ABC-DEF")
    if st.form_submit_button("Meedoen", type="primary"):
        try:
            result = join(engine, meeting_id=meeting_id, code=code, client_key=auth.client_key())
        except ServiceError as exc:
            st.error(md(str(exc)))
        else:
            auth.remember(result)
            st.query_params.clear()
            st.rerun()

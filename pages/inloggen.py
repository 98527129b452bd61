"""Inloggen: with an access code. In the demo region, the demo codes are listed here."""

from __future__ import annotations

import streamlit as st

from demo.seed import load_demo_region
from domain.access import Role
from services.access import LoginError, login
from services.access_codes import demo_codes
from services.regio import has_any_regio
from settings import get_settings
from ui import accounts, auth, runtime
from ui.navigation import FIRST_LOG_IN
from ui.text import md

engine = runtime.engine()


def sign_in(code: str) -> None:
    try:
        result = login(engine, code=code, client_key=auth.client_key())
    except LoginError as exc:
        st.error(md(str(exc)))
        return
    st.session_state.pop(FIRST_LOG_IN, None)
    auth.remember(result)
    st.rerun()


auth.thanks_when_meeting_ended()
st.title("Zelfscan Werken aan veiligheid")
st.write(
    "Met deze zelfscan kijkt uw gemeente samen met partners hoe de lokale aanpak van huiselijk "
    "geweld en kindermishandeling ervoor staat. De scan volgt de 10 kwaliteitsstandaarden van de VNG "
    "en heeft 31 vragen, in twee blokken."
)
st.header("Inloggen")
if st.session_state.get(FIRST_LOG_IN):  # kept until the person logs in: a second run of this page says it too
    st.info("U bent (nog) niet ingelogd, of u bent uitgelogd. Log in om die pagina te zien.", icon=":material/lock:")
st.write("Log in met de toegangscode die u van de beheerder van uw regio kreeg.")
with st.form("inloggen"):
    code = st.text_input("Toegangscode", type="password", placeholder="XXXX-XXXX-XXXX-XXXX")
    if st.form_submit_button("Inloggen", type="primary"):
        sign_in(code)
accounts.login_section()

demo = demo_codes(engine)
if demo:
    st.header("Demoregio: probeer elke rol")
    st.write(
        "In de demoregio 'Regio Voorbeeld' zijn de gemeenten, antwoorden en toelichtingen verzonnen, net als de vijf "
        "andere regio's van het landelijke beeld. Met deze codes kunt u elke rol uitproberen. Een echte regio toont "
        "hier nooit codes."
    )
    for role in (Role.GEMEENTE, Role.REGIO, Role.FACILITATOR, Role.BEHEERDER, Role.LANDELIJK):
        rows = [(label, code) for r, label, code in demo if r is role]
        if not rows:
            continue
        st.subheader(role.label)
        for label, code in rows:
            left, right = st.columns([2, 1])
            left.write(f"{md(label)}: `{code}`")
            if right.button(f"Inloggen als {label}", key=f"demo_{code}"):
                sign_in(code)
elif not has_any_regio(engine) and get_settings().offer_demo:
    st.header("Nog geen regio")
    st.write(
        "Er staat nog niets in de database. De beheerderscode staat in het venster waarin de server "
        "startte. Wilt u eerst rondkijken? Open dan de demoregio."
    )
    if st.button("Demoregio 'Regio Voorbeeld' openen"):
        load_demo_region(engine, national=True)
        st.rerun()

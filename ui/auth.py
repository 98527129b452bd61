"""The logged-in principal of this browser, from the page session or the login cookie."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from domain.access import Principal
from domain.markup import fill, script_value
from services import authz
from services.access import COOKIE_NAME, Login, logout, participation_ended, principal_for
from services.client_address import client_address
from settings import get_settings
from ui import accounts

TOKEN_KEY = "sessie_token"
HANDOFF_KEY = "sessie_overdracht"
_HANDOFF_RUNS_KEY = "_sessie_overdracht_keer"
PRINCIPAL_KEY = "ingelogd_als"
ENDED_KEY = "bijeenkomst_afgelopen"  # this device took part in a bijeenkomst that has ended
SESSION_ROUTE = "/zelfscan/sessie"
LOGOUT_ROUTE = "/zelfscan/uitloggen"


def _cookie() -> str | None:
    value = st.context.cookies.get(COOKIE_NAME)
    return value if isinstance(value, str) else None


def client_key() -> str:
    """Where this browser's requests come from, as the app trusts it: for the login limits and the audit log
    (services/client_address.py)."""
    peer = st.context.ip_address
    peer = peer if isinstance(peer, str) and peer else "127.0.0.1"  # Streamlit hides loopback as None
    forwarded = st.context.headers.get("X-Forwarded-For")
    forwarded = forwarded if isinstance(forwarded, str) else None
    return client_address(peer, forwarded, get_settings().trusted_proxies)


def resolve(engine: Engine) -> Principal | None:
    """Check the login on every run, so a revoked or expired code ends the session at once."""
    token = st.session_state.get(TOKEN_KEY) or _cookie()
    principal = principal_for(engine, token)
    if principal is None:
        by_account = accounts.sign_in(engine, client_key())
        if by_account is not None:
            remember(by_account)
            token, principal = by_account.session_token, by_account.principal
    if principal is not None:
        principal = principal.model_copy(update={"origin": client_key()})
    if principal is None:
        if token and participation_ended(engine, token):
            st.session_state[ENDED_KEY] = True
        st.session_state.pop(TOKEN_KEY, None)
    st.session_state[PRINCIPAL_KEY] = principal
    return principal


def remember(result: Login) -> None:
    st.session_state[TOKEN_KEY] = result.session_token
    st.session_state[HANDOFF_KEY] = result.handoff_token
    st.session_state[_HANDOFF_RUNS_KEY] = 0


HANDOFF_RUNS = 3  # a run can be cut short (a page that goes on to another): the script goes with the next runs too


def cookie_script() -> str:
    """After a login, the script that lets the browser swap the one-time token for an httponly cookie ("" when there
    is none). It goes with the next few runs: a run cut short by a switch to another page may never reach the
    browser, and the token works only once, so a second swap does nothing. It is drawn inside the page's one
    html element (ui/runtime.set_page_language), never as an element of its own: an element that is there for
    some runs and then gone would move every widget below it, and Streamlit redraws a moved widget as a new one
    (a text being typed in it would be lost)."""
    handoff = st.session_state.get(HANDOFF_KEY)
    if not handoff:
        return ""
    runs = st.session_state.get(_HANDOFF_RUNS_KEY, 0) + 1
    st.session_state[_HANDOFF_RUNS_KEY] = runs
    if runs >= HANDOFF_RUNS:
        st.session_state.pop(HANDOFF_KEY, None)
        st.session_state.pop(_HANDOFF_RUNS_KEY, None)
    return fill(
        "<script>fetch({route}, {{method: 'POST', credentials: 'same-origin', "
        "headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify({body})}});</script>",
        route=script_value(SESSION_ROUTE),
        body=script_value({"token": handoff}),
    )


def sign_out(engine: Engine) -> None:
    """End the page session and the cookie session, clear the cookie, start afresh. After a login with an account,
    then end Streamlit's identity cookie too (its logout address also ends the provider's session where it can)."""
    logout(engine, st.session_state.pop(TOKEN_KEY, None), _cookie(), origin=client_key())
    then = script_value(accounts.logout_address() if accounts.logged_in_account() else "/")
    st.session_state.clear()
    st.html(
        fill(
            "<script>fetch({route}, {{method: 'POST', credentials: 'same-origin'}})"
            ".finally(() => {{ window.location.href = {then}; }});</script>",
            route=script_value(LOGOUT_ROUTE),
            then=then,
        ),
        unsafe_allow_javascript=True,
    )


def require(page: str) -> Principal:
    """Top of every page but the public ones, with the page's address: stop unless the person logged in may open it
    (services/authz.py decides, as it does for the menu)."""
    principal: Principal | None = st.session_state.get(PRINCIPAL_KEY)
    if principal is None or not authz.may_open(principal, page):
        st.error("U heeft geen toegang tot deze pagina. Log in met een code die hier toegang toe geeft.")
        st.stop()
    return principal


def thanks_when_meeting_ended() -> None:
    """On the public pages, for a device whose bijeenkomst has ended: thanks and where its answers are."""
    if not st.session_state.get(ENDED_KEY):
        return
    st.title("De bijeenkomst is afgelopen")
    st.success("Dank u wel voor het meedoen!", icon=":material/check_circle:")
    st.write(
        "Uw antwoorden zijn bewaard in de ronde van uw gemeente. Niemand hoeft iets over te typen. "
        "De gemeente ziet de antwoorden op haar startpagina en kan de scan daar verder invullen, "
        "de resultaten bekijken en een verbeterplan maken."
    )
    st.write("De code van de bijeenkomst werkt niet meer. U kunt dit venster sluiten.")
    if st.button("Verder met een andere code"):
        del st.session_state[ENDED_KEY]
        st.rerun()
    st.stop()

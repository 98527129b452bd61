"""The logged-in principal of this browser, from the page session or the login cookie."""

from __future__ import annotations

import json

import streamlit as st
from sqlalchemy import Engine

from domain.access import Principal, Role
from services.access import COOKIE_NAME, Login, logout, principal_for

TOKEN_KEY = "sessie_token"
HANDOFF_KEY = "sessie_overdracht"
PRINCIPAL_KEY = "ingelogd_als"
SESSION_ROUTE = "/zelfscan/sessie"
LOGOUT_ROUTE = "/zelfscan/uitloggen"


def _cookie() -> str | None:
    value = st.context.cookies.get(COOKIE_NAME)
    return value if isinstance(value, str) else None


def resolve(engine: Engine) -> Principal | None:
    """Check the login on every run, so a revoked or expired code ends the session at once."""
    token = st.session_state.get(TOKEN_KEY) or _cookie()
    principal = principal_for(engine, token)
    if principal is None:
        st.session_state.pop(TOKEN_KEY, None)
    st.session_state[PRINCIPAL_KEY] = principal
    return principal


def remember(result: Login) -> None:
    st.session_state[TOKEN_KEY] = result.session_token
    st.session_state[HANDOFF_KEY] = result.handoff_token


def set_cookie_if_new() -> None:
    """After a login, let the browser swap the one-time token for an httponly cookie."""
    handoff = st.session_state.pop(HANDOFF_KEY, None)
    if handoff:
        body = json.dumps({"token": handoff})
        st.html(
            f"<script>fetch('{SESSION_ROUTE}', {{method: 'POST', credentials: 'same-origin', "
            f"headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify({body})}});</script>",
            unsafe_allow_javascript=True,
        )


def sign_out(engine: Engine) -> None:
    """End the page session and the cookie session, clear the cookie, start afresh."""
    logout(engine, st.session_state.pop(TOKEN_KEY, None))
    logout(engine, _cookie())
    st.session_state.clear()
    st.html(
        f"<script>fetch('{LOGOUT_ROUTE}', {{method: 'POST', credentials: 'same-origin'}})"
        ".finally(() => { window.location.href = '/'; });</script>",
        unsafe_allow_javascript=True,
    )


def require(*roles: Role) -> Principal:
    """Top of every page: stop unless the logged-in role may use it."""
    principal: Principal | None = st.session_state.get(PRINCIPAL_KEY)
    if principal is None or principal.role not in roles:
        st.error("U heeft geen toegang tot deze pagina. Log in met een code die hier toegang toe geeft.")
        st.stop()
    return principal

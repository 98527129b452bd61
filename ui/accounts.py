"""Logging in with one's own account (single sign-on, services/sso.py) on the page: which identity providers are
configured, the login buttons, and what an account without access is told."""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlalchemy import Engine

from services.access import Login, LoginError
from services.sso import STALE, Choice
from services.sso import login as account_login
from ui.text import md

REFUSED_KEY = "_account_geweigerd"
CHOICES_KEY = "_account_keuzes"
CHOICE_KEY = "_account_keuze"


def providers() -> list[str]:
    """The identity providers of `[auth]` in secrets.toml: its named sections, or "default" for a flat one."""
    from streamlit.runtime.secrets import secrets_singleton

    if not secrets_singleton.load_if_toml_exists() or "auth" not in secrets_singleton:
        return []
    section: Any = secrets_singleton["auth"]
    named = [name for name, value in section.items() if hasattr(value, "keys") and "client_id" in value]
    return named or (["default"] if "client_id" in section else [])


def logged_in_account() -> bool:
    return bool(providers()) and bool(st.user.is_logged_in)


def sign_in(engine: Engine, origin: str) -> Login | None:
    """A login for the account Streamlit's identity cookie names, if a mapping covers it. A refusal is kept for this
    browser session (the login page says it), so it is asked and logged once, not on every run."""
    if not logged_in_account() or st.session_state.get(REFUSED_KEY):
        return None
    claims = st.user.to_dict()
    try:
        result = account_login(
            engine,
            provider=str(claims.get("provider") or "default"),
            claims=claims,
            origin=origin,
            choice=st.session_state.pop(CHOICE_KEY, None),
        )
    except LoginError as exc:
        st.session_state[REFUSED_KEY] = str(exc)
        return None
    if isinstance(result, list):
        st.session_state[CHOICES_KEY] = result
        return None
    st.session_state.pop(CHOICES_KEY, None)
    return result


def login_section() -> None:
    """On the login page: the account's refusal or choices, else a button per identity provider."""
    names = providers()
    if not names:
        return
    refused = st.session_state.get(REFUSED_KEY)
    choices: list[Choice] = st.session_state.get(CHOICES_KEY) or []
    st.header("Inloggen met uw organisatie-account")
    if refused and st.user.is_logged_in:
        st.warning(md(refused), icon=":material/no_accounts:")
        if refused == STALE and st.button("Opnieuw inloggen", type="primary"):
            st.session_state.pop(REFUSED_KEY, None)
            provider = str(st.user.to_dict().get("provider") or "default")
            st.login(None if provider == "default" else provider)
        if st.button("Uitloggen bij uw organisatie-account"):
            st.session_state.pop(REFUSED_KEY, None)
            st.logout()
        return
    if choices and st.user.is_logged_in:
        st.write("Uw account geeft toegang op meer dan één manier. Kies waarmee u nu werkt.")
        for choice in choices:
            if st.button(f"{md(choice.label)} ({choice.role.label.lower()})", key=f"account_keuze_{choice.code_id}"):
                st.session_state[CHOICE_KEY] = choice.code_id
                st.session_state.pop(CHOICES_KEY, None)
                st.rerun()
        return
    st.write("Werkt uw organisatie met een eigen inlog (bijvoorbeeld Microsoft)? Log dan daarmee in.")
    for name in names:
        label = "Inloggen met uw organisatie-account" if len(names) == 1 else f"Inloggen via {name}"
        if st.button(label, key=f"account_login_{name}", icon=":material/badge:"):
            st.session_state.pop(REFUSED_KEY, None)
            st.login(None if name == "default" else name)


def logout_address() -> str:
    """Streamlit's address that ends the identity cookie and then the provider's session (OIDC end_session)."""
    from streamlit import config
    from streamlit.url_util import make_url_path
    from streamlit.user_info import AUTH_LOGOUT_ENDPOINT

    return make_url_path(str(config.get_option("server.baseUrlPath") or ""), AUTH_LOGOUT_ENDPOINT)

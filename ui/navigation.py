"""The menu: the pages services/authz.py gives a person, with their titles. A page left out cannot be reached."""

from __future__ import annotations

import streamlit as st

from domain.access import Principal
from services import authz


def _page(name: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(f"pages/{name}.py", title=title, icon=f":material/{icon}:", url_path=name, default=default)


# Every page of the app with its menu title and icon; which of them a person gets, and in what order, is
# services/authz.py's. An address that belongs to no page of this person leads to a calm page of our own (log in
# first, or not for you), never to Streamlit's blocking "page not found" dialog.
_TITLES = {
    "inloggen": ("Inloggen", "login"),
    "deelnemen": ("Meedoen aan een bijeenkomst", "groups"),
    "start": ("Start", "home"),
    "scan": ("Scan invullen", "edit"),
    "samen": ("Eerst apart, dan samen", "diversity_3"),
    "resultaten": ("Resultaten", "radar"),
    "verbeterplan": ("Verbeterplan", "assignment"),
    "geschiedenis": ("Geschiedenis", "history"),
    "inlezen": ("Excel inlezen", "upload_file"),
    "vergelijken": ("Vergelijken", "compare_arrows"),
    "indicatoren": ("Procesindicatoren", "monitoring"),
    "regio": ("Regio", "hub"),
    "landelijk": ("Landelijk beeld", "public"),
    "bijeenkomst": ("Bijeenkomst", "co_present"),
    "scherm": ("Scherm voor de zaal", "cast"),
    "voortgang": ("Voortgang", "groups"),
    "beheer": ("Beheer", "admin_panel_settings"),
    "vragenlijst": ("Vragenlijst", "quiz"),
    "logboek": ("Logboek", "receipt_long"),
    "backup": ("Back-up", "backup"),
    "begrippen": ("Begrippen", "menu_book"),
    "toegankelijkheid": ("Toegankelijkheid", "accessibility"),
    "uitloggen": ("Uitloggen", "logout"),
}

FIRST_LOG_IN = "_eerst_inloggen"


def pages_for(principal: Principal | None) -> list[st.Page]:
    """The person's pages; the app's root ("/") opens the first of them at its own address, so that address works
    too (a bookmark of /regio?onderdeel=vragen). Every other address of the app leads to a page of our own."""
    pages = _pages_for(principal)
    first = next(p for p in pages if p._default)
    first._default = False  # served at its own address; the root is the small page below
    home = _hidden("thuis", lambda: st.switch_page(first, query_params=dict(st.query_params)))
    home._default = True
    taken = {p.url_path for p in pages}
    extra = []
    for name in _TITLES:
        if name in taken:
            continue
        if principal is None:
            extra.append(_hidden(name, lambda: _log_in_first(first)))
        elif name in ("inloggen", "deelnemen"):  # just logged in or joined there: on to the start page
            extra.append(_hidden(name, lambda: st.switch_page(first, query_params=dict(st.query_params))))
        else:
            extra.append(_hidden(name, lambda: _not_for_you(first)))
    return [home, *pages, *extra]


def _hidden(name: str, run) -> st.Page:  # type: ignore[no-untyped-def]
    def page() -> None:
        run()

    page.__name__ = f"adres_{name}"
    return st.Page(page, title=name.capitalize(), url_path=name, visibility="hidden")


def _log_in_first(login: st.Page) -> None:
    """A page of the app while nobody is logged in (a bookmark, Back after logging out): the login page says so."""
    st.session_state[FIRST_LOG_IN] = True
    st.switch_page(login)


def _not_for_you(start: st.Page) -> None:
    st.title("Deze pagina is er niet voor u")
    st.info("Met uw code kunt u deze pagina niet openen. In het menu staan de pagina's die er voor u zijn.")
    st.page_link(start, label="Naar uw startpagina", icon=":material/home:")


def _title(principal: Principal | None, name: str) -> tuple[str, str]:
    """A page's title as this person reads it: a partner's scan holds its own answers, the regio team reads the
    answers of the gemeente it chose and its start page lists gemeenten."""
    if principal is not None and authz.answers_alone(principal):
        return {"scan": ("Uw antwoorden", "edit"), "samen": ("Samen", "diversity_3")}.get(name, _TITLES[name])
    if principal is not None and authz.chooses_a_gemeente(principal):
        return {"scan": ("Antwoorden", "visibility"), "start": ("Gemeenten", "home")}.get(name, _TITLES[name])
    return _TITLES[name]


def _pages_for(principal: Principal | None) -> list[st.Page]:
    names = authz.pages(principal) + (() if principal is None else ("uitloggen",))
    return [_page(name, *_title(principal, name), default=i == 0) for i, name in enumerate(names)]

"""Which pages each role gets. A page left out cannot be reached at all."""

from __future__ import annotations

import streamlit as st

from domain.access import Principal, Role


def _page(name: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(f"pages/{name}.py", title=title, icon=f":material/{icon}:", url_path=name, default=default)


# Every page's address, whoever may see it: an address that belongs to no page of this person leads to a calm page
# of our own (log in first, or not for you), never to Streamlit's blocking "page not found" dialog.
ADDRESSES = ("start", "scan", "samen", "resultaten", "verbeterplan", "geschiedenis", "inlezen", "indicatoren",
             "regio", "vergelijken", "bijeenkomst", "scherm", "voortgang", "beheer", "vragenlijst", "backup",
             "logboek", "landelijk", "uitloggen", "inloggen", "deelnemen", "begrippen", "toegankelijkheid")  # fmt: skip
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
    for name in ADDRESSES:
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


def _pages_for(principal: Principal | None) -> list[st.Page]:
    begrippen = _page("begrippen", "Begrippen", "menu_book")
    toegankelijkheid = _page("toegankelijkheid", "Toegankelijkheid", "accessibility")
    uitloggen = _page("uitloggen", "Uitloggen", "logout")
    deelnemen = _page("deelnemen", "Meedoen aan een bijeenkomst", "groups")
    if principal is None:
        return [_page("inloggen", "Inloggen", "login", default=True), deelnemen, begrippen, toegankelijkheid]
    if principal.role is Role.DEELNEMER:
        return [
            _page("scan", "Scan invullen", "edit", default=True),
            _page("samen", "Eerst apart, dan samen", "diversity_3"),
            begrippen,
            toegankelijkheid,
            uitloggen,
        ]
    if principal.role is Role.PARTNER:
        return [
            _page("scan", "Uw antwoorden", "edit", default=True),
            _page("samen", "Samen", "diversity_3"),
            begrippen,
            toegankelijkheid,
            uitloggen,
        ]
    round_pages = [
        _page("resultaten", "Resultaten", "radar"),
        _page("verbeterplan", "Verbeterplan", "assignment"),
        _page("geschiedenis", "Geschiedenis", "history"),
        _page("inlezen", "Excel inlezen", "upload_file"),
        begrippen,
        toegankelijkheid,
        uitloggen,
    ]
    if principal.role is Role.GEMEENTE:
        return [
            _page("start", "Start", "home", default=True),
            _page("scan", "Scan invullen", "edit"),
            _page("samen", "Eerst apart, dan samen", "diversity_3"),
            *round_pages[:-3],
            _page("vergelijken", "Vergelijken", "compare_arrows"),
            _page("indicatoren", "Procesindicatoren", "monitoring"),
            *round_pages[-3:],
        ]
    if principal.role is Role.REGIO:
        return [
            _page("regio", "Regio", "hub", default=True),
            _page("vergelijken", "Vergelijken", "compare_arrows"),
            _page("start", "Gemeenten", "home"),
            _page("scan", "Antwoorden", "visibility"),
            _page("indicatoren", "Procesindicatoren", "monitoring"),
            *round_pages,
        ]
    if principal.role is Role.LANDELIJK:
        return [_page("landelijk", "Landelijk beeld", "public", default=True), begrippen, toegankelijkheid, uitloggen]
    if principal.role is Role.FACILITATOR:
        return [
            _page("bijeenkomst", "Bijeenkomst", "co_present", default=True),
            _page("scherm", "Scherm voor de zaal", "cast"),
            _page("voortgang", "Voortgang", "groups"),
            begrippen,
            toegankelijkheid,
            uitloggen,
        ]
    beheer = [
        _page("beheer", "Beheer", "admin_panel_settings", default=True),
        _page("vragenlijst", "Vragenlijst", "quiz"),
        _page("logboek", "Logboek", "receipt_long"),
    ]
    if principal.regio_id is None:  # the installation's beheerder
        beheer.append(_page("backup", "Back-up", "backup"))
    return [*beheer, begrippen, toegankelijkheid, uitloggen]

"""Which pages each role gets. A page left out cannot be reached at all."""

from __future__ import annotations

import streamlit as st

from domain.access import Principal, Role


def _page(name: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(f"pages/{name}.py", title=title, icon=f":material/{icon}:", url_path=name, default=default)


def pages_for(principal: Principal | None) -> list[st.Page]:
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
    ]
    if principal.regio_id is None:  # the installation's beheerder
        beheer.append(_page("backup", "Back-up", "backup"))
    return [*beheer, begrippen, toegankelijkheid, uitloggen]

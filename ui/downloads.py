"""The one download button of the app: the file is made on the click and fetched from an address
only this login can use, for two minutes (services/downloads.py), never from Streamlit's open
/media/ addresses. For the person it works as before: one click, the file downloads; a link
beside it starts it again for who needs that (or whose browser stopped the automatic start)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit import config

from domain.markup import fill, script_value
from services import ServiceError, downloads
from ui import runtime
from ui.auth import PRINCIPAL_KEY
from ui.text import md


def download_button(
    label: str,
    *,
    make: Callable[[], bytes],
    file_name: str | Callable[[], str],
    mime: str,
    key: str | None = None,
    container=None,  # type: ignore[no-untyped-def]  # a column or st itself
    icon: str = ":material/download:",
) -> None:
    """`file_name` may be a function, asked on the click, for a name that tells when the file was made. The button's
    key never comes from the name: a name with the time in it would otherwise make the click a new button's, and the
    click would do nothing (the back-up, a minute after the page was drawn). Two buttons with one label on one page
    need their own `key`."""
    where = container if container is not None else st
    if not where.button(label, key=key or f"download_{label}", icon=icon):
        return
    if callable(file_name):
        file_name = file_name()
    principal = st.session_state.get(PRINCIPAL_KEY)
    if principal is None:
        where.error("U bent niet meer ingelogd. Log opnieuw in om dit bestand te downloaden.")
        return
    try:
        with where.spinner(f"{file_name} wordt gemaakt…"):  # a document can take a few seconds: say so
            data = make()
    except ServiceError as exc:
        where.error(md(str(exc)))
        return
    token = downloads.offer(runtime.engine(), principal, file_name=file_name, mime=mime, data=data)
    base = "/" + str(config.get_option("server.baseUrlPath") or "").strip("/")
    address = f"{base.rstrip('/')}{downloads.ROUTE}/{token}"
    where.html(
        fill(
            '<p class="zs-plain">De download begint vanzelf. Gebeurt er niets? '
            '<a href="{address}" download="{file_name}">Download {file_name}</a> '
            "(dit adres werkt twee minuten, alleen voor u).</p>"
            "<script>(() => {{ const a = document.createElement('a'); a.href = {address_js}; "
            "a.download = {file_name_js}; document.body.appendChild(a); a.click(); a.remove(); }})();</script>",
            address=address,
            file_name=file_name,
            address_js=script_value(address),
            file_name_js=script_value(file_name),
        ),
        unsafe_allow_javascript=True,
    )

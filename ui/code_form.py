"""The fields a code and an account mapping share on the Beheer page: role, gemeente, name and expiry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import streamlit as st

from domain.access import Role
from ui import fields


def scope_fields(
    roles: Sequence[Role], describe: Callable[[Role], str], gemeenten: dict[int, str], *, what: str, example: str
) -> tuple[Role, int | None, str, datetime | None]:
    """Inside a form: which role, which gemeente (for the gemeente role), its name and when it expires."""
    role = st.radio("Rol", list(roles), format_func=describe, key=f"{what}_rol")
    gemeente_id = st.selectbox(
        "Gemeente (alleen voor de rol gemeente)",
        list(gemeenten),
        index=None,
        format_func=gemeenten.__getitem__,
        placeholder="Kies een gemeente",
        key=f"{what}_gemeente",
    )
    label = fields.text_input(f"Naam van de {what}, bijvoorbeeld '{example}'", limit="name", key=f"{what}_naam")
    expires = st.date_input(
        "Vervalt op (leeg laten: vervalt niet)", value=None, format="DD-MM-YYYY", key=f"{what}_vervalt"
    )
    return Role(role), gemeente_id, label, fields.end_of_day(expires)

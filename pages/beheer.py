"""Beheer: the regio's gemeenten, its settings and its access codes."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date, moment
from domain.access import CodeInfo, Role
from services import ServiceError
from services.access_codes import issue_code, issue_national_code, list_codes, replace_code, revoke_code
from services.meeting import show_join_code
from services.regio import (
    add_gemeenten,
    create_regio,
    get_regio,
    list_gemeenten,
    list_regios,
    parse_gemeente_names,
    set_regio_settings,
)
from ui import auth, fields, runtime
from ui.account_mappings import account_mappings
from ui.code_form import scope_fields
from ui.national_joining import national_choice
from ui.text import md, table

NEW_CODE_KEY = "uitgegeven_code"
ROLE_HELP = {
    Role.GEMEENTE: "vult de scan in voor één gemeente en ziet alleen die gemeente",
    Role.REGIO: "ziet alle gemeenten van de regio, wijzigt geen antwoorden",
    Role.FACILITATOR: "ziet hoe ver de gemeenten zijn, niet hun antwoorden",
    Role.BEHEERDER: "beheert gemeenten en codes van deze regio",
}

principal = auth.require("beheer")
engine = runtime.engine()
installation = principal.regio_id is None

st.title("Beheer")
st.write(f"Ingelogd als {md(principal.actor)}.")


def show(action, success: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        action()
    except ServiceError as exc:
        st.error(md(str(exc)))
        return False
    st.success(success)
    return True


regios = list_regios(engine, principal)
if installation:
    with st.expander("Nieuwe regio aanmaken", expanded=not regios), st.form("nieuwe_regio", enter_to_submit=False):
        name = fields.text_input("Naam van de regio", limit="name")
        names = st.text_area("Gemeenten in de regio (één per regel)", height=160)
        if st.form_submit_button("Regio aanmaken") and show(
            lambda: create_regio(engine, principal, name=name, gemeente_names=parse_gemeente_names(names)),
            "De regio is aangemaakt.",
        ):
            st.rerun()
if not regios:
    st.stop()

regio_names = {r.id: r.name + (" (demo)" if r.is_demo else "") for r in regios}
regio_id = st.selectbox("Regio", list(regio_names), format_func=regio_names.__getitem__, key="beheer_regio")
regio = get_regio(engine, principal, regio_id=regio_id)
gemeenten = list_gemeenten(engine, principal, regio_id=regio_id)
gemeente_names = {g.id: g.name for g in gemeenten}

st.header("Gemeenten")
st.write(", ".join(md(n) for n in gemeente_names.values()) or "Nog geen gemeenten.")
with st.form("gemeenten_toevoegen", enter_to_submit=False):
    extra = st.text_area("Gemeenten toevoegen (één per regel)", height=100)
    if st.form_submit_button("Toevoegen") and show(
        lambda: add_gemeenten(engine, principal, regio_id=regio_id, names=parse_gemeente_names(extra)),
        "De gemeenten zijn toegevoegd.",
    ):
        st.rerun()

st.header("Wat gemeenten en anderen zien")
with st.form("instellingen"):
    sees_average = st.checkbox(
        "Gemeenten zien bij hun resultaten het gemiddelde van de regio (nooit andere gemeenten bij naam)",
        value=regio.gemeente_sees_average,
    )
    min_gemeenten = st.number_input(
        "Een cijfer zonder namen tonen vanaf dit aantal gemeenten (minder gemeenten: cijfer niet tonen)",
        value=regio.min_gemeenten,
        step=1,
    )  # no min_value or max_value: the browser would say a wrong number in English; the service says it in Dutch
    if st.form_submit_button("Instellingen opslaan"):
        show(
            lambda: set_regio_settings(
                engine,
                principal,
                regio_id=regio_id,
                gemeente_sees_average=sees_average,
                min_gemeenten=int(min_gemeenten),
            ),
            "De instellingen zijn opgeslagen.",
        )

st.header("Toegangscodes")
st.write(
    "Iedereen logt in met een code. Een code hoort bij één rol, en een gemeentecode bij één gemeente. "
    "U ziet een code alleen direct nadat u hem maakt."
)
roles = [Role.GEMEENTE, Role.REGIO, Role.FACILITATOR, Role.BEHEERDER]
with st.form("nieuwe_code", enter_to_submit=False):
    role, gemeente_id, label, expires_at = scope_fields(
        roles, lambda r: f"{r.label}: {ROLE_HELP[r]}", gemeente_names, what="code", example="team Jeugd Aalsveen"
    )
    if st.form_submit_button("Code maken", type="primary"):
        try:
            st.session_state[NEW_CODE_KEY] = issue_code(
                engine,
                principal,
                role=role,
                label=label,
                regio_id=regio_id,
                gemeente_id=gemeente_id if role is Role.GEMEENTE else None,
                expires_at=expires_at,
            )
        except ServiceError as exc:
            st.error(md(str(exc)))
        else:
            st.rerun()

issued = st.session_state.get(NEW_CODE_KEY)
if issued:
    with st.container(border=True):
        st.subheader("Nieuwe code")
        st.write(f"De code voor {md(issued.label)} ({issued.role.label.lower()}) is:")
        st.code(issued.code, language=None)
        st.warning("Bewaar of geef deze code nu door. Hij wordt hierna nooit meer getoond.")
        if st.button("Ik heb de code bewaard"):
            del st.session_state[NEW_CODE_KEY]
            st.rerun()


def recognise(code: CodeInfo) -> str:
    """How a person recognises a code: the bijeenkomst code people typed, else the code's first letters."""
    if code.join_code:
        return f"bijeenkomstcode {show_join_code(code.join_code)}"
    if code.account is not None:
        return code.account.describe()
    return f"begint met {code.public_id}"


account_mappings(engine, principal, regio_id=regio_id, gemeenten=gemeente_names)

codes = list_codes(engine, principal, regio_id=regio_id)
if codes:
    table(
        [
            {
                "Naam": c.label if c.meeting_title is None else f"{c.label} ({c.meeting_title})",
                "Rol": c.role.label,
                "Gemeente": c.gemeente_name or "–",
                "Herkennen aan": recognise(c),
                "Gemaakt": moment(c.created_at),
                "Vervalt": long_date(c.expires_at) if c.expires_at else "niet",
                "Status": "ingetrokken" if c.revoked_at else "werkt",
            }
            for c in codes
        ]
    )
    active = {c.id: f"{c.label} ({c.role.label.lower()}, {recognise(c)})" for c in codes if not c.revoked_at}
    if active:
        chosen = st.selectbox("Code intrekken of vervangen", list(active), format_func=active.__getitem__, index=None)
        left, right = st.columns(2)
        revoke = left.button("Intrekken", disabled=chosen is None)
        if (
            revoke
            and chosen is not None
            and show(lambda: revoke_code(engine, principal, code_id=chosen), "De code werkt niet meer.")
        ):
            st.rerun()
        if right.button("Vervangen door een nieuwe code", disabled=chosen is None) and chosen is not None:
            try:
                st.session_state[NEW_CODE_KEY] = replace_code(engine, principal, code_id=chosen)
            except ServiceError as exc:
                st.error(md(str(exc)))
            else:
                st.rerun()

with st.expander("Landelijk beeld: doet deze regio mee?"):
    national_choice(engine, principal, regio_id)

if installation:
    st.header("Code voor het landelijke programmateam")
    st.write(
        "Het landelijke team ziet alleen het landelijke beeld. Dat zijn de cijfers van de regio's die meedoen, bij "
        "elkaar. Het team ziet geen cijfers van één regio, geen gemeente en geen antwoord."
    )
    with st.form("landelijke_code", enter_to_submit=False):
        national_label = fields.text_input("Naam van de code", limit="name", key="landelijke_code_naam")
        if st.form_submit_button("Code voor het landelijke team maken"):
            try:
                st.session_state[NEW_CODE_KEY] = issue_national_code(engine, principal, label=national_label)
            except ServiceError as exc:
                st.error(md(str(exc)))
            else:
                st.rerun()
    national_codes = [c for c in list_codes(engine, principal, regio_id=None) if c.role is Role.LANDELIJK]
    if national_codes:
        table(
            [
                {
                    "Naam": c.label,
                    "Herkennen aan": recognise(c),
                    "Gemaakt": moment(c.created_at),
                    "Status": "ingetrokken" if c.revoked_at else "werkt",
                }
                for c in national_codes
            ]
        )
        working = {c.id: f"{c.label} ({recognise(c)})" for c in national_codes if not c.revoked_at}
        if working:
            gone = st.selectbox("Code van het landelijke team intrekken", list(working),
                                format_func=working.__getitem__, index=None)  # fmt: skip
            if (
                st.button("Deze code intrekken", disabled=gone is None, key="landelijke_code_weg")
                and gone is not None
                and show(lambda: revoke_code(engine, principal, code_id=gone), "De code werkt niet meer.")
            ):
                st.rerun()

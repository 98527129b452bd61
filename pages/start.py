"""Start: the rounds of a gemeente. A gemeente resumes or starts one; the regio looks on."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date, moment
from services import ServiceError, authz
from services.gemeente_report import gemeente_report_pdf, report_file_name
from services.partners import start_apart
from services.regio import get_regio, list_gemeenten
from services.scan import list_rounds, remove_empty_round, start_round
from services.workbooks import XLSX, blank_workbook, blank_workbook_name, round_workbook, workbook_file_name
from ui import auth, runtime
from ui.downloads import download_button
from ui.round_form import round_details_form
from ui.round_header import DEMO_NOTICE
from ui.text import md

principal = auth.require("start")
engine = runtime.engine()
assert principal.regio_id is not None
regio = get_regio(engine, principal, regio_id=principal.regio_id)
gemeenten = list_gemeenten(engine, principal, regio_id=regio.id)
names = {g.id: g.name for g in gemeenten}

st.title("Zelfscan Werken aan veiligheid")
st.write(f"Ingelogd als {md(principal.actor)} · {md(regio.name)}")
if regio.is_demo:
    st.info(DEMO_NOTICE, icon=":material/info:")

gemeente_id = authz.own_gemeente(principal)
if gemeente_id is None:
    st.write("Als regio kunt u de rondes en antwoorden van elke gemeente in uw regio bekijken.")
    gemeente_id = st.selectbox(
        "Gemeente",
        list(names),
        index=None,
        format_func=names.__getitem__,
        placeholder="Kies een gemeente",
        key="gemeente",
        bind="query-params",
    )
    if gemeente_id is None:
        st.stop()

st.header(f"Rondes van {md(names[gemeente_id])}")
rounds = list_rounds(engine, principal, gemeente_id=gemeente_id)
if not rounds:
    st.write("Deze gemeente heeft nog geen ronde.")
writer = authz.can_write(principal, gemeente_id)
for summary in rounds:
    with st.container(border=True):
        blocks = ", ".join(f"blok {b}: {n} van {summary.block_sizes[b]}" for b, n in summary.answered_by_block.items())
        st.subheader(f"{summary.purpose.short_label} van {long_date(summary.held_on)}")
        st.write(
            f"{summary.answered} van {summary.total} vragen beantwoord ({blocks}). "
            f"Laatst gewijzigd: {moment(summary.last_change)}."
        )
        ronde = {"ronde": str(summary.id)}
        first, second, third = st.columns(3)
        if writer:
            label = "Verder invullen" if summary.answered < summary.total else "Antwoorden bekijken of wijzigen"
        else:
            label = "Antwoorden bekijken"
        first.page_link(
            "pages/scan.py",
            label=label,
            icon=":material/edit:",
            query_params={**ronde, "blok": str(summary.resume_block)},
        )
        second.page_link("pages/resultaten.py", label="Resultaten", icon=":material/radar:", query_params=ronde)
        third.page_link("pages/geschiedenis.py", label="Geschiedenis", icon=":material/history:", query_params=ronde)
        fourth, fifth, sixth = st.columns(3)
        fourth.page_link(
            "pages/verbeterplan.py", label="Verbeterplan", icon=":material/assignment:", query_params=ronde
        )
        with fifth:
            download_button(
                "Excel-werkboek van deze ronde",
                make=lambda round_id=summary.id: round_workbook(engine, principal, round_id=round_id)[1],
                file_name=workbook_file_name(names[gemeente_id], summary.held_on),
                mime=XLSX,
                key=f"excel_{summary.id}",
            )
        if summary.answered:
            download_button(
                "Verslag van deze ronde (.pdf)",
                make=lambda round_id=summary.id: gemeente_report_pdf(engine, principal, round_id=round_id)[1],
                file_name=report_file_name(names[gemeente_id], summary.held_on),
                mime="application/pdf",
                key=f"verslag_{summary.id}",
                container=sixth,
            )
        if summary.apart:
            st.page_link(
                "pages/samen.py",
                label="Eerst apart, dan samen: de antwoorden van de partners",
                icon=":material/diversity_3:",
                query_params=ronde,
            )
        elif writer and summary.answered < summary.total:  # a finished round is not filled in again apart
            st.page_link(
                "pages/samen.py",
                label="Partners eerst apart laten invullen, dan samen",
                icon=":material/diversity_3:",
                query_params=ronde,
            )
        if summary.answered == 0:
            st.caption("Deze ronde heeft nog geen antwoorden. Zo telt hij nergens mee, ook niet bij de regio.")
            if writer and st.button("Deze lege ronde weghalen", key=f"weg_{summary.id}", icon=":material/delete:"):
                try:
                    remove_empty_round(engine, principal, round_id=summary.id)
                except ServiceError as exc:
                    st.error(md(str(exc)))
                else:
                    st.rerun()

download_button(
    "Leeg Excel-werkboek om offline in te vullen",
    make=lambda: blank_workbook(engine, principal, gemeente_id=gemeente_id)[1],
    file_name=blank_workbook_name(names[gemeente_id]),
    mime=XLSX,
)

if writer:
    st.header("Nieuwe ronde starten")
    WAYS = {
        "samen": "Samen in één keer: we vullen de scan met elkaar in",
        "apart": "Eerst ieder apart, dan samen: elke partner vult eerst alleen in, met een eigen code",
    }
    way = st.radio("Hoe vult u de scan in?", list(WAYS), format_func=WAYS.__getitem__, key="nieuwe_ronde_manier")
    details = round_details_form(f"nieuwe_ronde_{gemeente_id}", submit_label="Ronde starten")
    if details is not None:
        try:
            round_id = start_round(engine, principal, gemeente_id=gemeente_id, **dict(details))
            if way == "apart":
                start_apart(engine, principal, round_id=round_id)
        except ServiceError as exc:
            st.error(md(str(exc)))
        else:
            runtime.remember_round(round_id)
            if way == "apart":
                st.switch_page("pages/samen.py", query_params={"ronde": str(round_id)})
            st.switch_page("pages/scan.py", query_params={"ronde": str(round_id), "blok": "1"})

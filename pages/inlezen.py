"""Excel inlezen: one or many filled-in workbooks; see what was found, then confirm."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date
from domain.access import Role
from imports.xlsx_zelfscan import MAX_BYTES
from services import ServiceError
from services.excel_import import preview, store
from ui import auth, runtime
from ui.text import md, table

principal = auth.require(Role.GEMEENTE, Role.REGIO)
engine = runtime.engine()

st.title("Excel inlezen")
st.write(
    "Lees een of meer ingevulde werkboeken van de zelfscan in. U ziet eerst wat erin staat. "
    "Er wordt pas iets bewaard als u op 'Inlezen bevestigen' klikt. Elk werkboek wordt een nieuwe ronde. "
    "Hetzelfde bestand twee keer inlezen geeft geen tweede ronde."
)
with st.expander("Welke werkboeken kunnen worden ingelezen?"):
    st.write(
        "Het werkboek dat u hier downloadt, en zelfgemaakte varianten: een blad 'Vragen' (of een blad met de "
        "vraagnummers 1 tot en met 31 in de eerste kolom), het antwoord als 'op orde' of 'niet op orde' (of 'ja' "
        "en 'nee') in een kolom 'Antwoord', of een kruisje in een kolom 'op orde' of 'niet op orde', en een kolom "
        "'Toelichting'. Lege regels mogen. Boven de vragen: 'Gemeente', 'Datum' en 'Doel'."
    )
uploads = st.file_uploader(
    "Kies de werkboeken (.xlsx)",
    type=["xlsx", "xls"],
    accept_multiple_files=True,
    max_upload_size=MAX_BYTES // (1024 * 1024) + 1,
    key="werkboeken",
)
if not uploads:
    st.stop()

files = [(upload.name, upload.getvalue()) for upload in uploads]
previews = [preview(engine, principal, file_name=name, data=data) for name, data in files]
accepted: dict[str, bool] = {}
for item in previews:
    with st.container(border=True):
        st.subheader(md(item.file_name))
        if item.refused:
            st.error(item.refused)
            continue
        assert item.held_on is not None and item.purpose is not None
        st.write(
            f"Gemeente: {md(item.gemeente_name or '')} · datum: {long_date(item.held_on)} · doel: "
            f"{item.purpose.short_label} · {item.answered} van 31 vragen beantwoord · "
            f"{item.toelichtingen} toelichtingen."
        )
        if item.problems:
            st.warning(f"Er zijn {len(item.problems)} problemen. Die vragen blijven leeg als u dit bestand inleest.")
            table([{"Blad": p.sheet, "Cel": p.cell, "Uitleg": p.message} for p in item.problems])
            accepted[item.file_name] = st.checkbox(
                f"Ik accepteer wat ontbreekt en wil {item.file_name} toch inlezen", key=f"accepteer_{item.file_name}"
            )
        else:
            st.success("Geen problemen gevonden.")
            accepted[item.file_name] = True

ready = [item for item in previews if item.can_store and accepted.get(item.file_name)]
if st.button(f"Inlezen bevestigen ({len(ready)} van {len(previews)} bestanden)", type="primary", disabled=not ready):
    data_by_name = dict(files)
    for item in ready:
        try:
            store(engine, principal, file_name=item.file_name, data=data_by_name[item.file_name], accept_problems=True)
        except ServiceError as exc:
            st.error(str(exc))
        else:
            st.success(f"{item.file_name} is ingelezen als nieuwe ronde van {item.gemeente_name}.")

"""Excel inlezen: one or many filled-in workbooks; see what was found, then confirm."""

from __future__ import annotations

import hashlib

import streamlit as st

from analysis.formatting import count_of, long_date
from domain.answers import ANSWER_LABELS
from imports.xlsx_zelfscan import MAX_BYTES
from services import ServiceError
from services.excel_import import FilePreview, preview, store
from ui import auth, runtime
from ui.text import md, table

principal = auth.require("inlezen")
engine = runtime.engine()

st.title("Excel inlezen")
st.write(
    "Lees een of meer ingevulde werkboeken van de zelfscan in. U ziet eerst wat erin staat. "
    "Er wordt pas iets bewaard als u op 'Inlezen bevestigen' klikt. Elk werkboek wordt een nieuwe ronde. "
    "Hetzelfde bestand twee keer inlezen geeft geen tweede ronde."
)
with st.expander("Welke werkboeken kunnen worden ingelezen?"):
    st.write(
        "Het werkboek dat u hier downloadt, en zelfgemaakte varianten: een zichtbaar blad 'Vragen' (of een blad met "
        "de vraagnummers 1 tot en met 31 in de eerste kolom), het antwoord als 'op orde' of 'niet op orde' (of 'ja' "
        "en 'nee') in een kolom 'Antwoord', of een kruisje in een kolom 'op orde' of 'niet op orde', en een kolom "
        "'Toelichting'. Lege regels en samengevoegde cellen mogen. Boven de vragen: 'Gemeente', 'Datum' (bijvoorbeeld "
        "5-3-2026 of 5 maart 2026) en 'Doel'. Verborgen bladen worden niet gelezen."
    )
uploads = st.file_uploader(
    "Kies de werkboeken (.xlsx)",
    type=None,  # every file is taken in, so the importer can say in Dutch why one cannot be read (.xlsm, .ods, …)
    accept_multiple_files=True,
    max_upload_size=MAX_BYTES // (1024 * 1024) + 1,
    key="werkboeken",
)
if not uploads:
    st.stop()

files = [(upload.name, upload.getvalue()) for upload in uploads]
# Keys from the place in the list and the content: two files with one name never share a widget.
keys = [f"{i}_{hashlib.sha256(data).hexdigest()[:12]}" for i, (_, data) in enumerate(files)]
previews: list[FilePreview] = []
accepted: dict[str, bool] = {}
for key, (name, data) in zip(keys, files, strict=True):
    item = preview(engine, principal, file_name=name, data=data)
    with st.container(border=True):
        st.subheader(md(name), anchor=False)
        if item.sheets:
            st.info(md(item.refused or ""))
            sheet = st.selectbox("Welk blad is de scan?", item.sheets, index=None, key=f"blad_{key}")
            if sheet is not None:
                item = preview(engine, principal, file_name=name, data=data, sheet=sheet)
        previews.append(item)
        if item.refused and not item.sheets:
            st.error(md(item.refused))
            continue
        if item.sheets:
            continue
        assert item.held_on is not None and item.purpose is not None
        st.write(
            f"Gemeente: {md(item.gemeente_name or '')} · blad: {md(item.sheet or '')} · datum: "
            f"{long_date(item.held_on)} · doel: {item.purpose.short_label} · {item.answered} van 31 vragen "
            f"beantwoord · {count_of(item.toelichtingen, 'toelichting', 'toelichtingen')}."
        )
        with st.expander("Bekijk de antwoorden zoals ze worden bewaard"):
            table(
                [
                    {
                        "Vraag": a.number,
                        "Antwoord": ANSWER_LABELS[a.value] if a.value else "niet beantwoord",
                        "Toelichting": a.toelichting,
                    }
                    for a in item.answers
                ]
            )
        if item.problems:
            st.warning(
                f"Er {'is' if len(item.problems) == 1 else 'zijn'} "
                f"{count_of(len(item.problems), 'probleem', 'problemen')}. Wat niet te lezen is, blijft leeg als u "
                "dit bestand inleest."
            )
            table([{"Blad": p.sheet, "Cel": p.cell, "Uitleg": p.message} for p in item.problems])
            accepted[key] = st.checkbox(f"Ik accepteer dit en wil {md(name)} toch inlezen", key=f"accepteer_{key}")
        else:
            st.success("Geen problemen gevonden.")
            accepted[key] = True

ready = [
    (key, item, data)
    for key, item, (_, data) in zip(keys, previews, files, strict=True)
    if item.can_store and accepted.get(key)
]
if st.button(f"Inlezen bevestigen ({len(ready)} van {len(previews)} bestanden)", type="primary", disabled=not ready):
    for _, item, data in ready:
        try:
            store(
                engine,
                principal,
                file_name=item.file_name,
                data=data,
                accept_problems=True,
                sheet=item.sheet,
                digest=item.digest,
            )
        except ServiceError as exc:
            st.error(md(str(exc)))
        else:
            st.success(f"{md(item.file_name)} is ingelezen als nieuwe ronde van {md(item.gemeente_name or '')}.")

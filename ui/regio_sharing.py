"""The Regio page's part for sharing: files without names for outside the regio team, and internal files."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from analysis.formatting import long_date
from domain.access import Principal
from services.gemeente_report import gemeente_report_pdf, report_file_name
from services.indicator_exports import anonymous_latest
from services.regio_exports import (
    FORMATS,
    anonymised,
    anonymised_file,
    internal_file,
    internal_file_name,
    masked_summary,
    parse_extra_words,
)
from services.regio_report import RegioReport
from services.workbooks import regio_archive
from ui.downloads import download_button
from ui.text import plain, table


def sharing(engine: Engine, principal: Principal, report: RegioReport) -> None:
    """Anonymised workbook, csv and factsheet (with a preview of what is masked), and the internal files."""
    st.header("Delen buiten het regioteam")
    st.write(
        "Deze bestanden noemen geen gemeenten: niet in de cellen, de bladnamen, de grafiek, de bestandsnaam "
        f"of de eigenschappen van het bestand. Cijfers die op minder dan {report.regio.min_gemeenten} gemeenten "
        "rusten, staan er niet in."
    )
    include = st.checkbox("Toelichtingen meenemen (namen van gemeenten worden vervangen door [gemeente])")
    duiding = st.text_area("Duiding door de regio (komt in de factsheet en het werkboek)", max_chars=5000)
    extra_words: tuple[str, ...] = ()
    if include:
        extra_words = parse_extra_words(
            st.text_area(
                "Ook deze woorden weglaten (bijvoorbeeld een wijk, een team of een persoon; "
                "één per regel of met komma's)",
                max_chars=2000,
            )
        )
    figures = anonymised(
        report,
        include_toelichtingen=include,
        duiding=duiding,
        extra_words=extra_words,
        indicators=anonymous_latest(engine, principal),
    )
    if include:
        found = masked_summary(report, extra_words)
        if found:
            st.write("Deze woorden worden vervangen door [gemeente]:")
            table([{"Woord zoals getypt": word, "Aantal keer": count} for word, count in found])
        else:
            st.write("In de toelichtingen staat geen naam van een gemeente.")
        with st.expander(f"Bekijk de toelichtingen zoals ze in de bestanden komen ({len(figures.toelichtingen)})"):
            for note in figures.toelichtingen:
                st.markdown(f"Standaard {note.standard}, vraag {note.question_number}:")
                plain(note.text)
    labels = {
        "xlsx": "Werkboek zonder namen (.xlsx)",
        "csv": "Cijfers zonder namen (.csv)",
        "pdf": "Factsheet (.pdf)",
        "html": "Factsheet als webpagina (.html)",
    }
    columns = [*st.columns(2), *st.columns(2)]  # two by two: four side by side cut the labels off
    for column, (kind, label) in zip(columns, labels.items(), strict=True):
        file_name, _, mime = FORMATS[kind]
        download_button(
            label,
            make=lambda kind=kind: anonymised_file(figures, kind)[1],  # made on click, not on every run
            file_name=file_name.format(stamp=figures.made_on.isoformat()),
            mime=mime,
            container=column,
        )

    st.header("Werkboek per gemeente (intern)")
    st.write(
        "Een blad per gemeente met haar spinnenweb, voor gesprekken met de gemeenten zelf. Dit bestand noemt gemeenten."
    )
    download_button(
        "Werkboek per gemeente (.xlsx)",
        make=lambda: internal_file(report)[1],
        file_name=internal_file_name(),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

    st.header("Verslag per gemeente (intern)")
    st.write(
        "Per gemeente een verslag van de ronde die hier meetelt: haar spinnenweb over het gemiddelde van de regio, "
        "de vragen die niet op orde zijn, wat veranderde sinds haar vorige ronde en de voortgang van haar plannen. "
        "Dit bestand noemt de gemeente."
    )
    counted = [g for g in report.counted if g.round_id is not None and g.held_on is not None]
    if counted:
        chosen = st.selectbox(
            "Verslag van welke gemeente?",
            range(len(counted)),
            format_func=lambda i: f"{counted[i].gemeente_name} ({long_date(counted[i].held_on)})",
            key="verslag_gemeente",
        )
        gemeente = counted[chosen]
        download_button(
            "Verslag van deze gemeente (.pdf)",
            make=lambda: gemeente_report_pdf(engine, principal, round_id=gemeente.round_id)[1],
            file_name=report_file_name(gemeente.gemeente_name, gemeente.held_on),
            mime="application/pdf",
        )
    else:
        st.write("Nog geen gemeente heeft een ronde met antwoorden.")

    st.header("Archief")
    st.write("Alle rondes van alle gemeenten in één Excel-werkboek, een blad per ronde. Dit bestand noemt gemeenten.")
    download_button(
        "Alle rondes als één werkboek (.xlsx)",
        make=lambda: regio_archive(engine, principal, regio_id=report.regio.id)[1],
        file_name=f"zelfscan-archief-{date.today().isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

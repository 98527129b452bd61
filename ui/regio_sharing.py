"""The Regio page's part for sharing: the publication others read, making a new one, and internal files."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from analysis.deidentify import Words
from analysis.formatting import long_date
from analysis.picture import SharedPicture
from domain.access import Principal
from domain.calendar import dutch_today
from pictures.regional_charts import shared_table
from services import ServiceError
from services.gemeente_report import gemeente_report_pdf, report_file_name
from services.publications import (
    NOTHING_YET,
    Options,
    Selection,
    latest_with_id,
    preview,
    publish,
    register,
    words_of,
)
from services.regio_exports import (
    FORMATS,
    internal_file,
    internal_file_name,
    parse_extra_words,
    shared_file,
)
from services.regio_report import RegioReport
from services.workbooks import regio_archive
from ui import fields, shared_text
from ui.actions import run
from ui.downloads import download_button
from ui.text import md, table


def sharing(engine: Engine, principal: Principal, report: RegioReport, selection: Selection) -> None:
    """What the regio shares now (a fixed publication), how to fix a new one, and the internal files."""
    st.header("Delen buiten het regioteam")
    st.write(
        "Wat de regio buiten het regioteam deelt, legt u eerst vast als een stand. Bestanden zonder namen, de "
        "factsheet, het regionale plan, het gemiddelde dat gemeenten zien en de thema's van een vervolgbijeenkomst "
        "komen allemaal uit de nieuwste stand. Zo ziet iedereen dezelfde cijfers, en kan niemand door twee "
        "bestanden naast elkaar te leggen iets over één gemeente uitrekenen."
    )
    found = latest_with_id(engine, principal, regio_id=report.regio.id)
    words = words_of(report.regio, [g.gemeente_name for g in report.gemeenten])
    if found is None:
        st.info(NOTHING_YET, icon=":material/info:")
    else:
        _current(found[1], words)
    _new(engine, principal, report, selection)
    _register(engine, principal, report)
    _internal(engine, principal, report)


def _current(picture: SharedPicture, words: Words) -> None:
    st.subheader(f"Wat de regio nu deelt: de stand van {long_date(picture.made_on)}")
    st.write(
        f"{md(picture.selection)} De cijfers rusten op {picture.gemeenten_counted} van de "
        f"{picture.gemeenten_total} gemeenten."
    )
    for line in picture.kept:
        st.caption(md(line))
    with st.expander("Bekijk de cijfers per standaard zoals anderen ze krijgen"):
        table(shared_table(picture.standards))
    duiding = fields.text_area(
        "Duiding door de regio (komt in de factsheet en het werkboek; namen van gemeenten en personen en "
        "contactgegevens worden vervangen)",
        limit="duiding",
        key="delen_duiding",
    )
    shared_text.duiding_note(duiding, words)
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
            make=lambda kind=kind: shared_file(picture, kind, duiding=duiding, words=words)[1],
            file_name=file_name.format(stamp=picture.made_on.isoformat()),
            mime=mime,
            container=column,
        )


def _new(engine: Engine, principal: Principal, report: RegioReport, selection: Selection) -> None:
    st.subheader("Een nieuwe stand vastleggen")
    st.write(
        "Een nieuwe stand rust op de rondes die bovenaan deze pagina meetellen. Hieronder ziet u wat erin komt. "
        "De tellingen van de partners ziet u pas als de stand is vastgelegd."
    )
    include = st.checkbox(
        "Toelichtingen meenemen (namen van gemeenten en personen, adressen en contactgegevens worden vervangen)",
        key="delen_toelichtingen",
    )
    extra_words: tuple[str, ...] = ()
    if include:
        extra_words = parse_extra_words(
            fields.text_area(
                "Ook deze woorden weglaten (bijvoorbeeld een wijk, een team of een persoon; één per regel of met "
                "komma's)",
                limit="words",
                key="delen_woorden",
            )
        )
    options = Options(include_toelichtingen=include, extra_words=extra_words)
    try:
        coming = preview(engine, principal, regio_id=report.regio.id, selection=selection, options=options)
    except ServiceError as exc:
        st.error(md(str(exc)))
        return
    if coming.refused:
        st.warning(md(coming.refused), icon=":material/block:")
        return
    for line in coming.kept:
        st.caption(md(line))
    st.markdown("**Zo komen de cijfers per standaard in de stand**")
    table(shared_table(coming.picture.standards))
    if include:
        shared_text.review(engine, principal, report.regio, coming)
    if st.button("Deze stand vastleggen en delen", icon=":material/publish:", key="delen_vastleggen"):
        run(
            publish,
            engine,
            principal,
            "De nieuwe stand is vastgelegd. Iedereen die cijfers van de regio krijgt, krijgt voortaan deze stand.",
            regio_id=report.regio.id,
            selection=selection,
            options=options,
        )


def _register(engine: Engine, principal: Principal, report: RegioReport) -> None:
    rows = register(engine, principal, regio_id=report.regio.id)
    if not rows:
        return
    st.subheader("Eerder gedeeld")
    table([{"Stand van": when, "Vastgelegd door": by} for _, when, by in rows])


def _internal(engine: Engine, principal: Principal, report: RegioReport) -> None:
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
        file_name=f"zelfscan-archief-{dutch_today().isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

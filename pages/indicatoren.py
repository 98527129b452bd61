"""Procesindicatoren: the regio's own monitor of how the work goes, beside the zelfscan.

The regio chooses its set (from the template), scores availability, delivers figures (typed or as a
file) and sees lines over time; a gemeente sees its own line. The part is kept in the address.
"""

from __future__ import annotations

import streamlit as st

import indicators
from analysis.formatting import count_of
from indicators.models import Level, Priority, Retrievable, Unambiguous, Unit
from pictures.indicator_charts import indicator_figure, indicator_table
from services import ServiceError
from services.indicator_exports import anonymised_files, template_file
from services.indicators import (
    add_own_indicator,
    adopt_from_template,
    edit_indicator,
    import_figures,
    lines,
    overview,
    remove_indicator,
    save_typed,
    set_availability,
    set_min_count,
)
from ui import actions, auth, fields, runtime
from ui.downloads import download_button
from ui.text import md, table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
principal = auth.require("indicatoren")
engine = runtime.engine()
view = overview(engine, principal)
st.title("Procesindicatoren")
st.write(
    "De zelfscan laat zien of de organisatie op orde is. Procesindicatoren laten zien hoe het werk gaat: "
    "bijvoorbeeld hoe lang gezinnen wachten na een overdracht van Veilig Thuis. Het zijn altijd totalen per "
    "gemeente en periode, nooit gegevens over personen."
)


def _run(action, message: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
    actions.run(action, engine, principal, message, **kwargs)


actions.show_notice()


def the_set() -> None:
    st.header("De indicatoren van de regio")
    template = indicators.template()
    if view.indicators:
        table(
            [
                {
                    "Indicator": i.indicator.name,
                    "Thema": i.indicator.thema,
                    "Bron": i.indicator.source,
                    "Niveau": i.indicator.level.value,
                    "Eenheid": i.indicator.unit.value,
                    "Prioriteit": i.indicator.priority.label,
                    "Hoort bij standaard": ", ".join(str(s) for s in i.indicator.standards) or "geen",
                }
                for i in view.indicators
            ]
        )
    else:
        st.write("De regio heeft nog geen indicatoren gekozen.")
    if not view.can_edit:
        return
    chosen = {i.indicator.key for i in view.indicators}
    options = [i for i in template.indicators if i.key not in chosen]
    if options:
        st.subheader("Kiezen uit de voorbeeldset")
        st.caption(f"Bron: {md(template.source)} Begin klein: kies eerst wat u moet weten.")
        picked = st.multiselect(
            "Indicatoren uit de voorbeeldset",
            [i.key for i in options],
            format_func=lambda k: f"{template.by_key(k).name} ({template.by_key(k).priority.label})",
            placeholder="Kies een of meer indicatoren",
        )
        if st.button("Toevoegen aan de set van de regio", type="primary", disabled=not picked):
            _run(adopt_from_template, f"{count_of(len(picked), 'indicator', 'indicatoren')} toegevoegd.", keys=picked)
    with st.expander("Een eigen indicator toevoegen"), st.form("eigen_indicator", clear_on_submit=True):
        own_name = fields.text_input("Naam", limit="name")
        own_thema = fields.text_input("Thema", limit=100, placeholder="Bijvoorbeeld: Hulp")
        own_definition = fields.text_area("Definitie: wat telt wel en wat niet", limit="indicator_definition")
        own_source = fields.text_input("Bron (soort organisatie)", limit=100, placeholder="Bijvoorbeeld: Veilig Thuis")
        left, middle, right = st.columns(3)
        own_level = left.selectbox("Niveau", [level.value for level in Level])
        own_unit = middle.selectbox("Eenheid", [unit.value for unit in Unit])
        own_priority = right.selectbox(
            "Prioriteit", [p.value for p in Priority], format_func=lambda v: Priority(v).label
        )
        own_frequency = fields.text_input("Hoe vaak", limit=50, placeholder="Bijvoorbeeld: per kwartaal")
        own_standards = st.multiselect("Hoort bij standaard", list(range(1, 11)), placeholder="Kies standaarden")
        if st.form_submit_button("Indicator toevoegen"):
            _run(
                add_own_indicator, "De indicator is toegevoegd.", name=own_name, thema=own_thema,
                definition=own_definition, source=own_source, level=own_level, unit=own_unit,
                priority=own_priority, frequency=own_frequency, standards=tuple(own_standards),
            )  # fmt: skip
    if view.indicators:
        st.subheader("Een indicator aanpassen")
        names = {i.id: i.indicator.name for i in view.indicators}
        indicator_id = st.selectbox("Welke indicator?", list(names), format_func=names.__getitem__)
        item = next(i for i in view.indicators if i.id == indicator_id).indicator
        with st.form(f"indicator_{indicator_id}", enter_to_submit=False):
            name = fields.text_input("Naam", limit="name", value=item.name)
            definition = fields.text_area(
                "Definitie: wat telt wel en wat niet", limit="indicator_definition", value=item.definition
            )
            source = fields.text_input("Bron (soort organisatie)", limit=100, value=item.source)
            frequency = fields.text_input("Hoe vaak", limit=50, value=item.frequency)
            standards = st.multiselect(
                "Hoort bij standaard", list(range(1, 11)), default=list(item.standards), placeholder="Kies standaarden"
            )
            if st.form_submit_button("Opslaan"):
                _run(
                    edit_indicator,
                    "De indicator is opgeslagen.",
                    indicator_id=indicator_id,
                    name=name,
                    definition=definition,
                    source=source,
                    frequency=frequency,
                    standards=tuple(standards),
                )
        if st.button("Deze indicator weghalen, met zijn cijfers", icon=":material/delete:"):
            _run(remove_indicator, "De indicator is weggehaald.", indicator_id=indicator_id)


RETRIEVABLE = {
    None: "nog niet nagegaan",
    Retrievable.YES: "+ vaste plek, als eigen gegeven (in 75% van de dossiers of meer)",
    Retrievable.PARTLY: "+/- in een deel van de dossiers, of op wisselende plekken (25 tot 50%)",
    Retrievable.NO: "− ontbreekt of is verspreid: niet te halen",
}
UNAMBIGUOUS = {
    None: "nog niet nagegaan",
    Unambiguous.YES: "+ overal op dezelfde manier vastgelegd",
    Unambiguous.PARTLY: "+/- deels op dezelfde manier",
    Unambiguous.NO: "− niet op dezelfde manier",
    Unambiguous.NOT_APPLICABLE: "n.v.t.",
}


def availability() -> None:
    st.header("Beschikbaarheid: wat kunnen partners nu al leveren?")
    st.write(
        "Ga per indicator met de partner na of het cijfer uit de registratie te halen is, en of iedereen het op "
        "dezelfde manier vastlegt. Dit volgt het vooronderzoek van Regioplan (2021): + als het in 75% van de "
        "dossiers of meer op een vaste plek staat, +/- bij 25 tot 50%. Voor 50 tot 75% geeft het onderzoek geen "
        "regel; kies dan wat het best past."
    )
    now = [i for i in view.indicators if i.deliverable_now]
    st.subheader("Nu al te leveren")
    st.write(
        ", ".join(md(i.indicator.name) for i in now) + "."
        if now
        else "Nog geen indicator is op beide punten + . Begin met wat het dichtst daarbij ligt."
    )
    for item in view.indicators:
        with st.container(border=True):
            st.markdown(f"**{md(item.indicator.name)}** · bron: {md(item.indicator.source)}")
            if not view.can_edit:
                st.write(f"Uit de registratie te halen: {RETRIEVABLE[item.retrievable]}")
                st.write(f"Eenduidig vastgelegd: {UNAMBIGUOUS[item.unambiguous]}")
                continue
            left, right = st.columns(2)
            got = left.selectbox(
                f"Uit de registratie te halen ({item.indicator.name})", list(RETRIEVABLE),
                index=list(RETRIEVABLE).index(item.retrievable), format_func=RETRIEVABLE.__getitem__,
                key=f"halen_{item.id}",
            )  # fmt: skip
            same = right.selectbox(
                f"Eenduidig vastgelegd ({item.indicator.name})", list(UNAMBIGUOUS),
                index=list(UNAMBIGUOUS).index(item.unambiguous), format_func=UNAMBIGUOUS.__getitem__,
                key=f"eenduidig_{item.id}",
            )  # fmt: skip
            if (got, same) != (item.retrievable, item.unambiguous):
                _run(set_availability, "Bewaard.", indicator_id=item.id, retrievable=got, unambiguous=same)


def deliver() -> None:
    st.header("Cijfers leveren")
    if not view.indicators:
        st.write("Kies eerst de indicatoren van de regio.")
        return
    st.subheader("Met een bestand")
    period = st.text_input("Periode voor het sjabloon", value="2026-K1")
    download_button(
        "Sjabloon downloaden (.xlsx)",
        make=lambda: template_file(engine, principal, period=period)[1],
        file_name=f"Sjabloon procesindicatoren {period}.xlsx",
        mime=XLSX,
    )
    upload = st.file_uploader("Cijfers inlezen (.xlsx of .csv)", type=None)  # the importer says why a file is not read
    if upload is not None and st.button("Inlezen", type="primary"):
        try:
            report = import_figures(engine, principal, data=upload.getvalue(), file_name=upload.name)
        except ServiceError as exc:
            st.error(md(str(exc)))
        else:
            if report.problems:
                st.error(
                    f"Er is niets bewaard. Pas het bestand aan en lees het opnieuw in ({len(report.problems)} punten):"
                )
                table([{"Waar": p.where, "Wat": p.message} for p in report.problems])
            else:
                st.success(f"{report.stored} cijfers ingelezen, waarvan {report.changed} nieuw of gewijzigd.")
    st.subheader("Intypen")
    names = {i.id: i.indicator.name for i in view.indicators}
    indicator_id = st.selectbox("Indicator", list(names), format_func=names.__getitem__, key="typen_indicator")
    item = next(i for i in view.indicators if i.id == indicator_id)
    places = {None: "Regio"} if item.indicator.level is Level.REGIO else {g.id: g.name for g in view.gemeenten}
    with st.form(f"typen_{indicator_id}", enter_to_submit=False):
        typed_period = st.text_input("Periode (2025, 2025-K1, 2025-H2 of 2025-03)")
        # No min_value or max_value: the browser would answer a wrong number in English and keep the form from
        # being sent. The service checks the numbers and says in Dutch what is wrong.
        percentage = item.indicator.unit is Unit.PERCENTAGE
        values = {
            place: st.number_input(
                f"{name}: {'percentage' if percentage else 'aantal'}",
                value=None,
                step=0.1 if percentage else 1,
                format="%.1f" if percentage else "%d",
                key=f"typen_{indicator_id}_{place}",
            )
            for place, name in places.items()
        }
        if st.form_submit_button("Cijfers opslaan"):
            _run(
                save_typed, "De cijfers zijn opgeslagen.", indicator_id=indicator_id, period=typed_period, values=values
            )
    threshold = st.number_input("Drempel: aantallen hieronder tonen als 'minder dan'", value=view.min_count, step=1)
    if threshold != view.min_count:
        _run(set_min_count, "De drempel is opgeslagen.", value=int(threshold))


def over_time() -> None:
    st.header("Verloop per indicator")
    if not view.indicators:
        st.write("De regio heeft nog geen indicatoren gekozen.")
        return
    names = {i.id: i.indicator.name for i in view.indicators}
    indicator_id = st.selectbox("Indicator", list(names), format_func=names.__getitem__, key="verloop_indicator")
    item, rows = lines(engine, principal, indicator_id=indicator_id)
    i = item.indicator
    st.write(f"{md(i.definition)} Bron: {md(i.source)}. Eenheid: {i.unit.value}. Hoe vaak: {md(i.frequency)}.")
    if i.standards:
        st.caption(f"Hoort bij standaard {', '.join(str(s) for s in i.standards)} van de zelfscan.")
    if not rows:
        st.info("Voor deze indicator zijn nog geen cijfers geleverd.")
        return
    gemeenten = {g.id: g.name for g in view.gemeenten}
    regio_line = any(r.regio_basis != "niet getoond" for r in rows)
    st.plotly_chart(
        indicator_figure(i.name, i.unit, rows, gemeenten, regio=regio_line),
        config={"displaylogo": False, "locale": "nl"},
        alt=f"Lijn van {i.name} per periode. De cijfers staan in de tabel hieronder.",
    )
    st.markdown(f"**Tabel bij de lijn: {md(i.name)}**")
    table(indicator_table(rows, gemeenten, regio=regio_line))
    if any(s.suppressed for r in rows for s in [r.regio, *r.gemeenten.values()]):
        st.caption(
            f"Een aantal van 1 tot {view.min_count} staat er als 'minder dan {view.min_count}' en heeft geen punt "
            "in de lijn: zo'n klein aantal kan naar een gezin wijzen."
        )


def files() -> None:
    st.header("Delen zonder namen van gemeenten")
    st.write(
        "Per indicator en periode het cijfer van de regio en hoeveel gemeenten een cijfer leverden, uit de stand die "
        "de regio het laatst deelde (pagina Regio, 'Delen en downloaden'). Kleine aantallen, kleine groepen en een "
        "som waarin één gemeente bijna alles levert, staan er niet in; een laagste of hoogste gemeente ook niet."
    )
    left, right = st.columns(2)
    download_button(
        "Zonder namen (.xlsx)", make=lambda: anonymised_files(engine, principal)["xlsx"][1],
        file_name=f"Procesindicatoren {view.regio.name} zonder namen.xlsx", mime=XLSX, container=left,
    )  # fmt: skip
    download_button(
        "Zonder namen (.csv)", make=lambda: anonymised_files(engine, principal)["csv"][1],
        file_name=f"Procesindicatoren {view.regio.name} zonder namen.csv", mime="text/csv", container=right,
    )  # fmt: skip


PARTS = {
    "verloop": ("Verloop", over_time),
    "set": ("De set", the_set),
    "beschikbaarheid": ("Beschikbaarheid", availability),
}
if view.can_edit:
    PARTS |= {"leveren": ("Cijfers leveren", deliver), "delen": ("Delen", files)}
runtime.init_from_query("onderdeel", list(PARTS))
part = st.radio("Wat wilt u zien?", list(PARTS), format_func=lambda k: PARTS[k][0], horizontal=True, key="onderdeel")
runtime.write_query("onderdeel", part)
PARTS[part][1]()

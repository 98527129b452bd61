"""Vragenlijst: versions of the questionnaire (load, compare, activate per regio) and a regio's extra questions."""

from __future__ import annotations

import streamlit as st

import questionnaire
from analysis.formatting import moment
from services import ServiceError
from services.extra_questions import add_extra_question, extra_questions, remove_extra_question
from services.questionnaire_versions import activate, load, preview, versions
from services.regio import list_regios
from ui import actions, auth, fields, runtime
from ui.text import md, table

PREVIEW_KEY = "_vragenlijst_voorbeeld"
principal = auth.require("vragenlijst")
engine = runtime.engine()
installation = principal.regio_id is None

st.title("Vragenlijst")
st.write(
    "De 31 vragen van de zelfscan staan vast: zo blijven de scores van alle gemeenten en rondes vergelijkbaar. "
    "Hier leest u een nieuwe versie van de vragenlijst in (met de officiële tekst van de VNG, of een herziene "
    "versie), kiest u per regio welke versie nieuwe rondes gebruiken, en voegt een regio eigen extra vragen toe."
)


def _run(action, message: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
    actions.run(action, engine, principal, message, **kwargs)


actions.show_notice()

st.header("Versies")
table(
    [
        {
            "Versie": v.version,
            "Herkomst": {"meegeleverd": "meegeleverd met de app", "bestand": "ingelezen bestand"}.get(
                v.source, "ingelezen uit een werkboek"
            ),
            "Ingelezen": f"{moment(v.loaded_at)} door {v.loaded_by}" if v.loaded_at else "",
            "Nieuwe rondes van": ", ".join(v.regios) or "geen regio",
        }
        for v in versions(engine, principal)
    ]
)

if installation:
    st.subheader("Een versie inlezen")
    st.write(
        "Kies een bestand in het schema van de app (.yaml), of een zelfscan-werkboek van de VNG (.xlsx): dan nemen "
        "we de vraagteksten over, per nummer; standaarden, blokken en uitleg blijven. U ziet de nieuwe versie eerst "
        "naast de huidige. Bestaande rondes houden altijd hun eigen versie."
    )
    upload = st.file_uploader("Bestand met de vragenlijst", type=None)  # the reader says why a file is not read
    name = fields.text_input("Naam van de versie (alleen bij een werkboek), bijvoorbeeld VNG-2021", limit=40)
    if upload is not None and st.button("Bekijken", type="primary"):
        try:
            st.session_state[PREVIEW_KEY] = preview(
                engine, principal, data=upload.getvalue(), file_name=upload.name, version=name
            )
        except ServiceError as exc:
            st.error(md(str(exc)))
    shown = st.session_state.get(PREVIEW_KEY)
    if shown is not None:
        qn = shown.questionnaire
        st.markdown(f"**Versie {md(qn.version)}, naast versie {md(shown.compared_with)}**")
        if shown.changes:
            table(
                [
                    {
                        "Vraag": c.number,
                        f"Nu ({shown.compared_with})": c.now,
                        f"Nieuw ({qn.version})": c.new,
                        "Te vergelijken met eerdere rondes": "ja" if c.comparable else f"nee: {c.reason}",
                    }
                    for c in shown.changes
                ]
            )
        else:
            st.write("De vraagteksten zijn dezelfde als nu.")
        left, right = st.columns(2)
        if left.button("Deze versie inlezen", type="primary"):
            st.session_state.pop(PREVIEW_KEY, None)
            _run(load, f"Versie {qn.version} is ingelezen. Kies hieronder voor welke regio's.", shown=shown)
        if right.button("Niet inlezen"):
            st.session_state.pop(PREVIEW_KEY, None)
            st.rerun()

regios = list_regios(engine, principal)
if not regios:
    st.stop()
names = {r.id: r.name for r in regios}
regio_id = st.selectbox("Regio", list(names), format_func=names.__getitem__, key="vragenlijst_regio")

st.header("Versie voor nieuwe rondes")
listed = versions(engine, principal)
known = [v.version for v in listed]
current = next((v.version for v in listed if names[regio_id] in v.regios), None)
chosen = st.selectbox(
    f"Nieuwe rondes van {md(names[regio_id])} gebruiken versie",
    known,
    index=known.index(current) if current in known else 0,
)
if chosen != current and st.button("Versie opslaan"):
    message = f"Nieuwe rondes van {names[regio_id]} gebruiken nu versie {chosen}."
    _run(activate, message, regio_id=regio_id, version=chosen)

st.header("Extra vragen van de regio")
st.write(
    "Een regio kan eigen vragen toevoegen. Gemeenten zien ze na de 31 vragen, onder 'Extra vragen van de regio'. "
    "Ze tellen nooit mee in de scores, de spinnenweb, 'x van y' of het gemiddelde van de regio: zo blijven de "
    "cijfers te vergelijken met andere regio's. Ze staan in een eigen tabel en op een eigen blad in de bestanden."
)
extras = extra_questions(engine, principal, regio_id=regio_id)
for extra in extras:
    left, right = st.columns([3, 1])
    left.markdown(f"**{extra.label}** (standaard {extra.standard}, blok {extra.block}): {md(extra.text)}")
    if right.button(f"{extra.label} weghalen", key=f"weg_extra_{extra.id}"):
        _run(remove_extra_question, "De extra vraag wordt niet meer gesteld.", regio_id=regio_id, extra_id=extra.id)
if not extras:
    st.write("Deze regio heeft geen extra vragen.")
standards = {s.number: s.short_name for s in questionnaire.current().standards}
with st.form("extra_vraag", clear_on_submit=True, enter_to_submit=False):
    text = fields.text_area("Extra vraag", limit="extra_question")
    help_text = fields.text_area("Uitleg bij de vraag (niet verplicht)", limit="extra_help")
    left, right = st.columns(2)
    standard = left.selectbox("Hoort bij standaard", list(standards), format_func=lambda n: f"{n}. {standards[n]}")
    block = right.radio("In blok", [1, 2], horizontal=True)
    if st.form_submit_button("Extra vraag toevoegen"):
        _run(
            add_extra_question,
            "De extra vraag is toegevoegd.",
            regio_id=regio_id,
            text=text,
            help=help_text,
            standard=standard,
            block=block,
        )

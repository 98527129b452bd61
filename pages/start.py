"""Start: pick a regio and gemeente, resume a round or start a new one."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date, moment
from demo.seed import load_demo_region
from services import ServiceError
from services.regio import create_regio, has_any_regio, list_gemeenten, list_regios, parse_gemeente_names
from services.scan import list_rounds, start_round
from ui import runtime
from ui.round_form import round_details_form
from ui.round_header import DEMO_NOTICE

engine = runtime.engine()

st.title("Zelfscan Werken aan veiligheid")
st.write(
    "Met deze zelfscan kijkt uw gemeente samen met partners hoe de lokale aanpak van huiselijk "
    "geweld en kindermishandeling ervoor staat. De scan volgt de 10 kwaliteitsstandaarden van de VNG "
    "en heeft 31 vragen, in twee blokken. Bij elke vraag kiest u: op orde of niet op orde."
)


def new_regio_form() -> None:
    with st.form("nieuwe_regio", enter_to_submit=False):
        name = st.text_input("Naam van de regio", max_chars=200)
        gemeenten = st.text_area("Gemeenten in de regio (één per regel)", height=160)
        if st.form_submit_button("Regio aanmaken"):
            try:
                regio = create_regio(engine, name=name, gemeente_names=parse_gemeente_names(gemeenten))
            except ServiceError as exc:
                st.error(str(exc))
            else:
                st.session_state["regio"] = regio.id
                st.rerun()


if not has_any_regio(engine):
    st.subheader("Nog geen regio")
    st.write("Er staat nog niets in de database. Bekijk eerst de demoregio, of maak uw eigen regio aan.")
    if st.button("Demoregio 'Regio Voorbeeld' openen", type="primary"):
        st.session_state["regio"] = load_demo_region(engine).id
        st.rerun()
    with st.expander("Eigen regio aanmaken"):
        new_regio_form()
    st.stop()

regios = list_regios(engine)
regio_ids = [r.id for r in regios]
regio_names = {r.id: r.name + (" (demo)" if r.is_demo else "") for r in regios}
if st.session_state.get("regio") not in regio_ids:
    st.session_state["regio"] = regio_ids[0]
regio_id = st.selectbox("Regio", regio_ids, format_func=regio_names.__getitem__, key="regio")
regio = next(r for r in regios if r.id == regio_id)
if regio.is_demo:
    st.info(DEMO_NOTICE, icon=":material/info:")

gemeenten = list_gemeenten(engine, regio_id=regio_id)
gemeente_names = {g.id: g.name for g in gemeenten}
gemeente_id = st.selectbox(
    "Gemeente",
    list(gemeente_names),
    index=None,
    format_func=gemeente_names.__getitem__,
    placeholder="Kies een gemeente",
    key="gemeente",
    bind="query-params",
)

if gemeente_id is None:
    st.write("Kies hierboven uw gemeente. Daarna ziet u de rondes van de scan en kunt u een nieuwe ronde starten.")
    with st.expander("Nog een regio aanmaken"):
        new_regio_form()
    st.stop()

st.header(f"Rondes van {gemeente_names[gemeente_id]}")
rounds = list_rounds(engine, gemeente_id=gemeente_id)
if not rounds:
    st.write("Deze gemeente heeft nog geen ronde. Start hieronder de eerste.")
for summary in rounds:
    with st.container(border=True):
        blocks = ", ".join(f"blok {b}: {n} beantwoord" for b, n in summary.answered_by_block.items())
        st.subheader(f"{summary.purpose.short_label} van {long_date(summary.held_on)}")
        st.write(
            f"{summary.answered} van {summary.total} vragen beantwoord ({blocks}). "
            f"Laatst gewijzigd: {moment(summary.last_change)}."
        )
        left, right = st.columns(2)
        with left:
            st.page_link(
                "pages/scan.py",
                label="Verder invullen" if summary.answered < summary.total else "Antwoorden bekijken of wijzigen",
                icon=":material/edit:",
                query_params={"ronde": str(summary.id), "blok": str(summary.resume_block)},
            )
        with right:
            st.page_link(
                "pages/resultaten.py",
                label="Resultaten bekijken",
                icon=":material/radar:",
                query_params={"ronde": str(summary.id)},
            )

st.header("Nieuwe ronde starten")
details = round_details_form(f"nieuwe_ronde_{gemeente_id}", submit_label="Ronde starten")
if details is not None:
    try:
        round_id = start_round(engine, gemeente_id=gemeente_id, **dict(details))
    except ServiceError as exc:
        st.error(str(exc))
    else:
        runtime.remember_round(round_id)
        st.switch_page("pages/scan.py", query_params={"ronde": str(round_id), "blok": "1"})

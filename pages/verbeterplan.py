"""Verbeterplan: draft a plan from a round (or for the regio), write it per part, download it."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date
from domain.calendar import dutch_today
from domain.plan import ALL_CLUSTERS, PlanInfo, PlanKind, PlanLayout
from questionnaire import current
from services import ServiceError, authz
from services.plan_edits import add_action, move_action, set_action_removed
from services.plan_exports import DOCX, XLSX, plan_document, plan_file_name, plan_pdf, plan_workbook
from services.plans import create_gemeente_plan, create_regional_plan, list_plans, open_plan
from services.scan import list_rounds
from ui import auth, params, plan_autosave, plan_form, runtime
from ui.downloads import download_button
from ui.text import md

principal = auth.require("verbeterplan")
engine = runtime.engine()
plan_id = params.id_param("plan")


def open_link(info: PlanInfo, whose: str = "") -> None:
    with st.container(border=True):
        scope = "alle standaarden" if info.clusters == ALL_CLUSTERS else f"cluster {info.clusters}"
        prefix = f"{md(whose)}: " if whose else ""
        st.markdown(f"**{prefix}{md(info.title or 'Verbeterplan zonder titel')}**")
        st.write(
            f"Periode {md(info.period) or 'nog niet ingevuld'} · {scope} · gemaakt op {long_date(info.created_at)}"
        )
        if st.button("Openen", key=f"open_{info.id}", icon=":material/open_in_new:"):
            st.query_params["plan"] = str(info.id)
            st.rerun()


def scope_and_layout(key: str) -> tuple[str, PlanLayout]:
    qn = current()
    options = [ALL_CLUSTERS, *(c.code for c in qn.clusters)]
    clusters = st.selectbox(
        "Voor welk deel maakt u het plan?",
        options,
        format_func=lambda c: "Alle standaarden" if c == ALL_CLUSTERS else f"Cluster {c}: {qn.cluster(c).name}",
        key=f"{key}_deel",
    )
    layout = st.radio(
        "Hoe wilt u de tabellen in het Word-bestand?",
        list(PlanLayout),
        format_func=lambda layout: layout.label,
        key=f"{key}_indeling",
    )
    return clusters, layout


if plan_id is None:
    st.title("Verbeterplan")
    st.write(
        "Een verbeterplan zegt per standaard wat niet op orde is en wat u daaraan gaat doen. "
        "De app maakt een eerste versie uit de scan: elke vraag die niet op orde is, wordt een actie. "
        "Alles wat u daarna typt, wordt vanzelf bewaard."
    )
    try:
        lists = list_plans(engine, principal, regio_id=principal.regio_id or 0, gemeente_id=principal.gemeente_id)
    except ServiceError as exc:
        st.error(md(str(exc)))
        st.stop()
    st.header("Uw plannen")
    if not lists.own:
        st.write("U heeft nog geen verbeterplan.")
    for info in lists.own:
        open_link(info)
    if lists.readable:
        st.header("Plannen om te lezen")
        for whose, info in lists.readable:
            open_link(info, whose)

    st.header("Nieuw verbeterplan")
    own = authz.own_gemeente(principal)
    if own is not None:
        rounds = list_rounds(engine, principal, gemeente_id=own)
        if not rounds:
            st.info("Vul eerst een scan in. Het plan begint bij de uitkomsten daarvan.")
            st.stop()
        wanted = params.optional_id_param("ronde")
        ids = [r.id for r in rounds]
        with st.form("nieuw_plan"):
            chosen = st.selectbox(
                "Van welke ronde maakt u het plan?",
                ids,
                index=ids.index(wanted) if wanted in ids else 0,
                format_func=lambda i: next(
                    f"{long_date(r.held_on)} – {r.purpose.short_label} ({r.answered} van {r.total} beantwoord)"
                    for r in rounds
                    if r.id == i
                ),
            )
            clusters, layout = scope_and_layout("gemeente")
            partners = st.radio(
                "Vulden partners deze ronde eerst ieder apart in? Wat komt er in het plan over hun verschillen?",
                ["none", "counts", "roles"],
                format_func={
                    "none": "Niets (de regio kan uw plan lezen; wat partners vonden, blijft bij u)",
                    "counts": "Alleen hoeveel partners wat antwoordden",
                    "roles": "Ook hun rollen, bijvoorbeeld Veilig Thuis (nooit hun namen)",
                }.__getitem__,
            )
            if st.form_submit_button("Verbeterplan maken", type="primary"):
                try:
                    new_id = create_gemeente_plan(
                        engine, principal, round_id=chosen, clusters=clusters, layout=layout, partners=partners
                    )
                except ServiceError as exc:
                    st.error(md(str(exc)))
                else:
                    st.query_params["plan"] = str(new_id)
                    st.rerun()
    else:
        st.write(
            "Een regionaal plan gaat over de regio als geheel. Het begint bij de vragen die bij een deel van de "
            "gemeenten niet op orde zijn, als 'x van y gemeenten', uit de stand die de regio het laatst deelde "
            "(pagina Regio, 'Delen en downloaden'). Het plan noemt geen gemeenten."
        )
        with st.form("nieuw_regioplan"):
            share = st.slider(
                "Neem een vraag op als hij niet op orde is bij ten minste dit deel van de gemeenten (%)",
                10,
                100,
                50,
                step=10,
            )
            clusters, layout = scope_and_layout("regio")
            if st.form_submit_button("Regionaal plan maken", type="primary"):
                try:
                    new_id = create_regional_plan(
                        engine,
                        principal,
                        regio_id=principal.regio_id or 0,
                        min_share=share / 100,
                        clusters=clusters,
                        layout=layout,
                    )
                except ServiceError as exc:
                    st.error(md(str(exc)))
                else:
                    st.query_params["plan"] = str(new_id)
                    st.rerun()
    st.stop()


def back_to_list() -> None:
    if st.button("Terug naar alle plannen", icon=":material/arrow_back:"):
        del st.query_params["plan"]
        st.rerun()


try:
    report = plan_autosave.save_pending(engine, principal, plan_id)
    view = open_plan(engine, principal, plan_id=plan_id)
except ServiceError as exc:
    st.title("Verbeterplan")
    st.error(md(str(exc)))
    back_to_list()
    st.stop()


def command(kind: str, target: int) -> None:
    """A row button: change the plan, then draw it again."""
    try:
        if kind == "add":
            add_action(engine, principal, plan_id=plan_id, standard=target)
        elif kind in ("up", "down"):
            move_action(engine, principal, plan_id=plan_id, action_id=target, step=-1 if kind == "up" else 1)
        else:
            set_action_removed(engine, principal, plan_id=plan_id, action_id=target, removed=kind == "remove")
    except ServiceError as exc:
        st.error(md(str(exc)))
        return
    st.rerun()


st.title(md(view.plan.texts["title"]) or "Verbeterplan")
st.write(f"Voor {md(view.subject)} · gebaseerd op {md(view.based_on)} · periode {md(view.plan.texts['period']) or '–'}")
open_in_round = [f for f in view.figures if not f.complete]
if view.plan.info.kind is PlanKind.GEMEENTE and open_in_round:
    st.warning(
        "De ronde van dit plan is nog niet helemaal ingevuld (bij standaard "
        + ", ".join(str(f.number) for f in open_in_round)
        + "). Een vraag zonder antwoord staat niet in het plan. Vul de ronde aan en maak dan eventueel een nieuw plan.",
        icon=":material/info:",
    )
with st.container():  # notices come and go; the fields below must not move (a moved widget is redrawn)
    for notice in report.overwritten:
        st.warning(md(notice), icon=":material/group:")
if view.editable:
    st.write("Alles wat u typt, wordt vanzelf bewaard zodra u een veld verlaat.")
else:
    st.info("U kunt dit plan lezen en downloaden. Alleen de opsteller kan het wijzigen.")
back_to_list()
today = dutch_today()
cover = st.checkbox("Met voorblad (Word en PDF)", key="voorblad")
left, middle, right = st.columns(3)
download_button(
    "Download als Word (.docx)",
    make=lambda: plan_document(engine, principal, plan_id=plan_id, today=today, cover=cover)[1],
    file_name=plan_file_name(view, today, "docx"),
    mime=DOCX,
    icon=":material/description:",
    container=left,
)
download_button(
    "Download als PDF",
    make=lambda: plan_pdf(engine, principal, plan_id=plan_id, today=today, cover=cover)[1],
    file_name=plan_file_name(view, today, "pdf"),
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    container=middle,
)
download_button(
    "Download als actielijst (.xlsx)",
    make=lambda: plan_workbook(engine, principal, plan_id=plan_id, today=today)[1],
    file_name=plan_file_name(view, today, "xlsx"),
    mime=XLSX,
    icon=":material/table_view:",
    container=right,
)

names = plan_form.parts(view)
if st.session_state.get("deel") not in range(len(names)):  # left from a plan with more parts
    st.session_state.pop("deel", None)
runtime.init_from_query("deel", list(range(len(names))))
part = st.radio("Welk deel van het plan?", list(range(len(names))), format_func=names.__getitem__, key="deel")
runtime.write_query("deel", part)
plan_autosave.sync_widgets(view, plan_form.keys_of_part(view, part))

st.header(names[part])
if part == 0:
    plan_form.intro(view)
elif part <= len(view.clusters):
    plan_form.cluster(view, view.clusters[part - 1], command)
elif part == len(view.clusters) + 1:
    plan_form.progress(view)
else:
    plan_form.agreements(view)

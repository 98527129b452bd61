"""Resultaten: the spinnenweb, the table per standard, and what is niet op orde."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date
from analysis.results import StandardStatus
from services import ServiceError, authz
from services.partners import agreement_of_round
from services.publications import gemeente_average
from services.scan import round_extras, round_report
from ui import auth, runtime
from ui.radar import radar_with_table
from ui.round_header import progress_bar, round_header, round_or_stop
from ui.text import md, plain, table

principal = auth.require("resultaten")
engine = runtime.engine()
round_id = runtime.current_round_id()
round_id = round_or_stop(round_id, "Resultaten", principal)

try:
    report = round_report(engine, principal, round_id=round_id)
    regional = gemeente_average(engine, principal, regio_id=report.info.regio_id)
except ServiceError as exc:
    st.title("Resultaten")
    st.error(md(str(exc)))
    st.page_link("pages/start.py", label="Naar de startpagina", icon=":material/arrow_back:")
    st.stop()

result = report.result
writer = authz.can_write(principal, report.info.gemeente_id)  # its own team: a plan to make, questions to answer
round_header(report.info, "Resultaten")
progress_bar(result)

st.header("Spinnenweb per kwaliteitsstandaard")
st.write(
    "Per standaard ziet u welk deel van de beantwoorde vragen op orde is. "
    "Een vraag die nog niet is beantwoord, telt niet mee als 'niet op orde'. "
    "Standaarden met open vragen zijn gemarkeerd met '(onvolledig)' en een open rondje."
)
average = list(regional.standards) if regional else None
if regional is not None:
    st.write(
        f"De stippellijn met ruitjes is het gemiddelde van de regio, uit de stand die de regio deelde op "
        f"{long_date(regional.made_on)}. In de tabel staat op hoeveel gemeenten elk cijfer rust. Een cijfer dat "
        "te veel over één gemeente zou zeggen, staat er niet in."
    )
radar_with_table(result, f"Spinnenweb {report.info.gemeente_name}", average)

incomplete = [s for s in result.standards if s.status in (StandardStatus.ONVOLLEDIG, StandardStatus.NIET_BEANTWOORD)]
if incomplete:
    names = ", ".join(f"{s.number} ({s.answered} van {s.question_count} beantwoord)" for s in incomplete)
    st.warning(f"Nog niet alle vragen zijn beantwoord bij standaard {names}. Deze scores zijn nog niet compleet.")
    st.page_link(
        "pages/scan.py",
        label="Open vragen beantwoorden",
        icon=":material/edit:",
        query_params={"ronde": str(round_id)},
    )

agreement = agreement_of_round(engine, principal, round_id=round_id)
if agreement is not None:
    st.header("Hoe eens waren de partners?")
    st.write(
        "De partners vulden deze ronde eerst ieder apart in. Per standaard ziet u bij hoeveel vragen "
        "(die twee of meer partners beantwoordden) iedereen hetzelfde antwoord gaf. De cijfers hierboven "
        "gaan over het antwoord dat u samen vaststelde."
    )
    names = {s.number: s.short_name for s in result.standards}
    table([{"Standaard": f"{a.standard}. {names[a.standard]}", "Partners": a.line} for a in agreement])
    st.page_link(
        "pages/samen.py",
        label="Bekijk per vraag de antwoorden van de partners",
        icon=":material/diversity_3:",
        query_params={"ronde": str(round_id)},
    )

extras = round_extras(engine, principal, round_id=round_id)
if extras:
    st.header("Extra vragen van de regio")
    st.write("Deze vragen voegde de regio toe. Ze tellen niet mee in de spinnenweb en de scores hierboven.")
    table(
        [
            {
                "Extra vraag (regio)": q.text,
                "Antwoord": a.value.label if a and a.value else "nog niet beantwoord",
                "Toelichting": a.toelichting if a else "",
            }
            for q, a in extras
        ]
    )

st.header("Vragen die niet op orde zijn")
niet = result.niet_op_orde_questions
if not niet:
    st.write("Er zijn geen vragen met het antwoord 'niet op orde'.")
for question in niet:
    with st.container(border=True):
        st.markdown(f"**✗ Vraag {question.number}** (standaard {question.standard})")
        st.write(question.text)
        if question.toelichting:
            st.markdown("Toelichting:")
            plain(question.toelichting)
        else:
            st.write("Geen toelichting ingevuld.")

if writer:
    st.page_link(
        "pages/verbeterplan.py",
        label="Maak een verbeterplan van deze ronde",
        icon=":material/assignment:",
        query_params={"ronde": str(round_id)},
    )

unanswered = result.unanswered_questions
if unanswered:
    st.header("Vragen die nog open staan")
    action = "in te vullen" if writer else "te bekijken"
    st.write(
        f"{len(unanswered)} van {len(result.questions)} vragen zijn nog niet beantwoord. "
        f"Klik op een vraag om haar {action}."
    )
    for q in unanswered:
        st.page_link(
            "pages/scan.py",
            label=f"Vraag {q.number}. {md(q.text)}",
            icon=":material/edit:",
            query_params={"ronde": str(round_id), "blok": str(q.block)},
        )

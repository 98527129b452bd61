"""Landelijk beeld: the national picture for the programme team. Only what the regions that joined share, taken
together; no regio's own figures, no gemeente. Every figure comes from the newest national publication."""

from __future__ import annotations

import streamlit as st

import questionnaire
from analysis.formatting import moment
from pictures.national_charts import (
    change_rows,
    question_rows,
    spread_chart,
    spread_rows,
    standard_rows,
    taking_part_line,
)
from services import ServiceError
from services.national import latest, publish
from services.national_exports import FACTSHEET, WORKBOOK, national_factsheet, national_workbook
from ui import auth, national_team, runtime
from ui.actions import run, show_notice
from ui.downloads import download_button
from ui.text import md, table

principal = auth.require("landelijk")
engine = runtime.engine()
st.title("Landelijk beeld")
show_notice()
st.write(
    "Hoe staat het land ervoor? Hier ziet u de cijfers van de regio's die ervoor kozen mee te doen, samengenomen: per "
    "standaard en per vraag 'x van y regio's' en 'x van y gemeenten'. U ziet nooit de cijfers van één regio en "
    "nooit een gemeente. Een regio ziet u bij naam alleen als zij dat wil, en dan nooit bij een cijfer."
)
names = {s.number: s.short_name for s in questionnaire.current().standards}
texts = {q.number: q.text for q in questionnaire.current().questions}
picture = latest(engine, principal)

with st.container(border=True):
    st.write(
        "Landelijke cijfers komen uit een vaste stand. Maak een nieuwe stand als er regio's bijkwamen, stopten of "
        "nieuwe cijfers deelden. Eerdere standen blijven bewaard: zo kan niemand door twee standen naast elkaar te "
        "leggen uitrekenen wat één regio deelde."
    )
    if st.button("Nieuwe landelijke stand maken", type="primary", key="landelijk_stand"):
        run(
            lambda engine, principal: publish(engine, principal),
            engine,
            principal,
            "Er is een nieuwe landelijke stand.",
        )

if picture is None:
    st.info("Er is nog geen landelijke stand. Maak er een met de knop hierboven.", icon=":material/info:")
else:
    if picture.is_demo:
        st.info(
            "Dit is het landelijke beeld van de demo: de regio's, gemeenten en cijfers zijn verzonnen.",
            icon=":material/info:",
        )
    st.write(f"Stand van {moment(picture.made_at)}. {md(taking_part_line(picture))}")
    for line in (*picture.withdrawn_since, *picture.kept, *picture.left_out):
        st.warning(md(line), icon=":material/info:")


def figures() -> None:
    assert picture is not None
    shown = [p.period for p in picture.periods]
    if not shown:
        st.info("Er zijn nog geen cijfers: geen regio deelt cijfers.", icon=":material/info:")
        return
    period_name = st.selectbox("Periode", shown, index=len(shown) - 1, key="landelijk_periode_kiezen")
    period = next(p for p in picture.periods if p.period == period_name)
    st.header(f"Per standaard, {period.period}")
    st.write(f"De cijfers rusten op {period.regios} regio's met samen {period.gemeenten} gemeenten.")
    if period.withheld:
        st.warning(md(period.withheld), icon=":material/visibility_off:")
        return
    table(standard_rows(period, names))
    st.header(f"Spreiding van de regio's, {period.period}")
    st.write(
        "Niet alleen het gemiddelde: per standaard hoeveel regio's hun gemeenten gemiddeld in elk deel hebben "
        "(0% tot 25% op orde, enzovoort). Een regio die haar cijfer niet deelde of alleen in woorden die over twee "
        "delen kunnen gaan, staat er niet in."
    )
    if any(s.bands is not None for s in period.standards):
        st.plotly_chart(
            spread_chart(period, names),
            config={"displaylogo": False, "locale": "nl"},
            alt="Spreiding van de regio's per standaard. De cijfers staan in de tabel hieronder.",
        )
    st.markdown("**Tabel bij de spreiding**")
    table(spread_rows(period, names))


def per_question() -> None:
    assert picture is not None
    shown = [p for p in picture.periods if not p.withheld]
    if not shown:
        st.info("Er zijn nog geen cijfers per vraag die we kunnen tonen.", icon=":material/info:")
        return
    names_ = [p.period for p in shown]
    period_name = st.selectbox("Periode", names_, index=len(names_) - 1, key="landelijk_periode_vragen")
    period = next(p for p in shown if p.period == period_name)
    st.header(f"Per vraag, {period.period}")
    table(question_rows(period, texts))


def change() -> None:
    assert picture is not None
    st.header("Verandering tussen twee periodes")
    found = picture.change
    if found is None:
        st.info("Er zijn nog geen twee periodes met cijfers om te vergelijken.", icon=":material/info:")
        return
    st.write(
        f"Per standaard hoeveel regio's op orde zijn in {found.first} en in {found.second}, alleen over de "
        f"{found.regios} regio's die in beide periodes meededen. Zo komt een verschil niet doordat er andere "
        "regio's meedoen."
    )
    if found.withheld:
        st.warning(md(found.withheld), icon=":material/visibility_off:")
        return
    table(change_rows(found, names))


def downloads() -> None:
    assert picture is not None
    st.header("Downloaden")
    st.write(
        "De factsheet (PDF) en het werkboek (Excel) bevatten precies de cijfers van deze stand, met de regels "
        "waarmee we regio's en gemeenten beschermen."
    )
    download_button("Landelijke factsheet (PDF)", make=lambda: national_factsheet(engine, principal),
                    file_name=FACTSHEET, mime="application/pdf", key="landelijk_pdf")  # fmt: skip
    download_button(
        "Landelijk werkboek (Excel)",
        make=lambda: national_workbook(engine, principal),
        file_name=WORKBOOK,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="landelijk_xlsx",
    )


PARTS = {
    "cijfers": ("Per standaard en spreiding", figures),
    "vragen": ("Per vraag", per_question),
    "verandering": ("Verandering", change),
    "downloaden": ("Downloaden", downloads),
    "regios": ("Regio's en bijdragen", lambda: national_team.participants_part(engine, principal)),
    "regels": ("Regels", lambda: national_team.rules_part(engine, principal)),
}
available = list(PARTS) if picture is not None else ["regios", "regels"]
runtime.init_from_query("onderdeel", available)
part = st.radio("Wat wilt u zien?", available, format_func=lambda key: PARTS[key][0], horizontal=True, key="onderdeel")
runtime.write_query("onderdeel", part)
try:
    PARTS[part][1]()
except ServiceError as exc:
    st.error(md(str(exc)))

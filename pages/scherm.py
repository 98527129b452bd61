"""Scherm voor de zaal: the projector view. Large type, high contrast, no controls; it updates itself."""

from __future__ import annotations

import io
import time

import segno
import streamlit as st

from pictures.regional_charts import shared_radar, shared_table
from services import ServiceError
from services.meeting import list_meetings
from services.projector import projector
from ui import auth, params, runtime
from ui.errors import calm
from ui.text import inline_image, md, table

REFRESH_SECONDS = 2  # the issue asks for every answer on screen within 3 seconds
WHEEL_SECONDS = 4

principal = auth.require("scherm")
engine = runtime.engine()
meeting_id = params.id_param("bijeenkomst")
if meeting_id is None:
    running = [m for m in list_meetings(engine, principal, regio_id=principal.regio_id or 0) if not m.ended]
    meeting_id = running[0].id if running else None
if meeting_id is None:
    st.title("Scherm voor de zaal")
    st.info("Er loopt geen bijeenkomst. Maak er een aan op de pagina Bijeenkomst.")
    st.stop()

st.html(
    """<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header { display: none !important; }
    .stMainBlockContainer { max-width: 100% !important; padding-top: 1rem; }
    .stMainBlockContainer p, .stMainBlockContainer li, .stMainBlockContainer td, .stMainBlockContainer th {
        font-size: 1.6rem !important; color: #000; }
    .stMainBlockContainer h1 { font-size: 3rem !important; }
    .stMainBlockContainer [data-testid="stTable"] td [data-testid="stMarkdownContainer"] {
        max-width: none !important; width: auto !important; }
    .stMainBlockContainer [data-testid="stTable"] td:first-child { width: 65%; }
    .stMainBlockContainer h2 { font-size: 2.2rem !important; }
    .zs-wheel { width: 14rem; height: 14rem; border-radius: 50%; border: 0.4rem solid #000; margin: 1rem auto;
        background: conic-gradient(#1f4e79 0 45deg, #fff 0 90deg, #8a3b00 0 135deg, #fff 0 180deg,
        #1f4e79 0 225deg, #fff 0 270deg, #8a3b00 0 315deg, #fff 0 360deg);
        animation: zs-spin 3.5s cubic-bezier(.2,.8,.3,1) 1; }
    @keyframes zs-spin { from { transform: rotate(0deg); } to { transform: rotate(1800deg); } }
    @media (prefers-reduced-motion: reduce) { .zs-wheel { animation: none; } }
    </style>"""
)


def how_to_join() -> None:
    """Where the room goes to take part: the address in large type and as a QR code (without a group's code: each
    gemeente gets its own code from the facilitator, so no group can join another's table)."""
    base = st.context.url.split("/scherm")[0] if st.context.url else ""
    address = f"{base}/deelnemen?bijeenkomst={meeting_id}"
    buffer = io.BytesIO()
    segno.make(address, error="m").save(buffer, kind="png", scale=8, border=2)
    left, right = st.columns([3, 1])
    left.markdown(
        f"**Doe mee op uw eigen apparaat.** Ga naar **{md(address.split('://', 1)[-1])}** of scan de QR-code, en vul "
        "de code van uw gemeente in. Die code krijgt u van de facilitator."
    )
    right.html(inline_image(buffer.getvalue(), "QR-code voor de pagina om mee te doen", width=220))


how_to_join()


@st.fragment(run_every=REFRESH_SECONDS)
@calm
def screen() -> None:
    try:
        view = projector(engine, principal, meeting_id=meeting_id)
    except ServiceError as exc:
        st.error(md(str(exc)))
        return
    meeting = view.meeting
    st.title(md(meeting.title))
    st.header(view.block_label)
    for group in view.groups:
        st.progress(
            group.answered / group.total if group.total else 0.0,
            text=f"{md(group.label)}: {group.answered} van {group.total} vragen beantwoord",
        )
    if meeting.spun is not None and meeting.spun_at is not None:
        st.header("Rad van fortuin")
        if time.time() - meeting.spun_at.timestamp() < WHEEL_SECONDS + REFRESH_SECONDS:
            st.html('<div class="zs-wheel" role="img" aria-label="Het rad draait"></div>')
        st.markdown(f"**{md(meeting.spun.text)}**")
    if not meeting.results_shown:
        st.write("De resultaten verschijnen hier zodra de facilitator ze laat zien.")
        return
    st.header("Per vraag: x van y groepen op orde")
    if view.rules is not None:
        st.caption(
            f"Cijfers van minder dan {view.rules.min_gemeenten} groepen, en cijfers die laten zien wat elke groep "
            "antwoordde, staan hier niet of in woorden."
        )
    table(
        [
            {
                "Vraag": f"{q.number}. {q.text}",
                "Op orde": q.op_orde.of("groepen"),
                "Niet op orde": q.op_orde.complement().of("groepen"),
            }
            for q in view.questions
            if q.op_orde.y
        ]
        or [{"Vraag": "–", "Op orde": "nog geen antwoorden", "Niet op orde": ""}]
    )
    if view.highlights:
        st.header("Wat valt op")
        st.markdown("\n".join(f"- {md(line)}" for line in view.highlights[:5]))
    if view.standards:
        st.header("Spinnenweb van de groepen samen")
        st.plotly_chart(
            shared_radar(
                view.standards, "Gemiddelde van de groepen", legend="Gemiddelde van de groepen", for_a_room=True
            ),
            config={"displaylogo": False, "staticPlot": True},
            alt="Spinnenweb van het gemiddelde van de groepen. De cijfers staan in de tabel eronder.",
            key="scherm_radar",
        )
        table(shared_table(view.standards, noun="groepen"))


screen()

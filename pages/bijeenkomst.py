"""Bijeenkomst: the facilitator's console. Codes for the groups, blocks open and closed, FAQ, follow-up."""

from __future__ import annotations

import io
from datetime import date

import segno
import streamlit as st

from analysis.formatting import long_date
from domain.calendar import dutch_today
from domain.meeting import DEFAULT_FOLLOW_UP_PROGRAMME, DEFAULT_PROGRAMME, MeetingKind, ProgrammeItem
from services import ServiceError
from services.meeting import (
    add_breakout,
    add_faq,
    create_meeting,
    end_meeting,
    follow_up_themes,
    get_meeting,
    list_meetings,
    open_block,
    round_choices,
    save_breakout,
    show_join_code,
    show_names,
    show_results,
    spin_wheel,
)
from services.partners import apart_phase
from services.regio import list_gemeenten
from ui import auth, fields, params, partner_invite, runtime
from ui.text import inline_image, md, table

principal = auth.require("bijeenkomst")
engine = runtime.engine()
regio_id = principal.regio_id or 0


def act(action, success: str = "") -> None:  # type: ignore[no-untyped-def]
    """Run a service call; on success draw the page again, else say why."""
    try:
        action()
    except ServiceError as exc:
        st.error(md(str(exc)))
        return
    if success:
        st.toast(success)
    st.rerun()


def parse_programme(text: str) -> list[ProgrammeItem]:
    items = []
    for line in text.splitlines():
        if line.strip():
            time, _, item = line.strip().partition(" ")
            items.append(ProgrammeItem(time=time, item=item.strip()))
    return items


st.title("Bijeenkomst")
meetings = list_meetings(engine, principal, regio_id=regio_id)
wanted = params.id_param("bijeenkomst")
chosen = wanted if wanted in {m.id for m in meetings} else None

if chosen is None:
    st.write(
        "Hier bereidt u een bijeenkomst voor en leidt u hem. Elke gemeente krijgt een korte code; "
        "de groepen doen daarmee mee op hun eigen apparaat. Het scherm voor de zaal laat live zien hoe ver "
        "de groepen zijn en, als u dat wilt, de eerste resultaten."
    )
    with st.container():  # however many meetings there are, what follows keeps its place on the page
        for meeting in meetings:
            with st.container(border=True):
                state = "afgelopen" if meeting.ended else "loopt"
                st.markdown(f"**{md(meeting.title)}** · {long_date(meeting.held_on)} · {meeting.kind.label} · {state}")
                if st.button("Openen", key=f"open_{meeting.id}", icon=":material/open_in_new:"):
                    st.query_params["bijeenkomst"] = str(meeting.id)
                    st.rerun()
    st.header("Nieuwe bijeenkomst")
    gemeenten = list_gemeenten(engine, principal, regio_id=regio_id)
    kind = st.radio("Soort bijeenkomst", list(MeetingKind), format_func=lambda k: k.label, horizontal=True)
    default = DEFAULT_PROGRAMME if kind is MeetingKind.START else DEFAULT_FOLLOW_UP_PROGRAMME
    held_on = st.date_input("Datum", value=dutch_today(), format="DD-MM-YYYY", key="nieuw_datum")
    held_on = held_on if isinstance(held_on, date) else dutch_today()
    names = {g.id: g.name for g in gemeenten}
    chosen_gemeenten: list[int] = []
    fresh: list[int] = []
    older: list[int] = []
    # What depends on the kind sits in one container, so the form below keeps its place on the page: while
    # the page is drawn again, Streamlit would otherwise show the old form (faded) beside the new one.
    with st.container():
        if kind is MeetingKind.START:
            chosen_gemeenten = st.multiselect(
                "Gemeenten die meedoen", list(names), default=list(names), format_func=names.__getitem__
            )
            fresh = st.multiselect(
                "Gemeenten die hoe dan ook een nieuwe ronde beginnen", list(names), format_func=names.__getitem__
            )
            try:
                choices = round_choices(
                    engine, principal, regio_id=regio_id, gemeente_ids=chosen_gemeenten, held_on=held_on,
                    new_round_for=set(fresh),
                )  # fmt: skip
            except ServiceError as exc:
                st.error(md(str(exc)))
                choices = []
            asked = {c.gemeente_id: c.older[1] for c in choices if c.older is not None}
            if asked:
                older = st.multiselect(
                    "Deze gemeenten hebben een onafgemaakte ronde van een ander jaar. Kies wie daarin verder gaat; de "
                    "andere beginnen een nieuwe ronde.",
                    list(asked),
                    format_func=lambda g: f"{names[g]}: {asked[g]}",
                )
                choices = round_choices(
                    engine, principal, regio_id=regio_id, gemeente_ids=chosen_gemeenten, held_on=held_on,
                    new_round_for=set(fresh), continue_older=set(older),
                )  # fmt: skip
            if choices:
                st.markdown("**Wat er per gemeente gebeurt**")
                table([{"Gemeente": c.gemeente_name, "Ronde": c.words} for c in choices])
                st.caption(
                    "Een nieuwe ronde die aan het eind van de bijeenkomst nog leeg is, haalt de app weer weg. "
                    "Welke ronde van een gemeente meetelt in de cijfers van de regio, bepaalt de regel van de regio: "
                    "een ronde die nog niet af is, duwt een volledige ronde niet weg."
                )
        else:
            st.write(
                "Bij een vervolg kijken de gemeenten terug en maken ze plannen. Er komen geen nieuwe rondes en geen "
                "codes: de cijfers van de regio blijven zoals ze zijn."
            )
    with st.form("nieuwe_bijeenkomst"):
        title = fields.text_input("Titel", limit="name", value=f"{kind.label} zelfscan Werken aan veiligheid")
        programme = st.text_area(
            "Programma (één onderdeel per regel: tijd, spatie, onderdeel)",
            value="\n".join(f"{t} {i}" for t, i in default),
            height=260,
        )
        if st.form_submit_button("Bijeenkomst aanmaken", type="primary"):
            try:
                new_id = create_meeting(
                    engine,
                    principal,
                    regio_id=regio_id,
                    title=title,
                    held_on=held_on,
                    kind=kind,
                    gemeente_ids=chosen_gemeenten,
                    programme=parse_programme(programme),
                    new_round_for=set(fresh),
                    continue_older=set(older),
                )
            except ServiceError as exc:
                st.error(md(str(exc)))
            else:
                st.query_params["bijeenkomst"] = str(new_id)
                st.rerun()
    st.stop()

meeting = get_meeting(engine, principal, meeting_id=chosen)
mid = meeting.id
st.header(md(meeting.title))
st.write(f"{meeting.kind.label} op {long_date(meeting.held_on)}.")
if st.button("Terug naar alle bijeenkomsten", icon=":material/arrow_back:"):
    del st.query_params["bijeenkomst"]
    st.rerun()
st.page_link(
    "pages/scherm.py",
    label="Open het scherm voor de zaal",
    icon=":material/cast:",
    query_params={"bijeenkomst": str(mid)},
)
if meeting.ended:
    st.success(
        "Deze bijeenkomst is afgesloten. De codes werken niet meer. De antwoorden staan in de rondes van de "
        "gemeenten; elke gemeente ziet ze op haar startpagina en kan daar verder.",
        icon=":material/check_circle:",
    )
    st.subheader("Wie deed mee")
    table([{"Gemeente": g.gemeente_name} for g in meeting.groups] or [{"Gemeente": "geen (een vervolg)"}])
    st.page_link("pages/voortgang.py", label="Bekijk hoe ver elke gemeente is", icon=":material/groups:")
    if meeting.faq:
        st.subheader("Veelgestelde vragen")
        for item in meeting.faq:
            st.markdown(f"**{md(item.question)}**  \n{md(item.answer or 'Nog geen antwoord.')}")
    st.subheader("Programma")
    table([{"Tijd": p.time, "Onderdeel": p.item} for p in meeting.programme])
    st.stop()

st.subheader("Blokken")
state = (
    f"Nu open: blok {meeting.open_block}."
    if meeting.open_block
    else "Er is nu geen blok open: de antwoorden zijn bevroren."
)
st.write(state)
one, two, none = st.columns(3)
if one.button("Blok 1 openen (vragen 1–14)", disabled=meeting.open_block == 1):
    act(lambda: open_block(engine, principal, meeting_id=mid, block=1), "Blok 1 is open.")
if two.button("Blok 2 openen (vragen 15–31)", disabled=meeting.open_block == 2):
    act(lambda: open_block(engine, principal, meeting_id=mid, block=2), "Blok 2 is open.")
if none.button("Alle blokken sluiten", disabled=meeting.open_block is None):
    act(lambda: open_block(engine, principal, meeting_id=mid, block=None), "De blokken zijn gesloten.")

st.subheader("Wat het scherm toont")
results = st.toggle("Resultaten tonen (x van y, spinnenweb, wat valt op)", value=meeting.results_shown)
names = st.toggle("Namen van de gemeenten tonen", value=meeting.names_shown)
if results != meeting.results_shown:
    act(lambda: show_results(engine, principal, meeting_id=mid, shown=results))
if names != meeting.names_shown:
    act(lambda: show_names(engine, principal, meeting_id=mid, shown=names))

st.subheader("Codes voor de groepen")
st.write(
    "Elke groep gaat naar de pagina 'Meedoen aan een bijeenkomst' en vult de code van de eigen gemeente in, "
    "of scant de QR-code. Meerdere apparaten van één gemeente mogen dezelfde code gebruiken."
)
base = st.context.url.split("/bijeenkomst")[0] if st.context.url else ""
for group in meeting.groups:
    link = f"{base}/deelnemen?bijeenkomst={mid}&code={group.join_code}"
    left, right = st.columns([3, 1])
    left.markdown(f"**{md(group.gemeente_name)}**: code **{show_join_code(group.join_code)}**")
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=4, border=2)
    # Inline, not through Streamlit's /media/ address: that would work for anyone, without a login.
    right.html(inline_image(buffer.getvalue(), f"QR-code voor {group.gemeente_name}", width=120))
    with st.expander(f"Eerst ieder apart: persoonlijke codes voor partners van {md(group.gemeente_name)}"):
        try:
            phase = apart_phase(engine, principal, round_id=group.round_id)
        except ServiceError as exc:
            st.error(md(str(exc)))
        else:
            st.caption(
                "Elke partner vult de scan eerst alleen in, met een eigen code; daarna stelt de groep samen het "
                "antwoord vast. U ziet hoe ver de partners zijn, niet hun antwoorden."
            )
            if phase is None:
                partner_invite.start_button(engine, principal, group.round_id, label="Eerst ieder apart laten invullen")
            else:
                partner_invite.manage(engine, principal, group.round_id, phase, names=False)

st.subheader("Veelgestelde vragen")
for item in meeting.faq:
    st.markdown(f"**{md(item.question)}**  \n{md(item.answer or 'Nog geen antwoord.')}")
with st.form("faq", clear_on_submit=True):
    question = fields.text_input("Nieuwe vraag", limit="faq_question")
    answer = fields.text_area("Antwoord", limit="faq_answer", height=80)
    if st.form_submit_button("Vraag toevoegen"):
        act(lambda: add_faq(engine, principal, meeting_id=mid, question=question, answer=answer), "Toegevoegd.")

if meeting.kind is MeetingKind.VERVOLG:
    st.subheader("Thema's en groepen")
    themes = follow_up_themes(engine, principal, meeting_id=mid)
    st.write("Wat opvalt in de regio (laatste ronde van elke gemeente):")
    st.markdown("\n".join(f"- {md(t)}" for t in themes) or "Nog geen cijfers.")
    with st.form("breakout", clear_on_submit=True):
        name = st.text_input("Naam van de groep", placeholder="Bijvoorbeeld: Groep 1")
        theme = st.selectbox("Thema", [*themes, "Ander thema"])
        if st.form_submit_button("Groep toevoegen"):
            act(lambda: add_breakout(engine, principal, meeting_id=mid, name=name, theme=theme))
    for breakout in meeting.breakouts:
        with st.container(border=True), st.form(f"breakout_{breakout.id}"):
            st.markdown(f"**{md(breakout.name)}**")
            new_theme = st.text_input(f"Thema van {md(breakout.name)}", value=breakout.theme)
            notes = st.text_area(f"Aantekeningen van {md(breakout.name)}", value=breakout.notes, height=100)
            if st.form_submit_button("Opslaan"):
                act(
                    lambda b=breakout, t=new_theme, n=notes: save_breakout(
                        engine, principal, meeting_id=mid, breakout_id=b.id, theme=t, notes=n
                    ),
                    "Opgeslagen.",
                )
    st.subheader("Rad van fortuin")
    left_questions = [r.text for r in meeting.reflections if not r.asked]
    st.write(f"Nog {len(left_questions)} van de {len(meeting.reflections)} reflectievragen over.")
    if st.button("Draai het rad", icon=":material/casino:", disabled=not left_questions):
        act(lambda: spin_wheel(engine, principal, meeting_id=mid), "Het rad draait op het scherm.")
    if meeting.spun:
        st.write(f"Laatst gekozen: {md(meeting.spun.text)}")

st.subheader("Programma")
table([{"Tijd": p.time, "Onderdeel": p.item} for p in meeting.programme])

st.subheader("Afsluiten")
sure = st.checkbox("Ik wil de bijeenkomst afsluiten: de codes werken dan niet meer")
if st.button("Bijeenkomst afsluiten", disabled=not sure):
    act(lambda: end_meeting(engine, principal, meeting_id=mid), "De bijeenkomst is afgesloten.")

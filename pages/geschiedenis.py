"""Geschiedenis: every change to an answer or toelichting, and restoring an earlier value."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import moment
from services import ServiceError
from services.scan import history, open_scan, restore
from ui import auth, runtime
from ui.round_header import round_header, round_or_stop
from ui.text import labelled, md

PAGE_SIZE = 25  # changes drawn at first; each costs the page about a dozen elements
FIELD_NAMES = {"value": "Antwoord", "toelichting": "Toelichting"}

principal = auth.require("geschiedenis")
engine = runtime.engine()
round_id = runtime.current_round_id()
round_id = round_or_stop(round_id, "Geschiedenis", principal)

try:
    snapshot = open_scan(engine, principal, round_id=round_id)
except ServiceError as exc:
    st.title("Geschiedenis")
    st.error(md(str(exc)))
    st.page_link("pages/start.py", label="Naar de startpagina", icon=":material/arrow_back:")
    st.stop()

round_header(snapshot.info, "Geschiedenis")
st.write("Hier staat elke wijziging van een antwoord of toelichting: wie, wanneer, en wat het was en werd.")
if snapshot.editable:
    st.write(
        "Met 'Ongedaan maken' zet u de laatste wijziging van een vraag terug. Met 'Deze waarde terugzetten' "
        "zet u een eerdere waarde terug. Ook dat komt in de geschiedenis."
    )
numbers = [None, *sorted(snapshot.questionnaire.questions_by_number)]
question = st.selectbox(
    "Welke vraag?",
    numbers,
    format_func=lambda n: (
        "Alle vragen" if n is None else f"Vraag {n}. {snapshot.questionnaire.questions_by_number[n].text}"
    ),
    key="geschiedenis_vraag",
)
changes = history(engine, principal, round_id=round_id, question_number=question)
if not changes:
    st.write("Nog geen wijzigingen.")
shown_key = f"geschiedenis_getoond_{round_id}_{question}"
shown = st.session_state.get(shown_key, PAGE_SIZE)
if len(changes) > shown:
    st.write(f"U ziet de laatste {shown} van {len(changes)} wijzigingen. Kies een vraag om die vraag apart te zien.")


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


newest = {}
for change in changes:  # newest first: the first change of a question's field is its latest
    newest.setdefault((change.question_number, change.field), change.id)
for change in changes[:shown]:
    with st.container(border=True):
        st.markdown(f"**Vraag {change.question_number} · {FIELD_NAMES[change.field]}** · {moment(change.at)}")
        labelled([("Door", change.actor), ("Was", change.shown(change.old)), ("Werd", change.shown(change.new))])
        latest = newest[(change.question_number, change.field)] == change.id
        label = (
            f"Ongedaan maken: {FIELD_NAMES[change.field].lower()} van vraag {change.question_number} terug naar "
            f"'{md(_short(change.shown(change.old)))}'"
            if latest
            else f"Deze waarde terugzetten: {FIELD_NAMES[change.field].lower()} van vraag {change.question_number} "
            f"wordt '{md(_short(change.shown(change.new)))}'"
        )
        if snapshot.editable and st.button(label, key=f"herstel_{change.id}"):
            try:
                restore(engine, principal, change_id=change.id, undo=latest)
            except ServiceError as exc:
                st.error(md(str(exc)))
            else:
                st.success(f"Vraag {change.question_number} is teruggezet.")
                st.rerun()
if len(changes) > shown and st.button(f"Nog {min(PAGE_SIZE, len(changes) - shown)} oudere wijzigingen tonen"):
    st.session_state[shown_key] = shown + PAGE_SIZE
    st.rerun()

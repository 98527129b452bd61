"""Logboek: who did what and when (logins, codes, downloads, imports, back-ups, settings), for beheerders."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import streamlit as st

from domain.audit import Action
from domain.calendar import AMSTERDAM, dutch_today
from services import ServiceError, audit
from ui import auth, fields, runtime
from ui.downloads import download_button
from ui.text import md, table

SHOWN = 200
SAVED_KEY = "logboek_bewaartermijn_opgeslagen"

principal = auth.require("logboek")
engine = runtime.engine()
installation = principal.regio_id is None
days = audit.retention_days(engine)

st.title("Logboek")
st.write(
    "Hier staat wie wat deed en wanneer: inloggen en uitloggen (gelukt of niet), codes maken, intrekken en "
    "vervangen, downloads, inlezen, back-ups en gewijzigde instellingen. Bij elke regel staat het resultaat en "
    "het adres waar het vandaan kwam. Er staan geen codes, wachtwoorden of antwoorden in. Wie een antwoord "
    "veranderde, staat bij de geschiedenis van de scan."
)
st.write(
    f"Het logboek bewaart alles {days} dagen. "
    + ("U ziet alles van de hele installatie." if installation else "U ziet wat er in uw regio gebeurde.")
)

actions = [None, *Action]
left, middle, right = st.columns(3)
action = left.selectbox(
    "Soort", actions, format_func=lambda a: "alles" if a is None else a.value.capitalize(), key="logboek_soort"
)
period = middle.date_input(
    "Periode",
    value=(dutch_today() - timedelta(days=30), dutch_today()),
    format="DD-MM-YYYY",
    key="logboek_periode",
)
search = fields.text_input(
    "Zoeken (in object, resultaat, adres of wie)", limit=100, container=right, key="logboek_zoeken"
)

chosen = tuple(period) if isinstance(period, tuple | list) else (period,)
since = datetime.combine(chosen[0], time.min, tzinfo=AMSTERDAM) if chosen and chosen[0] else None
last = chosen[1] if len(chosen) > 1 and chosen[1] else (chosen[0] if chosen else None)
until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=AMSTERDAM) if last else None
filters = {"action": action, "since": since, "until": until, "search": search}

try:
    found = audit.events(engine, principal, limit=SHOWN + 1, **filters)  # type: ignore[arg-type]
except ServiceError as exc:
    st.error(md(str(exc)))
    st.stop()

if not found:
    st.info("Er is niets gebeurd dat bij deze keuze past.")
else:
    if len(found) > SHOWN:
        st.write(f"U ziet de nieuwste {SHOWN} regels. Alle regels staan in het bestand hieronder.")
    table(
        [
            {
                "Wanneer": audit.when(e.at),
                "Soort": e.action.value,
                "Wat": e.object,
                "Resultaat": e.result,
                "Vanaf adres": e.origin,
                "Wie": e.actor,
            }
            for e in found[:SHOWN]
        ]
    )
download_button(
    "Logboek downloaden (.csv)",
    make=lambda: audit.events_csv(engine, principal, **filters),
    file_name=f"logboek-{dutch_today():%Y-%m-%d}.csv",
    mime="text/csv",
)

if installation:
    st.header("Bewaartermijn")
    with st.form("bewaartermijn"):
        wanted = st.number_input(
            f"Regels bewaren, in dagen ({audit.SHORTEST_RETENTION_DAYS} tot en met {audit.LONGEST_RETENTION_DAYS})",
            value=days,
            step=1,
        )  # no min_value or max_value: the browser would say a wrong number in English; the service says it in Dutch
        if st.form_submit_button("Bewaartermijn opslaan"):
            try:
                audit.set_retention_days(engine, principal, days=int(wanted))
            except ServiceError as exc:
                st.error(md(str(exc)))
            else:
                st.session_state[SAVED_KEY] = True
                st.rerun()  # the page's top says the new term too
    if st.session_state.pop(SAVED_KEY, False):
        st.success(f"De bewaartermijn is opgeslagen: {days} dagen. Oudere regels gaan weg.")

"""Voortgang: for the facilitator, how far each gemeente of the regio is. No answers."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date, moment
from services.regio import get_regio, list_gemeenten
from services.scan import list_rounds
from ui import auth, runtime
from ui.text import md, table

principal = auth.require("voortgang")
engine = runtime.engine()
assert principal.regio_id is not None
regio = get_regio(engine, principal, regio_id=principal.regio_id)

st.title(f"Voortgang in {md(regio.name)}")
st.write(
    "Per gemeente ziet u hoe ver de laatste ronde is ingevuld. De antwoorden zelf ziet u hier niet. "
    "Een bijeenkomst met codes voor de groepen en het scherm voor de zaal regelt u op de pagina Bijeenkomst."
)
rows = []
for gemeente in list_gemeenten(engine, principal, regio_id=regio.id):
    rounds = list_rounds(engine, principal, gemeente_id=gemeente.id)
    if not rounds:
        rows.append(
            {"Gemeente": gemeente.name, "Laatste ronde": "nog geen", "Blok 1": "–", "Blok 2": "–", "Totaal": "–"}
        )
        continue
    latest = rounds[0]
    rows.append(
        {
            "Gemeente": gemeente.name,
            "Laatste ronde": f"{latest.purpose.short_label}, {long_date(latest.held_on)}",
            "Blok 1": f"{latest.answered_by_block.get(1, 0)} van {latest.block_sizes.get(1, 0)}",
            "Blok 2": f"{latest.answered_by_block.get(2, 0)} van {latest.block_sizes.get(2, 0)}",
            "Totaal": f"{latest.answered} van {latest.total}",
            "Laatst gewijzigd": moment(latest.last_change),
        }
    )
table(rows)
st.page_link("pages/bijeenkomst.py", label="Naar Bijeenkomst", icon=":material/co_present:")

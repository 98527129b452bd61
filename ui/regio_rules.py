"""The Regio page's part with its rules: which round counts, and what protects the figures that leave the regio
team, each with its reason."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from analysis.disclosure import GroupRule
from analysis.picture import CountingRule
from domain.access import Principal
from domain.models import Regio
from services.publications import rules_of
from services.regio import set_regio_settings
from ui.actions import run
from ui.text import md


def rules(engine: Engine, principal: Principal, regio: Regio) -> None:
    """Which round counts, and the rules for what leaves the regio team, each with its reason."""
    st.header("Regels voor tellen en delen")
    st.write(
        "Hier kiest de regio welke ronde van een gemeente meetelt, en hoe cijfers worden beschermd als ze buiten "
        "het regioteam komen (bestanden zonder namen, factsheet, regionaal plan, het gemiddelde dat gemeenten "
        "zien, het scherm bij een bijeenkomst). Zo kunt u aan het bestuur uitleggen wat u deelt en waarom."
    )
    for line in rules_of(regio).sentences():
        st.markdown(f"- {md(line)}")
    with st.form("regels"):
        counting = st.radio(
            "Welke ronde van een gemeente telt mee?",
            [r.value for r in CountingRule],
            index=[r.value for r in CountingRule].index(regio.counting_rule),
            format_func=lambda v: CountingRule(v).label,
        )
        # No min_value or max_value: the browser would answer a wrong number in English; the service says it in Dutch.
        minimum = st.number_input(
            "Een cijfer buiten het regioteam tonen vanaf dit aantal gemeenten (1 tot en met 50)",
            value=regio.min_gemeenten,
            step=1,
        )
        group = st.radio(
            "Wat doen we met '0 van 8' of '8 van 8' (dan weet iedereen wat elke gemeente antwoordde)?",
            [r.value for r in GroupRule],
            index=[r.value for r in GroupRule].index(regio.group_rule),
            format_func=lambda v: GroupRule(v).label,
        )
        dominance = st.number_input(
            "Een som van procesindicatoren niet tonen als één gemeente meer levert dan dit percentage "
            "(50 tot en met 100)",
            value=regio.dominance,
            step=5,
        )
        sees = st.checkbox(
            "Gemeenten zien bij hun resultaten het gemiddelde van de regio (uit de laatste gedeelde stand)",
            value=regio.gemeente_sees_average,
        )
        if st.form_submit_button("Regels opslaan"):
            run(
                set_regio_settings,
                engine,
                principal,
                "De regels zijn opgeslagen. Ze gelden voor de volgende stand die u vastlegt.",
                regio_id=regio.id,
                counting_rule=counting,
                min_gemeenten=int(minimum),
                group_rule=group,
                dominance=int(dominance),
                gemeente_sees_average=sees,
            )

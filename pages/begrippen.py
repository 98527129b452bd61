"""Begrippen: the concepts the questions use, explained in plain Dutch."""

from __future__ import annotations

import streamlit as st

import questionnaire
from ui.text import md

qn = questionnaire.current()
st.title("Begrippen")
st.write("Bij de vragen worden deze woorden gebruikt. Hier staat kort wat ze betekenen.")
for begrip in sorted(qn.begrippen.values(), key=lambda b: b.term.casefold()):
    st.subheader(md(begrip.term))
    st.write(md(begrip.definition[:1].upper() + begrip.definition[1:]))

st.title("De 10 kwaliteitsstandaarden")
for cluster in qn.clusters:
    st.subheader(f"Cluster {md(cluster.code)}: {md(cluster.name)}")
    for standard in qn.standards:
        if standard.cluster == cluster.code:
            questions = qn.questions_of_standard(standard.number)
            st.markdown(
                f"**Standaard {standard.number}: {md(standard.short_name)}** "
                f"(vragen {', '.join(str(q.number) for q in questions)})"
            )
            st.write(md(standard.description))

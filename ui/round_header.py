"""The heading every round page shares: gemeente, date, purpose, demo notice."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date
from analysis.results import RoundResult
from domain.access import Principal
from domain.models import RoundInfo
from questionnaire import Question, Questionnaire, Standard
from services import authz
from ui.text import md

DEMO_NOTICE = (
    "Dit is de demoregio. De gemeenten, antwoorden en toelichtingen zijn verzonnen. "
    "U kunt hier vrij rondkijken en oefenen."
)


def round_header(info: RoundInfo, page_title: str) -> None:
    st.title(f"{page_title}: {md(info.gemeente_name)}")
    st.write(
        f"{info.purpose.short_label} van {long_date(info.held_on)} · {md(info.regio_name)} · "
        f"vragenlijst versie {info.questionnaire_version}"
    )
    if info.is_demo:
        st.info(DEMO_NOTICE, icon=":material/info:")


def progress_bar(result: RoundResult) -> None:
    total = result.total
    blocks = " · ".join(f"blok {i}: {b.answered} van {b.total}" for i, b in enumerate(result.blocks, start=1))
    st.progress(
        total.answered / total.total,
        text=f"{total.answered} van {total.total} vragen beantwoord ({blocks})",
    )


def participants_line(info: RoundInfo) -> str:
    if not info.participants:
        return "Deelnemers: nog niet ingevuld."
    people = [f"{md(p.role)} ({md(p.name)})" if p.name else md(p.role) for p in info.participants]
    return "Deelnemers: " + ", ".join(people) + "."


def help_text(qn: Questionnaire, question: Question) -> str:
    """The help of a question with the begrippen it uses, as one block of text."""
    lines = [md(question.help)] if question.help else []
    lines += [f"*{md(b.term)}*: {md(b.definition)}" for b in qn.begrippen_of(question)]
    return "  \n".join(lines)


def round_or_stop(round_id: int | None, page_title: str, principal: Principal) -> int:
    """The round a page shows; without one, the page says where to choose one and stops (never an empty page)."""
    if round_id is None:
        st.title(page_title)
        gemeente_first = "een gemeente en " if authz.chooses_a_gemeente(principal) else ""
        st.info(f"Kies eerst {gemeente_first}een ronde op de startpagina.")
        st.page_link("pages/start.py", label="Naar de startpagina", icon=":material/arrow_back:")
        st.stop()
    return round_id


def standard_heading(standard: Standard) -> None:
    """A standard's heading and its description as one element (ui/runtime.PAGE_STYLE draws the line under it): a
    block-2 scan page has six of them, and every element is drawn and sent again on each run of the page."""
    st.markdown(f"### Standaard {standard.number}: {md(standard.short_name)}\n\n{md(standard.description)}")

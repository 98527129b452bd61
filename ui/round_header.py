"""The heading every round page shares: gemeente, date, purpose, demo notice."""

from __future__ import annotations

import streamlit as st

from analysis.formatting import long_date
from analysis.results import RoundResult
from domain.models import RoundInfo

DEMO_NOTICE = (
    "Dit is de demoregio. De gemeenten, antwoorden en toelichtingen zijn verzonnen. "
    "U kunt hier vrij rondkijken en oefenen."
)


def round_header(info: RoundInfo, page_title: str) -> None:
    st.title(f"{page_title}: {info.gemeente_name}")
    st.write(
        f"{info.purpose.short_label} van {long_date(info.held_on)} · {info.regio_name} · "
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

"""A spinnenweb with its table right below it: every chart has a text alternative."""

from __future__ import annotations

import streamlit as st

from analysis.picture import SharedStandard
from analysis.results import RoundResult
from pictures.charts import radar_figure, standards_table
from ui.text import md, table


def radar_with_table(result: RoundResult, title: str, average: list[SharedStandard] | None = None) -> None:
    st.plotly_chart(
        radar_figure(result, title, average),
        config={"displaylogo": False, "locale": "nl"},
        alt=f"{title}. De cijfers staan in de tabel hieronder.",
    )
    st.markdown(f"**Tabel bij de spinnenweb: {md(title)}**")
    table(standards_table(result, average))

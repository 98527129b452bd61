"""Show free text exactly as typed: never as markdown or HTML."""

from __future__ import annotations

import html

import streamlit as st


def plain(text: str) -> None:
    """Render user text literally, in the normal font, keeping line breaks."""
    escaped = html.escape(text).replace("\n", "<br>")
    st.html(f'<p class="zs-plain">{escaped}</p>')

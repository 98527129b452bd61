"""Show free text exactly as typed: never as markdown or HTML."""

from __future__ import annotations

import html
import re

import streamlit as st

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def md(text: str) -> str:
    """Escape user text (names, labels) for use inside a markdown string we write."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def plain(text: str) -> None:
    """Render user text literally, in the normal font, keeping line breaks."""
    escaped = html.escape(text).replace("\n", "<br>")
    st.html(f'<p class="zs-plain">{escaped}</p>')


def table(rows: list[dict]) -> None:
    """st.table renders cells as markdown ("10. ..." becomes a list); show every cell as typed."""
    st.table([{key: md(v) if isinstance(v, str) else v for key, v in row.items()} for row in rows], hide_index=True)

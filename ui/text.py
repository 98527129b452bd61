"""The one way user text reaches the page: shown exactly as typed, never as markdown, HTML or a link.

Streamlit renders titles, headers, captions, notices, expander and radio labels and table
cells as GitHub markdown. Escaping markdown's special characters is not enough: GitHub
markdown also turns bare addresses (www.…, https://…, name@example.org) into links after
the escapes are read. `md()` therefore also puts an invisible word joiner (U+2060) where a
link would start, so no link is made and the text looks the same. Every page writes user
text through `md()` (inside markdown we write), `plain()` (a paragraph) or `table()`.
"""

from __future__ import annotations

import html
import re

import streamlit as st

from domain.text import clean_text

WORD_JOINER = "\u2060"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&=\"'])")
# Where GitHub's autolink literal extension starts a link: www., a scheme's colon, an e-mail's @.
_AUTOLINK_STARTS = re.compile(
    r"(?i)(?<=www)(?=\.)|(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=mailto)(?=:)|(?<=xmpp)(?=:)|(?=@)"
)


def md(text: str) -> str:
    """User text (names, labels, titles) made safe to put inside a markdown string we write."""
    text = clean_text(str(text)).replace("\n", " ")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _AUTOLINK_STARTS.sub(WORD_JOINER, text))


def plain(text: str) -> None:
    """Render user text literally, in the normal font, keeping line breaks."""
    st.html(f'<p class="zs-plain">{_escaped(text)}</p>')


def labelled(pairs: list[tuple[str, str]]) -> None:
    """Short labelled user texts side by side (e.g. who, was, became) as one element, each as typed."""
    cells = "".join(
        f'<div><em>{html.escape(label)}</em><p class="zs-plain">{_escaped(text)}</p></div>' for label, text in pairs
    )
    grid = f"display:grid;grid-template-columns:repeat({len(pairs)},minmax(0,1fr));gap:1rem"
    st.html(f'<div style="{grid}">{cells}</div>')


def _escaped(text: str) -> str:
    return html.escape(clean_text(text)).replace("\n", "<br>")


def table(rows: list[dict]) -> None:
    """st.table renders cells as markdown ("10. ..." becomes a list); show every cell as typed."""
    st.table([{key: md(v) if isinstance(v, str) else v for key, v in row.items()} for row in rows], hide_index=True)


def inline_image(png: bytes, caption: str, *, width: int) -> str:
    """A picture with data in it, inside the page itself: no address that outlives the login."""
    import base64

    source = base64.b64encode(png).decode("ascii")
    text = html.escape(clean_text(caption))
    return (
        f'<figure style="margin:0"><img src="data:image/png;base64,{source}" alt="{text}" width="{width}">'
        f'<figcaption style="font-size:0.875rem">{text}</figcaption></figure>'
    )

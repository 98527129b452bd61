"""The one way user text reaches the page: shown exactly as typed, never as markdown, HTML or a link.

Streamlit renders titles, headers, captions, notices, expander and radio labels and table
cells as GitHub markdown. Escaping markdown's special characters is not enough: GitHub
markdown also turns bare addresses (www.…, https://…, name@example.org) into links after
the escapes are read. `md()` therefore also puts an invisible word joiner (U+2060) where a
link would start, so no link is made and the text looks the same. Every page writes user
text through `md()` (inside markdown we write), `plain()` (a paragraph) or `table()`. Where a
text goes into HTML on the page, it becomes markup in `domain.markup`, as in every document.
"""

from __future__ import annotations

import re

import streamlit as st

from domain.markup import Html, fill, join, text
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
    st.html(fill('<p class="zs-plain">{text}</p>', text=_escaped(text)))


def labelled(pairs: list[tuple[str, str]]) -> None:
    """Short labelled user texts side by side (e.g. who, was, became) as one element, each as typed."""
    cells = join(
        fill('<div><em>{label}</em><p class="zs-plain">{text}</p></div>', label=label, text=_escaped(value))
        for label, value in pairs
    )
    grid = f"display:grid;grid-template-columns:repeat({len(pairs)},minmax(0,1fr));gap:1rem"
    st.html(fill('<div style="{grid}">{cells}</div>', grid=Html(grid), cells=cells))


def _escaped(value: str) -> Html:
    """A person's text as markup, its line breaks kept."""
    return Html(text(clean_text(value)).replace("\n", "<br>"))


def table(rows: list[dict]) -> None:
    """st.table renders cells as markdown ("10. ..." becomes a list); show every cell as typed."""
    st.table([{key: md(v) if isinstance(v, str) else v for key, v in row.items()} for row in rows], hide_index=True)


def inline_image(png: bytes, caption: str, *, width: int) -> Html:
    """A picture with data in it, inside the page itself: no address that outlives the login."""
    import base64

    source = base64.b64encode(png).decode("ascii")
    return fill(
        '<figure style="margin:0"><img src="data:image/png;base64,{source}" alt="{caption}" width="{width}">'
        '<figcaption style="font-size:0.875rem">{caption}</figcaption></figure>',
        source=source,
        caption=clean_text(caption),
        width=width,
    )

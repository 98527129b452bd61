"""The one place a text becomes markup: HTML and SVG documents, and chart labels (plotly reads some HTML in them).

A text a person typed (a name, a toelichting, a question loaded by a beheerder) is escaped here, once, and then
travels as `Html`: markup we made ourselves, never escaped again and never escaped too little. A writer puts texts
into its own markup with `fill` (every value escaped unless it is `Html` already) and joins pieces with `join`;
no writer calls `html.escape` itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape


class Html(str):
    """Markup we made, with every text in it escaped by this module."""

    __slots__ = ()


def text(value: object) -> Html:
    """A text as markup: escaped (quotes too, so it can stand in an attribute); `Html` stays as it is."""
    return value if isinstance(value, Html) else Html(escape(str(value)))


def fill(template: str, /, **values: object) -> Html:
    """Our own markup with `{name}` places, each filled with its value escaped (`Html` as it is; a number as a
    number, so `{x:.1f}` works). The template is always ours, never a person's text; a literal brace in it is
    written twice."""
    return Html(template.format_map({name: _value(value) for name, value in values.items()}))


def _value(value: object) -> object:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else text(value)


def join(parts: Iterable[object], separator: str = "") -> Html:
    """Pieces of markup one after another; a piece that is plain text is escaped."""
    return Html(separator.join(text(part) for part in parts))


def script_value(value: object) -> Html:
    """A value as a JavaScript literal inside a <script> of ours: JSON, with <, > and & written as escapes so that
    no text (a file name with a gemeente's name in it, say) can end the script or start a comment."""
    literal = json.dumps(value, ensure_ascii=False)
    return Html(literal.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


__all__ = ["Html", "fill", "join", "script_value", "text"]

"""One corpus of hostile text, as people type or paste it, for every field and every file."""

from __future__ import annotations

from domain.text import clean_text

FORMULAS = [
    '=HYPERLINK("http://example.org/x","klik")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    " =1+1",
    "\uff1d1+1",
]
MARKUP = [
    "**vet** en _schuin_ en [link](http://example.org) ![beeld](http://example.org/x.png)",
    "<b>html</b><script>alert(1)</script><img src=x onerror=alert(1)>",
    "www.example.org en https://example.org/pad en iemand@example.org",
    "# kop\n- lijst\n1. genummerd\n> citaat",
    "`code` ~~doorgehaald~~ $x^2$ :material/home: &amp; &#60;",
]
ODD = [
    "\u202eomgekeerd\u202c, nul\u200bbreedte\u200d en \u05e9\u05dc\u05d5\u05dd",
    "controle\x00tekens\x07\x1b erin",
    "'; DROP TABLE ronde;-- {{7*7}} ${7*7} %s",
    "lang " * 799 + "eind",
]
CORPUS = FORMULAS + MARKUP + ODD


def as_stored(text: str) -> str:
    """What the app keeps of a text: control characters removed, Windows line breaks as \\n."""
    return clean_text(text)

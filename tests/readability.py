"""How readable a Dutch text is: Flesch-Douma (textstat's Flesch reading ease for Dutch).

Flesch-Douma counts syllables per word and words per sentence: 100 is very easy, 60–70 is
about B1, below 30 is hard. The kwaliteitskader's own terms (huiselijk geweld,
kindermishandeling, a begrip such as 'traumasensitief werken') are long words a reader of the
scan knows or finds explained on the Begrippen page; they count as one short word, so the
score measures our sentences, not the kader's vocabulary.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import textstat

import questionnaire

textstat.set_lang("nl")
KADER_TERMS = ("huiselijk geweld", "kindermishandeling", "professionals", "professional", "Veilig Thuis")
SHOWN_BY = {"write", "info", "warning", "success", "caption", "error", "markdown"}  # st.<call>("text")


def kader_terms(qn: questionnaire.Questionnaire) -> list[str]:
    """The kader's terms and every begrip, with a begrip's first word on its own ('Traumasensitief')."""
    terms = set(KADER_TERMS)
    for begrip in qn.begrippen.values():
        terms.add(begrip.term)
        first = re.split(r"[ ,]", begrip.term)[0]
        if len(first) >= 8:
            terms.add(first)
    return sorted(terms, key=len, reverse=True)


def flesch_douma(text: str, terms: list[str]) -> float:
    for term in terms:
        text = re.sub(re.escape(term), "term", text, flags=re.IGNORECASE)
    return textstat.flesch_reading_ease(text)


def page_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of each sentence-long text a page writes with st.write, st.info and the like.

    An f-string's placeholders count as one short word. Named by file and the text's first words.
    """
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
                continue
            if node.func.attr not in SHOWN_BY:
                continue
            text = "".join(_parts(node.args[0]))
            if len(text) >= 60 and " " in text:
                yield f"{folder.name}/{path.name}: {text[:40]}", text


def _parts(node: ast.expr) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for value in node.values:
            yield value.value if isinstance(value, ast.Constant) else "dit"
    elif isinstance(node, ast.BinOp):
        yield from _parts(node.left)
        yield from _parts(node.right)

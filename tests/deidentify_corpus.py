"""The hand-marked corpus of toelichtingen (tests/data/deidentify_corpus.txt) and how well the de-identification
step does on it: recall and precision per kind."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from analysis.deidentify import Words, find

CORPUS = Path(__file__).parent / "data" / "deidentify_corpus.txt"
GEMEENTEN = ("Aalsveen", "Brederhout", "Dommelrode", "Esterveld")
_MARK = re.compile(r"\[\[(\w+)\|([^\]]+)\]\]")


@dataclass(frozen=True)
class Marked:
    text: str  # without the marks
    spans: tuple[tuple[int, int, str], ...]  # start, end, kind


@dataclass
class Score:
    found: Counter[str] = field(default_factory=Counter)
    marked: Counter[str] = field(default_factory=Counter)
    right: int = 0  # replacements that hit a marked span
    made: int = 0  # replacements (gemeente names and the regio's own words not counted)
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.marked[kind] if self.marked[kind] else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.made if self.made else 1.0


def corpus() -> list[Marked]:
    texts = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        plain, spans, at = "", [], 0
        for m in _MARK.finditer(line):
            plain += line[at : m.start()]
            spans.append((len(plain), len(plain) + len(m.group(2)), m.group(1)))
            plain += m.group(2)
            at = m.end()
        texts.append(Marked(plain + line[at:], tuple(spans)))
    return texts


def score(texts: list[Marked] | None = None) -> Score:
    result = Score()
    words = Words(names=GEMEENTEN)
    for marked in texts or corpus():
        replaced = find(marked.text, words)
        covered = {i for r in replaced for i in range(r.start, r.end)}
        for start, end, kind in marked.spans:
            result.marked[kind] += 1
            if all(i in covered for i in range(start, end) if marked.text[i].isalnum()):
                result.found[kind] += 1
            else:
                result.missed.append(f"{kind}: {marked.text[start:end]!r} in {marked.text!r}")
        for r in replaced:
            if r.kind.value in ("gemeente", "weggelaten"):
                continue
            result.made += 1
            if any(r.start < end and start < r.end for start, end, _ in marked.spans):
                result.right += 1
            else:
                result.wrong.append(f"{r.kind.value}: {r.original!r} in {marked.text!r}")
    return result

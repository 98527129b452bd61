"""Masking gemeente names (and the regio's own words) in free text, however they are typed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

MASK = "[gemeente]"


# Names people use for a gemeente besides its official one (lower case, accents folded).
SHORT_FORMS = {
    "s-hertogenbosch": ("den bosch",),
    "s-gravenhage": ("den haag",),
    "sudwest-fryslan": ("sudwest friesland", "zuidwest-friesland", "zuidwest friesland"),
    "noardeast-fryslan": ("noordoost-friesland", "noordoost friesland"),
}
_SEPARATORS = r"[\s\-\u2010-\u2015_.'\u2018\u2019`]"
_SUFFIX = r"(?:s|se|er|ers|erse|'s|\u2019s)?"


def fold(text: str) -> tuple[str, list[int]]:
    """Lower case without accents, and for each folded character the index it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch).casefold():
            if not unicodedata.combining(part):
                folded.append(part)
                origin.append(i)
    return "".join(folded), origin


def _name_pattern(name: str) -> str | None:
    """A gemeente name however it is typed: any case or accents, hyphens or spaces or nothing
    between its parts, with or without its 's- or 't- prefix, and as an adjective (Aadorpse)."""
    parts = [p for p in re.split(_SEPARATORS + "+", fold(name)[0]) if p]
    if not parts:
        return None
    prefix = ""
    if len(parts) > 1 and parts[0] in ("s", "t"):
        prefix = rf"(?:['\u2018\u2019`]?\s*{parts[0]}{_SEPARATORS}+)?"
        parts = parts[1:]
    body = (_SEPARATORS + "*").join(re.escape(p) for p in parts)
    return rf"(?<!\w){prefix}{body}{_SUFFIX}(?!\w)"


def name_patterns(names: Iterable[str]) -> list[str]:
    """Patterns for every name and its known short forms, longest first."""
    forms: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        forms.add(name)
        key = "-".join(p for p in re.split(_SEPARATORS + "+", fold(name)[0]) if p)
        forms.update(SHORT_FORMS.get(key, ()))
    patterns = [_name_pattern(f) for f in sorted(forms, key=len, reverse=True)]
    return [p for p in patterns if p]


@lru_cache(maxsize=256)
def _compiled(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in name_patterns(names))


def find_names(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where in `text` a name stands (start, end), without overlaps, in order."""
    folded, origin = fold(text)
    spans: list[tuple[int, int]] = []
    for pattern in _compiled(tuple(names)):
        for match in pattern.finditer(folded):
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
    return sorted(spans)


def mask_names(text: str, names: Iterable[str]) -> str:
    """Replace every gemeente name, however it is typed, by [gemeente]."""
    for start, end in reversed(find_names(text, names)):
        text = text[:start] + MASK + text[end:]
    return text


def masked_words(text: str, names: Iterable[str]) -> list[str]:
    """The words that mask_names takes out of `text`, as they were typed."""
    return [text[start:end] for start, end in find_names(text, names)]

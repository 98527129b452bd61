"""The zelfscan questionnaire: a versioned data file and the models that validate it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from questionnaire.models import Begrip, Block, Cluster, Question, Questionnaire, Standard

CURRENT_FILE = Path(__file__).with_name("zelfscan-2026.1.yaml")

__all__ = [
    "Begrip",
    "Block",
    "Cluster",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "Standard",
    "add_source",
    "by_version",
    "comparability",
    "current",
    "dump",
    "load",
    "parse",
    "shipped_versions",
]


class QuestionnaireError(ValueError):
    """The questionnaire file cannot be used; the message says why, in Dutch."""


def load(path: Path) -> Questionnaire:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuestionnaireError(f"De vragenlijst {path.name} kan niet worden gelezen: {exc}") from exc
    return parse(text, path.name)


def parse(text: str, name: str) -> Questionnaire:
    """A questionnaire from the text of a file in our YAML schema; every problem named in Dutch."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise QuestionnaireError(f"De vragenlijst {name} kan niet worden gelezen: {exc}") from exc
    if not isinstance(raw, dict):
        raise QuestionnaireError(f"De vragenlijst {name} bevat geen geldige gegevens.")
    try:
        return Questionnaire.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(_describe(err) for err in exc.errors())
        raise QuestionnaireError(f"De vragenlijst {name} klopt niet: {details}") from exc


def dump(qn: Questionnaire) -> str:
    """The questionnaire as a file in our YAML schema (parse(dump(q)) == q)."""
    return str(yaml.safe_dump(qn.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=120))


# pydantic's own messages are English; every kind that a file of ours can meet, in Dutch.
_DUTCH = {
    "missing": "dit ontbreekt",
    "string_type": "hier hoort een tekst",
    "string_too_short": "dit mag niet leeg zijn",
    "string_too_long": "dit is te lang",
    "int_type": "hier hoort een heel getal",
    "int_parsing": "hier hoort een heel getal",
    "int_from_float": "hier hoort een heel getal",
    "bool_type": "hier hoort ja of nee (true of false)",
    "bool_parsing": "hier hoort ja of nee (true of false)",
    "dict_type": "hier hoort een lijst met namen en waarden",
    "list_type": "hier hoort een lijst",
    "tuple_type": "hier hoort een lijst",
    "too_short": "deze lijst is te kort",
    "too_long": "deze lijst is te lang",
    "extra_forbidden": "dit onderdeel kennen we niet; haal het weg",
    "literal_error": "deze waarde kennen we niet",
    "enum": "deze waarde kennen we niet",
    "greater_than_equal": "dit getal is te klein",
    "less_than_equal": "dit getal is te groot",
    "string_pattern_mismatch": "hier staan tekens die niet mogen",
}


def _describe(err: ErrorDetails) -> str:
    where = ".".join(str(p) for p in err.get("loc", ()))
    kind = str(err.get("type", ""))
    # our own validators speak Dutch already
    msg = _DUTCH[kind] if kind in _DUTCH else str(err.get("msg", "")).removeprefix("Value error, ")
    bound = err.get("ctx") or {}
    if kind == "less_than_equal" and "le" in bound:
        msg += f" (hoogstens {bound['le']})"
    elif kind == "greater_than_equal" and "ge" in bound:
        msg += f" (minstens {bound['ge']})"
    return f"bij '{where}': {msg}" if where else msg


@lru_cache(maxsize=1)
def current() -> Questionnaire:
    """The questionnaire version new rounds use."""
    return load(CURRENT_FILE)


# Versions loaded by a beheerder live in the database. The store registers a source per engine
# (store/engine.py), so by_version finds them without every caller knowing about the database.
_SOURCES: list[Callable[[str], str | None]] = []
_LOADED: dict[str, Questionnaire] = {}


def add_source(source: Callable[[str], str | None]) -> None:
    """A function that gives the YAML text of a loaded version (None: not there)."""
    _SOURCES.append(source)


def forget_loaded() -> None:
    """For tests that load a version under a name another test used."""
    _LOADED.clear()


def shipped_versions() -> list[str]:
    return [p.stem.removeprefix("zelfscan-") for p in sorted(CURRENT_FILE.parent.glob("zelfscan-*.yaml"))]


@lru_cache(maxsize=8)
def _shipped(version: str) -> Questionnaire | None:
    for path in sorted(CURRENT_FILE.parent.glob("zelfscan-*.yaml")):
        if path.stem.removeprefix("zelfscan-") == version:
            return load(path)
    return None


def by_version(version: str) -> Questionnaire:
    """The questionnaire a round was filled in with: a shipped version, or one a beheerder loaded."""
    found = _shipped(version) or _LOADED.get(version)
    if found is not None:
        return found
    for source in list(_SOURCES):
        try:
            text = source(version)
        except Exception:  # a source of a database that is gone (tests); the others may know it
            continue
        if text is not None:
            _LOADED[version] = parse(text, f"versie {version}")
            return _LOADED[version]
    raise QuestionnaireError(f"Versie {version} van de vragenlijst is niet bekend.")


def comparability(older: Questionnaire, newer: Questionnaire) -> dict[int, str]:
    """Questions that cannot be compared between two versions, with the reason. Same number, same question,
    unless a version between them (following `based_on` from the newer) says otherwise."""
    if older.version == newer.version:
        return {}
    for first, second in ((older, newer), (newer, older)):
        left_out: dict[int, str] = {}
        step, seen = second, set()
        while step.based_on and step.version not in seen and step.version != first.version:
            seen.add(step.version)
            for number, reason in step.not_comparable.items():
                left_out.setdefault(number, f"{reason} (versie {step.version})")
            try:
                step = by_version(step.based_on)
            except QuestionnaireError:
                break
        if step.version == first.version:
            return left_out
    return {}

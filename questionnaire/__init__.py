"""The zelfscan questionnaire: a versioned data file and the models that validate it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml

from domain.data_files import model_from_yaml
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
    return model_from_yaml(text, Questionnaire, what=f"De vragenlijst {name}", error=QuestionnaireError)


def dump(qn: Questionnaire) -> str:
    """The questionnaire as a file in our YAML schema (parse(dump(q)) == q)."""
    return str(yaml.safe_dump(qn.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=120))


# pydantic's own messages are English; every kind that a file of ours can meet, in Dutch.
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

"""The zelfscan questionnaire: a versioned data file and the models that validate it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

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
    "by_version",
    "current",
    "load",
]


class QuestionnaireError(ValueError):
    """The questionnaire file cannot be used; the message says why, in Dutch."""


def load(path: Path) -> Questionnaire:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionnaireError(f"De vragenlijst {path.name} kan niet worden gelezen: {exc}") from exc
    if not isinstance(raw, dict):
        raise QuestionnaireError(f"De vragenlijst {path.name} bevat geen geldige gegevens.")
    try:
        return Questionnaire.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(_describe(err) for err in exc.errors())
        raise QuestionnaireError(f"De vragenlijst {path.name} klopt niet: {details}") from exc


def _describe(err: dict) -> str:
    where = ".".join(str(p) for p in err.get("loc", ()))
    msg = str(err.get("msg", ""))
    msg = msg.removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


@lru_cache(maxsize=1)
def current() -> Questionnaire:
    """The questionnaire version new rounds use."""
    return load(CURRENT_FILE)


@lru_cache(maxsize=8)
def by_version(version: str) -> Questionnaire:
    """The questionnaire a round was filled in with; every shipped version stays loadable."""
    for path in sorted(CURRENT_FILE.parent.glob("zelfscan-*.yaml")):
        if path.stem.removeprefix("zelfscan-") == version:
            return load(path)
    raise QuestionnaireError(f"Versie {version} van de vragenlijst is niet bekend.")

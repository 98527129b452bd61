"""Procesindicatoren: the versioned template set a regio starts from, validated when it loads."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from indicators.models import Indicator, IndicatorSet, Level, Priority, Retrievable, Unambiguous, Unit

TEMPLATE_FILE = Path(__file__).with_name("procesindicatoren-2026.1.yaml")

__all__ = [
    "Indicator",
    "IndicatorError",
    "IndicatorSet",
    "Level",
    "Priority",
    "Retrievable",
    "Unambiguous",
    "Unit",
    "load",
    "template",
]


class IndicatorError(ValueError):
    """The indicator set cannot be used; the message says why, in Dutch."""


def load(path: Path) -> IndicatorSet:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise IndicatorError(f"De indicatorenset {path.name} kan niet worden gelezen: {exc}") from exc
    if not isinstance(raw, dict):
        raise IndicatorError(f"De indicatorenset {path.name} bevat geen geldige gegevens.")
    try:
        return IndicatorSet.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {str(e.get('msg', '')).removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise IndicatorError(f"De indicatorenset {path.name} klopt niet: {details}") from exc


@lru_cache(maxsize=1)
def template() -> IndicatorSet:
    return load(TEMPLATE_FILE)

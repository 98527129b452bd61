"""Procesindicatoren: the versioned template set a regio starts from, validated when it loads."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from domain.data_files import model_from_yaml
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
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise IndicatorError(f"De indicatorenset {path.name} kan niet worden gelezen: {exc}") from exc
    return model_from_yaml(text, IndicatorSet, what=f"De indicatorenset {path.name}", error=IndicatorError)


@lru_cache(maxsize=1)
def template() -> IndicatorSet:
    return load(TEMPLATE_FILE)

"""Our own data files (the questionnaire, the indicator set): YAML read into a model, every problem named in
Dutch, with where in the file it is."""

from __future__ import annotations

from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

M = TypeVar("M", bound=BaseModel)


def model_from_yaml(text: str, model: type[M], *, what: str, error: type[ValueError]) -> M:
    """`text` read as YAML into `model`; `what` names the file ("De vragenlijst x.yaml") in the Dutch message of
    the `error` raised when it cannot be read or does not fit."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{what} kan niet worden gelezen: {exc}") from exc
    if not isinstance(raw, dict):
        raise error(f"{what} bevat geen geldige gegevens.")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(describe(err) for err in exc.errors())
        raise error(f"{what} klopt niet: {details}") from exc


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


def describe(err: ErrorDetails) -> str:
    """One validation problem in Dutch, with where it is ("bij 'questions.3.text': dit mag niet leeg zijn")."""
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

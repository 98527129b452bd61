"""The one way a page asks for free text: nothing a person types or pastes is ever dropped or cut off.

Streamlit's `max_chars` makes the browser ignore a change that is longer than the limit: a pasted text over it
simply vanishes (field empty, no message). So no field here has `max_chars`. The limit lives in
`domain.text.LIMITS`; when a text is over it, the field keeps the whole text and says in Dutch what to do, and
nothing is stored until it fits (the autosave skips it, a form's service refuses it with the same words).
Near the limit a line says how many characters are left.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import streamlit as st

from domain.calendar import AMSTERDAM
from domain.text import LIMITS, dutch_number, too_long

WARN_AT = 0.9  # from this share of the limit on, say how much room is left
_LIMIT_OF_KEY = "_grens_per_veld"  # widget key -> its limit, for the autosaves (`unsaved_because_too_long`)


def text_area(
    label: str, *, limit: str | int, container: Any = None, last_in_container: bool = False, **kwargs: Any
) -> str:
    """A text area without a browser limit; `limit` names an entry of LIMITS (or is a number).

    `last_in_container`: nothing follows the field in its container (a question's card), so a message below it
    moves nothing and needs no slot kept for it: one element less on the page, 17 on a block of the scan."""
    where = container if container is not None else st
    value = where.text_area(label, **kwargs)
    return _checked(where, value, limit, kwargs.get("key"), slot=not last_in_container)


def text_input(label: str, *, limit: str | int, container: Any = None, **kwargs: Any) -> str:
    """A one-line text field without a browser limit; `limit` names an entry of LIMITS (or is a number)."""
    where = container if container is not None else st
    value = where.text_input(label, **kwargs)
    return _checked(where, value, limit, kwargs.get("key"))


def _checked(where: Any, value: str | None, limit: str | int, key: str | None, *, slot: bool = True) -> str:
    """The message sits in a slot that is always there, filled or empty: a message that appeared would move every
    field below it one place, and Streamlit would draw those again (losing what is being typed there). Without
    `slot` (nothing follows the field in its container) the message is simply added when there is one."""
    text = value or ""
    maximum = LIMITS[limit] if isinstance(limit, str) else limit
    if key is not None:
        st.session_state.setdefault(_LIMIT_OF_KEY, {})[key] = maximum
    place = where.empty() if slot else where
    problem = too_long(text, maximum)
    if problem:
        place.error(problem, icon=":material/content_cut:")
    elif len(text) >= WARN_AT * maximum:
        place.caption(f"{dutch_number(len(text))} van {dutch_number(maximum)} tekens gebruikt.")
    return text


def too_long_to_save(state: dict, key: str) -> bool:
    """True when the widget `key` holds more text than its field allows: an autosave then neither stores it nor
    puts the stored value back in the field (that would throw away what the person typed)."""
    value = state.get(key)
    maximum = state.get(_LIMIT_OF_KEY, {}).get(key)
    return isinstance(value, str) and maximum is not None and len(value) > maximum


def end_of_day(chosen: object) -> datetime | None:
    """A date picked for "vervalt op": the end of that day in Amsterdam; None when none was picked."""
    return datetime.combine(chosen, time(23, 59), tzinfo=AMSTERDAM) if isinstance(chosen, date) else None

"""Save what the person changed, in the script body, not in on_change callbacks.

Streamlit aborts a running callback when a newer rerun arrives, and does not retry
it (see shared engineering notes). Instead, every run compares each widget's value
with what this session last knew to be stored, and saves the differences. Saving a
value that is already stored changes nothing, so an interrupted run only repeats
harmless work. Each change carries what the person saw before, so a change someone
else made in between is reported instead of silently overwritten.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from analysis.answers import Answer, AnswerValue
from analysis.formatting import moment
from domain.access import Principal
from services.scan import AnswerChange, SaveReport, ToelichtingChange, ValueChange, save_changes


def value_key(round_id: int, number: int) -> str:
    return f"antwoord_{round_id}_{number}"


def toelichting_key(round_id: int, number: int) -> str:
    return f"toelichting_{round_id}_{number}"


def _baseline_key(round_id: int) -> str:
    return f"opgeslagen_{round_id}"


def save_pending(engine: Engine, principal: Principal, round_id: int) -> SaveReport:
    """Save every widget value that differs from the stored baseline. Call before drawing."""
    state = st.session_state.to_dict()  # one copy: each lookup on st.session_state copies it again
    baseline: dict[int, tuple[str | None, str]] | None = state.get(_baseline_key(round_id))
    if baseline is None:
        return SaveReport(changed=0)
    changes: list[AnswerChange] = []
    for n, (stored_value, stored_text) in baseline.items():
        vkey, tkey = value_key(round_id, n), toelichting_key(round_id, n)
        if vkey in state and state[vkey] != stored_value:
            changes.append(
                ValueChange(
                    question_number=n,
                    value=AnswerValue(state[vkey]) if state[vkey] else None,
                    expected=AnswerValue(stored_value) if stored_value else None,
                )
            )
        if tkey in state and (state[tkey] or "") != stored_text:
            changes.append(ToelichtingChange(question_number=n, toelichting=state[tkey] or "", expected=stored_text))
    return save_changes(engine, principal, round_id=round_id, changes=changes)


def sync_widgets(round_id: int, answers: dict[int, Answer], numbers: list[int], me: str, shown: list[int]) -> list[str]:
    """Make the stored answers (all numbers) the new baseline; put them in the shown widgets.

    Runs after save_pending, so a widget that still differs from the database was
    changed by someone else in the meantime: it shows the stored value, and the
    returned notices say who changed what.
    """
    state = st.session_state.to_dict()
    old_baseline: dict[int, tuple[str | None, str]] = state.get(_baseline_key(round_id)) or {}
    baseline, notices = {}, []
    for n in numbers:
        answer = answers.get(n)
        stored_value = answer.value.value if answer and answer.value else None
        stored_text = answer.toelichting if answer else ""
        baseline[n] = (stored_value, stored_text)
        if n in old_baseline and old_baseline[n] != baseline[n] and answer and answer.updated_by != me:
            notices.append(
                f"Vraag {n} is gewijzigd door {answer.updated_by} ({moment(answer.updated_at)}). "
                "U ziet nu het nieuwe antwoord."
            )
        if n not in shown:
            continue
        vkey, tkey = value_key(round_id, n), toelichting_key(round_id, n)
        if state.get(vkey) != stored_value:
            st.session_state[vkey] = stored_value
        if (state.get(tkey) or "") != stored_text:
            st.session_state[tkey] = stored_text
    st.session_state[_baseline_key(round_id)] = baseline
    return notices


def overwritten_notices(report: SaveReport) -> list[str]:
    what = {"value": "het antwoord", "toelichting": "de toelichting"}
    return [
        f"Let op, vraag {o.question_number}: {o.by} had {what[o.field]} kort daarvoor gewijzigd "
        f"({moment(o.at)}) in: “{o.their_value}”. Uw wijziging is daarna opgeslagen. "
        "Beide staan in de geschiedenis; u kunt daar de andere versie terugzetten."
        for o in report.overwritten
    ]

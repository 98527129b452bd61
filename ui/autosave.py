"""Save what the person changed, in the script body, not in on_change callbacks.

Streamlit aborts a running callback when a newer rerun arrives, and does not retry
it (see shared engineering notes). Instead, every run compares each widget's value
with what this session last knew to be stored, and saves the differences. Saving a
value that is already stored changes nothing, so an interrupted run only repeats
harmless work. Each change carries what the person saw before, so a change someone
else made in between is reported instead of silently overwritten.

A rerun carries the values of all widgets as the browser has them. When this session
has just put someone else's answer in a widget, a click elsewhere can reach the server
before the browser has drawn that answer: the rerun then carries the old value, which
is not a change by this person and must not be saved over the other answer. Each run
ends with a hidden widget holding the run's number; the browser sends back the number
of the last run it drew completely. A widget value equal to what it was before a
server update the browser has not drawn yet is such an old value: it is not saved,
and the stored answer is put in the widget again.

The browser can also send back widgets the page no longer shows: those of the block shown before (it keeps
them after a rerun that a fragment started, such as the switch to the block a facilitator opened). Such a value
is as old as the page it was drawn on. Only the questions shown in a run the browser may still be showing (the
last one it drew completely, and later ones) are saved; and when the stored answer of a question that is not
shown changes, what was stored before counts as an old value, like above.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from analysis.formatting import clock_time, moment
from domain.access import Principal
from domain.answers import Answer, AnswerValue
from services import authz
from services.partners import save_partner_changes
from services.scan import AnswerChange, SaveReport, ToelichtingChange, ValueChange, save_changes
from ui.fields import too_long_to_save


def value_key(round_id: int, number: int) -> str:
    return f"antwoord_{round_id}_{number}"


def toelichting_key(round_id: int, number: int) -> str:
    return f"toelichting_{round_id}_{number}"


def _baseline_key(round_id: int) -> str:
    return f"opgeslagen_{round_id}"


RUN_KEY = "_scan_run"  # number of this session's current scan run
DRAWN_KEY = "zelfscan_getekend"  # hidden widget: the last run the browser drew completely
_UPDATES_KEY = "_scan_updates"  # widget key -> [(run, value before the update)] not yet drawn
_SHOWN_KEY = "_scan_shown"  # round id -> [(run, question numbers shown in that run)] the browser may show


def _drawn(state: dict) -> int:
    """The last run the browser drew completely (0: not known, every run counts as not drawn)."""
    raw = state.get(DRAWN_KEY)
    return int(raw) if isinstance(raw, str) and raw.isdigit() else 0


def _stale(state: dict, key: str, value: object) -> bool:
    """True when `value` is what the widget held before an update the browser has not drawn yet."""
    drawn = _drawn(state)
    pending = [(run, before) for run, before in state.get(_UPDATES_KEY, {}).get(key, []) if run > drawn]
    return any(before == value for _, before in pending)


def _on_screen(state: dict, round_id: int) -> set[int]:
    """The questions of the runs the browser may be showing: the last one it drew completely, and later ones."""
    drawn = _drawn(state)
    return {n for run, numbers in state.get(_SHOWN_KEY, {}).get(round_id, []) if run >= drawn for n in numbers}


def mark_drawn() -> None:
    """Draw the hidden run number; call after the last question widget of the page."""
    st.session_state[DRAWN_KEY] = str(st.session_state.get(RUN_KEY, 0))
    st.text_input("Versie van de pagina", key=DRAWN_KEY, label_visibility="collapsed")


def save_pending(engine: Engine, principal: Principal, round_id: int) -> SaveReport:
    """Save every widget value that differs from the stored baseline. Call before drawing."""
    state = st.session_state.to_dict()  # one copy: each lookup on st.session_state copies it again
    st.session_state[RUN_KEY] = state.get(RUN_KEY, 0) + 1
    baseline: dict[int, tuple[str | None, str]] | None = state.get(_baseline_key(round_id))
    if baseline is None:
        return SaveReport(changed=0)
    changes: list[AnswerChange] = []
    on_screen = _on_screen(state, round_id)
    for n, (stored_value, stored_text) in baseline.items():
        if n not in on_screen:  # a value the browser still holds of a block it no longer shows
            continue
        vkey, tkey = value_key(round_id, n), toelichting_key(round_id, n)
        if vkey in state and state[vkey] != stored_value and not _stale(state, vkey, state[vkey]):
            changes.append(
                ValueChange(
                    question_number=n,
                    value=AnswerValue(state[vkey]) if state[vkey] else None,
                    expected=AnswerValue(stored_value) if stored_value else None,
                )
            )
        if (
            tkey in state
            and (state[tkey] or "") != stored_text
            and not _stale(state, tkey, state[tkey] or "")
            and not too_long_to_save(state, tkey)  # kept in the field, with a message, until it fits
        ):
            changes.append(ToelichtingChange(question_number=n, toelichting=state[tkey] or "", expected=stored_text))
    if authz.answers_alone(principal):  # a partner's own answers, apart from the round's agreed ones
        report = save_partner_changes(engine, principal, changes=changes)
    else:
        report = save_changes(engine, principal, round_id=round_id, changes=changes)
    if report.changed:
        st.session_state[_last_saved_key(round_id)] = f"Bewaard om {clock_time()}: {_describe(changes)}."
    return report


def _last_saved_key(round_id: int) -> str:
    return f"_laatst_bewaard_{round_id}"


def _describe(changes: list[AnswerChange]) -> str:
    """'het antwoord bij vraag 3 en 4; de toelichting bij vraag 31'."""
    answers = sorted({c.question_number for c in changes if not isinstance(c, ToelichtingChange)})
    notes = sorted({c.question_number for c in changes if isinstance(c, ToelichtingChange)})
    parts = []
    if answers:
        parts.append(f"{'het antwoord' if len(answers) == 1 else 'de antwoorden'} bij vraag {_numbers(answers)}")
    if notes:
        parts.append(f"{'de toelichting' if len(notes) == 1 else 'de toelichtingen'} bij vraag {_numbers(notes)}")
    return "; ".join(parts)


def _numbers(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def last_saved(round_id: int) -> str:
    """What this session saved last and when, so the person sees that a change was kept."""
    return st.session_state.get(_last_saved_key(round_id)) or "Wat u kiest of typt, wordt vanzelf bewaard."


def sync_widgets(round_id: int, answers: dict[int, Answer], numbers: list[int], me: str, shown: list[int]) -> list[str]:
    """Make the stored answers (all numbers) the new baseline; put them in the shown widgets.

    Runs after save_pending, so a widget that still differs from the database was
    changed by someone else in the meantime: it shows the stored value, and the
    returned notices say who changed what.
    """
    state = st.session_state.to_dict()
    old_baseline: dict[int, tuple[str | None, str]] = state.get(_baseline_key(round_id)) or {}
    run = state.get(RUN_KEY, 0)
    drawn = _drawn(state)
    updates = {k: [u for u in v if u[0] > drawn] for k, v in state.get(_UPDATES_KEY, {}).items()}
    shown_runs = {**state.get(_SHOWN_KEY, {})}
    shown_runs[round_id] = [(r, ns) for r, ns in shown_runs.get(round_id, []) if r >= drawn] + [(run, tuple(shown))]
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
        vkey, tkey = value_key(round_id, n), toelichting_key(round_id, n)
        if n not in shown:
            if n in old_baseline and old_baseline[n] != baseline[n]:  # what the browser may still hold is old now
                updates.setdefault(vkey, []).append((run, old_baseline[n][0]))
                updates.setdefault(tkey, []).append((run, old_baseline[n][1]))
            continue
        if state.get(vkey) != stored_value:
            if vkey in state:  # the browser shows another value: remember it until the update is drawn
                updates.setdefault(vkey, []).append((run, state[vkey]))
            st.session_state[vkey] = stored_value
        if (state.get(tkey) or "") != stored_text and not too_long_to_save(state, tkey):
            if tkey in state:
                updates.setdefault(tkey, []).append((run, state[tkey] or ""))
            st.session_state[tkey] = stored_text
    st.session_state[_baseline_key(round_id)] = baseline
    st.session_state[_UPDATES_KEY] = {k: v for k, v in updates.items() if v}
    st.session_state[_SHOWN_KEY] = shown_runs
    return notices


def overwritten_notices(report: SaveReport) -> list[str]:
    what = {"value": "het antwoord", "toelichting": "de toelichting"}
    return [
        f"Let op, vraag {o.question_number}: {o.by} had {what[o.field]} kort daarvoor gewijzigd "
        f"({moment(o.at)}) in: “{o.their_value}”. Uw wijziging is daarna opgeslagen. "
        "Beide staan in de geschiedenis; u kunt daar de andere versie terugzetten."
        for o in report.overwritten
    ]

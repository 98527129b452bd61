"""Save what the person typed in a verbeterplan, in the script body, like the scan (ui/autosave.py).

Every field of the plan has a widget key. Each run first saves every widget whose
value differs from what this session last knew to be stored, then puts the stored
values in the widgets that are shown. The stored values become the new baseline.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from analysis.verbeterplan import PlanView
from domain.access import Principal
from domain.plan import ACTION_FIELDS, PLAN_TEXT_FIELDS
from services.plan_edits import PlanChange, PlanSaveReport, save_plan_changes
from ui.fields import too_long_to_save

Stored = str | date | tuple[int, ...] | None
Field = tuple[str, int | None, str]  # (target, key, field) as PlanChange takes them


def plan_key(plan_id: int, field: str) -> str:
    return f"plan_{plan_id}_{field}"


def note_key(plan_id: int, standard: int) -> str:
    return f"plan_{plan_id}_notitie_{standard}"


def action_key(action_id: int, field: str) -> str:
    return f"actie_{action_id}_{field}"


def _baseline_key(plan_id: int) -> str:
    return f"plan_opgeslagen_{plan_id}"


def _normal(value: object) -> Stored:
    """A widget's value as stored: multiselect lists become tuples, empty text stays ''."""
    if isinstance(value, list | tuple):
        return tuple(sorted(int(v) for v in value))
    return value  # type: ignore[return-value]


def save_pending(engine: Engine, principal: Principal, plan_id: int) -> PlanSaveReport:
    """Save every widget value that differs from the stored baseline. Call before drawing."""
    state = st.session_state.to_dict()
    baseline: dict[str, tuple[Field, Stored]] | None = state.get(_baseline_key(plan_id))
    if not baseline:
        return PlanSaveReport(changed=0)
    changes = []
    for key, ((target, item, field), stored) in baseline.items():
        if key not in state or too_long_to_save(state, key):  # kept in the field with a message until it fits
            continue
        now = _normal(state[key])
        if target != "action" or field not in ("start_on", "due_on", "question_numbers"):
            now = now or ""
        if now != stored:
            changes.append(PlanChange(target=target, key=item, field=field, value=now, expected=stored))  # type: ignore[arg-type]
    return save_plan_changes(engine, principal, plan_id=plan_id, changes=changes)


def stored_fields(view: PlanView) -> dict[str, tuple[Field, Stored]]:
    """Every editable field of the plan: widget key -> (where it is stored, its stored value)."""
    plan = view.plan
    pid = plan.info.id
    fields: dict[str, tuple[Field, Stored]] = {
        plan_key(pid, name): (("plan", None, name), plan.texts[name]) for name in PLAN_TEXT_FIELDS
    }
    for cluster in view.clusters:
        for section in cluster.standards:
            number = section.figures.number
            fields[note_key(pid, number)] = (("note", number, "text"), section.keep_note)
    for action in plan.live_actions:
        for name in (*ACTION_FIELDS, "question_numbers"):
            value = getattr(action, name)
            stored: Stored = value.value if hasattr(value, "value") else value
            fields[action_key(action.id, name)] = (("action", action.id, name), stored)
    return fields


def sync_widgets(view: PlanView, shown: set[str]) -> None:
    """Make the stored values the baseline, and put them in the widgets shown in this run."""
    fields = stored_fields(view)
    state = st.session_state.to_dict()
    for key in shown:
        if key in fields:
            stored = fields[key][1]
            widget_value = list(stored) if isinstance(stored, tuple) else stored
            if (_normal(state.get(key)) != stored or key not in state) and not too_long_to_save(state, key):
                st.session_state[key] = widget_value
    st.session_state[_baseline_key(view.plan.info.id)] = fields

"""The form for a round's date, purpose and participants (new round and edit)."""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import BaseModel, ValidationError

from domain.calendar import dutch_today
from domain.models import PARTICIPANT_ROLES, Participant, Purpose
from ui import fields

NO_ROLE = "(kies een rol)"
EMPTY_ROWS = 3


class RoundDetails(BaseModel):
    held_on: date
    purpose: Purpose
    participants: list[Participant]


def round_details_form(
    key: str,
    *,
    submit_label: str,
    held_on: date | None = None,
    purpose: Purpose | None = None,
    participants: tuple[Participant, ...] = (),
) -> RoundDetails | None:
    """Draw the form; return the details when submitted and valid, else None."""
    rows_key = f"{key}_rows"
    rows = st.session_state.setdefault(rows_key, len(participants) + EMPTY_ROWS)
    with st.form(key, enter_to_submit=False):
        chosen_date = st.date_input(
            "Datum van de ronde", value=held_on or dutch_today(), format="DD-MM-YYYY", key=f"{key}_date"
        )
        purposes = list(Purpose)
        chosen_purpose = st.radio(
            "Doel van deze ronde",
            purposes,
            index=purposes.index(purpose) if purpose else None,
            format_func=lambda p: p.label,
            key=f"{key}_purpose",
        )
        st.markdown("**Wie deden mee?** Vul per persoon de rol in. Een naam is niet nodig.")
        entered: list[tuple[str, str]] = []
        for i in range(rows):
            current = participants[i] if i < len(participants) else None
            left, right = st.columns(2)
            name = fields.text_input(
                f"Naam deelnemer {i + 1} (niet verplicht)",
                limit="name",
                container=left,
                value=current.name if current else "",
                key=f"{key}_name_{i}",
            )
            roles = [NO_ROLE, *PARTICIPANT_ROLES]
            role_index = roles.index(current.role) if current and current.role in roles else 0
            role = right.selectbox(f"Rol deelnemer {i + 1}", roles, index=role_index, key=f"{key}_role_{i}")
            entered.append((name.strip(), role))
        submitted = st.form_submit_button(submit_label, type="primary")
    if st.button("Meer regels voor deelnemers", key=f"{key}_more"):
        st.session_state[rows_key] = rows + EMPTY_ROWS
        st.rerun()
    if not submitted:
        return None
    details, problems = validate_details(chosen_date, chosen_purpose, entered)
    for problem in problems:
        st.error(problem)
    return details


def validate_details(
    held_on: date | None, purpose: Purpose | None, entered: list[tuple[str, str]]
) -> tuple[RoundDetails | None, list[str]]:
    """Check what was typed; return the details, or None with every problem in plain Dutch."""
    problems = []
    if held_on is None:
        problems.append("Vul de datum in.")
    if purpose is None:
        problems.append("Kies het doel van deze ronde: nulmeting, evaluatie of toetsingsmoment.")
    participants = []
    for number, (name, role) in enumerate(entered, start=1):
        if role == NO_ROLE:
            if name:
                problems.append(f"Kies een rol voor deelnemer {number} ({name}).")
            continue
        try:
            participants.append(Participant(name=name, role=role))
        except ValidationError:
            problems.append(f"De gegevens van deelnemer {number} kloppen niet.")
    if problems or held_on is None or purpose is None:
        return None, problems
    return RoundDetails(held_on=held_on, purpose=purpose, participants=participants), []

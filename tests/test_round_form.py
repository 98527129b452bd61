from __future__ import annotations

from datetime import date

from domain.models import Participant, Purpose
from ui.round_form import NO_ROLE, validate_details


def test_rows_without_name_or_role_are_ignored():
    details, problems = validate_details(date(2026, 3, 5), Purpose.NULMETING, [("", NO_ROLE), ("", "Teamleider")])
    assert problems == []
    assert details.participants == [Participant(role="Teamleider")]


def test_a_name_without_a_role_is_refused_with_the_row_number():
    details, problems = validate_details(
        date(2026, 3, 5), Purpose.NULMETING, [("", NO_ROLE), ("P. Pietersen", NO_ROLE)]
    )
    assert details is None
    assert problems == ["Kies een rol voor deelnemer 2 (P. Pietersen)."]


def test_a_round_needs_a_purpose():
    details, problems = validate_details(date(2026, 3, 5), None, [])
    assert details is None
    assert problems == ["Kies het doel van deze ronde: nulmeting, evaluatie of toetsingsmoment."]


def test_a_round_needs_a_date():
    assert validate_details(None, Purpose.EVALUATIE, [])[1] == ["Vul de datum in."]

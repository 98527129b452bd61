"""Regio, gemeente and round (ronde) as plain, validated models."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.text import clean_name


class Purpose(StrEnum):
    NULMETING = "nulmeting"
    EVALUATIE = "evaluatie"
    TOETSINGSMOMENT = "toetsingsmoment"

    @property
    def label(self) -> str:
        return {
            Purpose.NULMETING: "Nulmeting (de eerste keer, als startpunt)",
            Purpose.EVALUATIE: "Evaluatie (terugkijken na een periode)",
            Purpose.TOETSINGSMOMENT: "Toetsingsmoment (controle of het nog op orde is)",
        }[self]

    @property
    def short_label(self) -> str:
        return self.value.capitalize()


PARTICIPANT_ROLES = (
    "Beleidsmedewerker jeugd",
    "Beleidsmedewerker Wmo",
    "Beleidsmedewerker participatie",
    "Leerplichtambtenaar",
    "OOV-medewerker (openbare orde en veiligheid)",
    "Jeugdprofessional",
    "Wmo-professional",
    "Gedragswetenschapper",
    "Teamleider",
    "Maatschappelijk werker",
    "Schuldhulpverlener",
    "Aandachtsfunctionaris",
    "Veilig Thuis",
    "GI (gecertificeerde instelling)",
    "Anders",
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Regio(_Model):
    id: int
    name: str
    is_demo: bool = False
    gemeente_sees_average: bool = False
    min_gemeenten: int = 3
    counting_rule: str = "volledig"  # analysis.picture.CountingRule
    group_rule: str = "woorden"  # analysis.disclosure.GroupRule
    dominance: int = 75  # percent
    words_kept: tuple[str, ...] = ()  # shared text: words the de-identification leaves standing
    words_removed: tuple[str, ...] = ()  # shared text: words left out besides what is found


class Gemeente(_Model):
    id: int
    regio_id: int
    name: str


class Participant(_Model):
    """Someone who took part. Only professionals; the name is optional."""

    name: str = Field(default="", max_length=200)
    role: str = Field(min_length=1, max_length=100)

    @field_validator("name", "role")
    @classmethod
    def _strip(cls, value: str) -> str:
        return clean_name(value)


class RoundInfo(_Model):
    id: int
    gemeente_id: int
    gemeente_name: str
    regio_id: int
    regio_name: str
    is_demo: bool
    held_on: date
    purpose: Purpose
    questionnaire_version: str
    participants: tuple[Participant, ...] = ()
    created_at: datetime
    updated_at: datetime


class RoundRow(_Model):
    """A round with at least one answer, as the rule for which round counts needs it."""

    round_id: int
    gemeente_id: int
    held_on: date
    purpose: str
    version: str
    answered: int
    total: int = 31

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


class RoundSummary(_Model):
    """A round as listed for a gemeente: enough to pick one and resume."""

    id: int
    held_on: date
    purpose: Purpose
    answered_by_block: dict[int, int]
    block_sizes: dict[int, int]
    answered: int
    total: int
    last_change: datetime
    apart: bool = False  # partners answer (or answered) this round alone first

    @property
    def resume_block(self) -> int:
        """The first block with unanswered questions; block 1 when all are answered."""
        for block, size in sorted(self.block_sizes.items()):
            if self.answered_by_block.get(block, 0) < size:
                return block
        return min(self.block_sizes, default=1)


class PartnerInfo(_Model):
    """A partner invited to answer a round alone first: role, optional name, and how far they are."""

    id: int
    round_id: int
    role: str
    name: str = ""
    answered: int = 0
    done: bool = False
    code_revoked: bool = False

    @property
    def who(self) -> str:
        return f"{self.role} ({self.name})" if self.name else self.role


class ApartPhase(_Model):
    """A round filled in "eerst ieder apart, dan samen". Closed: every partner may see the views."""

    round_id: int
    opened_by: str
    closed: bool = False
    partners: tuple[PartnerInfo, ...] = ()


EXTRA_BASE = 1000
"""An extra question's answer travels through the scan page and its autosave as number EXTRA_BASE + id, apart
from the core numbers 1 to 31; it is stored in a table of its own."""


class ExtraQuestion(_Model):
    """A question a regio added to the scan for its own gemeenten: marked as regional, never in a core figure."""

    id: int
    regio_id: int
    text: str
    help: str = ""
    standard: int  # the standard it relates to (shown beside it; it never counts in that standard's score)
    block: int
    position: int = 0
    removed: bool = False

    @property
    def number(self) -> int:
        return EXTRA_BASE + self.id

    @property
    def label(self) -> str:
        return f"Extra vraag {self.position} (regio)"

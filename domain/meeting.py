"""The live bijeenkomst (startbijeenkomst or follow-up) as plain models."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class MeetingKind(StrEnum):
    START = "start"
    VERVOLG = "vervolg"

    @property
    def label(self) -> str:
        return {MeetingKind.START: "Startbijeenkomst", MeetingKind.VERVOLG: "Vervolgbijeenkomst"}[self]


DEFAULT_PROGRAMME = (
    ("09:30", "Welkom en kennismaking"),
    ("09:45", "Het kwaliteitskader en de zelfscan"),
    ("10:05", "Vragen"),
    ("10:15", "In groepen per gemeente: blok 1 invullen (vragen 1–14)"),
    ("10:55", "Plenair: eerste resultaten. Wat valt op, wat is onduidelijk?"),
    ("11:15", "Pauze"),
    ("11:25", "In groepen per gemeente: blok 2 invullen (vragen 15–31)"),
    ("12:05", "Plenair: resultaten van blok 2"),
    ("12:25", "Afspraken over de volgende stappen"),
    ("12:30", "Einde"),
)

DEFAULT_FOLLOW_UP_PROGRAMME = (
    ("13:30", "Welkom; terugblik op het invullen (rad van fortuin)"),
    ("13:50", "De belangrijkste uitkomsten en de thema's die opvallen"),
    ("14:10", "In gemengde groepen per thema: regionaal of lokaal oppakken? Quick wins? Kosten?"),
    ("14:50", "Plenair: wat nemen de groepen mee?"),
    ("15:10", "Van scan naar plan van aanpak: prioriteiten, wie, wanneer, budget, bestuurlijke route"),
    ("15:30", "Einde"),
)

REFLECTION_QUESTIONS = (
    "Wie deden er mee aan het invullen, en wie hebben jullie gemist?",
    "Wat ging goed bij het invullen?",
    "Wat ben je benieuwd bij andere gemeenten?",
    "Hebben jullie de scan naar waarheid ingevuld? Waar twijfelden jullie?",
    "Wat zou je de volgende keer anders doen?",
    "Wat verraste je in de uitkomsten?",
    "Zijn de uitkomsten al intern besproken?",
    "Zijn de uitkomsten al met de wethouder besproken?",
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ProgrammeItem(_Model):
    time: str
    item: str


class MeetingGroup(_Model):
    """The table of one gemeente: its join code and its round for this bijeenkomst."""

    id: int
    gemeente_id: int
    gemeente_name: str
    round_id: int
    join_code: str
    code_id: int


class FaqItem(_Model):
    id: int
    question: str
    answer: str


class LiveTable(_Model):
    """A round filled in at a bijeenkomst that has not ended, as the devices at its table see it."""

    round_id: int
    gemeente_id: int
    regio_id: int
    meeting_id: int
    title: str
    open_block: int | None
    faq: tuple[FaqItem, ...]


class Reflection(_Model):
    id: int
    text: str
    asked: bool


class Breakout(_Model):
    """A mixed break-out group in a follow-up, working on one theme."""

    id: int
    name: str
    theme: str
    notes: str


class Meeting(_Model):
    id: int
    regio_id: int
    title: str
    held_on: date
    kind: MeetingKind
    open_block: int | None  # None: no block open, answers are frozen
    results_shown: bool
    names_shown: bool
    ended: bool
    programme: tuple[ProgrammeItem, ...]
    groups: tuple[MeetingGroup, ...]
    faq: tuple[FaqItem, ...] = ()
    reflections: tuple[Reflection, ...] = ()
    breakouts: tuple[Breakout, ...] = ()
    spun: Reflection | None = None  # the reflection question the wheel picked last
    spun_at: datetime | None = None

    def group_label(self, group: MeetingGroup) -> str:
        """The name of the gemeente, or 'Groep n' while names are hidden."""
        if self.names_shown:
            return group.gemeente_name
        return f"Groep {[g.id for g in self.groups].index(group.id) + 1}"

"""The verbeterplan (plan van aanpak) as plain models: the plan, its actions and notes."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class PlanKind(StrEnum):
    GEMEENTE = "gemeente"  # one gemeente, from one of its rounds
    REGIO = "regio"  # the region as a whole, from the latest rounds of its gemeenten; names no gemeente


class PlanLayout(StrEnum):
    PER_STANDAARD = "per_standaard"  # a section and a table for each standard, grouped by cluster
    PER_CLUSTER = "per_cluster"  # the VNG layout: one table per cluster

    @property
    def label(self) -> str:
        return {
            PlanLayout.PER_STANDAARD: "Een tabel per standaard (gegroepeerd per cluster)",
            PlanLayout.PER_CLUSTER: "Een tabel per cluster (zoals het VNG-format)",
        }[self]


class ActionStatus(StrEnum):
    GEPLAND = "gepland"
    IN_UITVOERING = "in_uitvoering"
    GEREED = "gereed"
    BIJGESTELD = "bijgesteld"
    VERVALLEN = "vervallen"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ActionLevel(StrEnum):
    LOKAAL = "lokaal"
    REGIONAAL = "regionaal"

    @property
    def label(self) -> str:
        return self.value.capitalize()


ALL_CLUSTERS = "alle"

# The plan's own text fields, in the order of the document, with their Dutch labels.
PLAN_TEXT_FIELDS: dict[str, str] = {
    "title": "Titel",
    "period": "Periode",
    "introduction": "Inleiding",
    "context": "Context",
    "summary": "Samenvatting van de belangrijkste uitkomsten en voorgestelde maatregelen",
    "costs": "Kosten en financiering",
    "monitoring": "Monitoring van de voortgang",
    "securing": "Borging",
    "commissioner": "Opdrachtgever",
    "author": "Wie schrijft het plan",
    "presented_to": "Aan wie wordt het plan voorgelegd",
    "adoption": "Wie stelt het plan vast, en wanneer",
    "repeat_scan": "Wanneer wordt de scan herhaald",
}

# The six columns of the VNG table, in order: the action field and its column heading.
ACTION_COLUMNS: dict[str, str] = {
    "measure": "Maatregel / verbeterpunt",
    "current_state": "Huidige stand van zaken",
    "description": "Omschrijving verbeteractie",
    "intended_result": "Beoogd resultaat (prestatie-indicatoren)",
    "owner": "Wie gaat het doen",
    "planning": "Planning",
}
ACTION_TEXT_FIELDS = tuple(ACTION_COLUMNS)

# What to write in a field, shown in an empty field of a document and gone once something is typed.
GUIDANCE: dict[str, str] = {
    "current_state": "Vul in: hoe het nu gaat en wat ontbreekt.",
    "description": "Vul in: wat u gaat doen, concreet.",
    "intended_result": "Vul in: wat er dan anders is, en hoe u dat meet.",
    "owner": "Vul in: wie (functie of team).",
    "introduction": "Vul in: waarom dit plan er is en voor wie.",
    "context": "Vul in: wat er al loopt in de gemeente of regio.",
    "summary": "Vul in: de belangrijkste uitkomsten en de maatregelen die u voorstelt.",
    "costs": "Vul in: wat het kost en wie het betaalt.",
    "monitoring": "Vul in: hoe en wanneer u de voortgang bekijkt.",
    "securing": "Vul in: hoe u zorgt dat het blijft werken.",
    "commissioner": "Vul in: wie opdracht geeft.",
    "author": "Vul in: wie het plan schrijft.",
    "presented_to": "Vul in: aan wie het plan wordt voorgelegd.",
    "adoption": "Vul in: wie het plan vaststelt, en wanneer.",
    "repeat_scan": "Vul in: wanneer de scan opnieuw wordt ingevuld.",
}
ACTION_FIELDS = (*ACTION_TEXT_FIELDS, "level", "status", "start_on", "due_on")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class PlanAction(_Model):
    """One row of a plan table: a verbeteractie for one standard."""

    id: int
    standard: int
    position: int
    question_numbers: tuple[int, ...] = ()
    measure: str = ""
    current_state: str = ""
    description: str = ""
    intended_result: str = ""
    owner: str = ""
    planning: str = ""
    level: ActionLevel = ActionLevel.LOKAAL
    status: ActionStatus = ActionStatus.GEPLAND
    start_on: date | None = None
    due_on: date | None = None
    removed: bool = False


class PlanInfo(_Model):
    """A plan as listed: enough to pick it."""

    id: int
    kind: PlanKind
    regio_id: int
    gemeente_id: int | None
    title: str
    period: str
    clusters: str  # ALL_CLUSTERS or one cluster code
    layout: PlanLayout
    min_share: float | None  # regional plans: the share of gemeenten a question must be niet op orde in
    source_round_ids: tuple[int, ...]
    publication_id: int | None = None  # a regional plan: the publication its figures come from
    created_at: datetime
    updated_at: datetime


class Plan(_Model):
    info: PlanInfo
    texts: dict[str, str]  # PLAN_TEXT_FIELDS -> text
    keep_notes: dict[int, str]  # standard -> how it is kept op orde (or other notes on the standard)
    actions: tuple[PlanAction, ...]

    @property
    def live_actions(self) -> list[PlanAction]:
        return [a for a in self.actions if not a.removed]

    @property
    def removed_actions(self) -> list[PlanAction]:
        return [a for a in self.actions if a.removed]

"""Create "Regio Voorbeeld": eight fictional gemeenten with rounds, answers and notes.

The answers are drawn with a fixed seed, so the demo is the same on every machine.
Each gemeente has its own strength, so the region's picture differs per standard.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from sqlalchemy import Engine

import indicators
import questionnaire
from demo.texts import TOELICHTINGEN
from domain.answers import AnswerValue
from domain.calendar import AMSTERDAM
from domain.models import Participant, Purpose, Regio
from indicators.models import Figure, Level, Retrievable, Unambiguous, Unit
from services.access_codes import issue_demo_codes
from services.publications import Options, Selection, publish_in
from store import answers_repo, indicator_repo, partner_repo
from store import repository as repo
from store.unit_of_work import writing

DEMO_REGIO_NAME = "Regio Voorbeeld"
DEMO_SHARED_ON = date(2026, 4, 1)  # when the fictional regio fixed the figures it shares

# name, chance of "op orde" per standard (1..10), rounds: (date, purpose, answered count)
DEMO_GEMEENTEN: list[tuple[str, float, list[tuple[date, Purpose, int]]]] = [
    ("Aalsveen", 0.75, [(date(2024, 3, 12), Purpose.NULMETING, 31), (date(2026, 3, 10), Purpose.EVALUATIE, 31)]),
    ("Brakeloo", 0.45, [(date(2024, 3, 12), Purpose.NULMETING, 31)]),
    ("Dorrestein", 0.6, [(date(2024, 3, 14), Purpose.NULMETING, 31), (date(2026, 3, 11), Purpose.EVALUATIE, 31)]),
    ("Hemmerwaard", 0.35, [(date(2024, 3, 14), Purpose.NULMETING, 31)]),
    ("Kloosterhoeve", 0.8, [(date(2024, 3, 19), Purpose.NULMETING, 31)]),
    ("Lindebroek", 0.55, [(date(2024, 3, 19), Purpose.NULMETING, 31), (date(2026, 3, 17), Purpose.EVALUATIE, 22)]),
    ("Wilgenvliet aan de Maas", 0.5, [(date(2024, 3, 21), Purpose.NULMETING, 31)]),
    ("Zevenhoeve", 0.65, [(date(2024, 3, 21), Purpose.NULMETING, 14)]),
]

# Standards that are harder everywhere in this fictional region (capacity, specialised help).
REGIONAL_WEAK_STANDARDS = {5: -0.3, 9: -0.25, 8: -0.1}

# Gemeenten whose latest round their partners answered alone first (then agreed): enough for the
# regio's count of disagreements to show, with each partner's own view drawn near the agreed answer.
DEMO_APART = ("Aalsveen", "Brakeloo", "Dorrestein", "Hemmerwaard", "Kloosterhoeve", "Wilgenvliet aan de Maas")
DEMO_PARTNER_ROLES = ("Veilig Thuis", "Jeugdprofessional", "Beleidsmedewerker jeugd")

DEMO_PARTICIPANTS = [
    Participant(name="", role="Beleidsmedewerker jeugd"),
    Participant(name="", role="Beleidsmedewerker Wmo"),
    Participant(name="", role="Teamleider"),
    Participant(name="", role="Gedragswetenschapper"),
    Participant(name="", role="Veilig Thuis"),
]


def load_demo_region(engine: Engine, *, national: bool = False) -> Regio:
    """Create the demo region and its demo codes once; return the existing one when it is there. With `national`,
    also the five other fictional regions of the national picture (demo/national.py), as a newcomer gets it."""
    regio = _demo_region(engine)
    if national:
        from demo.national import load_national_demo  # it builds on this module's region

        load_national_demo(engine, regio.id)
    return regio


def _demo_region(engine: Engine) -> Regio:
    with writing(engine) as session:
        for regio in repo.list_regios(session):
            if regio.is_demo and regio.name == DEMO_REGIO_NAME:
                return regio
        regio = repo.create_regio(session, name=DEMO_REGIO_NAME, is_demo=True)
        # The de-identification of shared text takes "Scholing" at the start of a sentence for a surname; the demo
        # regio has kept it, as a regio does on its page (Delen en downloaden).
        repo.set_regio_settings(session, regio_id=regio.id, words_kept=("Scholing",))
        regio = repo.get_regio(session, regio_id=regio.id)
        rng = random.Random(2019_11_21)
        qn = questionnaire.current()
        for name, strength, rounds in DEMO_GEMEENTEN:
            gemeente = repo.add_gemeente(session, regio_id=regio.id, name=name)
            for index, (held_on, purpose, answered) in enumerate(rounds):
                round_id = repo.create_round(
                    session,
                    gemeente_id=gemeente.id,
                    held_on=held_on,
                    purpose=purpose,
                    questionnaire_version=qn.version,
                    participants=DEMO_PARTICIPANTS,
                )
                improvement = 0.15 * index
                for question in qn.questions[:answered]:
                    chance = strength + REGIONAL_WEAK_STANDARDS.get(question.standard, 0) + improvement
                    op_orde = rng.random() < chance
                    value = AnswerValue.OP_ORDE if op_orde else AnswerValue.NIET_OP_ORDE
                    fields = [("value", value.value)]
                    if rng.random() < 0.7:
                        fields.append(("toelichting", TOELICHTINGEN[question.number][0 if op_orde else 1]))
                    for field, new in fields:
                        answers_repo.save_field(
                            session,
                            round_id=round_id,
                            question_number=question.number,
                            field=field,  # type: ignore[arg-type]
                            new=new,
                            expected=None,
                            actor=f"Demo {name} (gemeente)",
                            code_id=None,
                        )
                # A round of years ago last changed on its own day, not today.
                moment = datetime.combine(held_on, time(15, 30), tzinfo=AMSTERDAM)
                answers_repo.set_moment_of_round(session, round_id=round_id, moment=moment)
            if name in DEMO_APART:
                _partners_apart(session, round_id, random.Random(f"{name} apart"))
        gemeenten = [(g.id, g.name) for g in repo.list_gemeenten(session, regio_id=regio.id)]
        _indicators(session, regio.id, [g for g, _ in gemeenten], random.Random("demo indicatoren"))
        issue_demo_codes(session, regio_id=regio.id, gemeenten=gemeenten)
        # What the regio shares: a publication of its rounds by its own rule, so gemeenten, the factsheet and a
        # regional plan have figures from the start.
        publish_in(
            session,
            regio_id=regio.id,
            actor="Demo (regio)",
            selection=Selection(),
            options=Options(),
            made_at=datetime.combine(DEMO_SHARED_ON, time(10, 0), tzinfo=AMSTERDAM),
        )
        return regio


def _partners_apart(session, round_id: int, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Three partners who each answered the round alone; one in ten of their answers differs."""
    partner_repo.open_phase(session, round_id=round_id, actor="Demo (gemeente)")
    agreed = {a.question_number: a.value for a in answers_repo.load_answers(session, round_id=round_id)}
    for role in DEMO_PARTNER_ROLES:
        partner_id = partner_repo.add_partner(session, round_id=round_id, role=role, name="", code_id=None)
        for number, value in agreed.items():
            if value is None:
                continue
            differs = rng.random() < 1 / 10
            other = AnswerValue.NIET_OP_ORDE if value is AnswerValue.OP_ORDE else AnswerValue.OP_ORDE
            own = other if differs else value
            partner_repo.save_field(
                session, partner_id=partner_id, question_number=number, field="value", new=own.value
            )
            if differs:
                text = TOELICHTINGEN[number][0 if own is AnswerValue.OP_ORDE else 1]
                partner_repo.save_field(
                    session, partner_id=partner_id, question_number=number, field="toelichting", new=text
                )
        partner_repo.set_done(session, partner_id=partner_id, done=True)
    partner_repo.close_phase(session, round_id=round_id, actor="Demo (gemeente)")


# Procesindicatoren of the demo: four from the template, four quarters, fictional figures.
DEMO_INDICATORS = {
    "vt-overdrachten": (Retrievable.YES, Unambiguous.YES),
    "vt-wachtlijst": (Retrievable.YES, Unambiguous.PARTLY),
    "wijkteam-doorlooptijd": (Retrievable.PARTLY, Unambiguous.NO),
    "veiligheidsplan": (Retrievable.PARTLY, Unambiguous.NO),
}
DEMO_PERIODS = ("2025-K2", "2025-K3", "2025-K4", "2026-K1")


def _indicators(session, regio_id: int, gemeente_ids: list[int], rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    template = indicators.template()
    figures = []
    for key, (retrievable, unambiguous) in DEMO_INDICATORS.items():
        item = template.by_key(key)
        indicator_id = indicator_repo.add_indicator(
            session, regio_id=regio_id, indicator=item, template_version=template.version
        )
        indicator_repo.set_availability(
            session, indicator_id=indicator_id, retrievable=retrievable, unambiguous=unambiguous
        )
        places = [None] if item.level is Level.REGIO else gemeente_ids
        for step, period in enumerate(DEMO_PERIODS):
            for place in places:
                if item.unit is Unit.COUNT:
                    value = float(rng.randint(25, 60) if place is None else rng.randint(2, 24))
                else:
                    value = float(min(100, rng.randint(45, 80) + 3 * step))
                figures.append(Figure(indicator_id=indicator_id, gemeente_id=place, period=period, value=value))
    indicator_repo.save_figures(session, figures_to_store=figures, actor="Demo (regio)")

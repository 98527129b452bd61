"""The national picture of the demo: five more fictional regions beside "Regio Voorbeeld", each with gemeenten that
answered the scan in 2024 and again in 2026, each sharing its figures and taking part in the national picture (some
by name, some without), and a demo code for the national team. Drawn with a fixed seed, like the rest of the demo."""

from __future__ import annotations

import random
from datetime import date, datetime, time

from sqlalchemy import Engine
from sqlalchemy.orm import Session

import questionnaire
from analysis.contribution import contribution_of
from domain.answers import AnswerValue
from domain.calendar import AMSTERDAM
from domain.models import Purpose
from services.access_codes import issue_demo_national_code
from services.publications import Options, Selection, loaded_picture, publish_in
from store import answers_repo, national_repo, publication_repo
from store import repository as repo
from store.unit_of_work import writing

# name, named in the national picture, chance of "op orde" in 2024, gemeenten
DEMO_REGIOS: list[tuple[str, bool, float, tuple[str, ...]]] = [
    ("Regio Heuvelland (voorbeeld)", True, 0.55,
     ("Bergveld", "Dalhoeve", "Heikant", "Mergelrode", "Voerbeek", "Krijtheuvel")),
    ("Regio Kustzone (voorbeeld)", True, 0.4, ("Duinwijk", "Havenloo", "Strandhoeve", "Zeewierde", "Zilthoeve")),
    ("Regio Rivierenland (voorbeeld)", False, 0.65,
     ("Dijkhuizen", "Uiterwaard", "Waalkant", "Kribbeloo", "Oeverdam", "Veerhaven", "Zandplaat")),
    ("Regio Veenkoloniën (voorbeeld)", False, 0.35,
     ("Turfhoek", "Wijkmond", "Dalveen", "Kanaaldorp", "Monddijk", "Veenakker")),
    ("Regio Stedenring (voorbeeld)", True, 0.6,
     ("Ringstad", "Poortwijk", "Singelveen", "Torenhof", "Wallekant", "Brugwaard")),
]  # fmt: skip
PERIODS = ((2024, date(2024, 3, 1)), (2026, date(2026, 3, 1)))
VOORBEELD_PERIODS = {2024: (date(2024, 1, 1), date(2024, 12, 31)), 2026: None}


def load_national_demo(engine: Engine, voorbeeld_id: int) -> None:
    """Once, beside the demo region: the other regions, their contributions and the national team's demo code."""
    with writing(engine) as session:
        if any(t.regio_id == voorbeeld_id for t in national_repo.takings(session)):
            return
        qn = questionnaire.current()
        rng = random.Random("landelijk beeld")
        # Regio Voorbeeld: its figures over 2024 (rounds of that year), then its newest as they stand.
        for year, period in VOORBEELD_PERIODS.items():
            _share_and_join(session, voorbeeld_id, year, named=True, period=period)
        for name, named, strength, gemeenten in DEMO_REGIOS:
            regio = repo.create_regio(session, name=name, is_demo=True)
            for gemeente_name in gemeenten:
                gemeente = repo.add_gemeente(session, regio_id=regio.id, name=gemeente_name)
                own = strength + rng.uniform(-0.15, 0.15)
                for step, (_year, held_on) in enumerate(PERIODS):
                    round_id = repo.create_round(
                        session,
                        gemeente_id=gemeente.id,
                        held_on=held_on,
                        purpose=Purpose.NULMETING if step == 0 else Purpose.EVALUATIE,
                        questionnaire_version=qn.version,
                        participants=[],
                    )
                    for question in qn.questions:
                        op_orde = rng.random() < own + 0.12 * step - (0.2 if question.standard in (5, 9) else 0)
                        value = AnswerValue.OP_ORDE if op_orde else AnswerValue.NIET_OP_ORDE
                        answers_repo.save_field(session, round_id=round_id, question_number=question.number,
                                                field="value", new=value.value, expected=None,
                                                actor=f"Demo {gemeente_name} (gemeente)", code_id=None)  # fmt: skip
                    moment = datetime.combine(held_on, time(15, 30), tzinfo=AMSTERDAM)
                    answers_repo.set_moment_of_round(session, round_id=round_id, moment=moment)
            for year, held_on in PERIODS:
                _share_and_join(session, regio.id, year, named=named, period=(date(year, 1, 1), date(year, 12, 31)),
                                made_on=held_on)  # fmt: skip
        issue_demo_national_code(session)


def _share_and_join(
    session: Session,
    regio_id: int,
    year: int,
    *,
    named: bool,
    period: tuple[date, date] | None,
    made_on: date | None = None,
) -> None:
    moment = datetime.combine(made_on or date(year, 4, 1), time(10, 0), tzinfo=AMSTERDAM)
    publish_in(session, regio_id=regio_id, actor="Demo (regio)", selection=Selection(period=period), options=Options(),
               made_at=moment)  # fmt: skip
    regio = repo.get_regio(session, regio_id=regio_id)
    found = publication_repo.latest(session, regio_id=regio_id)
    assert found is not None
    picture = loaded_picture(session, regio, found[1])
    contribution = contribution_of(
        picture, named=named, period=str(year), questionnaire_version=questionnaire.current().version
    )
    deelname = national_repo.join(
        session,
        regio_key=f"hier:{regio_id}",
        regio_id=regio_id,
        regio_name=regio.name,
        named=named,
        by_file=False,
        actor="Demo (regio)",
    )
    national_repo.contribute(
        session,
        deelname_id=deelname,
        period=str(year),
        contribution=contribution.model_dump_json(),
        actor="Demo (regio)",
    )


__all__ = ["DEMO_REGIOS", "load_national_demo"]

"""The national figures for a country: how long a national stand takes to compute and check.

42 regions (as many as there are jeugdregio's), each with 8 to 30 gemeenten, contributions for two scan years,
and ten earlier national stands to check against (differencing, `smallest_isolated`). Times `analysis.national.build`
(median of 5) and the factsheet and workbook made from its picture. Figures only, no database.
Usage: .venv/bin/python -m bench.national
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import questionnaire
from analysis.contribution import ContributedQuestion, ContributedStandard, Contribution, Range
from analysis.national import NationalRules
from analysis.national_stand import build
from exports.national_factsheet import national_html
from exports.xlsx_national import national_workbook

REGIONS = 42


def contribution(rng: random.Random, name: str, period: str) -> Contribution:
    qn = questionnaire.current()
    of = rng.randint(8, 30)
    questions = []
    for q in qn.questions:
        x = rng.randint(0, of)
        low, high = (x, x) if 1 < x < of - 1 else ((0, 1) if x <= 1 else (of - 1, of))
        questions.append(ContributedQuestion(number=q.number, standard=q.standard, op_orde=Range(low=low, high=high),
                                             of=of))  # fmt: skip
    standards = []
    for s in qn.standards:
        own = [q for q in questions if q.standard == s.number]
        mean = sum((q.op_orde.low or 0) for q in own) / (len(own) * of)
        whole = rng.randint(0, of // 2)
        standards.append(ContributedStandard(number=s.number, mean=Range(low=mean, high=mean),
                                             whole=Range(low=whole, high=whole), of=of))  # fmt: skip
    return Contribution(regio_name=name, named=rng.random() < 0.5, period=period, made_on=date(2026, 4, 1),
                        questionnaire_version=qn.version, gemeenten_counted=of, standards=tuple(standards),
                        questions=tuple(questions))  # fmt: skip


def main() -> None:
    rng = random.Random("landelijk")
    active = [(f"hier:{r}", contribution(rng, f"Regio {r}", year)) for r in range(REGIONS) for year in ("2024", "2026")]
    rules = NationalRules()
    version = questionnaire.current().version
    earlier: list[dict[str, list[str]]] = []
    before = None
    for k in range(10):  # ten earlier stands, each with one more regio in
        part = [(key, c) for key, c in active if int(key.split(":")[1]) < REGIONS - 10 + k]
        before, rested = build(part, rules=rules, questionnaire_version=version, made_at=datetime.now(UTC),
                               earlier=earlier, before=before)  # fmt: skip
        earlier.append({p: sorted(v) for p, v in rested.items()})
    times = []
    for _ in range(5):
        start = time.perf_counter()
        picture, _ = build(active, rules=rules, questionnaire_version=version, made_at=datetime.now(UTC),
                           earlier=earlier, before=before)  # fmt: skip
        times.append(time.perf_counter() - start)
    names = {s.number: s.short_name for s in questionnaire.current().standards}
    texts = {q.number: q.text for q in questionnaire.current().questions}
    start = time.perf_counter()
    national_html(picture, names, texts)
    html = time.perf_counter() - start
    start = time.perf_counter()
    national_workbook(picture, names, texts)
    xlsx = time.perf_counter() - start
    median, most = statistics.median(times) * 1000, max(times) * 1000
    print(f"{REGIONS} regio's x 2 jaren, 10 eerdere standen: build median {median:.0f} ms, max {most:.0f} ms; "
          f"factsheet (HTML) {html * 1000:.0f} ms; werkboek {xlsx * 1000:.0f} ms")  # fmt: skip
    print(f"kept: {len(picture.kept)}, withheld years: {[p.period for p in picture.periods if p.withheld]}")


if __name__ == "__main__":
    main()

"""The families of figures a publication holds besides the scan, read from their own tables: the partners'
agreement counts and the procesindicatoren. Each comes with its contributions (per gemeente, what it rests on)
for the differencing check in `services/publications.py`."""

from __future__ import annotations

from sqlalchemy.orm import Session

import questionnaire
from analysis.agreement import question_views
from analysis.deidentify import Words, clean
from analysis.disclosure import Rules, count
from analysis.indicators import period_key
from analysis.picture import SharedIndicator, SharedPartners, fingerprint, shared_indicator_period
from services.regio_report import RegioReport
from store import indicator_repo, partner_repo


def partner_family(session: Session, report: RegioReport, rules: Rules) -> tuple[SharedPartners, frozenset[str]]:
    """Over the counted rounds filled in apart first: per question at how many gemeenten partners differed,
    as first handed in and as they stand now. Counts only."""
    counted = {g.round_id: g for g in report.counted if g.round_id is not None}
    with_phase = sorted(partner_repo.rounds_with_phase(session, round_ids=list(counted)))
    views = partner_repo.views_of_rounds(session, round_ids=with_phase)
    qn = questionnaire.current()
    numbers = [(q.number, q.standard) for q in qn.questions]
    per_round = {r: question_views(numbers, views[r], {}) for r in with_phase}
    if len(per_round) < rules.min_gemeenten:
        note = (
            f"Dit is pas te zien als minstens {rules.min_gemeenten} gemeenten (van de rondes die meetellen) hun "
            "partners eerst apart lieten invullen. Zo is niet te herleiden om welke gemeente het gaat."
        )
        return SharedPartners(gemeenten_apart=len(per_round), note=note), frozenset()
    rows = []
    for number, _standard in numbers:
        first = [q for qs in per_round.values() for q in qs if q.number == number and q.comparable_first]
        later = [q for qs in per_round.values() for q in qs if q.number == number and q.comparable]
        rows.append(
            (
                number,
                count(sum(1 for q in first if q.disagreed_first), len(first), rules),
                count(sum(1 for q in later if q.disagree), len(later), rules),
            )
        )
    members = frozenset(
        f"{counted[r].gemeente_id}:{r}:"
        + fingerprint([(q.number, [(v.partner_id, v.first_value, v.value) for v in q.views]) for q in qs])
        for r, qs in per_round.items()
    )
    return SharedPartners(gemeenten_apart=len(per_round), questions=tuple(rows)), members


def indicator_families(
    session: Session, report: RegioReport, rules: Rules, words: Words
) -> tuple[list[SharedIndicator], dict[str, frozenset[str]]]:
    items = indicator_repo.list_indicators(session, regio_id=report.regio.id)
    min_count = indicator_repo.min_count(session, regio_id=report.regio.id)
    figures = indicator_repo.figures(session, indicator_ids=[i.id for i in items])
    found, members = [], {}
    for item in items:
        own = [f for f in figures if f.indicator_id == item.id]
        periods = []
        for period in sorted({f.period for f in own}, key=period_key):
            here = [f for f in own if f.period == period]
            per_gemeente = {f.gemeente_id: f.value for f in here if f.gemeente_id is not None}
            for_regio = next((f.value for f in here if f.gemeente_id is None), None)
            shown = shared_indicator_period(
                period, for_regio, list(per_gemeente.values()), item.indicator.unit.value, min_count, rules
            )
            periods.append(shown)
            if for_regio is None and shown.value is not None:
                members[f"indicator:{item.id}:{period}"] = frozenset(f"{g}:{v}" for g, v in per_gemeente.items())
        texts = {f: clean(getattr(item.indicator, f), words) for f in ("name", "definition", "source")}
        found.append(
            SharedIndicator(
                indicator_id=item.id,
                name=texts["name"],
                definition=texts["definition"],
                source=texts["source"],
                unit=item.indicator.unit.value,
                standards=item.indicator.standards,
                periods=tuple(periods),
            )
        )
    return found, members

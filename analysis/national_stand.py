"""A national stand: the national picture of the current contributions, checked against every earlier stand
(differencing one level up, `analysis.disclosure.smallest_isolated` with regions as members). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from analysis.contribution import Contribution
from analysis.disclosure import smallest_isolated
from analysis.national import Change, NationalPicture, NationalRules, PeriodPicture, change_between, period_picture


def build(
    active: Sequence[tuple[str, Contribution]],
    *,
    rules: NationalRules,
    questionnaire_version: str,
    made_at: datetime,
    earlier: Sequence[dict[str, list[str]]],
    before: NationalPicture | None,
    is_demo: bool = False,
) -> tuple[NationalPicture, dict[str, frozenset[str]]]:
    """The national picture of the active contributions ((regio key, contribution)), checked per period against
    the earlier national publications (`earlier`: per publication, period -> what its figures rested on). A period
    whose new figures would isolate fewer than `min_regios` regions keeps the figures of the newest publication
    when every regio of those is still in (one joined or changed), and is withheld when one left (keeping them
    would keep the regio that left). Returns the picture and, per period, what its figures rest on."""
    left_out = []
    by_period: dict[str, dict[str, Contribution]] = {}
    for key, c in active:
        if c.questionnaire_version != questionnaire_version:
            left_out.append(
                f"Een bijdrage over {c.period} gebruikt vragenlijst {c.questionnaire_version}; de landelijke cijfers "
                f"gaan over vragenlijst {questionnaire_version}. Die bijdrage telt niet mee."
            )
            continue
        by_period.setdefault(c.period, {})[key] = c
    last = earlier[-1] if earlier else {}
    periods, kept, rested = [], [], {}
    fresh = set()  # periods whose figures are made now from the current contributions (not kept, not withheld)
    for period in sorted(by_period):
        members = frozenset(f"{key}:{c.digest()}" for key, c in by_period[period].items())
        found = period_picture(period, list(by_period[period].values()), rules)
        if found.withheld:
            periods.append(found)
            continue
        history = _history(earlier, period)
        previous = frozenset(last.get(period, ()))
        safe = members in history or smallest_isolated([*history, members], rules.min_regios) is None
        if members == previous or safe:
            periods.append(found)
            rested[period] = members
            fresh.add(period)
            continue
        regios_before = {m.rsplit(":", 1)[0] for m in previous}
        regios_now = {m.rsplit(":", 1)[0] for m in members}
        old = before.period(period) if before is not None else None
        why = f"nieuwe cijfers zouden naast de vorige laten zien wat minder dan {rules.min_regios} regio's deelden"
        if regios_before <= regios_now and old is not None and not old.withheld:
            periods.append(old)
            rested[period] = previous
            kept.append(f"De cijfers over {period} blijven zoals in de vorige landelijke stand: {why}.")
            continue
        periods.append(
            PeriodPicture(
                period=period,
                regios=found.regios,
                gemeenten=found.gemeenten,
                withheld=f"De cijfers over {period} tonen we nu niet: {why}"
                + (" (sinds de vorige stand stopte een regio)." if not regios_before <= regios_now else "."),
            )
        )
    names = sorted({c.regio_name for part in by_period.values() for c in part.values() if c.named})
    keys = {key for part in by_period.values() for key in part}
    named_keys = {key for part in by_period.values() for key, c in part.items() if c.named}
    shown = [p.period for p in periods if not p.withheld]
    change = None
    if len(shown) >= 2:
        change = _checked_change(shown[-2], shown[-1], by_period, rules, earlier, rested, fresh)
    picture = NationalPicture(
        made_at=made_at,
        rules=rules,
        questionnaire_version=questionnaire_version,
        named=tuple(names),
        unnamed=len(keys - named_keys),
        periods=tuple(periods),
        change=change,
        left_out=tuple(left_out),
        kept=tuple(kept),
        is_demo=is_demo,
    )
    return picture, rested


def _history(earlier: Sequence[dict[str, list[str]]], period: str) -> list[frozenset[str]]:
    """Every set an earlier national stand rested on for this period: its figures and its change's column."""
    return [frozenset(p.get(key, ())) for p in earlier for key in (period, f"{CHANGE}{period}") if p.get(key)]


CHANGE = "verandering:"


def _checked_change(
    first: str,
    second: str,
    by_period: dict[str, dict[str, Contribution]],
    rules: NationalRules,
    earlier: Sequence[dict[str, list[str]]],
    rested: dict[str, frozenset[str]],
    fresh: set[str],
) -> Change:
    """The change between two periods, over the regions in both. Its columns rest on other sets of regions than the
    periods' own figures (a regio in one period only is left out), so each column is checked against those and
    every earlier stand as a publication of its own: withheld when subtracting would isolate fewer than
    `min_regios` regions. Added to `rested` when shown."""
    found = change_between(first, second, by_period, rules)
    if found.withheld:
        return found
    if not {first, second} <= fresh:
        return found.model_copy(
            update={
                "standards": (),
                "withheld": "De cijfers van een van beide periodes blijven zoals eerder gedeeld; "
                "een verandering zou die naast de nieuwe cijfers zetten.",
            }
        )
    both = set(by_period[first]) & set(by_period[second])
    columns = {}
    for period in (first, second):
        column = frozenset(f"{key}:{by_period[period][key].digest()}" for key in both)
        sets = [*_history(earlier, period), rested[period], column]
        if column not in sets[:-1] and smallest_isolated(sets, rules.min_regios) is not None:
            return found.model_copy(
                update={
                    "standards": (),
                    "withheld": f"In {period} deden ook regio's mee die in de andere periode niet meededen, minder "
                    f"dan {rules.min_regios}. Een verandering over alleen de regio's in beide periodes zou naast de "
                    f"cijfers van {period} laten zien wat die regio's deelden.",
                }
            )
        columns[f"{CHANGE}{period}"] = column
    rested.update(columns)
    return found


__all__ = ["CHANGE", "build"]
